import OptiscapeCore
import OptiscapeRender

/// Figures of the renderer: the contour field and whole frames.
enum RenderFigures {
    static let width = 200, height = 60

    /// The contour field of `rosenbrock` for a 200×60 plot (400×240 braille samples plus one per
    /// cell): sampling, levels, bands and iso-lines (`ContourField.init`), then composing it
    /// into a frame — what the renderer does when the view or the landscape changes.
    static func contour(_ w: Workload) throws -> [Figure] {
        let landscape = try LandscapeCatalog.make("rosenbrock")
        let viewport = Viewport(box: landscape.view, rect: Rect(col: 0, row: 0, width: width, height: height))
        var fieldTimes: [Double] = [], composeTimes: [Double] = []
        for _ in 0..<Swift.max(w.repetitions, 3) {
            var t = Measure.now()
            let field = ContourField(landscape: landscape, viewport: viewport, levels: .default)
            fieldTimes.append(Measure.seconds(since: t) * 1e3)
            var frame = Frame(width: width, height: height)
            t = Measure.now()
            field.compose(onto: &frame, mode: .full256)
            composeTimes.append(Measure.seconds(since: t) * 1e3)
            blackHole(frame)
        }
        let f = Measure.median(fieldTimes), c = Measure.median(composeTimes)
        return [
            Figure("contour.field", f, "ms", detail: "rosenbrock, 400×240 + 200×60 samples, levels, bands, iso-lines"),
            Figure("contour.compose", c, "ms", detail: "bands and iso-lines into a 200×60 frame"),
            Figure("contour.total", f + c, "ms", detail: "field + compose", target: .atMost(5)),
        ]
    }

    /// The eight runners of the frame and terminal figures: one per first-order kind, on
    /// `rosenbrock` from its classic start, never stopping for converging.
    static let runnerKinds: [OptimizerKind] = [.sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adadelta, .adam, .adamw]

    static func scene() -> Scene {
        Scene(title: "bench", landscape: .builtIn(name: "rosenbrock", parameters: [:]),
              runners: runnerKinds.map { RunnerConfig(optimizer: OptimizerSpec($0), start: Vec2(-1.5, 2)) })
    }

    /// A whole 200×60 frame with 8 runners whose trajectories hold each of `w.trajectoryLengths`
    /// points: the first frame of a fresh renderer (contours and every point the trajectories
    /// keep drawn: all of a short run, the decimated path of a long one),
    /// then steady frames — one step per runner, then `render` — whose cost must not grow with
    /// the trajectory length.
    static func frames(_ w: Workload) throws -> [Figure] {
        var out: [Figure] = []
        var state = try AppState(scene: scene(), rules: CoreFigures.rules)
        let labels = ["small", "medium", "large"]
        for (k, length) in w.trajectoryLengths.enumerated() {
            // Grow the trajectories to `length` points (step 0 is the start).
            let have = state.simulation.trajectories.map(\.count).min() ?? 0
            if length - have > 0 { state.reduce(.step(length - have)) }
            let counts = state.simulation.trajectories.map(\.count)
            var renderer = Renderer(colorMode: .full256)
            var t = Measure.now()
            blackHole(renderer.render(state, width: width, height: height))
            let first = Measure.seconds(since: t) * 1e3
            var times: [Double] = []
            for _ in 0..<w.steadyFrames {
                state.reduce(.step(1))
                t = Measure.now()
                let frame = renderer.render(state, width: width, height: height)
                times.append(Measure.seconds(since: t) * 1e3)
                blackHole(frame)
            }
            let points = "8 runners × \(counts.min() ?? 0)…\(counts.max() ?? 0) points"
            out.append(Figure("frame.first.\(labels[k])", first, "ms",
                              detail: "fresh renderer, 200×60: contours + every kept point, \(points)"))
            out.append(Figure("frame.steady.\(labels[k])", Measure.median(times), "ms",
                              detail: "one step per runner, 200×60, \(points), median of \(w.steadyFrames)",
                              target: .atMost(1)))
        }
        return out
    }
}
