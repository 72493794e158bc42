import Foundation
import OptiscapeCore

/// "Nice" tick values (1, 2 or 5 × 10ⁿ apart) and their compact labels.
public enum Ticks {
    /// The nice step (1, 2 or 5 × 10ⁿ) giving at most about `maxCount` ticks over `span`;
    /// `nil` when `span` is not finite and positive.
    public static func step(span: Double, maxCount: Int) -> Double? {
        guard span.isFinite, span > 0 else { return nil }
        let raw = span / Double(Swift.max(maxCount, 1))
        let mag = Foundation.pow(10, (Foundation.log10(raw)).rounded(.down))
        let norm = raw / mag
        let nice: Double = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10
        let s = nice * mag
        return s.isFinite && s > 0 ? s : nil
    }

    /// Multiples of a nice step inside `lo…hi` (ends included), at most about `maxCount`
    /// of them; empty when the range is not finite or empty.
    public static func values(from lo: Double, to hi: Double, maxCount: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi >= lo else { return [] }
        if hi == lo { return [lo] }
        guard let s = step(span: hi - lo, maxCount: maxCount) else { return [] }
        let first = (lo / s).rounded(.up), last = (hi / s).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first, last - first <= 1000 else { return [] }
        var out: [Double] = []
        var k = first
        while k <= last {
            let v = k * s
            out.append(v == 0 ? 0 : v)  // no "-0"
            k += 1
        }
        return out
    }

    /// A short label for tick `value` on an axis whose ticks are `step` apart: as few digits
    /// as tell neighbouring ticks apart (`0.5`, `-2`, `150`), exponent form for very large or
    /// small numbers (`2e-5`, `1.5e6`).
    public static func label(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == 0 { return "0" }
        let s = step.isFinite && step > 0 ? step : Swift.abs(value)
        let stepExp = Int(Foundation.log10(s).rounded(.down))
        // A step that is not a single digit × 10ⁿ (2.5, never made by `step(span:maxCount:)`)
        // needs one digit more.
        let m = s / Foundation.pow(10, Double(stepExp))
        let stepDigits = Swift.abs(m - m.rounded()) < 1e-9 ? 0 : 1
        let mag = Swift.abs(value)
        if mag < 1e5 && stepExp >= -4 {
            let decimals = Swift.max(0, -stepExp + stepDigits)
            return String(format: "%.\(decimals)f", value)
        }
        let valueExp = Int(Foundation.log10(mag).rounded(.down))
        let digits = Swift.max(0, valueExp - stepExp + stepDigits)
        return exponentForm(value, digits: digits)
    }

