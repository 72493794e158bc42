import OptiscapeCore

/// What a plot of a state shows, decided once for the terminal renderer and for the
/// full-resolution pictures (OptiscapePicture), so that both show the same thing: the same
/// contour surface and levels, the same runners in the same order, the same panel text.
public enum PlotContent {
    /// The render level spec for a scene's: its count, log or linear spacing (the 0-1 loss is
    /// linear).
    public static func levels(for spec: OptiscapeCore.LevelSpec) -> LevelSpec {
        LevelSpec(count: spec.count, spacing: spec.scale == .log ? .log : .linear)
    }

    /// What the contours show: the landscape, or its 0-1 loss under `levels: zero-one`.
    public static func surface(of state: AppState) -> any Landscape {
        let l = state.landscape
        if state.scene.levels.scale == .zeroOne, let c = l as? any ClassificationLandscape {
            return ZeroOneSurface(c)
        }
        return l
    }

    /// Identifies what ``surface(of:)`` draws, for caches: its name, formula, parameter values
    /// (a knob turned makes a new key) and ``Landscape/identity`` (a slice's plane and data: a
    /// re-sliced plane makes a new key).
    public static func surfaceKey(_ state: AppState) -> String {
        key(of: surface(of: state), state.landscape)
    }

    /// The cache key of `surface`, drawn for `landscape` (itself, or its 0-1 loss).
    static func key(of surface: any Landscape, _ landscape: any Landscape) -> String {
        let params = landscape.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.bitPattern)" }
        return surface.name + "\u{1}" + landscape.formula + "\u{1}" + params.joined(separator: ",") + "\u{1}" + landscape.identity
    }

    /// The visible runners' indices in drawing order: the selected one last, so that it is on
    /// top where paths cross.
    public static func drawingOrder(_ state: AppState) -> [Int] {
        let visible = state.simulation.runners.indices.filter { !state.hidden.contains($0) }
        let sel = state.selected
        return visible.filter { $0 != sel } + (visible.contains(sel) ? [sel] : [])
    }

    /// How runner `i`'s path is drawn in `mode`: its colour, a darker shade, and whether it is
    /// diverging (drawn faded and underneath the others), as on screen.
    public static func trail(_ state: AppState, _ i: Int, mode: ColorMode) -> TrailStyle {
        RenderContext(state: state, mode: mode).trail(i)
    }

    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    /// The points runner `i`'s steps evaluated on their way (``Runner/trialPoints``), drawn
    /// dimmed in its colour: the line-search trials (L-BFGS, CG, BFGS; coordinate descent's 1-D
    /// Newton trials) and L-BFGS's inner iterates. Empty for the other methods.
    public static func lineSearchPoints(_ state: AppState, runner i: Int) -> [Vec2] {
        state.simulation.runners[i].trialPoints
    }

    /// Whether a visible runner is a line-search method, whose trials the plot shows (the
    /// marker key then names the dimmed dots).
    public static func showsTrialPoints(_ state: AppState) -> Bool {
        drawingOrder(state).contains { state.simulation.runners[$0].config.optimizer.kind.isLineSearchMethod }
    }

    /// The screen's chrome colours in `mode` (the terminal's ``Theme``), for pictures.
    public struct Chrome: Hashable, Sendable {
        public let text, dimText, heading, border, marker, good, bad, warning: Color

        public init(mode: ColorMode) {
            let t = Theme(mode: mode)
            text = t.text; dimText = t.dimText; heading = t.heading; border = t.border
            marker = t.marker; good = t.good; bad = t.bad; warning = t.warning
        }
    }

    /// A runner's status as the legend shows it, with its colour in `mode`: a running
    /// runner's step (its status text has none), or how and where it stopped.
    public static func status(of r: Runner, mode: ColorMode) -> (text: String, color: Color) {
        status(of: r, theme: Theme(mode: mode))
    }

    static func status(of r: Runner, theme: Theme) -> (text: String, color: Color) {
        switch r.status {
        case .running: return ("step \(r.step) · running", theme.text)
        // Green only for a minimum: stopping on a saddle or a maximum (Newton's attraction, §8.2.3)
        // is a true stop but no success, so it is a warning.
        case let .converged(_, kind): return (r.status.text, kind == .saddle || kind == .maximum ? theme.warning : theme.good)
        // A stop by the method's own test (L-BFGS's tolerance-change, a singular Hessian) is no
        // failure and no proof of a minimum: a warning, like a stall.
        case .stalled, .stopped: return (r.status.text, theme.warning)
        case .diverged, .undefined, .overflow: return (r.status.text, theme.bad)
        }
    }

    /// One piece of a panel line: text in one colour, bold or not.
    public struct Run: Hashable, Sendable {
        public var text: String
        public var color: Color
        public var bold: Bool
    }

    /// The inside panel's lines (`i`) as the terminal shows them `width` columns wide, in
    /// `mode`'s colours: the numbers behind the selected runner's next update, keys in a
    /// column of their own, then the lesson text.
    public static func insideLines(_ state: AppState, width: Int, mode: ColorMode = .full256) -> [[Run]] {
        let ctx = RenderContext(state: state, mode: mode)
        return InsidePanel.lines(ctx, width: width, rows: .max).map { line in
            line.runs.map { Run(text: $0.text, color: $0.color, bold: $0.attributes.contains(.bold)) }
        }
    }
}

extension PlotContent {
    /// The points a network scene's plane goes through, to mark on the plot (none for 2-D).
    public static func anchors(_ state: AppState) -> [SliceLandscape.Anchor] {
        (state.landscape as? SliceLandscape)?.network?.anchors ?? []
    }
}
