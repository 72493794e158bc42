import Testing
@testable import OptiscapeCore

/// Spectra: the dense eigensolver, Lanczos against it, and weight-space symmetry (§8.2.2).
@Suite struct NetworkSpectrumTests {
    static func swapped(_ spec: NetworkSpec, _ theta: [Double], _ p: Int, _ q: Int) -> [Double] {
        spec.swappingHiddenUnits(theta, p, q)
    }

    @Test(arguments: [Activation.tanh, .relu, .softplus])
    func swappingTwoHiddenUnitsChangesNeitherLossNorSpectrum(_ act: Activation) throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 5, 3], act, .crossEntropy, n: 20)
        let other = Self.swapped(loss.spec, theta, 1, 3)
        #expect(other != theta)
        let (a, b) = (loss.value(theta), loss.value(other))
        #expect(Swift.abs(a - b) <= 1e-14 * Swift.abs(a))   // the sum over hidden units runs in another order
        let sa = try loss.spectrum(theta), sb = try loss.spectrum(other)
        let scale = NetworkFixtures.maxAbs(sa)
        #expect(NetworkFixtures.maxAbsDiff(sa, sb) <= 1e-12 * scale)
        // The gradient is permuted the same way.
        #expect(NetworkFixtures.maxAbsDiff(Self.swapped(loss.spec, loss.gradient(theta), 1, 3), loss.gradient(other)) <= 1e-14 * NetworkFixtures.maxAbs(loss.gradient(theta)))
    }

    /// The dense spectrum reproduces the Hessian: Σλ = tr H, Σλ² = ‖H‖²_F, descending.
    @Test func spectrumMatchesTraceAndFrobeniusNorm() throws {
        let (loss, theta) = try NetworkFixtures.loss([3, 6, 2], .tanh, .mse, n: 17)
        let n = theta.count
        let h = loss.hessian(theta)
        let s = try loss.spectrum(theta)
        #expect(s.count == n)
        #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 })
        let trace = (0..<n).map { h[$0 * n + $0] }.reduce(0, +)
        let frob = h.map { $0 * $0 }.reduce(0, +)
        #expect(Swift.abs(s.reduce(0, +) - trace) <= 1e-12 * max(1, Swift.abs(trace)))
        #expect(Swift.abs(s.map { $0 * $0 }.reduce(0, +) - frob) <= 1e-12 * frob)
    }

    /// Eigenvectors from `decompose` satisfy H x = λ x.
    @Test func eigenvectorsSatisfyTheEigenEquation() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 4, 3], .sigmoid, .crossEntropy)
        let n = theta.count
        let (values, vectors) = try DenseEigen.decompose(loss.hessian(theta), n: n)
        for r in [0, n / 2, n - 1] {
            let x = Array(vectors[(r * n)..<((r + 1) * n)])
            let hx = loss.hessianVectorProduct(theta, x)
            #expect(NetworkFixtures.maxAbsDiff(hx, x.map { $0 * values[r] }) <= 1e-12 * max(1, NetworkFixtures.maxAbs(values)))
        }
    }

    @Test func lanczosTopKMatchesTheDenseSpectrum() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 8, 8, 3], .tanh, .crossEntropy, n: 30)
        let dense = try loss.spectrum(theta)
        let r = try Lanczos.top(4, dimension: theta.count, seed: 5) { loss.hessianVectorProduct(theta, $0) }
        #expect(r.eigenvalues.count == 4)
        for i in 0..<4 { #expect(Swift.abs(r.eigenvalues[i] - dense[i]) <= 1e-8 * Swift.abs(dense[0]), "λ\(i): \(r.eigenvalues[i]) vs \(dense[i])") }
        let summary = SpectrumSummary(eigenvalues: dense, dimension: theta.count)
        #expect(summary.isComplete && summary.maximum == dense[0] && summary.minimum == dense.last)
        #expect(summary.index == Double(dense.filter { $0 < 0 }.count) / Double(dense.count))
    }
}
