import Foundation
import OptiscapeCore
import OptiscapeRender

/// The loss panel (`--show loss`) as a line chart: every visible runner's loss against its
/// step in its colour, ending in its head shape; a log axis (decades) when every loss is
/// positive, linear otherwise — the terminal panel's rule.
enum LossChart {
    static func draw(_ state: AppState, _ style: FigureStyle, _ p: Painter, _ b: Box) {
        let u = style.unit
        let order = PlotContent.drawingOrder(state)
        let trajectories = state.simulation.trajectories
        var series: [(index: Int, points: [(Int, Double)])] = []
        for i in order {
            var pts: [(Int, Double)] = []
            trajectories[i].forEachLoss { pts.append(($0, $1)) }
            series.append((i, pts))
        }
        let values = series.flatMap { $0.points.map(\.1) }.filter(\.isFinite)
        let log = !values.isEmpty && values.allSatisfy { $0 > 0 }
        let title = "loss · " + (log ? "log scale" : "linear scale")
        p.text(title, at: b.x, b.y - 0.45 * u, .sansBold, size: 0.8 * u, style.heading)
        p.strokeBox(b, style.border, width: Swift.max(0.06 * u, 0.5))
        guard let lo = values.min(), let hi = values.max() else {
            p.text("no runner shown", at: b.x + u, b.y + 1.5 * u, .sans, size: 0.75 * u, style.dimText)
            return
        }
        let lastStep = Swift.max(series.map { $0.points.last?.0 ?? 0 }.max() ?? 1, 1)
        func f(_ v: Double) -> Double { log ? Foundation.log10(v) : v }
        var y0 = f(lo), y1 = f(hi)
        if y1 - y0 < 1e-12 { y0 -= log ? 0.5 : Swift.max(Swift.abs(y0) * 0.1, 0.5); y1 += log ? 0.5 : Swift.max(Swift.abs(y1) * 0.1, 0.5) }
        let pad = (y1 - y0) * 0.05
        y0 -= pad; y1 += pad
        func point(_ step: Int, _ v: Double) -> Point {
            Point(b.x + Double(step) / Double(lastStep) * b.width, b.maxY - (f(v) - y0) / (y1 - y0) * b.height)
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
        if log && y1 - y0 >= 2 {
            // Every decade, or every 2nd, 5th, 10th, … (a nice step in decades).
            let every = Swift.max(1, Int(Ticks.step(span: y1 - y0, maxCount: ny + 2) ?? 1))
            var k = Int(y0.rounded(.up))
            while Double(k) <= y1 {
                if k % every == 0 { yTicks.append((Double(k), decade(k))) }
                k += 1
            }
        } else {
            let lv = log ? Foundation.pow(10, y0) : y0, hv = log ? Foundation.pow(10, y1) : y1
            let s = Ticks.step(span: hv - lv, maxCount: ny) ?? 1
            for v in Ticks.values(from: lv, to: hv, maxCount: ny) where !log || v > 0 {
                yTicks.append((f(v), Ticks.label(v, step: s)))
            }
        }
        for (fy, label) in yTicks {
            let y = b.maxY - (fy - y0) / (y1 - y0) * b.height
            grid.append([Point(b.x, y), Point(b.maxX, y)])
            ticks.append([Point(b.x - tick, y), Point(b.x, y)])
            p.text(label, at: b.x - tick - 0.25 * u, y + 0.25 * u, .sans, size: size, style.dimText, align: .right)
        }
        p.stroke(grid, style.border.alpha(0.5), width: Swift.max(0.04 * u, 0.4))
        p.stroke(ticks, style.border, width: Swift.max(0.06 * u, 0.5))

        p.clip(b) {
            for s in series {
                var lines: [[Point]] = [[]]
                for (step, v) in s.points {
                    if v.isFinite && (!log || v > 0) { lines[lines.count - 1].append(point(step, v)) } else { lines.append([]) }
                }
                p.stroke(lines, style.color(style.runner(s.index, state).color), width: 0.1 * u)
            }
        }
        for s in series {
            guard let last = s.points.last, last.1.isFinite, !log || last.1 > 0 else { continue }
            let rs = style.runner(s.index, state)
            MarkerShape(rs.head).draw(p, at: point(last.0, last.1), size: 0.65 * u, fill: style.color(rs.color), outline: style.outline)
        }
    }

    /// `1e-3`, `0.01`, `0.1`, `1`, `10`, `100`, `1e3` for 10ᵏ.
    static func decade(_ k: Int) -> String {
        switch k {
        case -2: return "0.01"
        case -1: return "0.1"
        case 0: return "1"
        case 1: return "10"
        case 2: return "100"
        default: return "1e\(k)"
        }
    }
}
