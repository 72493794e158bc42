/// How a random direction is scaled (Li et al. 2018, "Visualizing the loss landscape of neural nets").
public enum DirectionNormalization: String, CaseIterable, Sendable {
    /// Each row of each weight matrix (the weights into one unit: a "filter") rescaled to the norm of
    /// the same row of θ; bias entries zeroed (their `biasbn` ignore). Invariant to the ×c / ÷c
    /// rescalings of ReLU layers that leave the network's function unchanged.
    case filter
    /// The directions as drawn or given.
    case none
}

/// Slice directions: seeded random, the top Hessian eigenvectors, or given.
public enum SliceDirections {
    /// Two independent standard Gaussian vectors of length N from `seed`.
    public static func gaussian(count n: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        var rx = SeededRNG(seed: seed, stream: 0x736C_6978) // "slix"
        var ry = SeededRNG(seed: seed, stream: 0x736C_6979) // "sliy"
        return ((0..<n).map { _ in rx.gaussian() }, (0..<n).map { _ in ry.gaussian() })
    }

    /// `d` filter-normalised against θ: row i of every weight matrix scaled to ‖θ row i‖ (a zero
    /// row of d or θ gives a zero row), bias entries set to 0.
    public static func filterNormalized(_ d: [Double], theta: [Double], spec: NetworkSpec) -> [Double] {
        var out = d
        for layer in spec.layers {
            for o in 0..<layer.fanOut {
                let start = layer.weightOffset + o * layer.fanIn
                var dn = 0.0, tn = 0.0
                for i in start..<(start + layer.fanIn) { dn += d[i] * d[i]; tn += theta[i] * theta[i] }
                let s = dn > 0 ? tn.squareRoot() / dn.squareRoot() : 0
                for i in start..<(start + layer.fanIn) { out[i] = d[i] * s }
            }
            for o in 0..<layer.fanOut { out[layer.biasOffset + o] = 0 }
        }
        return out
    }

    public static func normalized(_ d: [Double], _ how: DirectionNormalization, theta: [Double], spec: NetworkSpec) -> [Double] {
        how == .filter ? filterNormalized(d, theta: theta, spec: spec) : d
    }

    /// The unit eigenvectors of the two largest Hessian eigenvalues at θ, each signed so that its
    /// largest-magnitude entry is positive (eigenvectors have no sign of their own). Dense
    /// `dsyevd` up to 3000 parameters, Lanczos on HVPs beyond.
    public static func hessian(_ loss: NetworkLoss, theta: [Double], seed: UInt64) throws(DenseEigen.Failure) -> (x: [Double], y: [Double], values: [Double]) {
        let n = loss.parameterCount
        precondition(n >= 2)
        var vx: [Double], vy: [Double], values: [Double]
        if n <= 3000 {
            let (v, rows) = try DenseEigen.decompose(loss.hessian(theta), n: n)
            (vx, vy, values) = (Array(rows[0..<n]), Array(rows[n..<(2 * n)]), Array(v.prefix(2)))
        } else {
            let r = try Lanczos.top(2, dimension: n, seed: seed) { loss.hessianVectorProduct(theta, $0) }
            (vx, vy, values) = (r.eigenvectors[0], r.eigenvectors[1], r.eigenvalues)
        }
        return (signed(vx), signed(vy), values)
    }

    /// v with its largest-magnitude entry made positive.
    static func signed(_ v: [Double]) -> [Double] {
        guard let i = v.indices.max(by: { Swift.abs(v[$0]) < Swift.abs(v[$1]) }), v[i] < 0 else { return v }
        return v.map { -$0 }
    }
}
