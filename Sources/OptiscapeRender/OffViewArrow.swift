import Foundation
import OptiscapeCore

/// An arrow on the border of a plot pointing towards a world point outside the view
/// (a runner that left it, a minimum off screen); a runner's arrow carries its label and how far
/// outside the view it is (`↗ sgd +42`).
///
/// The arrow sits where the ray from the view's centre towards the point leaves the plot
/// rectangle, and points along that ray as it looks on screen (one of `← ↑ → ↓ ↖ ↗ ↘ ↙`,
/// by 45° sectors, counting cells `cellAspect` times as tall as wide).
public struct OffViewArrow: Hashable, Sendable {
    public var col: Int
    public var row: Int
    public var glyph: Character

    /// The arrows by sector, counter-clockwise from "right".
    public static let glyphs: [Character] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]

    public init(col: Int, row: Int, glyph: Character) {
        self.col = col; self.row = row; self.glyph = glyph
    }

    /// The arrow towards `p`, or `nil` when `p` is inside the view box, has a NaN coordinate,
    /// or the plot rectangle is empty. Infinite and huge coordinates are fine.
    public init?(towards p: Vec2, in viewport: Viewport, cellAspect: Double = 2) {
        let rect = viewport.rect, box = viewport.box
        guard !p.x.isNaN, !p.y.isNaN, !rect.isEmpty, !box.contains(p) else { return nil }
        // Position relative to the centre, in half-extents: the box border is at ±1.
        func tame(_ v: Double) -> Double { v.isNaN ? 0 : Swift.min(Swift.max(v, -1e12), 1e12) }
        let c = box.center
        let ux = tame((p.x - c.x) / (box.width / 2))
        let uy = tame((p.y - c.y) / (box.height / 2))
        let scale = Swift.max(Swift.abs(ux), Swift.abs(uy))
        guard scale > 0 else { return nil }
        let bx = ux / scale, by = uy / scale  // on the border, each in −1…1
        let fx = (bx + 1) / 2 * Double(rect.width), fy = (1 - by) / 2 * Double(rect.height)
        col = rect.col + Swift.min(Swift.max(Int(fx), 0), rect.width - 1)
        row = rect.row + Swift.min(Swift.max(Int(fy), 0), rect.height - 1)
        // Direction on screen, in column widths (rows are `cellAspect` columns tall).
        let aspect = cellAspect.isFinite && cellAspect > 0 ? cellAspect : 2
        let sx = ux * Double(rect.width) / 2
        let sy = uy * Double(rect.height) / 2 * aspect
        let angle = Foundation.atan2(sy, sx)  // −π…π, counter-clockwise from right
        var sector = Int((angle / (Double.pi / 4)).rounded()) % 8
        if sector < 0 { sector += 8 }
        glyph = OffViewArrow.glyphs[sector]
    }

    /// Draws the arrow (keeping the cell's background).
    public func draw(onto frame: inout Frame, color: Color = .default, attributes: Attributes = .bold) {
        frame.put(glyph, col: col, row: row, foreground: color, attributes: attributes)
    }

    /// Draws the arrow with `label` beside it, inside `rect` (the plot): to the arrow's left
    /// on the right edge, else to its right, or to its left where the right has no room; the
    /// label is cut to fit. The cells keep their backgrounds.
    public func draw(onto frame: inout Frame, label: String, in rect: Rect, color: Color = .default,
                     attributes: Attributes = .bold) {
        draw(onto: &frame, color: color, attributes: attributes)
        let text = " " + label
        let roomRight = rect.maxCol - (col + 1), roomLeft = col - rect.col
        let right = col < rect.maxCol - 1 && (roomRight >= text.count || roomRight >= roomLeft)
        let n = Swift.min(text.count, right ? roomRight : roomLeft)
        guard n > 1 else { return }
        let shown = right ? String(text.prefix(n)) : String((label + " ").prefix(n))
        frame.put(shown, col: right ? col + 1 : col - n, row: row, foreground: color, attributes: attributes)
    }

    /// What an off-view head's label says: the runner's label and how far outside the view box
    /// the point is, in world units (`sgd 42`, `sgd 3.1e5`, `sgd far` beyond 1e12 or infinite).
    public static func label(_ name: String, for p: Vec2, in box: ViewBox) -> String {
        let dx = Swift.max(box.xMin - p.x, 0, p.x - box.xMax)
        let dy = Swift.max(box.yMin - p.y, 0, p.y - box.yMax)
        let d = (dx * dx + dy * dy).squareRoot()
        let distance = d.isFinite && d < 1e12 ? (d < 1000 ? d.significant(2) : Text.num(d, 2)) : "far"
        return name + " +" + distance
    }
}
