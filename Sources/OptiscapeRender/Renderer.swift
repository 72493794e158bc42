import OptiscapeCore

/// Composes the whole screen from an ``AppState``: title bar, plot (or small multiples),
/// loss panel, side panel (legend, explain, inside), status bar and the help overlay.
///
/// A `Renderer` keeps caches between calls so that a steady frame is cheap:
/// - the ``ContourField`` of the plot, keyed by the landscape (name, formula and parameter
///   values — a knob turned makes a new key), the viewport (view box and plot rectangle) and
///   the level spec; it is recomputed only when one of them changes, never for a step
///   (``fieldComputations`` counts the computations, for tests); with ``progressive`` (the
///   terminal), a costly landscape's field is shown coarse first and refined off the render loop;
/// - one ``TrajectoryLayer`` for the overlay and one per small-multiples pane, which draw
///   only the segments added since the previous frame.
///
/// Aspect (see ``PlotAspect``): the plot shows the state's view box grown (never shrunk) to
/// equal aspect for cells twice as tall as wide, so circles look round and the gradient is
/// drawn at right angles to the iso-lines, as it is — unless that would grow the box more than
/// twice in one direction (a view zoomed into a thin valley on purpose): then the box fills the
/// plot as given and the plot says `y stretched ×k`. The whole asked-for box is always visible.
///
/// Every size is accepted: below ``ScreenLayout/minimumWidth`` × ``ScreenLayout/minimumHeight``
/// the frame holds a centred "terminal too small" message; 0 × 0 gives an empty frame.
public struct Renderer: Sendable {
    /// The colours the frame may use.
    public let colorMode: ColorMode
    /// Contour colours.
    public var palette: ContourPalette = .standard

    /// How many contour fields have been computed (the cache misses), for tests.
    public private(set) var fieldComputations = 0
    /// The overlay plot's viewport in the last frame (nil in small multiples or when too small).
    public internal(set) var plotViewport: Viewport?
    /// The small-multiples panes' viewports in the last frame (in frame coordinates).
    public internal(set) var paneViewports: [Viewport] = []
    /// The layout of the last frame (nil when it was too small).
    public private(set) var layout: ScreenLayout?

    /// Shown first in the status bar: recording (● REC) or playing back (▶ PLAY 12/340).
    public var badge: SessionBadge?
    /// Draw play's own `?` overlay (``KeyBindings/playHelp``) over the frame.
    public var showPlayHelp = false
    /// Show the contours of a costly landscape (a network's slice, ``FieldRefinement/isCostly(_:_:)``)
    /// at once as a coarse field — the exact value at every cell's centre — and compute the full
    /// field on a background thread, swapped in by the first frame after it is ready (the
    /// terminal sets this; `render`, tests and pictures leave it off and always get the full
    /// field). Cheap landscapes are computed in the frame either way.
    public var progressive = false
    /// Whether a full field is being computed off the render loop: draw again soon, and once
    /// ``refinementReady`` says so.
    public var isRefining: Bool { refinement != nil }
    /// Whether the field being refined is ready: the next frame shows it.
    public var refinementReady: Bool { refinement?.field != nil }
    /// Stops the background work of a refinement (when the session ends).
    public mutating func stopRefining() {
        refinement?.cancel()
        refinement = nil
    }

    var fields = FieldCache()
    var refinement: FieldRefinement?
    /// Whether the frame being rendered asked for a contour field.
    var fieldAsked = false
    var minimalSetCache: [FieldCache.Key: [Vec2]] = [:]
    var overlayLayer: TrajectoryLayer?
    var overlayOrder: [Int] = []
    /// Small-multiples layers by runner index.
    var paneLayers: [Int: TrajectoryLayer] = [:]

    public init(colorMode: ColorMode) {
        self.colorMode = colorMode
    }

