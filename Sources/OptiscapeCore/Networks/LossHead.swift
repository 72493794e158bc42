import Foundation

/// The loss on the last layer's outputs Z (n × k, row-major): its value, its gradient
/// G = ∂L/∂Z, and the R-operator R(G) = (∂²L/∂Z²)·R(Z) for m directions at once.
/// Means follow torch: cross-entropy over the n rows, mse over all n·k entries.
struct LossHead {
    let kind: NetworkLossKind
    let targets: NetworkData.Targets
    let n: Int
    let k: Int

    /// L(Z).
    func value(_ z: UnsafePointer<Double>) -> Double {
        valueAndGradient(z, gradient: nil)
    }

    /// L(Z), writing ∂L/∂Z into `gradient` (n × k) when it is given.
    func valueAndGradient(_ z: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>?) -> Double {
        var total = 0.0
        switch targets {
        case .labels(let y):
            let scale = 1 / Double(n)
            for i in 0..<n {
                let row = z + i * k
                var mx = row[0]
                for c in 1..<max(k, 1) where row[c] > mx { mx = row[c] }
                var s = 0.0
                // exp(0) = 1 exactly: the largest output's term needs no call (unless it is
                // ±∞, where exp(∞ − ∞) is NaN).
                let finite = mx.isFinite
                for c in 0..<k { s += finite && row[c] == mx ? 1 : exp(row[c] - mx) }
                let lse = mx + log(s)
                total += lse - row[y[i]]
                if let g {
                    for c in 0..<k { g[i * k + c] = exp(row[c] - lse) * scale }
                    g[i * k + y[i]] -= scale
                }
            }
            return total * scale
        case .values(let t, _):
            let scale = 1 / Double(n * k)
            for e in 0..<(n * k) {
                let r = z[e] - t[e]
                total += r * r
                g?[e] = 2 * r * scale
            }
            return total * scale
        }
    }

    /// R(G) for m directions: `rz` and `rg` are [n, m, k] (row i, direction j, output c).
    func rOperator(_ z: UnsafePointer<Double>, m: Int, rz: UnsafePointer<Double>, rg: UnsafeMutablePointer<Double>) {
        switch targets {
        case .labels:
            let scale = 1 / Double(n)
            var p = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let row = z + i * k
                var mx = row[0]
                for c in 1..<max(k, 1) where row[c] > mx { mx = row[c] }
                var s = 0.0
                for c in 0..<k { p[c] = exp(row[c] - mx); s += p[c] }
                for c in 0..<k { p[c] /= s }
                for j in 0..<m {
                    let base = (i * m + j) * k
                    var pr = 0.0
                    for c in 0..<k { pr += p[c] * rz[base + c] }
                    for c in 0..<k { rg[base + c] = p[c] * (rz[base + c] - pr) * scale }
                }
            }
        case .values:
            let scale = 2 / Double(n * k)
            for e in 0..<(n * m * k) { rg[e] = rz[e] * scale }
        }
    }
}