    /// `%.{digits}e` without `+`, leading exponent zeros or trailing mantissa zeros: `1.5e6`.
    static func exponentForm(_ value: Double, digits: Int) -> String {
        let raw = String(format: "%.\(digits)e", value)
        guard let e = raw.firstIndex(of: "e") else { return raw }
        var mantissa = String(raw[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        let exponent = Int(raw[raw.index(after: e)...]) ?? 0
        return mantissa + "e" + String(exponent)
    }
}

/// Axes along the left and bottom of a plot: a line with tick marks and nice tick labels.
///
/// ```
///  2 ┤
///    │
///  0 ┤
///    │
/// -2 ┤
///    └────┬─────┬────
///        -2     0
/// ```
/// The axes sit *outside* the plot rectangle: the y labels and axis line take
/// ``labelWidth(for:)`` + 2 columns to its left, the x axis and labels the 2 rows below it.
/// ``viewport(fitting:in:cellAspect:)`` lays a plot out in an area with room for them.
public struct Axes: Hashable, Sendable {
    public var color: Color
    public var attributes: Attributes
    /// About how many columns apart x ticks are.
    public var columnsPerTick: Int
    /// About how many rows apart y ticks are.
    public var rowsPerTick: Int

    public init(color: Color = .default, attributes: Attributes = [],
                columnsPerTick: Int = 10, rowsPerTick: Int = 3) {
        self.color = color
        self.attributes = attributes
        self.columnsPerTick = Swift.max(columnsPerTick, 4)
        self.rowsPerTick = Swift.max(rowsPerTick, 1)
    }

    /// The x ticks of a viewport, with their labels.
    public func xTicks(_ viewport: Viewport) -> [(value: Double, label: String)] {
        let n = Swift.max(viewport.rect.width / columnsPerTick, 2)
        let box = viewport.box
        let v = Ticks.values(from: box.xMin, to: box.xMax, maxCount: n)
        let s = Ticks.step(span: box.width, maxCount: n) ?? 1
        return v.map { ($0, Ticks.label($0, step: s)) }
    }

    /// The y ticks of a viewport, with their labels.
    public func yTicks(_ viewport: Viewport) -> [(value: Double, label: String)] {
        let n = Swift.max(viewport.rect.height / rowsPerTick, 2)
        let box = viewport.box
        let v = Ticks.values(from: box.yMin, to: box.yMax, maxCount: n)
        let s = Ticks.step(span: box.height, maxCount: n) ?? 1
        return v.map { ($0, Ticks.label($0, step: s)) }
    }

    /// The width of the widest y label of `viewport`.
    public func labelWidth(for viewport: Viewport) -> Int {
        yTicks(viewport).map(\.label.count).max() ?? 1
    }

    /// A viewport for `box` inside `area`, leaving room for the axes: the plot gets the
    /// columns right of the y labels and all rows but the last two; the box is grown to equal
    /// aspect when `cellAspect` is given.
    public func viewport(fitting box: ViewBox, in area: Rect, cellAspect: Double? = 2) -> Viewport {
        func layout(labelWidth: Int) -> Viewport {
            let plot = Rect(col: area.col + labelWidth + 2, row: area.row,
                            width: area.width - labelWidth - 2, height: area.height - 2)
            let v = Viewport(box: box, rect: plot)
            return cellAspect.map { v.withEqualAspect(cellAspect: $0) } ?? v
        }
        // The label width depends on the ticks, which depend on the plot size: settle it in
        // two passes (labels only ever get a column or two wider or narrower).
        var v = layout(labelWidth: 1)
        for _ in 0..<2 {
            let w = labelWidth(for: v)
            let next = layout(labelWidth: w)
            if next == v { break }
            v = next
        }
        return v
    }

    /// Draws the axes for `viewport` just outside its rectangle (clipped to the frame).
    public func draw(onto frame: inout Frame, viewport: Viewport) {
        let p = viewport.rect
        guard !p.isEmpty else { return }
        let axisCol = p.col - 1, axisRow = p.maxRow
        let cx = viewport.box.center.x, cy = viewport.box.center.y
        // Lines.
        let visible = p.intersection(frame.bounds)
        guard !visible.isEmpty else { return }
        for r in visible.row..<visible.maxRow {
            frame.put("│", col: axisCol, row: r, foreground: color, attributes: attributes)
        }
        for c in visible.col..<visible.maxCol {
            frame.put("─", col: c, row: axisRow, foreground: color, attributes: attributes)
        }
        frame.put("└", col: axisCol, row: axisRow, foreground: color, attributes: attributes)
        // Y ticks and labels, right-aligned before the axis with a space.
        for (value, label) in yTicks(viewport) {
            guard let cell = viewport.cell(of: Vec2(cx, value)) else { continue }
            frame.put("┤", col: axisCol, row: cell.row, foreground: color, attributes: attributes)
            frame.put(label, col: axisCol - 1 - label.count, row: cell.row, foreground: color, attributes: attributes)
        }
        // X ticks and labels, centred under the tick, skipping labels that would touch.
        var nextFree = Int.min
        for (value, label) in xTicks(viewport) {
            guard let cell = viewport.cell(of: Vec2(value, cy)) else { continue }
            frame.put("┬", col: cell.col, row: axisRow, foreground: color, attributes: attributes)
            let start = cell.col - (label.count - 1) / 2
            if start >= nextFree {
                frame.put(label, col: start, row: axisRow + 1, foreground: color, attributes: attributes)
                nextFree = start + label.count + 1
            }
        }
    }
}
