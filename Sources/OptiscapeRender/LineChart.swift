import Foundation
import OptiscapeCore

/// A braille line chart of several series of (step, value), e.g. loss against step.
///
/// ```
///  1e2┤⠑⢄
///     │  ⠑⠢⣀
///    1┤     ⠈⠉⠒⠒⠤⠤⣀⣀◆⣀⣀
///≤1e-4┤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀
///      0            500
/// ```
/// The y axis is logarithmic by default (values ≤ 0 or not finite are skipped and break the
/// line) or linear; x runs from 0 to the largest step; the last row shows 0 and the largest step.
///
/// A robust range (``yRange()``): a series marked ``Series/bounded`` `false` (a diverged
/// runner's blow-up) counts for the range only with its first value; on a log scale the range
/// spans at most ``maximumDecades`` decades below its top. Values outside the range are drawn
/// on its edge, and that edge's label says so (`≤1e-10`, `≥1e3`). On a log scale spanning two
/// decades or more the range is widened to whole decades and every decade (or every second,
/// third, … where rows are few) gets a tick and a label; otherwise the two ends are labelled.
///
/// Colours: each series is drawn on its own; a cell where several series have dots takes their
/// colours in turn along the x axis (series *k* of the *n* there at every *n*-th column), so
/// overlapping curves stay visible in every colour. A ``Series/dashed`` series leaves every
/// other cell column empty. Marks (e.g. each line's end, or where early stopping would stop)
/// are glyphs in their series' colour.
public struct LineChart: Sendable {
    /// One point of a series.
    public struct Point: Hashable, Sendable {
        public var step: Int
        public var value: Double
        public init(step: Int, value: Double) { self.step = step; self.value = value }
    }

    /// One line of the chart.
    public struct Series: Sendable {
        public var points: [Point]
        public var color: Color
        /// Drawn in dashes (every other cell column).
        public var dashed = false
        /// Whether all its values count for the y range (`false`: only its first value, as
        /// for a diverged runner whose blow-up would flatten every other line).
        public var bounded = true
        public init(points: [Point], color: Color, dashed: Bool = false, bounded: Bool = true) {
            self.points = points; self.color = color; self.dashed = dashed; self.bounded = bounded
        }
        /// A series whose value at step *i* is `values[i]`.
        public init(values: [Double], color: Color) {
            self.init(points: values.enumerated().map { Point(step: $0.offset, value: $0.element) }, color: color)
        }
    }

    /// A point of one series to highlight.
    public struct Mark: Hashable, Sendable {
        public var series: Int
        public var step: Int
        public var glyph: Character
        public init(series: Int, step: Int, glyph: Character = "◆") {
            self.series = series; self.step = step; self.glyph = glyph
        }
    }

    public enum Scale: String, Hashable, Sendable { case log, linear }

    public var series: [Series]
    public var yScale: Scale
    public var mark: Mark?
    /// More marks, drawn after ``mark`` (e.g. each series' last point with its own glyph, so
    /// that series are told apart without colour).
    public var marks: [Mark] = []
    /// Colour of the axis and labels.
    public var axisColor: Color
    /// On a log scale, the most decades the range spans below its top (lower values are drawn
    /// on the bottom edge).
    public var maximumDecades = 12.0

    public init(series: [Series], yScale: Scale = .log, mark: Mark? = nil, axisColor: Color = .default) {
        self.series = series
        self.yScale = yScale
        self.mark = mark
        self.axisColor = axisColor
    }

    /// A mark at the smallest plottable value of `series[index]` (the first one on ties).
    public static func minimumMark(of series: Series, index: Int, glyph: Character = "◆") -> Mark? {
        var best: Point?
        for p in series.points where p.value.isFinite && (best == nil || p.value < best!.value) {
            best = p
        }
        return best.map { Mark(series: index, step: $0.step, glyph: glyph) }
    }

    /// A short label for an axis end: about three significant digits (`0.0342`, `1234`, `1.2e7`).
    public static func label(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        let m = Swift.abs(v)
        if m >= 1000 && m < 1e5 { return String(format: "%.0f", v) }
        if v == 0 || (m >= 1e-3 && m < 1000) { return String(format: "%.3g", v) }
        return Ticks.exponentForm(v, digits: 1)
    }