    /// The whole screen for this state. Keeps caches (contour field per viewport + landscape
    /// + levels, trajectory layers) between calls, so a steady frame is cheap.
    public mutating func render(_ state: AppState, width: Int, height: Int) -> Frame {
        fieldAsked = false
        defer { if !fieldAsked { settleUnusedRefinement() } }
        var frame = Frame(width: width, height: height)
        plotViewport = nil
        paneViewports = []
        layout = nil
        guard ScreenLayout.fits(width: frame.width, height: frame.height) else {
            TooSmall.draw(needs: ScreenLayout.minimumWidth, ScreenLayout.minimumHeight, onto: &frame)
            return frame
        }
        let layout = ScreenLayout(width: frame.width, height: frame.height, showLoss: state.showLoss)
        self.layout = layout
        var ctx = RenderContext(state: state, mode: colorMode)
        ctx.badge = badge

        if state.compare == .multiples {
            ctx.explainViewport = drawMultiples(ctx, in: layout.main, onto: &frame)
        } else {
            ctx.explainViewport = drawOverlay(ctx, in: layout.main, onto: &frame)
        }
        if let r = layout.loss { LossPanel.draw(ctx, in: r, onto: &frame) }
        SidePanel.draw(ctx, in: layout.side, onto: &frame)
        TitleBar.draw(ctx, in: layout.titleBar, onto: &frame)
        StatusBar.draw(ctx, in: layout.statusBar, onto: &frame)
        if showPlayHelp {
            HelpOverlay.draw(ctx, rows: KeyBindings.playHelp, title: "play keys", onto: &frame)
        } else if state.showHelp {
            HelpOverlay.draw(ctx, onto: &frame)
        }
        return frame
    }

    /// The world point under a screen cell of the last rendered frame's plot (for mouse
    /// clicks), or nil: the centre of that cell in the overlay plot, or in the small-multiples
    /// pane it falls in.
    public func worldPoint(col: Int, row: Int) -> Vec2? {
        if let v = plotViewport, v.rect.contains(col: col, row: row) { return v.world(ofCell: col, row: row) }
        for v in paneViewports where v.rect.contains(col: col, row: row) { return v.world(ofCell: col, row: row) }
        return nil
    }

    /// Points of the landscape's minimal set (a curve of global minima) to mark with ★ in
    /// `viewport`: its crossings with every 6th column and every 3rd row of the plot, so the
    /// marks trace the curve without covering it. Cached per landscape and viewport.
    mutating func minimalSetMarks(_ ctx: RenderContext, viewport vp: Viewport) -> [Vec2] {
        guard let set = ctx.surface.minimalSet else { return [] }
        let key = FieldCache.Key(landscape: ctx.landscapeKey, viewport: vp, levels: ctx.levels)
        if let points = minimalSetCache[key] { return points }
        let points = set.points(in: vp.box, columns: Swift.max(1, vp.rect.width / 6), rows: Swift.max(1, vp.rect.height / 3),
                                samples: Swift.max(16, 4 * Swift.max(vp.rect.width, vp.rect.height)))
        if minimalSetCache.count >= 8 { minimalSetCache.removeAll() }
        minimalSetCache[key] = points
        return points
    }

    /// A frame without a plot (too small) leaves a refinement to run on; once it is done its
    /// field goes into the cache, so that the loop stops waiting for it.
    mutating func settleUnusedRefinement() {
        guard let r = refinement, let f = r.field else { return }
        fields.store(r.key, f)
        fieldComputations += 1
        refinement = nil
    }

    /// The contour field for `viewport`, from the cache or computed.
    mutating func field(_ ctx: RenderContext, viewport: Viewport) -> ContourField {
        field(of: ctx.surface, key: ctx.landscapeKey, viewport: viewport, levels: ctx.levels)
    }

    /// The contour field of `surface` (cached under `landscapeKey`) for `viewport`: from the
    /// cache, computed, or — ``progressive`` and costly — the coarse field until the full one is ready.
    mutating func field(of surface: any Landscape, key landscapeKey: String, viewport: Viewport, levels: LevelSpec) -> ContourField {
        fieldAsked = true
        let key = FieldCache.Key(landscape: landscapeKey, viewport: viewport, levels: levels)
        // A refinement for another field: keep its result if it is done, else stop it.
        if let r = refinement, r.key != key {
            if let f = r.field { fields.store(r.key, f); fieldComputations += 1 } else { r.cancel() }
            refinement = nil
        }
        if let f = fields.lookup(key) { return f }
        if let r = refinement {
            guard let f = r.field else { return r.coarse }
            refinement = nil
            fieldComputations += 1
            fields.store(key, f)
            return f
        }
        if progressive && FieldRefinement.isCostly(surface, viewport) {
            let coarse = ContourField.coarse(landscape: surface, viewport: viewport, levels: levels)
            refinement = FieldRefinement(key: key, landscape: surface, coarse: coarse)
            return coarse
        }
        let f = ContourField(landscape: surface, viewport: viewport, levels: levels)
        fieldComputations += 1
        fields.store(key, f)
        return f
    }
}

