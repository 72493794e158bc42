import Testing
@testable import OptiscapeCore

/// Newton and saddle-free Newton on networks: the shared ``NewtonRule`` over a LAPACK
/// ``DenseHessian``.
@Suite struct NetworkNewtonTests {
    /// A single linear layer with mse: the loss is quadratic in θ, so one Newton step solves it.
    static func quadratic() throws -> (NetworkLoss, [Double]) {
        try NetworkFixtures.loss([3, 2], .linear, .mse, n: 20, seed: 4)
    }

    @Test(arguments: [OptimizerKind.newton, .saddleFreeNewton])
    func oneStepSolvesAQuadraticLoss(_ kind: OptimizerKind) throws {
        let (loss, theta) = try Self.quadratic()
        var runner = try NetworkRunner(config: RunnerConfig(optimizer: OptimizerSpec(kind, Hyperparameters(damping: kind == .newton ? nil : 1e-8)), start: .zero),
                                       training: loss, theta: theta, seed: 0, stream: 0, rules: StoppingRules(gradientTolerance: 1e-10))
        #expect(runner.gradientNorm > 0.1)
        let moved = runner.advance()
        #expect(moved)
        #expect(runner.gradientNorm < 1e-12)
        #expect(runner.status == .converged(step: 1, kind: .localMinimum))
    }

    @Test func denseHessianSolvesAndAppliesFunctionsOfItsEigenvalues() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 3, 2], .tanh, .mse, n: 9)
        let objective = NetworkObjective(loss)
        let x = FlatVector(theta, layout: loss.spec.layout)
        let h = objective.hessian(at: x).shifted(by: 0.5)
        let g = objective.valueAndGradient(at: x).gradient
        let d = try #require(h.solve(g))
        let n = loss.parameterCount
        let hd = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + h.entries[i * n + $1] * d[$1] } }
        #expect(NetworkFixtures.maxAbsDiff(hd, g.storage) <= 1e-12 * NetworkFixtures.maxAbs(g.storage))
        // f(λ) = λ reproduces H·g; f = 1/λ reproduces the solve.
        let eigen = h.eigendecomposition()
        let hg = eigen.applying({ $0 }, to: g)
        let direct = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + h.entries[i * n + $1] * g[$1] } }
        #expect(NetworkFixtures.maxAbsDiff(hg.storage, direct) <= 1e-12 * NetworkFixtures.maxAbs(direct))
        #expect(NetworkFixtures.maxAbsDiff(eigen.applying({ 1 / $0 }, to: g).storage, d.storage) <= 1e-9 * NetworkFixtures.maxAbs(d.storage))
        #expect(eigen.smallest <= eigen.largest)
    }

    @Test func newtonStopsAtASingularHessianAndSaysWhy() throws {
        // Softmax cross-entropy is unchanged by adding a constant to every logit: the last
        // bias's Hessian has a null direction, so H is singular at every θ.
        let (loss, theta) = try NetworkFixtures.loss([2, 3, 2], .tanh, .crossEntropy)
        var runner = try NetworkRunner(config: RunnerConfig(optimizer: OptimizerSpec(.newton), start: .zero),
                                       training: loss, theta: theta, seed: 0, stream: 0)
        let moved = runner.advance()
        #expect(!moved)
        guard case let .stopped(step, reason) = runner.status else { Issue.record("\(runner.status)"); return }
        #expect(step == 1 && reason.contains("singular"), "\(reason)")
        #expect(runner.theta.storage == theta)
        // Saddle-free Newton floors |λ| at δ and steps anyway.
        var sfn = try NetworkRunner(config: RunnerConfig(optimizer: OptimizerSpec(.saddleFreeNewton, Hyperparameters(lr: 0.1)), start: .zero),
                                    training: loss, theta: theta, seed: 0, stream: 0)
        let stepped = sfn.advance()
        #expect(stepped && sfn.status.isRunning)
    }
}
