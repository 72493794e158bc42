import OptiscapeCore

/// Maps a world ``ViewBox`` onto a rectangle of frame cells and onto its braille dots.
///
/// Coordinates used here:
/// - **world**: the landscape's plane, `y` growing upward;
/// - **cells**: frame columns and rows (`rect` says where the plot is in the frame), row 0 on top;
/// - **dots**: braille sub-pixels *relative to `rect`*, 2 per cell across and 4 down, as
///   `Double`: dot (i, j) covers `[i, i+1) × [j, j+1)` and its centre is `(i + 0.5, j + 0.5)`;
///   `x` grows to the right, `y` downward. The world box's left edge is dot x 0, its right
///   edge `dotWidth`, its top edge dot y 0, its bottom edge `dotHeight`.
///
/// A viewport's box is always usable: bounds are finite (within ±``maxCoordinate``), ordered,
/// and at least a hair wide, whatever was asked for; mappings of huge, infinite or NaN points
/// return non-finite or `nil` results rather than trapping.
public struct Viewport: Hashable, Sendable, CustomStringConvertible {
    /// The largest coordinate magnitude a view box may have.
    public static let maxCoordinate = 1e150
    /// The smallest extent of a view box relative to the magnitude of its centre.
    public static let minRelativeExtent = 1e-12

    /// The part of the world shown.
    public private(set) var box: ViewBox
    /// The cells it is shown in.
    public private(set) var rect: Rect

    /// A viewport showing `box` in `rect`; a degenerate or non-finite box is repaired (see type doc).
    public init(box: ViewBox, rect: Rect) {
        self.box = Viewport.sanitized(box)
        self.rect = rect
    }

    /// `box` shown in `rect`, expanded so that world units look the same length across and
    /// down (see ``withEqualAspect(cellAspect:)``).
    public static func fitting(_ box: ViewBox, in rect: Rect, cellAspect: Double = 2) -> Viewport {
        Viewport(box: box, rect: rect).withEqualAspect(cellAspect: cellAspect)
    }

    /// Braille dots across: `2 × rect.width`.
    @inlinable public var dotWidth: Int { rect.width * 2 }
    /// Braille dots down: `4 × rect.height`.
    @inlinable public var dotHeight: Int { rect.height * 4 }

    public var description: String { "\(box) in \(rect)" }

    // MARK: Mapping

    /// The dot coordinates of a world point (may be outside the canvas, huge, infinite or NaN).
    @inlinable
    public func dot(of p: Vec2) -> Vec2 {
        Vec2((p.x - box.xMin) / box.width * Double(dotWidth),
             (box.yMax - p.y) / box.height * Double(dotHeight))
    }

    /// The world point at dot coordinates `d`.
    @inlinable
    public func world(ofDot d: Vec2) -> Vec2 {
        Vec2(box.xMin + d.x / Double(dotWidth) * box.width,
             box.yMax - d.y / Double(dotHeight) * box.height)
    }

    /// The world point at the centre of the frame cell (`col`, `row`) (any cell, inside or not).
    public func world(ofCell col: Int, row: Int) -> Vec2 {
        let c = Double(col) - Double(rect.col) + 0.5
        let r = Double(row) - Double(rect.row) + 0.5
        return world(ofDot: Vec2(c * 2, r * 4))
    }

    /// The frame cell showing world point `p`, or `nil` when `p` is outside the box or not finite.
    /// A point on the box's right or bottom edge belongs to the last column or row.
    public func cell(of p: Vec2) -> (col: Int, row: Int)? {
        guard let d = dotIndex(of: p) else { return nil }
        return (rect.col + d.x / 2, rect.row + d.y / 4)
    }

    /// The braille dot (relative to `rect`) containing world point `p`, or `nil` when `p` is
    /// outside the box or not finite. A point on the right or bottom edge belongs to the last dot.
    public func dotIndex(of p: Vec2) -> (x: Int, y: Int)? {
        guard p.isFinite, dotWidth > 0, dotHeight > 0 else { return nil }
        let d = dot(of: p)
        let w = Double(dotWidth), h = Double(dotHeight)
        guard d.x >= 0, d.x <= w, d.y >= 0, d.y <= h else { return nil }
        return (Swift.min(Int(d.x), dotWidth - 1), Swift.min(Int(d.y), dotHeight - 1))
    }

