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

    /// Where `label` goes beside the arrow, inside `rect` (the plot): to the arrow's left on the
    /// right edge, else to its right, or to its left where the right has no room; cut to fit
    /// (see ``cut(_:to:)``).
    /// `nil` when there is no room for it.
    public func labelSpan(_ label: String, in rect: Rect) -> (col: Int, text: String)? {
        let text = " " + label
        let roomRight = rect.maxCol - (col + 1), roomLeft = col - rect.col
        let right = col < rect.maxCol - 1 && (roomRight >= text.count || roomRight >= roomLeft)
        let n = Swift.min(text.count, right ? roomRight : roomLeft)
        guard n > 1 else { return nil }
        let shown = Self.cut(label, to: n - 1)
        return right ? (col + 1, " " + shown) : (col - n, shown + " ")
    }

    /// `label` in at most `width` cells: a runner's name is shortened with `…` before its
    /// distance (`saddle-free… +1.3e+06`), which is never cut — a cut number would read as
    /// another one.
    static func cut(_ label: String, to width: Int) -> String {
        guard label.count > width else { return label }
        if let plus = label.range(of: " +", options: .backwards) {
            let distance = String(label[plus.lowerBound...])
            let room = width - distance.count
            if room >= 2 { return Text.fit(String(label[..<plus.lowerBound]), room) + distance }
        }
        return Text.fit(label, width)
    }

    /// Draws the arrow with `label` beside it (see ``labelSpan(_:in:)``). The cells keep their
    /// backgrounds.
    public func draw(onto frame: inout Frame, label: String, in rect: Rect, color: Color = .default,
                     attributes: Attributes = .bold) {
        draw(onto: &frame, color: color, attributes: attributes)
        if let span = labelSpan(label, in: rect) {
            frame.put(span.text, col: span.col, row: row, foreground: color, attributes: attributes)
        }
    }

    /// Moves labelled arrows apart so no two share a cell: in the given order (the first keeps
    /// its place), each arrow whose arrow or label cells meet an earlier one's moves to the nearest
    /// free row inside `rect` (along a side edge, or inwards from the top or bottom edge). An
    /// arrow with no free row keeps its place.
    public static func separate(_ items: [(arrow: OffViewArrow, label: String)], in rect: Rect) -> [OffViewArrow] {
        var taken: [Int: [Range<Int>]] = [:]  // row → occupied column ranges
        func cells(_ a: OffViewArrow, _ label: String) -> Range<Int> {
            guard let span = a.labelSpan(label, in: rect) else { return a.col..<(a.col + 1) }
            let lo = Swift.min(a.col, span.col), hi = Swift.max(a.col + 1, span.col + span.text.count)
            return lo..<hi
        }
        func free(_ row: Int, _ r: Range<Int>) -> Bool { !(taken[row] ?? []).contains { $0.overlaps(r) } }
        return items.map { item in
            let span = cells(item.arrow, item.label)
            var placed = item.arrow
            for d in 0..<Swift.max(1, 2 * rect.height) {
                let row = item.arrow.row + (d % 2 == 0 ? d / 2 : -(d + 1) / 2)
                guard row >= rect.row, row < rect.maxRow else { continue }
                if free(row, span) { placed.row = row; break }
            }
            taken[placed.row, default: []].append(span)
            return placed
        }
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
