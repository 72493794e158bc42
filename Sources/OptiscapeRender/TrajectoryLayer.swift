import OptiscapeCore

/// A trajectory as the renderer reads it: world points by step, growing at the end, of which
/// some may be kept (a long run's decimated history) and the rest dropped.
public protocol TrajectorySource {
    /// The step of the latest point (-1 when there is none).
    var lastStep: Int { get }
    /// The point at `step`, if it is kept.
    func point(at step: Int) -> Vec2?
    /// Calls `body(step, point)` for every kept point after `step`, in step order, ending with
    /// the latest.
    func forEachPoint(after step: Int, _ body: (Int, Vec2) throws -> Void) rethrows
}

/// A trajectory keeping its points (``Trajectory/Limits/display`` in the UI: the recent
/// points exact, older ones decimated).
extension Trajectory: TrajectorySource {}

/// Every point kept, index *i* being step *i*.
extension Array: TrajectorySource where Element == Vec2 {
    @inlinable public var lastStep: Int { count - 1 }
    @inlinable public func point(at step: Int) -> Vec2? { indices.contains(step) ? self[step] : nil }
    @inlinable public func forEachPoint(after step: Int, _ body: (Int, Vec2) throws -> Void) rethrows {
        var s = Swift.max(step + 1, 0)
        while s < count { try body(s, self[s]); s += 1 }
    }
}

/// Every point kept, element *i* (from the start index) being step *i*.
extension ArraySlice: TrajectorySource where Element == Vec2 {
    @inlinable public var lastStep: Int { count - 1 }
    @inlinable public func point(at step: Int) -> Vec2? { step >= 0 && step < count ? self[startIndex + step] : nil }
    @inlinable public func forEachPoint(after step: Int, _ body: (Int, Vec2) throws -> Void) rethrows {
        var s = Swift.max(step + 1, 0)
        while s < count { try body(s, self[startIndex + s]); s += 1 }
    }
}

/// How one trajectory of a ``TrajectoryLayer`` looks.
public struct TrailStyle: Hashable, Sendable {
    /// The colour of its recent part (the last ``TrajectoryLayer/recentSteps`` steps).
    public var color: Color
    /// The colour of its older part, and of the whole trail of a diverged runner.
    public var faded: Color
    /// A diverged runner: drawn in `faded` throughout, underneath every other trail.
    public var diverged: Bool
    /// A dashed line without its iterates' dots (an averaged iterate's path, §8.7.3).
    public var dashed: Bool

    public init(color: Color, faded: Color? = nil, diverged: Bool = false, dashed: Bool = false) {
        self.color = color
        self.faded = faded ?? color
        self.diverged = diverged
        self.dashed = dashed
    }
}

/// Trajectories drawn as iterates joined by thin segments, on a braille canvas that is kept
/// between frames.
///
/// What a trail looks like (the zig-zag of ill-conditioning must be visible at a glance):
/// every iterate is a 2 × 2 block of dots, every step between two iterates a one-dot line, so
/// a path that crosses a valley back and forth reads as beads on a thread. The recent part of a trail (its last
/// ``recentSteps`` steps) is drawn bold in its colour, the older part in its ``TrailStyle/faded``
/// colour, so the current motion stands out over where the runner has been. A diverging runner
/// (``TrailStyle/diverged``) is drawn faded throughout, underneath every other trail, and
/// without its steps that leave the view, so its blow-up never hides the others.
///
/// ``sync(_:styles:)`` draws only the segments added since the previous sync (from a bounded
/// trajectory's recent points, exactly), so a steady frame costs the same however long the
/// trajectories are; everything is redrawn, from the points kept (a long run's decimated
/// path), only when needed: after ``invalidate()``, a new viewport, new styles, a different
/// number of series, or a series that got shorter or whose last drawn point changed or is no
/// longer kept (a reset, or more steps since the last sync than the recent points hold).
///
/// Where trails cross in a cell, the cell takes the look of the write with the highest
/// priority: a running trail over a diverged one, then the more recent step, then the series
/// with the higher index. Ages are read when the canvas is composed, so fading costs no redraw,
/// and the rule does not depend on drawing order: an incremental sync leaves exactly the canvas
/// a full redraw would. Every step is drawn as a full straight segment, clipped to the view, so
/// a long jump (a cliff's catapult, a diverging step to 1e300) shows as a line to the border;
/// segments with a NaN end are skipped.
public struct TrajectoryLayer: Sendable {
    /// The viewport the canvas is drawn in.
    public private(set) var viewport: Viewport
    /// The dots drawn so far.
    public private(set) var canvas: BrailleCanvas
    /// The last step of each series on the canvas (-1: none).
    public private(set) var drawnSteps: [Int] = []
    /// The styles the canvas was drawn with.
    public private(set) var styles: [TrailStyle] = []
    /// The colours the canvas was drawn with (each style's recent colour).
    public var colors: [Color] { styles.map(\.color) }
    /// How many of a trail's last steps count as recent (drawn bold in its colour).
    public var recentSteps = 40
    /// How many points the last sync added to the canvas (for tests and benchmarks).
    public private(set) var pointsDrawnInLastSync = 0
    /// Whether the last sync redrew everything.
    public private(set) var lastSyncWasFull = false

