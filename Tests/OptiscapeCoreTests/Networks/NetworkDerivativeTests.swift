import Testing
@testable import OptiscapeCore

/// Gradients and Hessian-vector products against central differences, for every activation and both losses.
@Suite struct NetworkDerivativeTests {
    static let cases: [(Activation, NetworkLossKind)] = Activation.allCases.flatMap { a in NetworkLossKind.allCases.map { (a, $0) } }

    @Test(arguments: cases)
    func gradientMatchesCentralDifferences(_ act: Activation, _ kind: NetworkLossKind) throws {
        let (loss, theta) = try NetworkFixtures.loss([3, 5, 4, 3], act, kind)
        let g = loss.gradient(theta)
        let h = 1e-6
        var fd = [Double](repeating: 0, count: theta.count)
        for i in theta.indices {
            var p = theta, m = theta
            p[i] += h; m[i] -= h
            fd[i] = (loss.value(p) - loss.value(m)) / (2 * h)
        }
        let err = NetworkFixtures.maxAbsDiff(g, fd)
        #expect(err <= 1e-7 * max(1, NetworkFixtures.maxAbs(g)), "max |g − fd| = \(err)")
        #expect(loss.valueAndGradient(theta).value == loss.value(theta))
    }

    @Test(arguments: cases)
    func hvpMatchesCentralDifferencesOfTheGradient(_ act: Activation, _ kind: NetworkLossKind) throws {
        let (loss, theta) = try NetworkFixtures.loss([3, 5, 4, 3], act, kind)
        var rng = SeededRNG(seed: 11)
        let v = theta.map { _ in rng.gaussian() }
        let hv = loss.hessianVectorProduct(theta, v)
        let h = 1e-5
        let gp = loss.gradient(zip(theta, v).map { $0 + h * $1 })
        let gm = loss.gradient(zip(theta, v).map { $0 - h * $1 })
        let fd = zip(gp, gm).map { ($0 - $1) / (2 * h) }
        let err = NetworkFixtures.maxAbsDiff(hv, fd)
        #expect(err <= 1e-6 * max(1, NetworkFixtures.maxAbs(hv)), "max |Hv − fd| = \(err)")
        #expect(NetworkFixtures.maxAbs(hv) > 1e-3, "a non-trivial product")
    }

    /// The batched products (m directions in one pass, split into chunks) equal one-at-a-time products.
    @Test func batchedProductsEqualSingleOnes() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 6, 3], .tanh, .crossEntropy)
        var rng = SeededRNG(seed: 3)
        let m = 5, n = theta.count
        let v = (0..<(m * n)).map { _ in rng.gaussian() }
        let batched = loss.hessianTimes(theta, directions: v, count: m)
        for j in 0..<m {
            let single = loss.hessianVectorProduct(theta, Array(v[(j * n)..<((j + 1) * n)]))
            #expect(NetworkFixtures.maxAbsDiff(single, Array(batched[(j * n)..<((j + 1) * n)])) <= 1e-13 * max(1, NetworkFixtures.maxAbs(single)))
        }
    }

    /// A single-layer linear model with mse has the constant Hessian (2/(n·k))·(I_k ⊗ [X 1]ᵀ[X 1]).
    @Test func linearRegressionHessianIsExact() throws {
        let spec = try NetworkSpec(sizes: [2, 1], activation: .linear, loss: .mse)
        let x: [Double] = [1, 2, -1, 0.5, 3, -2]
        let data = NetworkData(features: x, featureCount: 2, targets: .values([0.5, -1, 2], width: 1), source: "t")
        let loss = try NetworkLoss(spec: spec, data: data)
        let h = loss.hessian([0.3, -0.2, 0.1])
        let rows = [[1.0, 2, 1], [-1, 0.5, 1], [3, -2, 1]]
        for i in 0..<3 { for j in 0..<3 {
            let expected = 2.0 / 3 * rows.map { $0[i] * $0[j] }.reduce(0, +)
            #expect(Swift.abs(h[i * 3 + j] - expected) <= 1e-14 * max(1, Swift.abs(expected)))
        } }
    }

    /// The raw columns H·eⱼ are symmetric to rounding, before `hessian` symmetrises them.
    @Test(arguments: Activation.allCases)
    func hessianColumnsAreSymmetric(_ act: Activation) throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 4, 4, 3], act, .crossEntropy)
        let n = theta.count
        let h = loss.hessianColumns(theta)
        let scale = max(1, NetworkFixtures.maxAbs(h))
        var worst = 0.0
        for i in 0..<n { for j in 0..<n { worst = max(worst, Swift.abs(h[i * n + j] - h[j * n + i])) } }
        #expect(worst <= 1e-13 * scale, "asymmetry \(worst)")
    }
}