/// The few contour fields in use (the overlay plot's and the multiples panes'), by key.
struct FieldCache: Sendable {
    struct Key: Hashable, Sendable {
        var landscape: String
        var viewport: Viewport
        var levels: LevelSpec
    }
    /// Most recently used last; at most `capacity` entries.
    private var entries: [(Key, ContourField)] = []
    let capacity = 2

    mutating func lookup(_ key: Key) -> ContourField? {
        guard let i = entries.firstIndex(where: { $0.0 == key }) else { return nil }
        let e = entries.remove(at: i)
        entries.append(e)
        return e.1
    }

    mutating func store(_ key: Key, _ field: ContourField) {
        entries.removeAll { $0.0 == key }
        entries.append((key, field))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}

/// What every part of the screen reads for one frame, worked out once.
struct RenderContext {
    let state: AppState
    let mode: ColorMode
    let theme: Theme
    /// One style per runner, by index.
    let styles: [RunnerStyle]
    /// Indices of the runners shown, in order.
    let visible: [Int]
    /// Identifies the landscape for the field cache (name, formula, parameter values).
    let landscapeKey: String
    let levels: LevelSpec
    /// What the contours show: the landscape, or its 0-1 loss under `levels: zero-one`.
    let surface: any Landscape
    /// The viewport the selected runner is drawn in (the plot, or its small-multiples pane),
    /// once the plot is drawn: explain mode's arrow scales depend on it.
    var explainViewport: Viewport?
    /// Recording / playback indication for the status bar.
    var badge: SessionBadge?

    init(state: AppState, mode: ColorMode) {
        self.state = state
        self.mode = mode
        theme = Theme(mode: mode)
        let runners = state.simulation.runners
        styles = runners.indices.map { RunnerStyle(index: $0, requested: runners[$0].config.color, mode: mode) }
        visible = runners.indices.filter { !state.hidden.contains($0) }
        levels = PlotContent.levels(for: state.scene.levels)
        surface = PlotContent.surface(of: state)
        landscapeKey = PlotContent.surfaceKey(state)
    }

    /// The visible runners in drawing order: the selected one last, on top where paths cross.
    var drawingOrder: [Int] { PlotContent.drawingOrder(state) }

    /// The render level spec for a scene's: log or linear spacing (the 0-1 loss is linear).
    static func levels(for spec: OptiscapeCore.LevelSpec) -> LevelSpec {
        LevelSpec(count: spec.count, spacing: spec.scale == .log ? .log : .linear, decades: spec.decades ?? 3,
                  ceiling: spec.max)
    }

    /// How runner `i`'s trail is drawn: its colour, a darker shade for the old part (256
    /// colours), and whether it is diverging (drawn faded, underneath the others): diverged, or
    /// on its way there, its loss grown to more than 10× a positive starting loss.
    func trail(_ i: Int) -> TrailStyle {
        let c = style(i).color
        let runners = state.simulation.runners
        var diverged = false
        if runners.indices.contains(i) {
            if case .diverged = runners[i].status { diverged = true }
            if let start = state.simulation.trajectories[i].firstLoss, start > 0, runners[i].loss > 10 * start {
                diverged = true
            }
        }
        // A network runner whose θ is mostly off the plane is drawn dashed: its path is not on
        // these contours.
        let offPlane = runners.indices.contains(i) && (runners[i].projection?.relativeDistance ?? 0) > RenderContext.offPlane
        return TrailStyle(color: c, faded: mode == .full256 ? RunnerPalette.faded(c) : c, diverged: diverged, dashed: offPlane)
    }

    /// The relative distance from the plane beyond which a network runner is drawn dashed.
    static let offPlane = 0.5

    /// How runner `i`'s averaged iterate (``RunnerConfig/average``) is drawn: a dashed line in
    /// the faded shade of its colour, underneath the iterates' trails.
    func averageTrail(_ i: Int) -> TrailStyle {
        let t = trail(i)
        return TrailStyle(color: t.faded, faded: t.faded, diverged: true, dashed: true)
    }

    func style(_ i: Int) -> RunnerStyle {
        styles.indices.contains(i) ? styles[i] : RunnerStyle(index: i, requested: nil, mode: mode)
    }
}
