import Testing
@testable import OptiscapeCore

/// `trace --network`'s training against PyTorch (NetworkTrainingReference.swift, from
/// Reference/network_reference.py): SGD with momentum and Nesterov, Adam, AdamW with weight decay,
/// centered RMSprop with momentum, Adagrad, Muon (with AdamW for the biases; torch's bfloat16
/// Newton–Schulz patched to float64); both losses, every activation; clip_grad_norm_; and
/// minibatches in file order.
@Suite struct NetworkTrainingTests {
    static func problem(_ c: NetworkTrainingReference.Case) throws -> NetworkLoss {
        let spec = try NetworkSpec(sizes: c.sizes, activation: Activation(rawValue: c.activation)!, loss: NetworkLossKind(rawValue: c.loss)!)
        let targets: NetworkData.Targets = spec.loss == .crossEntropy ? .labels(c.y.map { Int($0) }) : .values(c.y, width: spec.outputs)
        return try NetworkLoss(spec: spec, data: NetworkData(features: c.x, featureCount: spec.inputs, targets: targets, source: c.name))
    }

    static func relative(_ a: [Double], _ b: [Double]) -> Double {
        NetworkFixtures.maxAbsDiff(a, b) / max(NetworkFixtures.maxAbs(b), 1e-300)
    }

    @Test(arguments: NetworkTrainingReference.cases.map(\.name))
    func trainsAsPyTorch(_ name: String) throws {
        let c = NetworkTrainingReference.cases.first { $0.name == name }!
        let loss = try Self.problem(c)
        let config = RunnerConfig(optimizer: try CommandLineScene.parseOptimizer(c.optimizer), start: .zero,
                                  transforms: GradientTransforms(clipNorm: c.clipNorm), batch: c.batch)
        var runner = try NetworkRunner(config: config, batchOrder: .sequential, training: loss, theta: c.theta, seed: 0, stream: 0)
        var losses = [runner.loss], norms = [runner.gradientNorm]
        for _ in 1..<c.losses.count {
            let moved = runner.advance()
            #expect(moved)
            losses.append(runner.loss)
            norms.append(runner.gradientNorm)
        }
        #expect(runner.status == .running && runner.step == c.losses.count - 1)
        // The forward and backward passes sum in another order than torch's: agreement to
        // rounding (≈1e-15 per step), not bit for bit; the optimizer arithmetic itself is torch's.
        #expect(Self.relative(losses, c.losses) <= 1e-14, "losses \(losses) vs torch \(c.losses)")
        #expect(Self.relative(norms, c.gradientNorms) <= 1e-12, "gradient norms \(norms) vs torch \(c.gradientNorms)")
        #expect(Self.relative(runner.theta.storage, c.final) <= 1e-12, "final θ")
    }

    @Test func theReferenceCoversEveryActivationBothLossesBatchesAndClipping() {
        let cases = NetworkTrainingReference.cases
        #expect(Set(cases.map(\.activation)) == Set(Activation.allCases.map(\.rawValue)))
        #expect(Set(cases.map(\.loss)) == Set(NetworkLossKind.allCases.map(\.rawValue)))
        #expect(cases.contains { $0.batch != nil && $0.losses.count - 1 > 12 / $0.batch! + 1 })   // wraps an epoch
        #expect(cases.contains { $0.clipNorm != nil })
    }

    @Test func sequentialBatchesWrapAndKeepThePartialOne() {
        var s = MinibatchSampler(rows: 7, batch: 3, order: .sequential, rng: SeededRNG(seed: 1))
        let drawn = (0..<5).map { _ in Array(s.next()) }
        #expect(drawn == [[0, 1, 2], [3, 4, 5], [6], [0, 1, 2], [3, 4, 5]])
        #expect(s.epoch == 2)
    }

    @Test func shuffledEpochsArePermutationsThatDifferAndRepeatWithTheSeed() {
        func epochs(_ seed: UInt64) -> [[Int]] {
            var s = MinibatchSampler(rows: 10, batch: 4, order: .shuffle, rng: SeededRNG(seed: seed))
            return (0..<3).map { _ in (0..<3).flatMap { _ in Array(s.next()) } }
        }
        let a = epochs(5)
        for e in a { #expect(e.sorted() == Array(0..<10)) }
        #expect(a[0] != a[1] && a[0] != Array(0..<10))
        #expect(epochs(5) == a && epochs(6) != a)
    }

    @Test func reportsTheFullSetLossWhileStepping() throws {
        // With a minibatch, the reported loss and gradient are still the whole set's.
        let (loss, theta) = try NetworkFixtures.loss([2, 4, 3], .tanh, .crossEntropy, n: 13)
        let config = RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.1)), start: .zero, batch: 4)
        var runner = try NetworkRunner(config: config, training: loss, theta: theta, seed: 3, stream: 0)
        runner.advance()
        let (v, g) = loss.valueAndGradient(runner.theta.storage)
        #expect(runner.loss == v && runner.gradient.storage == g)
    }

    @Test func divergesOnANonFiniteUpdateAndBeyondTheBound() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 3, 2], .linear, .mse)
        let far = RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 1e3)), start: .zero)
        var runner = try NetworkRunner(config: far, training: loss, theta: theta, seed: 0, stream: 0,
                                       rules: StoppingRules(divergenceBound: 50))
        for _ in 0..<50 { runner.advance() }
        #expect(runner.status.word == "diverged", "\(runner.status)")
        #expect(runner.theta.isFinite && runner.loss.isFinite)
        var huge = try NetworkRunner(config: RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 1e300)), start: .zero),
                                     training: loss, theta: theta, seed: 0, stream: 0, rules: StoppingRules(divergenceBound: .infinity))
        for _ in 0..<5 { huge.advance() }
        #expect(huge.status.isFailure, "\(huge.status)")
    }

    @Test func schedulesAndNoiseApplyAsForPoints() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 3, 2], .sigmoid, .crossEntropy)
        // SGD under a step schedule (γ = 0.5 every update): θ₂ = θ₁ − (lr·γ)·∇L(θ₁), exactly.
        let schedule = Schedule(.step, decaySteps: 1, gamma: 0.5)
        var runner = try NetworkRunner(config: RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.4)), start: .zero, schedule: schedule),
                                       training: loss, theta: theta, seed: 0, stream: 0)
        runner.advance()
        let theta1 = runner.theta
        runner.advance()
        var expected = theta1
        expected.add(FlatVector(loss.gradient(theta1.storage), layout: theta1.layout), alpha: -0.2)
        #expect(runner.theta == expected && runner.lastLearningRate == 0.2)
        // Noise is drawn from the runner's own stream: the same seed and stream repeat it, σ = 0 is no noise.
        func run(_ sigma: Double, seed: UInt64, stream: Int) throws -> [Double] {
            var r = try NetworkRunner(config: RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.1)), start: .zero,
                                                           transforms: GradientTransforms(noise: sigma)),
                                      training: loss, theta: theta, seed: seed, stream: stream)
            for _ in 0..<3 { r.advance() }
            return r.theta.storage
        }
        #expect(try run(0.5, seed: 1, stream: 0) == run(0.5, seed: 1, stream: 0))
        #expect(try run(0.5, seed: 1, stream: 0) != run(0.5, seed: 1, stream: 1))
        #expect(try run(0, seed: 1, stream: 0) == run(0, seed: 2, stream: 5))
    }
}
