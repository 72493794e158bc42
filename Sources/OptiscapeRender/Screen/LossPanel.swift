import OptiscapeCore

/// The loss panel (`l`): every visible runner's loss against its step, in its colour, as a
/// braille line chart — log scale when every loss is positive, linear otherwise. The range is
/// robust (see ``LineChart``): a diverged runner's blow-up does not set it, and a log scale
/// spans at most 12 decades, what lies beyond drawn on the edge. On a classification landscape
/// each runner also gets its held-out (validation) loss, dashed in a lighter shade of its own
/// colour, with its minimum marked ✱: where early stopping would stop (Deep Learning §7.8, §8.1).
enum LossPanel {
    /// Below this width a network scene's panel shows the loss alone (no ‖g‖ chart beside it).
    static let splitWidth = 72

    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        guard rect.height >= 3, rect.width >= 10 else { return }
        let content = PlotContent.loss(ctx)
        let title = " loss · \(content.chart.yScale == .log ? "log" : "linear") scale "
            + (content.hasHeldOut ? "· dashed: held-out, ✱ its minimum " : "")
        // A network runner's gradient norm beside its loss, as in Fig. 8.1 of the book: the
        // claim of §8.2.1 (‖g‖ grows while the loss falls) is then seen, not only read.
        guard rect.width >= splitWidth, let norms = PlotContent.gradientNorm(ctx) else {
            chart(ctx, title: title, chart: content.chart, legend: content.runners, in: rect, onto: &frame)
            return
        }
        let left = Rect(col: rect.col, row: rect.row, width: rect.width * 11 / 20, height: rect.height)
        let right = Rect(col: left.maxCol, row: rect.row, width: rect.maxCol - left.maxCol, height: rect.height)
        chart(ctx, title: title, chart: content.chart, legend: content.runners, in: left, onto: &frame)
        let n = (ctx.state.landscape as? SliceLandscape)?.loss.parameterCount ?? 0
        chart(ctx, title: " ‖g‖ of all \(n) weights · \(norms.chart.yScale == .log ? "log" : "linear") ",
              chart: norms.chart, legend: [], in: right, onto: &frame)
    }

    /// One chart under its heading rule: the title, then the key of runners `legend` (the
    /// selected first so it is never the one cut; "+k" counts the rest).
    static func chart(_ ctx: RenderContext, title: String, chart: LineChart, legend order: [Int], in rect: Rect,
                      onto frame: inout Frame) {
        let theme = ctx.theme
        var row = rect.row
        frame.put(String(repeating: "─", count: Swift.max(0, rect.width - 1)), col: rect.col, row: row, foreground: theme.border)
        frame.put(String(title.prefix(Swift.max(0, rect.width - 3))), col: rect.col + 2, row: row,
                  foreground: theme.heading, attributes: .bold)
        var c = rect.col + 2 + title.count + 1
        let selected = ctx.state.selected
        let legend = order.contains(selected) ? [selected] + order.filter { $0 != selected } : order
        for (n, i) in legend.enumerated() {
            let s = ctx.style(i)
            let label = ctx.state.simulation.runners[i].config.label
            let more = legend.count - n - 1
            let reserve = more > 0 ? " +\(more)".count : 0
            guard c + label.count + 4 + reserve < rect.maxCol - 1 else {
                let rest = " +\(legend.count - n)"
                if c + rest.count < rect.maxCol { frame.put(rest, col: c, row: row, foreground: theme.dimText) }
                break
            }
            c = frame.put(" ", col: c, row: row)
            frame.put(s.head, col: c, row: row, foreground: s.color, attributes: .bold)
            c = frame.put(" " + label + " ", col: c + 1, row: row, foreground: theme.text) + 1
        }
        row += 1
        let chartRect = Rect(col: rect.col, row: row, width: rect.width - 2, height: rect.maxRow - row)
        if chart.series.isEmpty {
            frame.put("no runner shown", col: chartRect.col + 2, row: chartRect.row, foreground: theme.dimText)
            return
        }
        chart.draw(onto: &frame, in: chartRect)
    }
}

extension PlotContent {
    /// The loss panel's content, for the terminal and for pictures alike: one series per
    /// visible runner in drawing order (a diverging one not bounding the range), then each
    /// one's held-out curve on a classification landscape (dashed, lighter); log scale when
    /// every loss is positive; marks: each line's head glyph at its end, ✱ at each held-out
    /// minimum.
    public struct Loss: Sendable {
        public var chart: LineChart
        /// Series k (k < runners.count) is runner runners[k]'s loss; series runners.count + k
        /// is its held-out loss, when ``hasHeldOut``.
        public var runners: [Int]
        public var hasHeldOut: Bool
    }

    public static func loss(_ state: AppState, mode: ColorMode) -> Loss {
        loss(RenderContext(state: state, mode: mode))
    }

