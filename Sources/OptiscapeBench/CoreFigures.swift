import OptiscapeCore

/// Figures of the core: optimizer steps and landscape evaluations per second.
enum CoreFigures {
    /// Runners never stop for converging here (tolerance 0), so every step is a real one.
    static let rules = StoppingRules(gradientTolerance: 0)

    /// Steps per second of one runner per optimizer kind on `rosenbrock` and `rnn-cliff`
    /// (T = 50), driven through `Runner.advance(on:)` as `Simulation.advance` does, no I/O;
    /// plus `Simulation.advance` itself (which also appends to the trajectory) for SGD.
    static func optimizerSteps(_ w: Workload) throws -> [Figure] {
        var out: [Figure] = []
        for (name, landscape) in [("rosenbrock", try LandscapeCatalog.make("rosenbrock")),
                                  ("rnn-cliff", try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 50]))] {
            for kind in OptimizerKind.allCases where kind.runsOnPoints {
                let config = RunnerConfig(optimizer: OptimizerSpec(kind), start: landscape.defaultStart)
                let rate = try Measure.medianOf(w.repetitions) { try runnerRate(config, landscape, seconds: w.seconds) }
                let target: Target? = name != "rosenbrock" ? nil
                    : kind == .sgd ? .atLeast(20e6) : kind == .adam ? .atLeast(10e6) : nil
                out.append(Figure("steps.\(name).\(kind.rawValue)", rate, "steps/s",
                                  detail: "Runner.advance, defaults, from \(landscape.defaultStart)", target: target))
            }
            if name == "rosenbrock" {
                let config = RunnerConfig(optimizer: OptimizerSpec(.sgd), start: landscape.defaultStart)
                let rate = try Measure.medianOf(w.repetitions) { try simulationRate(config, landscape, seconds: w.seconds) }
                out.append(Figure("steps.rosenbrock.sgd.simulation", rate, "steps/s",
                                  detail: "Simulation.advance: the step and the trajectory append"))
            }
        }
        return out
    }

    /// One repetition: steps per second for `seconds`. A runner that stops (diverges, or
    /// Newton at a singular Hessian) is started again; only steps that moved count.
    static func runnerRate(_ config: RunnerConfig, _ landscape: any Landscape, seconds: Double) throws -> Double {
        var runner = try Runner(config: config, landscape: landscape, seed: 0, stream: 0, rules: rules)
        var moved = 0
        let chunk = 1024
        let start = Measure.now()
        var elapsed = 0.0
        repeat {
            for _ in 0..<chunk {
                if runner.advance(on: landscape) {
                    moved += 1
                } else if !runner.status.isRunning {
                    runner = try Runner(config: config, landscape: landscape, seed: 0, stream: 0, rules: rules)
                }
            }
            elapsed = Measure.seconds(since: start)
        } while elapsed < seconds
        blackHole(runner.position.x)
        return Double(moved) / elapsed
    }

    /// One repetition of `Simulation.advance(steps: 1)`, as the app's frames and `trace` call it.
    static func simulationRate(_ config: RunnerConfig, _ landscape: any Landscape, seconds: Double) throws -> Double {
        var sim = try Simulation(landscape: landscape, runners: [config], rules: rules)
        let chunk = 1024
        let start = Measure.now()
        var elapsed = 0.0
        var steps = 0
        repeat {
            for _ in 0..<chunk { sim.advance(steps: 1) }
            steps += chunk
            elapsed = Measure.seconds(since: start)
        } while elapsed < seconds && !sim.isFinished
        blackHole(sim.trajectories[0].count)
        return Double(sim.trajectories[0].count - 1) / elapsed
    }

    /// Built-in landscapes and the same functions typed as expressions.
    static let expressionTwins: [(name: String, expression: String)] = [
        ("rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2"),
        ("himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"),
        ("goldstein-price", "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
            + " * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))"),
    ]

    /// Value-and-gradient evaluations per second through `any Landscape` (as a runner calls
    /// them), built-in against expression, and how many times slower the expression is.
    ///
    /// Measured in many short pairs, the built-in then the expression back to back, and the
    /// ratio is the median of the pairs' ratios: on a shared machine the speed of both drifts
    /// together (the built-in alone ran at 40–60 M/s from one run to the next), and a pair sees
    /// the same conditions where two medians taken apart need not. The same total time as
    /// `w.repetitions` pairs of `w.seconds` each.
    static func landscapeEvaluations(_ w: Workload) throws -> [Figure] {
        var out: [Figure] = []
        let pairs = 3 * w.repetitions, seconds = w.seconds / 3
        for twin in expressionTwins {
            let builtIn = try LandscapeCatalog.make(twin.name)
            let expr: any Landscape = try ExpressionLandscape(source: twin.expression, view: builtIn.view)
            let points = samplePoints(in: builtIn.view)
            var b: [Double] = [], e: [Double] = [], ratios: [Double] = []
            for _ in 0..<pairs {
                let rb = evaluationRate(builtIn, points, seconds: seconds)
                let re = evaluationRate(expr, points, seconds: seconds)
                b.append(rb)
                e.append(re)
                ratios.append(rb / re)
            }
            out.append(Figure("eval.\(twin.name).builtin", Measure.median(b), "evals/s", detail: "valueAndGradient via any Landscape"))
            out.append(Figure("eval.\(twin.name).expr", Measure.median(e), "evals/s", detail: "--expr \"\(twin.expression)\""))
            out.append(Figure("eval.\(twin.name).ratio", Measure.median(ratios), "×",
                              detail: "built-in speed / expression speed, median of \(pairs) pairs", target: .atMost(3)))
        }
        return out
    }

    /// 1024 points spread over the view box (a fixed pseudo-random pattern).
    static func samplePoints(in box: ViewBox) -> [Vec2] {
        var rng = SeededRNG(seed: 1, stream: 0)
        return (0..<1024).map { _ in
            Vec2(box.xMin + rng.uniform() * box.width, box.yMin + rng.uniform() * box.height)
        }
    }

    static func evaluationRate(_ landscape: any Landscape, _ points: [Vec2], seconds: Double) -> Double {
        var evaluations = 0
        var acc = 0.0
        let start = Measure.now()
        var elapsed = 0.0
        points.withUnsafeBufferPointer { pts in
            repeat {
                for p in pts {
                    let (v, g) = landscape.valueAndGradient(at: p)
                    acc += v + g.x + g.y
                }
                evaluations += pts.count
                elapsed = Measure.seconds(since: start)
            } while elapsed < seconds
        }
        blackHole(acc)
        return Double(evaluations) / elapsed
    }
}