    /// Whether world point `p` lies in the box (edges included).
    @inlinable public func contains(_ p: Vec2) -> Bool { box.contains(p) }

    /// World distance from one dot to the next, across and down.
    public var worldPerDot: (x: Double, y: Double) {
        (box.width / Double(Swift.max(dotWidth, 1)), box.height / Double(Swift.max(dotHeight, 1)))
    }

    // MARK: Changing the view

    /// The view moved by a fraction of its size: `dx = 0.1` shows what is 10 % of the width
    /// further right, `dy = 0.1` what is 10 % of the height further **up** (world y).
    public func panned(dx: Double, dy: Double) -> Viewport {
        guard dx.isFinite, dy.isFinite else { return self }
        let ox = dx * box.width, oy = dy * box.height
        return Viewport(box: ViewBox(xMin: box.xMin + ox, xMax: box.xMax + ox,
                                     yMin: box.yMin + oy, yMax: box.yMax + oy), rect: rect)
    }

    /// The view zoomed in by `factor` (2 shows half the width and height; 0.5 zooms out),
    /// keeping `point` (default: the centre) at the same place on screen. A factor that is
    /// not finite and positive leaves the view unchanged; the box stays within the limits
    /// described on the type.
    public func zoomed(by factor: Double, around point: Vec2? = nil) -> Viewport {
        guard factor.isFinite, factor > 0 else { return self }
        let p = (point?.isFinite ?? false) ? point! : box.center
        return Viewport(box: ViewBox(xMin: p.x - (p.x - box.xMin) / factor,
                                     xMax: p.x + (box.xMax - p.x) / factor,
                                     yMin: p.y - (p.y - box.yMin) / factor,
                                     yMax: p.y + (box.yMax - p.y) / factor), rect: rect)
    }

    /// The box grown (never shrunk) about its centre so that a world unit is as long across as
    /// down on screen, for cells `cellAspect` times as tall as wide (about 2 in most fonts).
    public func withEqualAspect(cellAspect: Double = 2) -> Viewport {
        guard !rect.isEmpty, cellAspect.isFinite, cellAspect > 0 else { return self }
        let perCol = box.width / Double(rect.width)
        let perRow = box.height / Double(rect.height)
        let c = box.center
        if perRow < cellAspect * perCol {
            let h = cellAspect * perCol * Double(rect.height)
            return Viewport(box: ViewBox(xMin: box.xMin, xMax: box.xMax,
                                         yMin: c.y - h / 2, yMax: c.y + h / 2), rect: rect)
        } else {
            let w = perRow / cellAspect * Double(rect.width)
            return Viewport(box: ViewBox(xMin: c.x - w / 2, xMax: c.x + w / 2,
                                         yMin: box.yMin, yMax: box.yMax), rect: rect)
        }
    }

    /// The same box shown in another rectangle (e.g. after a terminal resize).
    public func with(rect: Rect) -> Viewport { Viewport(box: box, rect: rect) }

    /// Another box in the same rectangle.
    public func with(box: ViewBox) -> Viewport { Viewport(box: box, rect: rect) }

    // MARK: Repair

    static func sanitized(_ b: ViewBox) -> ViewBox {
        let (x0, x1) = sanitized(b.xMin, b.xMax)
        let (y0, y1) = sanitized(b.yMin, b.yMax)
        return ViewBox(xMin: x0, xMax: x1, yMin: y0, yMax: y1)
    }

    /// Finite, ordered, not too narrow: NaN reads as 0, infinities and huge values are clamped.
    static func sanitized(_ lo: Double, _ hi: Double) -> (Double, Double) {
        func clamp(_ v: Double) -> Double {
            v.isNaN ? 0 : Swift.min(Swift.max(v, -maxCoordinate), maxCoordinate)
        }
        var a = clamp(lo), b = clamp(hi)
        if a > b { swap(&a, &b) }
        let c = a / 2 + b / 2
        let minExtent = Swift.max(Swift.abs(c) * minRelativeExtent, 1e-300)
        if !(b - a >= minExtent) {
            a = c - minExtent / 2
            b = c + minExtent / 2
        }
        return (a, b)
    }
}
