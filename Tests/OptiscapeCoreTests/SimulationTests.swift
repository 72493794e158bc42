import Testing
@testable import OptiscapeCore

/// f = x² + 0·y: its Hessian diag(2, 0) is singular everywhere.
private struct Trough: FormulaLandscape {
    var name: String { "trough" }
    var formula: String { "x²" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x + y * 0 }
}

@Suite struct SimulationTests {
    let rosen = Rosenbrock()

    func config(_ kind: OptimizerKind, lr: Double? = nil, start: Vec2 = Vec2(-1.5, 2),
                noise: Double? = nil, label: String? = nil) -> RunnerConfig {
        RunnerConfig(label: label, optimizer: OptimizerSpec(kind, Hyperparameters(lr: lr)), start: start,
                     transforms: GradientTransforms(noise: noise))
    }

    @Test func sameSeedGivesBitIdenticalNoisyTrajectories() throws {
        let cs = [config(.sgd, noise: 0.5), config(.adam, lr: 0.01, noise: 0.5)]
        var a = try Simulation(landscape: rosen, runners: cs, seed: 7)
        var b = try Simulation(landscape: rosen, runners: cs, seed: 7)
        var c = try Simulation(landscape: rosen, runners: cs, seed: 8)
        a.advance(steps: 200); b.advance(steps: 200); c.advance(steps: 200)
        #expect(a.trajectories == b.trajectories)
        #expect(a.trajectories[0].points != c.trajectories[0].points)
        #expect(a.trajectories[0].count == 201)
    }

    @Test func aRunnersNoiseDoesNotDependOnOtherRunners() throws {
        var alone = try Simulation(landscape: rosen, runners: [config(.sgd, noise: 1)], seed: 3)
        var crowd = try Simulation(landscape: rosen, runners: [config(.sgd, noise: 1), config(.momentum, noise: 1)], seed: 3)
        alone.advance(steps: 50); crowd.advance(steps: 50)
        #expect(alone.trajectories[0] == crowd.trajectories[0])
        // The two runners of the crowd draw different noise.
        var twins = try Simulation(landscape: rosen, runners: [config(.sgd, noise: 1, label: "a"), config(.sgd, noise: 1, label: "b")], seed: 3)
        twins.advance(steps: 5)
        #expect(twins.trajectories[0].points != twins.trajectories[1].points)
    }

    @Test func divergenceStopsTheRunnerWithoutNaN() throws {
        var sim = try Simulation(landscape: rosen, runners: [config(.sgd, lr: 0.1)], seed: 0)
        sim.advance(steps: 100)
        let r = sim.runners[0]
        guard case let .diverged(step, reason) = r.status else {
            Issue.record("expected divergence, got \(r.status)"); return
        }
        #expect(step < 20)
        #expect(!reason.isEmpty)
        #expect(r.position.isFinite && r.loss.isFinite && r.gradient.isFinite)
        #expect(sim.trajectories[0].points.allSatisfy { $0.isFinite })
        #expect(sim.trajectories[0].losses.allSatisfy { $0.isFinite })
        let before = sim.trajectories[0].count
        sim.advance(steps: 10)
        #expect(sim.trajectories[0].count == before)
        #expect(sim.isFinished)
    }

    @Test func newtonConvergesOnTheQuadraticInOneStepAtTheGlobalMinimum() throws {
        let q = Quadratic(kappa: 50, angle: 30)
        var sim = try Simulation(landscape: q, runners: [config(.newton, start: Vec2(2, 1))])
        sim.advance(steps: 5)
        #expect(sim.runners[0].status == .converged(step: 1, kind: .globalMinimum))
        #expect(sim.runners[0].position.norm < 1e-12)
    }

    @Test func singularHessianStopsNewtonWithAReason() throws {
        var sim = try Simulation(landscape: Trough(), runners: [config(.newton, start: Vec2(1, 1))])
        sim.advance(steps: 3)
        guard case let .stopped(step, reason) = sim.runners[0].status else {
            Issue.record("expected stopped, got \(sim.runners[0].status)"); return
        }
        #expect(step == 1)
        #expect(reason.contains("singular"))
        #expect(sim.runners[0].position == Vec2(1, 1))
    }

    @Test func startingOnAStationaryPointConvergesAtStepZero() throws {
        let sim = try Simulation(landscape: Quadratic(), runners: [config(.sgd, start: .zero)])
        #expect(sim.runners[0].status == .converged(step: 0, kind: .globalMinimum))
        #expect(sim.isFinished)
    }

    /// A non-finite start is refused (it has no loss and no place on screen); a finite start
    /// whose loss overflows stops at step 0 (overflow) with a finite stand-in loss for drawing
    /// and its true loss for exports.
    @Test func nonFiniteStartIsRefusedAndAnOverflowingOneDivergedAtZero() throws {
        #expect(throws: OptimizerError.self) {
            try Simulation(landscape: rosen, runners: [config(.sgd, start: Vec2(.infinity, 0))])
        }
        let sim = try Simulation(landscape: rosen, runners: [config(.sgd, start: Vec2(1e300, 0))])
        if case .overflow(0, _) = sim.runners[0].status {} else { Issue.record("\(sim.runners[0].status)") }
        #expect(sim.runners[0].reportedLoss == .infinity)
        #expect(sim.runners[0].loss.isFinite && sim.trajectories[0].losses.allSatisfy(\.isFinite))
    }

    @Test func duplicateLabelsAreRejected() {
        #expect(throws: OptimizerError.self) {
            try Simulation(landscape: rosen, runners: [config(.sgd), config(.sgd)])
        }
    }

    @Test func replacingARunnerRestartsOnlyThatRunner() throws {
        var sim = try Simulation(landscape: rosen, runners: [config(.sgd), config(.adam, lr: 0.01)])
        sim.advance(steps: 10)
        var c = sim.runners[0].config
        c.optimizer.hyper.lr = 0.0005
        try sim.replaceRunner(at: 0, with: c)
        #expect(sim.runners[0].step == 0)
        #expect(sim.trajectories[0].count == 1)
        #expect(sim.runners[1].step == 10)
    }

    @Test func resetReproducesTheSameRun() throws {
        var sim = try Simulation(landscape: rosen, runners: [config(.rmsprop, noise: 0.2)], seed: 11)
        sim.advance(steps: 30)
        let first = sim.trajectories
        sim.reset()
        #expect(sim.step == 0)
        sim.advance(steps: 30)
        #expect(sim.trajectories == first)
    }
}