    static func loss(_ ctx: RenderContext) -> Loss {
        let trajectories = ctx.state.simulation.trajectories
        let order = ctx.drawingOrder
        let lines = runnerLines(ctx, order) { trajectories[$0] }
        let validation = ValidationCurve.series(ctx, order: order)
        var chart = chart(lines.series + validation.map(\.series), ctx)
        chart.marks = lines.marks + validation.enumerated().compactMap { k, v in
            v.minimumStep.map { LineChart.Mark(series: order.count + k, step: $0, glyph: "✱") }
        }
        return Loss(chart: chart, runners: order, hasHeldOut: !validation.isEmpty)
    }

    /// The gradient-norm chart of a network scene: each visible network runner's ‖∇L(θ)‖ over
    /// the whole training set against its step, drawn as the loss is. Nil when no runner
    /// trains a network.
    public static func gradientNorm(_ state: AppState, mode: ColorMode) -> Loss? {
        gradientNorm(RenderContext(state: state, mode: mode))
    }

    static func gradientNorm(_ ctx: RenderContext) -> Loss? {
        let norms = ctx.state.simulation.gradientNormTrajectories
        let order = ctx.drawingOrder.filter { norms[$0] != nil }
        guard !order.isEmpty else { return nil }
        let lines = runnerLines(ctx, order) { norms[$0]! }
        var chart = chart(lines.series, ctx)
        chart.marks = lines.marks
        return Loss(chart: chart, runners: order, hasHeldOut: false)
    }

    /// One line per runner of `order`, in its colour, a diverged one not bounding the range;
    /// mark k is series k's head glyph at its last step.
    static func runnerLines(_ ctx: RenderContext, _ order: [Int], _ trajectory: (Int) -> Trajectory)
        -> (series: [LineChart.Series], marks: [LineChart.Mark]) {
        var series: [LineChart.Series] = [], marks: [LineChart.Mark] = []
        for (k, i) in order.enumerated() {
            let t = trajectory(i)
            var s = LineChart.Series(t, color: ctx.style(i).color)
            s.bounded = !ctx.trail(i).diverged
            series.append(s)
            if t.count > 0 { marks.append(LineChart.Mark(series: k, step: t.lastStep, glyph: ctx.style(i).head)) }
        }
        return (series, marks)
    }

    /// A chart of these series: log scale unless a value is negative or none is positive (a
    /// value of exactly 0 sits on the bottom edge).
    static func chart(_ series: [LineChart.Series], _ ctx: RenderContext) -> LineChart {
        let positive = series.allSatisfy { $0.points.allSatisfy { !$0.value.isFinite || $0.value >= 0 } }
            && series.contains { $0.points.contains { $0.value.isFinite && $0.value > 0 } }
        return LineChart(series: series, yScale: positive ? .log : .linear, axisColor: ctx.theme.dimText)
    }
}

extension LineChart.Series {
    /// A trajectory's losses against their steps, as it keeps them: every one of a short run; of
    /// a long one, each decimated interval's lowest and highest, so spikes stay visible and a
    /// frame's cost does not grow with the steps.
    init(_ trajectory: Trajectory, color: Color) {
        var points: [LineChart.Point] = []
        trajectory.forEachLoss { points.append(LineChart.Point(step: $0, value: $1)) }
        self.init(points: points, color: color)
    }
}

/// Held-out loss along each runner's path, sampled at ≤ 240 steps so a long run stays cheap
/// (of a long run, at the kept points nearest after each sample step).
enum ValidationCurve {
    struct Curve {
        var series: LineChart.Series
        /// The step of the lowest held-out loss: where early stopping would stop.
        var minimumStep: Int?
    }

    static func series(_ ctx: RenderContext, order: [Int]) -> [Curve] {
        let sim = ctx.state.simulation
        // A network runner's validation loss was measured at θ as it trained (never at the
        // projected point): its own series.
        if sim.validationTrajectories.contains(where: { $0 != nil }) {
            return order.compactMap { i in
                guard let t = sim.validationTrajectories[i] else { return nil }
                var samples: [LineChart.Point] = []
                t.forEachLoss { samples.append(LineChart.Point(step: $0, value: $1)) }
                return curve(ctx, i, samples)
            }
        }
        guard let data = ctx.state.landscape as? any ClassificationLandscape else { return [] }
        return order.map { i in
            let trajectory = ctx.state.simulation.trajectories[i]
            let stride = Swift.max(1, trajectory.count / 240)
            var samples: [LineChart.Point] = []
            var next = 0
            trajectory.forEachPoint(after: -1) { step, p in
                guard step >= next || step == trajectory.lastStep else { return }
                samples.append(LineChart.Point(step: step, value: data.validationLoss(at: p)))
                next = (step / stride + 1) * stride
            }
            return curve(ctx, i, samples)
        }
    }

    /// Runner i's held-out curve in its lighter colour, dashed, with where it is lowest.
    static func curve(_ ctx: RenderContext, _ i: Int, _ samples: [LineChart.Point]) -> Curve {
        let best = samples.filter { $0.value.isFinite }.min { $0.value < $1.value }
        let color = ctx.mode == .full256 ? RunnerPalette.lighter(ctx.style(i).color) : ctx.style(i).color
        return Curve(series: LineChart.Series(points: samples, color: color, dashed: true), minimumStep: best?.step)
    }
}
