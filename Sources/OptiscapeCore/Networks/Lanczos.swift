/// The largest eigenvalues of a symmetric operator known only through products H·v (Lanczos
/// with full reorthogonalisation, the method behind PyHessian's density; here for the top K).
///
/// Starts from a seeded Gaussian vector; after each product the Ritz values of the tridiagonal
/// matrix T are checked, and it stops when each of the top K has residual |βₘ sᵢ| ≤ `tolerance`·‖T‖,
/// or after N steps (where the Krylov space is the whole space and the values are exact up to rounding).
public enum Lanczos {
    public struct Result: Sendable {
        /// The top K Ritz values, descending.
        public let eigenvalues: [Double]
        /// Their Ritz vectors (unit length), in the same order.
        public let eigenvectors: [[Double]]
        /// Products H·v used.
        public let iterations: Int
    }

    public static func top(_ k: Int, dimension n: Int, seed: UInt64, tolerance: Double = 1e-10,
                           apply: ([Double]) -> [Double]) throws(DenseEigen.Failure) -> Result {
        precondition(k >= 1 && k <= n)
        var rng = SeededRNG(seed: seed, stream: 0x6C61_6E63) // "lanc"
        var q = (0..<n).map { _ in rng.gaussian() }
        normalize(&q)
        var basis: [[Double]] = [q]
        var alpha: [Double] = [], beta: [Double] = []
        while true {
            var w = apply(basis[basis.count - 1])
            let a = Dense.dot(w, basis[basis.count - 1])
            alpha.append(a)
            // Full reorthogonalisation, twice (classical Gram–Schmidt is stable when repeated).
            for _ in 0..<2 {
                for b in basis {
                    let c = Dense.dot(w, b)
                    for i in 0..<n { w[i] -= c * b[i] }
                }
            }
            let m = alpha.count
            let (values, vectors) = try ritz(alpha, beta)
            let nextBeta = norm(w)
            let scale = max(values.map { Swift.abs($0) }.max() ?? 0, Double.leastNormalMagnitude)
            let converged = m >= k && (0..<k).allSatisfy { Swift.abs(nextBeta * vectors[$0 * m + m - 1]) <= tolerance * scale }
            if converged || m == n || nextBeta <= 1e-300 {
                let kk = min(k, m)
                let ritzVectors = (0..<kk).map { r -> [Double] in
                    var x = [Double](repeating: 0, count: n)
                    for (j, b) in basis.enumerated() {
                        let s = vectors[r * m + j]
                        for i in 0..<n { x[i] += s * b[i] }
                    }
                    normalize(&x)
                    return x
                }
                return Result(eigenvalues: Array(values.prefix(kk)), eigenvectors: ritzVectors, iterations: m)
            }
            beta.append(nextBeta)
            for i in 0..<n { w[i] /= nextBeta }
            basis.append(w)
        }
    }

    /// Eigen-decomposition of the tridiagonal T(alpha, beta), descending, vectors as rows.
    static func ritz(_ alpha: [Double], _ beta: [Double]) throws(DenseEigen.Failure) -> ([Double], [Double]) {
        let m = alpha.count
        var t = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            t[i * m + i] = alpha[i]
            if i + 1 < m { t[i * m + i + 1] = beta[i]; t[(i + 1) * m + i] = beta[i] }
        }
        return try DenseEigen.decompose(t, n: m)
    }

    static func norm(_ x: [Double]) -> Double { Dense.dot(x, x).squareRoot() }

    static func normalize(_ x: inout [Double]) {
        let s = norm(x)
        guard s > 0 else { return }
        for i in x.indices { x[i] /= s }
    }
}
