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

/// Trajectories drawn as connected braille segments on a canvas that is kept between frames.
///
/// ``sync(_:colors:)`` draws only the segments added since the previous sync (from a bounded
/// trajectory's recent points, exactly), so a steady frame costs the same however long the
/// trajectories are; everything is redrawn, from the points kept (a long run's decimated
/// path), only when needed: after ``invalidate()``, a new viewport, new colours, a different
/// number of series, or a series that got shorter or whose last drawn point changed or is no
/// longer kept (a reset, or more steps since the last sync than the recent points hold).
///
/// Each series has a colour. Where series cross in a cell, the series with the higher index
/// gives the colour (the dots of all are kept); this rule does not depend on drawing order,
/// so an incremental sync leaves exactly the canvas a full redraw would. Every step is drawn
/// as a full straight segment, clipped to the view, so a long jump (a cliff's catapult, a
/// diverging step to 1e300) shows as a line to the border; segments with a NaN end are skipped.
public struct TrajectoryLayer: Sendable {
    /// The viewport the canvas is drawn in.
    public private(set) var viewport: Viewport
    /// The dots drawn so far.
    public private(set) var canvas: BrailleCanvas
    /// The last step of each series on the canvas (-1: none).
    public private(set) var drawnSteps: [Int] = []
    /// The colours the canvas was drawn with.
    public private(set) var colors: [Color] = []
    /// How many points the last sync added to the canvas (for tests and benchmarks).
    public private(set) var pointsDrawnInLastSync = 0
    /// Whether the last sync redrew everything.
    public private(set) var lastSyncWasFull = false

    private var lastPoints: [Vec2] = []
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

    /// Brings the canvas up to date with `series` (series *k* drawn in `colors[k]`, or
    /// ``Color/default`` when `colors` is shorter).
    public mutating func sync<S: TrajectorySource>(_ series: [S], colors: [Color]) {
        let palette = series.indices.map { $0 < colors.count ? colors[$0] : Color.default }
        var full = needsFullRedraw || series.count != drawnSteps.count || palette != self.colors
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
            self.colors = palette
            needsFullRedraw = false
        }
        lastSyncWasFull = full
        pointsDrawnInLastSync = 0
        for (k, s) in series.enumerated() where s.lastStep > drawnSteps[k] {
            draw(s, series: k, color: palette[k], priority: UInt16(clamping: k))
        }
    }

    /// Draws the points of `s` after the last one drawn, connecting the first to it.
    private mutating func draw<S: TrajectorySource>(_ s: S, series k: Int, color: Color, priority: UInt16) {
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
            if let q = prev, !q.x.isNaN, !q.y.isNaN {
                // A step within one dot changes nothing: the dot was set as the end of the
                // previous segment (or as a lone point) with the same colour and priority.
                // Converged runners make many of these.
                if Self.sameDot(q, p, canvas) { prev = p; return }
                // A segment with the raster of one just drawn changes nothing either: a runner
                // caught in a cycle (RMSprop, Adadelta on rosenbrock) repeats a few long lines
                // thousands of times a frame at the top speed.
                if let r = canvas.raster(from: q, to: p), repeats.insert(r) {
                    canvas.draw(r, color: color, priority: priority)
                }
            } else {
                // First point, or the one after an undefined point: a lone dot.
                canvas.set(dot: p, color: color, priority: priority)
            }
            prev = p
        }
        self.canvas = canvas
        pointsDrawnInLastSync += drawn
        drawnSteps[k] = lastStep
        lastPoints[k] = last
    }

    /// Writes the trajectories onto `frame` at the viewport's rectangle (see
    /// ``BrailleCanvas/compose(onto:col:row:attributes:mergeDots:)``).
    public func compose(onto frame: inout Frame, attributes: Attributes = [], mergeDots: Bool = false) {
        canvas.compose(onto: &frame, viewport: viewport, attributes: attributes, mergeDots: mergeDots)
    }

    /// Whether dot coordinates `a` and `b` fall in the same dot inside the canvas.
    @inline(__always)
    private static func sameDot(_ a: Vec2, _ b: Vec2, _ c: BrailleCanvas) -> Bool {
        let w = Double(c.dotWidth), h = Double(c.dotHeight)
        guard a.x >= 0, a.x < w, a.y >= 0, a.y < h, b.x >= 0, b.x < w, b.y >= 0, b.y < h else { return false }
        return Int(a.x) == Int(b.x) && Int(a.y) == Int(b.y)
    }

    /// The last few rasters drawn in one series' sync.
    private struct RecentRasters {
        private var slots: (BrailleCanvas.Raster?, BrailleCanvas.Raster?, BrailleCanvas.Raster?, BrailleCanvas.Raster?) =
            (nil, nil, nil, nil)
        private var next = 0

        /// Remembers `r`; false if it was among the last four.
        mutating func insert(_ r: BrailleCanvas.Raster) -> Bool {
            if slots.0 == r || slots.1 == r || slots.2 == r || slots.3 == r { return false }
            switch next {
            case 0: slots.0 = r
            case 1: slots.1 = r
            case 2: slots.2 = r
            default: slots.3 = r
            }
            next = (next + 1) & 3
            return true
        }
    }

    /// Bitwise equality, so that a NaN point equals itself.
    private static func same(_ a: Vec2, _ b: Vec2) -> Bool {
        a.x.bitPattern == b.x.bitPattern && a.y.bitPattern == b.y.bitPattern
    }
}
