/// The full Hessian and its spectrum.
extension NetworkLoss {
    /// H(θ) as N HVPs against the unit vectors, batched (`hessianTimes`), unsymmetrised: row j is
    /// H·eⱼ. Exact arithmetic would make it symmetric; rounding leaves differences of a few ulps.
    public func hessianColumns(_ theta: [Double]) -> [Double] {
        let N = parameterCount
        var identity = [Double](repeating: 0, count: N * N)
        for j in 0..<N { identity[j * N + j] = 1 }
        return hessianTimes(theta, directions: identity, count: N)
    }

    /// H(θ), N × N row-major, exactly symmetric (the mean of ``hessianColumns(_:)`` and its transpose).
    public func hessian(_ theta: [Double]) -> [Double] {
        let N = parameterCount
        var h = hessianColumns(theta)
        for i in 0..<N {
            for j in (i + 1)..<max(i + 1, N) {
                let s = 0.5 * (h[i * N + j] + h[j * N + i])
                h[i * N + j] = s
                h[j * N + i] = s
            }
        }
        return h
    }

    /// Every eigenvalue of H(θ), descending (LAPACK `dsyevd` on the full Hessian).
    public func spectrum(_ theta: [Double]) throws(DenseEigen.Failure) -> [Double] {
        try DenseEigen.eigenvalues(hessian(theta), n: parameterCount)
    }
}

/// A summary of a Hessian spectrum: the numbers `optiscape hessian --format json` reports.
public struct SpectrumSummary: Sendable, Equatable {
    /// Eigenvalues, descending.
    public let eigenvalues: [Double]
    /// The number of parameters N (the matrix size), which may exceed `eigenvalues.count` for `--top`.
    public let dimension: Int

    public init(eigenvalues: [Double], dimension: Int) {
        self.eigenvalues = eigenvalues
        self.dimension = dimension
    }

    public var maximum: Double? { eigenvalues.first }
    public var minimum: Double? { eigenvalues.last }
    /// The count of eigenvalues below zero.
    public var negativeCount: Int { eigenvalues.filter { $0 < 0 }.count }
    /// The index: the fraction of negative eigenvalues (Dauphin et al. 2014).
    public var index: Double { eigenvalues.isEmpty ? 0 : Double(negativeCount) / Double(eigenvalues.count) }
    /// Σλ (the trace of H when the spectrum is complete).
    public var trace: Double { eigenvalues.reduce(0, +) }
    /// Whether this is every eigenvalue (not a `--top K` part).
    public var isComplete: Bool { eigenvalues.count == dimension }
}
