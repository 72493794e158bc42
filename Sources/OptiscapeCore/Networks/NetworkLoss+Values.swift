/// The loss alone at many θ, for slices: one forward pass each without the derivatives a
/// gradient needs, into buffers allocated once and reused from point to point.
extension NetworkLoss {
    /// Reusable scratch for ``value(_:workspace:)``: one pre-activation buffer per layer. Not
    /// shared between threads: each thread makes its own.
    public final class ValueWorkspace {
        let z: [UnsafeMutablePointer<Double>]
        public init(for loss: NetworkLoss) {
            z = loss.layers.map { .allocate(capacity: Swift.max(1, loss.data.count * $0.fanOut)) }
        }
        deinit { for p in z { p.deallocate() } }
    }

    /// L(θ) as ``value(_:)`` computes it, bit for bit (the same products in the same order),
    /// without allocating.
    public func value(_ theta: UnsafePointer<Double>, workspace ws: ValueWorkspace) -> Double {
        let n = data.count, last = layers.count - 1
        data.features.withUnsafeBufferPointer { features in
            for (l, layer) in layers.enumerated() {
                let fo = layer.fanOut, fi = layer.fanIn
                let w = theta + layer.weightOffset, b = theta + layer.biasOffset
                // Each hidden layer's activations overwrite its pre-activations in place.
                let input = l == 0 ? features.baseAddress! : UnsafePointer(ws.z[l - 1])
                let z = ws.z[l]
                for i in 0..<n { (z + i * fo).update(from: b, count: fo) }
                Dense.gemm(transB: true, m: n, n: fo, k: fi, a: input, lda: fi, b: w, ldb: fi, beta: 1, c: z, ldc: fo)
                if l < last { spec.activation.apply(z, count: n * fo) }
            }
        }
        return head.value(UnsafePointer(ws.z[last]))
    }
}

extension Activation {
    /// σ applied in place to `count` values, one loop per activation (the same values as
    /// ``evaluate(_:)``'s first).
    @inlinable
    func apply(_ z: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .relu: for e in 0..<count where !(z[e] > 0) { z[e] = 0 }
        case .linear: break
        default: for e in 0..<count { z[e] = evaluate(z[e]).value }
        }
    }
}
