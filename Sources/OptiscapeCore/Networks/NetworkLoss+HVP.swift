import Foundation

/// Hessian-vector products by forward-over-reverse differentiation (Pearlmutter 1994): the
/// R-operator R{·} = d/dε (·)(θ + εv) at ε = 0 applied to the forward and backward passes.
///
/// With V = (VW_l, Vb_l) the direction's blocks, A_0 the data and G_l = ∂L/∂Z_l:
///
///     R(Z_l) = R(A_{l−1}) W_lᵀ + A_{l−1} VW_lᵀ + 1 Vb_lᵀ,     R(A_l) = σ'(Z_l) ⊙ R(Z_l)
///     R(G_L) = ∂²ℓ/∂Z² · R(Z_L)                                  (the loss head)
///     H v|W_l = R(G_l)ᵀ A_{l−1} + G_lᵀ R(A_{l−1}),             H v|b_l = 1ᵀ R(G_l)
///     R(G_{l−1}) = (R(G_l) W_l + G_l VW_l) ⊙ σ'(Z_{l−1}) + (G_l W_l) ⊙ σ''(Z_{l−1}) ⊙ R(Z_{l−1})
///
/// m directions go through together: every R-quantity is stored [n, m, width] (row i,
/// direction j), which is at once an (n·m) × width matrix (for products with W) and an
/// n × (m·width) matrix (for products with the data-side A and G), so each line above is one
/// `dgemm` over all rows and all directions.
extension NetworkLoss {
    /// The most directions one R-pass takes at once.
    static let chunkDirections = 32

    /// H(θ)·v.
    public func hessianVectorProduct(_ theta: [Double], _ v: [Double]) -> [Double] {
        hessianTimes(theta, directions: v, count: 1)
    }

