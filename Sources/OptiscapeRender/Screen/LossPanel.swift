import OptiscapeCore

/// The loss panel (`l`): every visible runner's loss against its step, in its colour, as a
/// braille line chart — log scale when every loss is positive, linear otherwise.
enum LossPanel {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let theme = ctx.theme
        guard rect.height >= 3, rect.width >= 10 else { return }
        let trajectories = ctx.state.simulation.trajectories
        // The selected runner last: on top where lines cross.
        let sel = ctx.state.selected
        let order = ctx.visible.filter { $0 != sel } + (ctx.visible.contains(sel) ? [sel] : [])
        let series = order.map { LineChart.Series(values: trajectories[$0].losses, color: ctx.style($0).color) }
        let positive = order.allSatisfy { trajectories[$0].losses.allSatisfy { !$0.isFinite || $0 > 0 } }
        let scale: LineChart.Scale = positive ? .log : .linear
        // Heading rule across the panel.
        var row = rect.row
        let title = " loss · \(scale == .log ? "log" : "linear") scale "
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
        chart.draw(onto: &frame, in: chartRect)
    }
}