    /// Maps a value to the plotted axis (log10 or itself), `nil` when it cannot be plotted. On a
    /// log scale an exact 0 (Newton landing on the minimum) maps below every range, so it is
    /// drawn on the bottom edge, marked `≤`; a negative value cannot be plotted.
    @inline(__always)
    public func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch yScale {
        case .linear: return v
        case .log: return v > 0 ? Foundation.log10(v) : v == 0 ? -Double.greatestFiniteMagnitude : nil
        }
    }

    /// Whether a value can be plotted on this chart's scale (on a log scale, 0 on the edge).
    @inline(__always)
    func plottable(_ v: Double) -> Bool { v.isFinite && (yScale == .linear || v >= 0) }

    /// Whether a value counts for the range: plottable, and on a log scale positive.
    @inline(__always)
    func ranged(_ v: Double) -> Bool { v.isFinite && (yScale == .linear || v > 0) }

    /// The plotted y range (transformed), widened when flat; `nil` when nothing is plottable.
    /// Robust (see the type's documentation): an unbounded series counts with its first value
    /// only, and a log range spans at most ``maximumDecades``. The transform is monotone, so
    /// only the raw extremes are transformed.
    func yRange() -> (lo: Double, hi: Double)? {
        var rawLo = Double.infinity, rawHi = -Double.infinity
        for s in series {
            for p in s.points where ranged(p.value) {
                if p.value < rawLo { rawLo = p.value }
                if p.value > rawHi { rawHi = p.value }
                if !s.bounded { break }
            }
        }
        guard rawLo <= rawHi, var lo = transform(rawLo), let hi = transform(rawHi) else { return nil }
        if yScale == .log, maximumDecades > 0 { lo = Swift.max(lo, hi - maximumDecades) }
        if hi - lo < 1e-12 * Swift.max(Swift.abs(lo), 1) || !(hi - lo).isFinite {
            let pad = yScale == .log ? 0.5 : Swift.max(Swift.abs(lo) * 0.1, 1)
            return (lo - pad, hi + pad)
        }
        return (lo, hi)
    }

    /// The range as drawn: on a log scale of two decades or more, widened to whole decades.
    public func displayRange() -> (lo: Double, hi: Double)? {
        guard let r = yRange() else { return nil }
        guard yScale == .log, r.hi - r.lo >= 2 else { return r }
        return (Foundation.floor(r.lo + 1e-9), Foundation.ceil(r.hi - 1e-9))
    }

    /// The label of decade 10^k: `1`, `10`, `100`, `0.1`, `0.01`, else `1e3`, `1e-4`.
    public static func decadeLabel(_ k: Int) -> String {
        switch k {
        case 0: return "1"
        case 1: return "10"
        case 2: return "100"
        case -1: return "0.1"
        case -2: return "0.01"
        default: return "1e\(k)"
        }
    }

    /// Draws the chart into `rect` of `frame` (clipped). Nothing is drawn for a rectangle
    /// smaller than 4 × 2.
    public func draw(onto frame: inout Frame, in rect: Rect) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        let range = displayRange()
        var maxStep = 1
        var below = false, above = false
        for s in series {
            for p in s.points {
                if p.step > maxStep { maxStep = p.step }
                guard let r = range, let t = transform(p.value) else { continue }
                if t < r.lo - 1e-9 { below = true }
                if t > r.hi + 1e-9 { above = true }
            }
        }
        let untransform = { (t: Double) in self.yScale == .log ? Foundation.pow(10, t) : t }
        let xLabels = rect.height >= 3
        let plotHeight = rect.height - (xLabels ? 1 : 0)
        // Ticks: (transformed value, label); the ends first.
        var ticks: [(t: Double, label: String)] = []
        if let (lo, hi) = range {
            let decades = yScale == .log && hi - lo >= 2
            func endLabel(_ t: Double) -> String {
                decades ? LineChart.decadeLabel(Int(t.rounded())) : LineChart.label(untransform(t))
            }
            ticks = [(hi, (above ? "≥" : "") + endLabel(hi)), (lo, (below ? "≤" : "") + endLabel(lo))]
            if decades, plotHeight >= 3 {
                let n = Int((hi - lo).rounded())
                let stride = Swift.max(1, Int(Foundation.ceil(Double(n) * 2 / Double(plotHeight - 1))))
                var k = Int(hi.rounded()) - stride
                while k > Int(lo.rounded()) {
                    if Int(lo.rounded()) + stride / 2 < k { ticks.append((Double(k), LineChart.decadeLabel(k))) }
                    k -= stride
                }
            }
        }
        let labelWidth = Swift.min(Swift.max(ticks.map(\.label.count).max() ?? 1, 1), rect.width / 2)
        let plot = Rect(col: rect.col + labelWidth + 1, row: rect.row,
                        width: rect.width - labelWidth - 1, height: plotHeight)
        let axisCol = plot.col - 1

        for r in plot.row..<plot.maxRow { frame.put("│", col: axisCol, row: r, foreground: axisColor) }
        if let (lo, hi) = range {
            var used = Set<Int>()
            for (i, tick) in ticks.enumerated() {
                let r = plot.row + LineChart.cell((hi - tick.t) / (hi - lo) * Double(plot.height - 1) + 0.5, count: plot.height)
                guard i < 2 || !used.contains(r) else { continue }
                if i == 1 && used.contains(r) { continue }  // a one-row chart: the top label only
                used.insert(r)
                frame.put("┤", col: axisCol, row: r, foreground: axisColor)
                let text = String(tick.label.suffix(labelWidth))
                frame.put(text, col: axisCol - text.count, row: r, foreground: axisColor)
            }
        }
        if xLabels {
            let last = String(maxStep)
            frame.put("0", col: plot.col, row: plot.maxRow, foreground: axisColor)
            if last.count + 2 <= plot.width {
                frame.put(last, col: plot.maxCol - last.count, row: plot.maxRow, foreground: axisColor)
            }
        }
        guard let (lo, hi) = range, !plot.isEmpty else { return }

        // Lines, each on its own canvas, then merged cell by cell.
        var canvases: [BrailleCanvas] = []
        let probe = BrailleCanvas(width: plot.width, height: plot.height)
        let xScale = Double(probe.dotWidth - 1) / Double(maxStep)
        let yScale = Double(probe.dotHeight - 1) / (hi - lo)
        func dot(_ step: Int, _ t: Double) -> Vec2 {
            Vec2(Double(step) * xScale + 0.5, (hi - t.clamped(lo, hi)) * yScale + 0.5)
        }
        for s in series {
            var canvas = probe
            drawSeries(s, on: &canvas, priority: 0, dot: dot)
            canvases.append(canvas)
        }
        var present: [Int] = []
        for r in 0..<plot.height {
            for c in 0..<plot.width {
                let i = r * plot.width + c
                var bits: UInt8 = 0
                present.removeAll(keepingCapacity: true)
                for (k, canvas) in canvases.enumerated() where canvas.bits[i] != 0 && !(series[k].dashed && c % 2 == 1) {
                    bits |= canvas.bits[i]
                    present.append(k)
                }
                guard bits != 0 else { continue }
                let k = present[c % present.count]
                frame.put(BrailleCanvas.character(bits: bits), col: plot.col + c, row: plot.row + r,
                          foreground: series[k].color)
            }
        }

        // Marks.
        for m in [mark].compactMap({ $0 }) + marks where m.series >= 0 && m.series < series.count {
            let points = series[m.series].points
            // Usually the last point (cheap to check first).
            guard let p = points.last?.step == m.step ? points.last : points.first(where: { $0.step == m.step }),
                  let t = transform(p.value) else { continue }
            let d = dot(p.step, t)
            let c = plot.col + LineChart.cell(d.x / 2, count: plot.width)
            let r = plot.row + LineChart.cell(d.y / 4, count: plot.height)
            frame.put(m.glyph, col: c, row: r, foreground: series[m.series].color, attributes: .bold)
        }
    }

    /// The cell index `0..<count` for a coordinate in cells, clamped before converting: a loss
    /// near `Double.greatestFiniteMagnitude` makes the range infinite and `d` NaN or infinite,
    /// which `Int(_:)` traps on.
    static func cell(_ v: Double, count: Int) -> Int {
        guard !v.isNaN else { return 0 }
        return Int(Swift.min(Swift.max(v, 0), Double(Swift.max(count - 1, 0))))
    }

    /// Connects consecutive plottable points. Long series are reduced per dot column to a
    /// vertical stroke from the column's minimum to its maximum, joined to the neighbouring
    /// columns: the same picture in time linear in the points, with few lines. Buckets are
    /// formed on raw values (the y transform is monotone), so only four values per column are
    /// transformed.
    private func drawSeries(_ s: Series, on canvas: inout BrailleCanvas, priority: UInt64,
                            dot: (Int, Double) -> Vec2) {
        let color = s.color
        if s.points.count <= 2 * canvas.dotWidth {
            var prev: Vec2?
            for p in s.points {
                guard let t = transform(p.value) else { prev = nil; continue }
                let d = dot(p.step, t)
                if let q = prev { canvas.line(from: q, to: d, color: color, priority: priority) }
                else { canvas.set(dot: d, color: color, priority: priority) }
                prev = d
            }
            return
        }
        // The bucket being filled: its column and raw first, last, min and max values.
        var column = Int.min
        var firstStep = 0, lastStep = 0
        var first = 0.0, last = 0.0, lo = 0.0, hi = 0.0
        var open = false
        var previousLast: Vec2?
        func flush() {
            guard open else { return }
            open = false
            guard let tf = transform(first), let tl = transform(last),
                  let tlo = transform(lo), let thi = transform(hi) else { return }
            let a = dot(firstStep, tf)
            if let q = previousLast { canvas.line(from: q, to: a, color: color, priority: priority) }
            canvas.line(from: dot(firstStep, tlo), to: dot(firstStep, thi), color: color, priority: priority)
            previousLast = dot(lastStep, tl)
        }
        let dotsPerStep = dot(1, 0).x - dot(0, 0).x
        for p in s.points {
            let v = p.value
            guard plottable(v) else { flush(); previousLast = nil; continue }
            let x = Double(p.step) * dotsPerStep
            let c = x.isFinite ? Int(Swift.min(Swift.max(x, -1), Double(canvas.dotWidth))) : -1
            if open && c == column {
                lastStep = p.step; last = v
                if v < lo { lo = v }
                if v > hi { hi = v }
            } else {
                flush()
                column = c; firstStep = p.step; lastStep = p.step
                first = v; last = v; lo = v; hi = v
                open = true
            }
        }
        flush()
    }
}