    /// H(θ)·vⱼ for m directions stored row after row in `directions` (m × N); the products come
    /// back the same way (m × N). They go through in chunks of at most ``chunkDirections``, whose
    /// scratch stays in cache, spread over the cores (each product is the same whatever the chunk).
    public func hessianTimes(_ theta: [Double], directions: [Double], count m: Int) -> [Double] {
        let N = parameterCount
        precondition(theta.count == N && directions.count == m * N, "θ or directions do not match the network's \(N) parameters")
        var out = [Double](repeating: 0, count: m * N)
        guard m > 0 else { return out }
        let widest = spec.sizes.max()!
        // Chunks whose scratch stays in cache (~1 MB a buffer), spread over the cores.
        let chunk = max(1, min(m, Self.chunkDirections, (1 << 17) / max(1, data.count * widest)))
        let chunks = (m + chunk - 1) / chunk
        theta.withUnsafeBufferPointer { t in
            let f = forward(t.baseAddress!, derivatives: true)
            let bw = backward(t.baseAddress!, f, gradient: nil)
            directions.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    let base = SendablePointer(o.baseAddress!), dirs = SendableConstPointer(v.baseAddress!), th = SendableConstPointer(t.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let start = c * chunk, mc = min(chunk, m - start)
                        rProducts(th.pointer, f, bw, dirs.pointer + start * N, m: mc, into: base.pointer + start * N)
                    }
                }
            }
        }
        return out
    }

    /// The R-passes for m directions (m × N at `v`), writing H·vⱼ into `out` (m × N).
    func rProducts(_ theta: UnsafePointer<Double>, _ f: Forward, _ bw: Backward, _ v: UnsafePointer<Double>,
                   m: Int, into out: UnsafeMutablePointer<Double>) {
        let n = data.count, L = layers.count, N = parameterCount
        // The directions' weight blocks, as [m, out, in] and permuted [out, m, in], and biases [m, out].
        var vw: [[Double]] = [], vwp: [[Double]] = [], vb: [[Double]] = []
        for layer in layers {
            let (fo, fi) = (layer.fanOut, layer.fanIn)
            var a = [Double](repeating: 0, count: m * fo * fi), p = a, b = [Double](repeating: 0, count: m * fo)
            for j in 0..<m {
                let src = v + j * N + layer.weightOffset
                for o in 0..<fo {
                    for i in 0..<fi {
                        a[(j * fo + o) * fi + i] = src[o * fi + i]
                        p[(o * m + j) * fi + i] = src[o * fi + i]
                    }
                    b[j * fo + o] = src[fo * fi + o]
                }
            }
            vw.append(a); vwp.append(p); vb.append(b)
        }
        // Forward R-pass.
        var rz: [[Double]] = [], ra: [[Double]] = [[]]
        for (l, layer) in layers.enumerated() {
            let (fo, fi) = (layer.fanOut, layer.fanIn)
            var z = [Double](repeating: 0, count: n * m * fo)
            z.withUnsafeMutableBufferPointer { zp in
                for i in 0..<n { for j in 0..<m { for o in 0..<fo { zp[(i * m + j) * fo + o] = vb[l][j * fo + o] } } }
                if l > 0 {
                    Dense.gemm(transB: true, m: n * m, n: fo, k: fi, a: ra[l], lda: fi, b: theta + layer.weightOffset, ldb: fi,
                               beta: 1, c: zp.baseAddress!, ldc: fo)
                }
                Dense.gemm(transB: true, m: n, n: m * fo, k: fi, a: f.a[l], lda: fi, b: vw[l], ldb: fi,
                           beta: 1, c: zp.baseAddress!, ldc: m * fo)
            }
            if l < L - 1 {
                let d1 = f.d1[l]
                var a = [Double](repeating: 0, count: z.count)
                for i in 0..<n { for j in 0..<m { for o in 0..<fo {
                    let e = (i * m + j) * fo + o
                    a[e] = d1[i * fo + o] * z[e]
                } } }
                ra.append(a)
            }
            rz.append(z)
        }
        // The loss head.
        var rg = [Double](repeating: 0, count: n * m * spec.outputs)
        f.z[L - 1].withUnsafeBufferPointer { z in
            rz[L - 1].withUnsafeBufferPointer { r in
                rg.withUnsafeMutableBufferPointer { head.rOperator(z.baseAddress!, m: m, rz: r.baseAddress!, rg: $0.baseAddress!) }
            }
        }
        // Backward R-pass.
        for l in stride(from: L - 1, through: 0, by: -1) {
            let layer = layers[l]
            let (fo, fi) = (layer.fanOut, layer.fanIn)
            // H v|W_l = R(G_l)ᵀ A_{l−1} (+ G_lᵀ R(A_{l−1})), through [m, out, in] scratch.
            var s = [Double](repeating: 0, count: m * fo * fi)
            Dense.gemm(transA: true, m: m * fo, n: fi, k: n, a: rg, lda: m * fo, b: f.a[l], ldb: fi, c: &s, ldc: fi)
            for j in 0..<m {
                let dst = out + j * N + layer.weightOffset
                for e in 0..<(fo * fi) { dst[e] = s[j * fo * fi + e] }
                let db = dst + fo * fi
                for o in 0..<fo { db[o] = 0 }
            }
            for i in 0..<n { for j in 0..<m {
                let db = out + j * N + layer.biasOffset, r = (i * m + j) * fo
                for o in 0..<fo { db[o] += rg[r + o] }
            } }
            guard l > 0 else { break }
            var sp = [Double](repeating: 0, count: fo * m * fi)
            Dense.gemm(transA: true, m: fo, n: m * fi, k: n, a: bw.g[l], lda: fo, b: ra[l], ldb: m * fi, c: &sp, ldc: m * fi)
            for j in 0..<m {
                let dst = out + j * N + layer.weightOffset
                for o in 0..<fo { for i in 0..<fi { dst[o * fi + i] += sp[(o * m + j) * fi + i] } }
            }
            // R(G_{l−1}).
            var t = [Double](repeating: 0, count: n * m * fi)
            Dense.gemm(m: n * m, n: fi, k: fo, a: rg, lda: fo, b: theta + layer.weightOffset, ldb: fi, c: &t, ldc: fi)
            Dense.gemm(m: n, n: m * fi, k: fo, a: bw.g[l], lda: fo, b: vwp[l], ldb: m * fi, beta: 1, c: &t, ldc: m * fi)
            let d1 = f.d1[l - 1], d2 = f.d2[l - 1], p = bw.p[l - 1], zPrev = rz[l - 1]
            for i in 0..<n { for j in 0..<m { for c in 0..<fi {
                let e = (i * m + j) * fi + c, h = i * fi + c
                t[e] = t[e] * d1[h] + p[h] * d2[h] * zPrev[e]
            } } }
            rg = t
        }
    }
}