    private var lastPoints: [Vec2] = []
    /// Dots counted along each dashed series so far (its dash pattern's phase).
    private var dashPhases: [Int] = []
    private var needsFullRedraw = true

    public init(viewport: Viewport) {
        self.viewport = viewport
        canvas = BrailleCanvas(viewport: viewport)
    }

    /// Forgets what was drawn: the next sync redraws everything.
    public mutating func invalidate() { needsFullRedraw = true }

    /// Changes the viewport; a different one invalidates the canvas.
    public mutating func setViewport(_ v: Viewport) {
        guard v != viewport else { return }
        viewport = v
        canvas = BrailleCanvas(viewport: v)
        needsFullRedraw = true
    }

    /// Brings the canvas up to date with `series`, series *k* drawn in `colors[k]` (or
    /// ``Color/default`` when `colors` is shorter), none faded or diverged.
    public mutating func sync<S: TrajectorySource>(_ series: [S], colors: [Color]) {
        sync(series, styles: colors.map { TrailStyle(color: $0) })
    }

    /// Brings the canvas up to date with `series` (series *k* drawn in `styles[k]`, or the
    /// default colour when `styles` is shorter).
    public mutating func sync<S: TrajectorySource>(_ series: [S], styles: [TrailStyle]) {
        let palette = series.indices.map { $0 < styles.count ? styles[$0] : TrailStyle(color: .default) }
        var full = needsFullRedraw || series.count != drawnSteps.count || palette != self.styles
        if !full {
            for (k, s) in series.enumerated() {
                let d = drawnSteps[k]
                guard d >= 0 else { continue }
                if s.lastStep < d || !(s.point(at: d).map { Self.same($0, lastPoints[k]) } ?? false) {
                    full = true
                    break
                }
            }
        }
        if full {
            canvas.clear()
            drawnSteps = Array(repeating: -1, count: series.count)
            lastPoints = Array(repeating: .zero, count: series.count)
            dashPhases = Array(repeating: 0, count: series.count)
            self.styles = palette
            needsFullRedraw = false
        }
        lastSyncWasFull = full
        pointsDrawnInLastSync = 0
        for (k, s) in series.enumerated() where s.lastStep > drawnSteps[k] {
            if palette[k].dashed {
                drawDashed(s, series: k, running: !palette[k].diverged)
            } else {
                draw(s, series: k, running: !palette[k].diverged)
            }
        }
    }

    /// The priority of a write of series `k` at `step`: running over diverged, then the later
    /// step, then the higher series index.
    @inline(__always)
    static func priority(series k: Int, step: Int, running: Bool) -> UInt64 {
        (running ? 1 << 62 : 0) | (UInt64(Swift.min(Swift.max(step, 0), 1 << 52)) << 8) | UInt64(k & 0xFF)
    }

    /// Draws the points of `s` after the last one drawn, connecting the first to it.
    private mutating func draw<S: TrajectorySource>(_ s: S, series k: Int, running: Bool) {
        var prev: Vec2? = drawnSteps[k] >= 0 ? viewport.dot(of: lastPoints[k]) : nil
        var last = lastPoints[k], lastStep = drawnSteps[k], drawn = 0
        var canvas = self.canvas
        self.canvas = BrailleCanvas(width: 0, height: 0)  // `canvas` is now uniquely referenced
        let viewport = self.viewport
        var repeats = RecentRasters()
        s.forEachPoint(after: drawnSteps[k]) { step, point in
            drawn += 1
            last = point
            lastStep = step
            let p = viewport.dot(of: point)
            let priority = Self.priority(series: k, step: step, running: running)
            if let q = prev, !q.x.isNaN, !q.y.isNaN {
                // A step within one dot draws no segment: only the iterate is renewed (its age).
                // Converged runners make many of these.
                // A diverging trail keeps only its steps inside the view: its jumps out of it
                // would cross everything else.
                if !Self.sameDot(q, p, canvas) && (running || (Self.inside(q, canvas) && Self.inside(p, canvas))) {
                    // A segment with the raster of one just drawn is only renewed when it leaves
                    // the recent four (or at the end): a runner caught in a cycle (RMSprop,
                    // Adadelta on rosenbrock) repeats a few long lines thousands of times a frame
                    // at the top speed.
                    if let r = canvas.raster(from: q, to: p) {
                        repeats.insert(r, step: step) { r, st in
                            canvas.draw(r, color: .default, priority: Self.priority(series: k, step: st, running: running))
                        }
                    }
                }
            }
            canvas.setBlock(dot: p, priority: priority)
            prev = p
        }
        repeats.flush { r, st in canvas.draw(r, color: .default, priority: Self.priority(series: k, step: st, running: running)) }
        self.canvas = canvas
        pointsDrawnInLastSync += drawn
        drawnSteps[k] = lastStep
        lastPoints[k] = last
    }

