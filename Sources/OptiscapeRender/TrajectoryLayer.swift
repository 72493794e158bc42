import OptiscapeCore

/// A trajectory as the renderer reads it: a growing list of world points.
public protocol TrajectorySource {
    var pointCount: Int { get }
    func point(at index: Int) -> Vec2
}

extension Array: TrajectorySource where Element == Vec2 {
    @inlinable public var pointCount: Int { count }
    @inlinable public func point(at index: Int) -> Vec2 { self[index] }
}

extension ArraySlice: TrajectorySource where Element == Vec2 {
    @inlinable public var pointCount: Int { count }
    @inlinable public func point(at index: Int) -> Vec2 { self[startIndex + index] }
}

/// Trajectories drawn as connected braille segments on a canvas that is kept between frames.
///
/// ``sync(_:colors:)`` draws only the segments added since the previous sync, so a steady
/// frame costs the same however long the trajectories are; everything is redrawn only when
/// needed: after ``invalidate()``, a new viewport, new colours, a different number of series,
/// or a series that got shorter or whose last drawn point changed (a reset).
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
    /// How many points of each series are on the canvas.
    public private(set) var drawnCounts: [Int] = []
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
        var full = needsFullRedraw || series.count != drawnCounts.count || palette != self.colors
        if !full {
            for (k, s) in series.enumerated() {
                let n = drawnCounts[k]
                if s.pointCount < n || (n > 0 && !Self.same(s.point(at: n - 1), lastPoints[k])) {
                    full = true
                    break
                }
            }
        }
        if full {
            canvas.clear()
            drawnCounts = Array(repeating: 0, count: series.count)
            lastPoints = Array(repeating: .zero, count: series.count)
            self.colors = palette
            needsFullRedraw = false
        }
        lastSyncWasFull = full
        pointsDrawnInLastSync = 0
        for (k, s) in series.enumerated() {
            let from = drawnCounts[k], to = s.pointCount
            guard to > from else { continue }
            draw(s, from: from, to: to, color: palette[k], priority: UInt16(clamping: k))
            drawnCounts[k] = to
            lastPoints[k] = s.point(at: to - 1)
        }
    }

    /// Draws points `from..<to` of `s`, connecting the first to the point before it.
    private mutating func draw<S: TrajectorySource>(_ s: S, from: Int, to: Int, color: Color, priority: UInt16) {
        var prev: Vec2? = from > 0 ? viewport.dot(of: s.point(at: from - 1)) : nil
        for i in from..<to {
            pointsDrawnInLastSync += 1
            let p = viewport.dot(of: s.point(at: i))
            if let q = prev, !q.x.isNaN, !q.y.isNaN {
                // A step within one dot changes nothing: the dot was set as the end of the
                // previous segment (or as a lone point) with the same colour and priority.
                // Converged runners make many of these.
                if Self.sameDot(q, p, canvas) { prev = p; continue }
                canvas.line(from: q, to: p, color: color, priority: priority)
            } else {
                // First point, or the one after an undefined point: a lone dot.
                canvas.set(dot: p, color: color, priority: priority)
            }
            prev = p
        }
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

    /// Bitwise equality, so that a NaN point equals itself.
    private static func same(_ a: Vec2, _ b: Vec2) -> Bool {
        a.x.bitPattern == b.x.bitPattern && a.y.bitPattern == b.y.bitPattern
    }
}
