import Foundation
import Testing
@testable import OptiscapeCore

@Suite struct LogisticTests {
    let data = Logistic(n: 200, noise: 1, seed: 5)

    @Test func sameSeedSameDataDifferentSeedDifferentData() {
        #expect(Logistic(seed: 5).inputs == data.inputs)
        #expect(Logistic(seed: 6).inputs != data.inputs)
        #expect(data.labels.filter { $0 == 1 }.count == 100)
        #expect(data.validationInputs.count == 50)
    }

    @Test func valueIsTheMeanNLLWrittenOut() {
        let p = Vec2(0.7, -0.3)
        var sum = 0.0
        for i in data.inputs.indices {
            let m = -data.labels[i] * (p.x * data.inputs[i] + p.y)
            sum += log1p(exp(m))
        }
        #expect(abs(data.value(at: p) - sum / 200) < 1e-14)
    }

    /// The minibatch gradient is unbiased and its standard error shrinks like σ/√B (§8.1.3).
    @Test func minibatchGradientIsUnbiasedWithStandardErrorSigmaOverRootB() {
        let p = Vec2(0.5, 0.5)
        let full = data.gradient(at: p)
        // Per-example gradient spread (population σ over the dataset), x component.
        let perExample = data.inputs.indices.map { i -> Double in
            let s = data.labels[i], u = data.inputs[i]
            let m = -s * (p.x * u + p.y)
            return -s * u * (1 / (1 + exp(-m)))
        }
        let mean = perExample.reduce(0, +) / 200
        #expect(abs(mean - full.x) < 1e-12)
        let sigma = (perExample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 200).squareRoot()
        for b in [1, 10, 100] {
            var rng = SeededRNG(seed: 1)
            let draws = (0..<4000).map { _ in data.minibatchGradient(at: p, batch: b, rng: &rng).x }
            let m = draws.reduce(0, +) / Double(draws.count)
            let sd = (draws.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(draws.count - 1)).squareRoot()
            let expected = sigma / Double(b).squareRoot()
            #expect(abs(sd / expected - 1) < 0.08, "B=\(b): sd \(sd) vs σ/√B \(expected)")
            #expect(abs(m - full.x) < 4 * expected / sqrt(4000))
        }
    }

    @Test func zeroOneLossCountsMistakes() {
        #expect(data.zeroOneLoss(at: Vec2(0, 0)) == 1) // the boundary counts as wrong
        let good = data.zeroOneLoss(at: Vec2(2, 0))
        #expect(good > 0.05 && good < 0.3) // overlapping classes: some mistakes remain
        let sep = Logistic(n: 100, noise: 1, separable: true, seed: 2)
        #expect(sep.zeroOneLoss(at: Vec2(1, 0)) == 0)
        // No finite minimizer: the NLL keeps falling along w.
        #expect(sep.value(at: Vec2(10, 0)) < sep.value(at: Vec2(5, 0)))
    }

    @Test func theMinimizerIsKnownAndTheZeroOneSurfaceIsFlat() {
        guard let m = data.minimizer else { Issue.record("no minimizer"); return }
        #expect(data.gradient(at: m).norm < 1e-10)
        #expect(data.criticalPoints == [CriticalPoint(m, .globalMinimum)])
        #expect(Logistic(separable: true).minimizer == nil)
        let z = ZeroOneSurface(data)
        #expect(z.value(at: Vec2(2, 0)) == data.zeroOneLoss(at: Vec2(2, 0)))
        #expect(z.gradient(at: Vec2(2, 0)) == .zero)
        #expect(data.validationLoss(at: m) > 0)
    }

    @Test func aRunnerWithABatchUsesMinibatchesDeterministically() throws {
        let cfg = RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(-3, 3), batch: 5)
        var a = try Simulation(landscape: data, runners: [cfg], seed: 9)
        var b = try Simulation(landscape: data, runners: [cfg], seed: 9)
        a.advance(steps: 50); b.advance(steps: 50)
        #expect(a.trajectories == b.trajectories)
        var full = try Simulation(landscape: data, runners: [RunnerConfig(optimizer: cfg.optimizer, start: cfg.start)], seed: 9)
        full.advance(steps: 50)
        #expect(full.trajectories[0].points != a.trajectories[0].points)
    }

    @Test func batchOnALandscapeWithoutDataIsAnError() {
        #expect(throws: OptimizerError.self) {
            try Simulation(landscape: Rosenbrock(), runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd), start: .zero, batch: 4)])
        }
    }

    @Test func sceneSeedSeedsTheDataset() throws {
        let s = Scene(title: "t", seed: 5, landscape: .builtIn(name: "logistic", parameters: [:]), runners: [])
        let l = try s.makeLandscape() as! Logistic
        #expect(l.inputs == data.inputs)
    }
}