    /// Draws the points of a dashed series `s` after the last one drawn: its steps as one dashed
    /// line, no dots for the iterates.
    private mutating func drawDashed<S: TrajectorySource>(_ s: S, series k: Int, running: Bool) {
        var prev: Vec2? = drawnSteps[k] >= 0 ? viewport.dot(of: lastPoints[k]) : nil
        var last = lastPoints[k], lastStep = drawnSteps[k], drawn = 0, phase = dashPhases[k]
        var canvas = self.canvas
        self.canvas = BrailleCanvas(width: 0, height: 0)  // `canvas` is now uniquely referenced
        let viewport = self.viewport
        s.forEachPoint(after: drawnSteps[k]) { step, point in
            drawn += 1
            last = point
            lastStep = step
            let p = viewport.dot(of: point)
            if let q = prev, !q.x.isNaN, !q.y.isNaN, let r = canvas.raster(from: q, to: p) {
                canvas.drawDashed(r, phase: &phase, priority: Self.priority(series: k, step: step, running: running))
            }
            prev = p
        }
        self.canvas = canvas
        pointsDrawnInLastSync += drawn
        drawnSteps[k] = lastStep
        lastPoints[k] = last
        dashPhases[k] = phase
    }

    /// Writes the trajectories onto `frame` at the viewport's rectangle: each cell with dots
    /// in the look of its highest-priority write — the series' colour with `attributes` while
    /// that write is among the series' last ``recentSteps`` steps, its faded colour (plain)
    /// when older, and for a diverged series faded (dim when faded is its colour). With
    /// `mergeDots`, dots of a braille character already there are kept too.
    public func compose(onto frame: inout Frame, attributes: Attributes = [], mergeDots: Bool = false) {
        let styles = self.styles, drawn = drawnSteps, recent = recentSteps, priorities = canvas.priorities
        canvas.compose(onto: &frame, col: viewport.rect.col, row: viewport.rect.row, mergeDots: mergeDots) { i in
            let priority = priorities[i]
            let k = Int(priority & 0xFF)
            guard k < styles.count else { return (.default, attributes) }
            let st = styles[k]
            if st.diverged { return (st.faded, st.faded == st.color ? .dim : []) }
            let step = Int((priority >> 8) & ((1 << 53) - 1))
            return drawn[k] - step < recent ? (st.color, attributes) : (st.faded, [])
        }
    }

    /// Whether dot coordinates `a` lie inside the canvas.
    @inline(__always)
    private static func inside(_ a: Vec2, _ c: BrailleCanvas) -> Bool {
        a.x >= 0 && a.x < Double(c.dotWidth) && a.y >= 0 && a.y < Double(c.dotHeight)
    }

    /// Whether dot coordinates `a` and `b` fall in the same dot inside the canvas.
    @inline(__always)
    private static func sameDot(_ a: Vec2, _ b: Vec2, _ c: BrailleCanvas) -> Bool {
        let w = Double(c.dotWidth), h = Double(c.dotHeight)
        guard a.x >= 0, a.x < w, a.y >= 0, a.y < h, b.x >= 0, b.x < w, b.y >= 0, b.y < h else { return false }
        return Int(a.x) == Int(b.x) && Int(a.y) == Int(b.y)
    }

    /// The last few rasters drawn in one series' sync, each with the step it was drawn at and
    /// the latest step it was repeated at.
    private struct RecentRasters {
        private var slots: [(raster: BrailleCanvas.Raster, drawn: Int, latest: Int)] = []
        private var next = 0

        /// Draws `r` at `step` unless it is among the last four; a repeat only records its step,
        /// and is drawn at its latest step when it leaves the four.
        mutating func insert(_ r: BrailleCanvas.Raster, step: Int, draw: (BrailleCanvas.Raster, Int) -> Void) {
            if let i = slots.firstIndex(where: { $0.raster == r }) { slots[i].latest = step; return }
            draw(r, step)
            if slots.count < 4 { slots.append((r, step, step)); return }
            let old = slots[next]
            if old.latest > old.drawn { draw(old.raster, old.latest) }
            slots[next] = (r, step, step)
            next = (next + 1) & 3
        }

        /// Draws every repeat not drawn at its latest step.
        mutating func flush(draw: (BrailleCanvas.Raster, Int) -> Void) {
            for s in slots where s.latest > s.drawn { draw(s.raster, s.latest) }
            slots.removeAll()
        }
    }

    /// Bitwise equality, so that a NaN point equals itself.
    private static func same(_ a: Vec2, _ b: Vec2) -> Bool {
        a.x.bitPattern == b.x.bitPattern && a.y.bitPattern == b.y.bitPattern
    }
}
