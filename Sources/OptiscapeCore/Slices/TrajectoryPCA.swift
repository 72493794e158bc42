/// PCA directions of a training trajectory θ₀, θ₁, …, θ_T (Li et al. 2018, §7): the rows
/// θᵢ − θ_T, mean-centred, and their two leading principal components.
///
/// Pitfalls handled: each component is signed so that θ₀ − θ_T has a positive coordinate along it
/// (PCA has no sign of its own); the explained-variance ratios are reported, and should be read
/// against a random walk's (the first component of one explains ≈ 6/π² ≈ 61%).
public struct TrajectoryPCA: Sendable {
    /// The two unit principal directions, largest variance first.
    public let x: [Double]
    public let y: [Double]
    /// The fraction of the variance each explains.
    public let explained: (Double, Double)

    /// `rows` holds T+1 parameter vectors of length n, one after another.
    public init(rows: [Double], count n: Int) throws(DataError) {
        let t = rows.count / n
        guard t >= 3 else { throw DataError(description: "PCA directions need a trajectory of at least 3 points, got \(t)") }
        let last = Array(rows[((t - 1) * n)..<(t * n)])
        var d = [Double](repeating: 0, count: t * n)
        var mean = [Double](repeating: 0, count: n)
        for r in 0..<t { for i in 0..<n { d[r * n + i] = rows[r * n + i] - last[i]; mean[i] += d[r * n + i] / Double(t) } }
        let first = Array(d[0..<n])
        for r in 0..<t { for i in 0..<n { d[r * n + i] -= mean[i] } }
        // The t × t Gram matrix D Dᵀ shares its nonzero eigenvalues with the covariance DᵀD.
        var g = [Double](repeating: 0, count: t * t)
        Dense.gemm(transB: true, m: t, n: t, k: n, a: d, lda: n, b: d, ldb: n, c: &g, ldc: t)
        let (values, vectors): ([Double], [Double])
        do { (values, vectors) = try DenseEigen.decompose(g, n: t) } catch { throw DataError(description: "PCA of the trajectory: \(error)") }
        let total = values.filter { $0 > 0 }.reduce(0, +)
        guard total > 0, values[1] > 0 else { throw DataError(description: "PCA directions: the trajectory spans fewer than two dimensions") }
        func component(_ k: Int) -> [Double] {
            var pc = [Double](repeating: 0, count: n)
            Dense.gemm(transA: true, m: n, n: 1, k: t, a: d, lda: n, b: Array(vectors[(k * t)..<((k + 1) * t)]), ldb: 1, c: &pc, ldc: 1)
            let norm = Dense.dot(pc, pc).squareRoot()
            let sign: Double = Dense.dot(first, pc) < 0 ? -1 : 1
            return pc.map { sign * $0 / norm }
        }
        x = component(0)
        y = component(1)
        explained = (values[0] / total, values[1] / total)
    }
}

/// A trajectory saved for PCA (`trace --network --save-trajectory`): a safetensors file with an
/// F64 tensor `trajectory` of shape [rows, N], row r being θ at the r-th printed step (with
/// `--every 1`, θ after r updates), and, when written by `trace`, an F64 tensor `steps` [rows]
/// holding those step numbers. Only `trajectory` is read; any other tensor is ignored.
public enum TrajectoryFile {
    public static func encode(rows: [Double], count n: Int, steps: [Int]? = nil) -> [UInt8] {
        var tensors: [(name: String, shape: [Int], values: [Double])] = [("trajectory", [rows.count / n, n], rows)]
        if let steps {
            precondition(steps.count * n == rows.count)
            tensors.append(("steps", [steps.count], steps.map(Double.init)))
        }
        return SafeTensors.encode(tensors, metadata: [("format", "optiscape-trajectory")])
    }

    public static func load(path: String, count n: Int) throws(DataError) -> [Double] {
        let tensors = try SafeTensors.load(path: path)
        guard let t = tensors["trajectory"] else {
            throw DataError(description: "\(path): tensor 'trajectory' is missing (a trajectory file holds θ after each step, shape [steps+1, \(n)])")
        }
        guard t.shape.count == 2, t.shape[1] == n else {
            throw DataError(description: "\(path): tensor 'trajectory' has shape \(t.shape), the network needs [steps+1, \(n)]")
        }
        guard t.values.allSatisfy(\.isFinite) else { throw DataError(description: "\(path): tensor 'trajectory' has a value that is not finite") }
        return t.values
    }
}
