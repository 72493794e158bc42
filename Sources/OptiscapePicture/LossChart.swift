import Foundation
import OptiscapeCore
import OptiscapeRender

/// The loss panel (`--show loss`) as a line chart: every visible runner's loss against its
/// step in its colour, ending in its head shape; a log axis (decades) when every loss is
/// positive, linear otherwise — the terminal panel's rule. A network scene's panel, when wide
/// enough, also charts ‖g‖ of all the weights beside it (Fig. 8.1), as the terminal does.
enum LossChart {
    static func draw(_ state: AppState, _ style: FigureStyle, _ p: Painter, _ b: Box) {
        let content = PlotContent.loss(state, mode: .full256)
        let log = content.chart.yScale == .log
        let title = "loss · " + (log ? "log scale" : "linear scale") + (content.hasHeldOut ? " · dashed: held-out, ✱ its minimum" : "")
        let norms = PlotContent.gradientNorm(state, mode: .full256)
        let boxes = Self.boxes(b, style, hasGradientNorm: norms != nil)
        chart(content, title: title, style, p, boxes[0])
        if let norms, boxes.count > 1 {
            let n = (state.landscape as? SliceLandscape)?.loss.parameterCount ?? 0
            chart(norms, title: "‖g‖ of all \(n) weights · " + (norms.chart.yScale == .log ? "log" : "linear"), style, p, boxes[1])
        }
    }

    /// The loss chart's box, and the ‖g‖ chart's beside it when there is one and room for two
    /// charts with their tick labels.
    static func boxes(_ b: Box, _ style: FigureStyle, hasGradientNorm: Bool) -> [Box] {
        let u = style.unit, gap = 4.5 * u
        guard hasGradientNorm, b.width >= 30 * u else { return [b] }
        let left = Box(x: b.x, y: b.y, width: (b.width - gap) * 0.55, height: b.height)
        return [left, Box(x: left.maxX + gap, y: b.y, width: b.maxX - left.maxX - gap, height: b.height)]
    }

    /// One chart of runners' series in `b`, its title above it.
    static func chart(_ content: PlotContent.Loss, title: String, _ style: FigureStyle, _ p: Painter, _ b: Box) {
        let u = style.unit
        let chart = content.chart
        let log = chart.yScale == .log
        p.text(title, at: b.x, b.y - 0.45 * u, .sansBold, size: 0.8 * u, style.heading)
        p.strokeBox(b, style.border, width: Swift.max(0.06 * u, 0.5))
        guard !content.runners.isEmpty, let range = chart.displayRange() else {
            p.text("no runner shown", at: b.x + u, b.y + 1.5 * u, .sans, size: 0.75 * u, style.dimText)
            return
        }
        let lastStep = Swift.max(chart.series.map { $0.points.last?.step ?? 0 }.max() ?? 1, 1)
        var y0 = range.lo, y1 = range.hi
        let pad = (y1 - y0) * 0.05
        y0 -= pad; y1 += pad
        // Values outside the robust range are drawn on its edge, and that edge's label says so.
        var below = false, above = false
        func point(_ step: Int, _ t: Double) -> Point {
            if t < range.lo - 1e-9 { below = true }
            if t > range.hi + 1e-9 { above = true }
            let c = Swift.min(Swift.max(t, range.lo), range.hi)
            return Point(b.x + Double(step) / Double(lastStep) * b.width, b.maxY - (c - y0) / (y1 - y0) * b.height)
        }
        var lines: [[[Point]]] = []
        for s in chart.series {
            var l: [[Point]] = [[]]
            for q in s.points {
                if let t = chart.transform(q.value) { l[l.count - 1].append(point(q.step, t)) } else { l.append([]) }
            }
            lines.append(l)
        }

        // Ticks: steps along x; decades (or nice values when the range is under two decades) along y.
        let size = 0.68 * u, tick = 0.3 * u
        var grid: [[Point]] = [], ticks: [[Point]] = []
        let nx = Swift.max(Int(b.width / (4.5 * u)), 2)
        let sx = Ticks.step(span: Double(lastStep), maxCount: nx) ?? 1
        for v in Ticks.values(from: 0, to: Double(lastStep), maxCount: nx) {
            let x = b.x + v / Double(lastStep) * b.width
            ticks.append([Point(x, b.maxY), Point(x, b.maxY + tick)])
            p.text(Ticks.label(v, step: sx), at: x, b.maxY + tick + 0.85 * u, .sans, size: size, style.dimText, align: .centre)
        }
        p.text("step", at: b.maxX, b.maxY + tick + 1.85 * u, .sans, size: size, style.dimText, align: .right)
        let ny = Swift.max(Int(b.height / (1.8 * u)), 2)
        var yTicks: [(Double, String)] = []
        if log && range.hi - range.lo >= 2 {
            // Every decade, or every 2nd, 5th, 10th, … (a nice step in decades).
            let every = Swift.max(1, Int(Ticks.step(span: range.hi - range.lo, maxCount: ny + 2) ?? 1))
            var k = Int(range.lo.rounded(.up))
            while Double(k) <= range.hi + 1e-9 {
                if k % every == 0 { yTicks.append((Double(k), LineChart.decadeLabel(k))) }
                k += 1
            }
        } else {
            let lv = log ? Foundation.pow(10, range.lo) : range.lo, hv = log ? Foundation.pow(10, range.hi) : range.hi
            let s = Ticks.step(span: hv - lv, maxCount: ny) ?? 1
            for v in Ticks.values(from: lv, to: hv, maxCount: ny) where !log || v > 0 {
                yTicks.append((log ? Foundation.log10(v) : v, Ticks.label(v, step: s)))
            }
        }
        for (k, (fy, label)) in yTicks.enumerated() {
            let y = b.maxY - (fy - y0) / (y1 - y0) * b.height
            grid.append([Point(b.x, y), Point(b.maxX, y)])
            ticks.append([Point(b.x - tick, y), Point(b.x, y)])
            let edge = k == 0 && below && fy <= range.lo + 1e-9 ? "≤" : k == yTicks.count - 1 && above && fy >= range.hi - 1e-9 ? "≥" : ""
            p.text(edge + label, at: b.x - tick - 0.25 * u, y + 0.25 * u, .sans, size: size, style.dimText, align: .right)
        }
        p.stroke(grid, style.border.alpha(0.5), width: Swift.max(0.04 * u, 0.4))
        p.stroke(ticks, style.border, width: Swift.max(0.06 * u, 0.5))

        p.clip(b) {
            for (s, l) in zip(chart.series, lines) {
                p.stroke(l, style.color(s.color), width: (s.dashed ? 0.08 : 0.1) * u, dash: s.dashed ? [0.35 * u, 0.25 * u] : [])
            }
        }
        for m in chart.marks {
            let s = chart.series[m.series]
            guard let q = s.points.last(where: { $0.step == m.step }), let t = chart.transform(q.value) else { continue }
            let shape = m.glyph == "✱" ? MarkerShape.star : MarkerShape(m.glyph)
            shape.draw(p, at: point(m.step, t), size: 0.65 * u, fill: style.color(s.color), outline: style.outline)
        }
    }
}
