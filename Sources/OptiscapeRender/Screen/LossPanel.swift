import OptiscapeCore

/// The loss panel (`l`): every visible runner's loss against its step, in its colour, as a
/// braille line chart — log scale when every loss is positive, linear otherwise. On a
/// classification landscape each runner also gets its held-out (validation) loss, in grey, with
/// its minimum marked ✱: where early stopping would stop (Deep Learning §7.8, §8.1).
enum LossPanel {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let theme = ctx.theme
        guard rect.height >= 3, rect.width >= 10 else { return }
        let trajectories = ctx.state.simulation.trajectories
        // The selected runner last: on top where lines cross.
        let sel = ctx.state.selected
        let order = ctx.visible.filter { $0 != sel } + (ctx.visible.contains(sel) ? [sel] : [])
        var series = order.map { LineChart.Series(values: trajectories[$0].losses, color: ctx.style($0).color) }
        let validation = ValidationCurve.series(ctx, order: order)
        series += validation.map(\.series)
        let positive = series.allSatisfy { $0.points.allSatisfy { !$0.value.isFinite || $0.value > 0 } }
        let scale: LineChart.Scale = positive ? .log : .linear
        // Heading rule across the panel.
        var row = rect.row
        let title = " loss · \(scale == .log ? "log" : "linear") scale " + (validation.isEmpty ? "" : "· grey: held-out, ✱ its minimum ")
        frame.put(String(repeating: "─", count: Swift.max(0, rect.width - 1)), col: rect.col, row: row, foreground: theme.border)
        frame.put(title, col: rect.col + 2, row: row, foreground: theme.heading, attributes: .bold)
        var c = rect.col + 2 + title.count + 1
        for i in order {
            let s = ctx.style(i)
            let label = ctx.state.simulation.runners[i].config.label
            guard c + label.count + 4 < rect.maxCol - 1 else { break }
            c = frame.put(" ", col: c, row: row)
            frame.put(s.head, col: c, row: row, foreground: s.color, attributes: .bold)
            c = frame.put(" " + label + " ", col: c + 1, row: row, foreground: theme.text) + 1
        }
        row += 1
        let chartRect = Rect(col: rect.col, row: row, width: rect.width - 2, height: rect.maxRow - row)
        if order.isEmpty {
            frame.put("no runner shown", col: chartRect.col + 2, row: chartRect.row, foreground: theme.dimText)
            return
        }
        var chart = LineChart(series: series, yScale: scale, axisColor: theme.dimText)
        // Each line ends in its runner's head glyph, as on the plot.
        chart.marks = order.enumerated().compactMap { k, i in
            trajectories[i].losses.indices.last.map { LineChart.Mark(series: k, step: $0, glyph: ctx.style(i).head) }
        }
        chart.marks += validation.enumerated().compactMap { k, v in
            v.minimumStep.map { LineChart.Mark(series: order.count + k, step: $0, glyph: "✱") }
        }
        chart.draw(onto: &frame, in: chartRect)
    }
}

/// Held-out loss along each runner's path, sampled at ≤ 240 steps so a long run stays cheap.
enum ValidationCurve {
    struct Curve {
        var series: LineChart.Series
        /// The step of the lowest held-out loss: where early stopping would stop.
        var minimumStep: Int?
    }

    static func series(_ ctx: RenderContext, order: [Int]) -> [Curve] {
        guard let data = ctx.state.landscape as? any ClassificationLandscape else { return [] }
        return order.map { i in
            let points = ctx.state.simulation.trajectories[i].points
            let stride = Swift.max(1, points.count / 240)
            var samples: [LineChart.Point] = []
            for k in Swift.stride(from: 0, to: points.count, by: stride) {
                samples.append(LineChart.Point(step: k, value: data.validationLoss(at: points[k])))
            }
            if let last = points.indices.last, samples.last?.step != last {
                samples.append(LineChart.Point(step: last, value: data.validationLoss(at: points[last])))
            }
            let best = samples.filter { $0.value.isFinite }.min { $0.value < $1.value }
            return Curve(series: LineChart.Series(points: samples, color: ctx.theme.dimText), minimumStep: best?.step)
        }
    }
}
