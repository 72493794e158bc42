/// The mean training loss of a ``NetworkSpec`` on a ``NetworkData`` as a function of the flat
/// parameter vector θ, with exact float64 derivatives: the gradient by backpropagation,
/// Hessian-vector products by forward-over-reverse differentiation (Pearlmutter's R-operator,
/// see `NetworkLoss+HVP.swift`) and the full Hessian from N of them. Every product over the
/// batch is one BLAS `dgemm`.
public struct NetworkLoss: Sendable {
    public let spec: NetworkSpec
    public let data: NetworkData
    let layers: [NetworkSpec.Layer]
    let head: LossHead

    /// The loss of `spec` on `data`; the data must fit the network (``NetworkData/check(fits:)``).
    public init(spec: NetworkSpec, data: NetworkData) throws(DataError) {
        try data.check(fits: spec)
        self.spec = spec
        self.data = data
        self.layers = spec.layers
        self.head = LossHead(kind: spec.loss, targets: data.targets, n: data.count, k: spec.outputs)
    }

    /// The loss of `spec` on rows already known to fit it (a minibatch of checked data).
    init(checked spec: NetworkSpec, data: NetworkData) {
        self.spec = spec
        self.data = data
        self.layers = spec.layers
        self.head = LossHead(kind: spec.loss, targets: data.targets, n: data.count, k: spec.outputs)
    }

    /// N, the length of θ.
    public var parameterCount: Int { spec.parameterCount }

    /// The activations of one forward pass over the whole batch.
    struct Forward {
        /// z[l]: pre-activations of linear layer l (n × fanOut).
        var z: [[Double]] = []
        /// a[l]: inputs of linear layer l (n × fanIn); a[0] is the data.
        var a: [[Double]] = []
        /// σ'(z[l]) and σ''(z[l]) for the hidden layers l < L−1 (empty for the last).
        var d1: [[Double]] = []
        var d2: [[Double]] = []
    }

    /// One forward pass at θ. `derivatives` also keeps σ' and σ'' (for gradients and HVPs).
    func forward(_ theta: UnsafePointer<Double>, derivatives: Bool) -> Forward {
        let n = data.count
        var f = Forward()
        f.a.append(data.features)
        for (l, layer) in layers.enumerated() {
            var z = [Double](repeating: 0, count: n * layer.fanOut)
            let w = theta + layer.weightOffset, b = theta + layer.biasOffset
            f.a[l].withUnsafeBufferPointer { a in
                z.withUnsafeMutableBufferPointer { zp in
                    // Z = A Wᵀ + 1 bᵀ: the bias first, then accumulate the product onto it.
                    for i in 0..<n { for o in 0..<layer.fanOut { zp[i * layer.fanOut + o] = b[o] } }
                    Dense.gemm(transB: true, m: n, n: layer.fanOut, k: layer.fanIn, a: a.baseAddress!, lda: layer.fanIn,
                               b: w, ldb: layer.fanIn, beta: 1, c: zp.baseAddress!, ldc: layer.fanOut)
                }
            }
            if l < layers.count - 1 {
                let act = spec.activation
                var a = [Double](repeating: 0, count: z.count)
                var d1 = derivatives ? [Double](repeating: 0, count: z.count) : []
                var d2 = derivatives ? [Double](repeating: 0, count: z.count) : []
                for e in 0..<z.count {
                    let (v, p, q) = act.evaluate(z[e])
                    a[e] = v
                    if derivatives { d1[e] = p; d2[e] = q }
                }
                f.a.append(a)
                f.d1.append(d1)
                f.d2.append(d2)
            }
            f.z.append(z)
        }
        return f
    }

    /// L(θ), the mean loss over every row.
    public func value(_ theta: [Double]) -> Double {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the network \(parameterCount)")
        return theta.withUnsafeBufferPointer { t in
            let f = forward(t.baseAddress!, derivatives: false)
            return f.z[layers.count - 1].withUnsafeBufferPointer { head.value($0.baseAddress!) }
        }
    }

    /// The backward pass: ∂L/∂Z for every layer, given a forward pass with derivatives.
    /// g[l] is n × fanOut of layer l; p[l] = g[l+1]·W[l+1] (before the ⊙σ'), kept for HVPs.
    struct Backward {
        var loss = 0.0
        var g: [[Double]] = []
        var p: [[Double]] = []
    }

    func backward(_ theta: UnsafePointer<Double>, _ f: Forward, gradient: UnsafeMutablePointer<Double>?) -> Backward {
        let n = data.count, L = layers.count
        var bw = Backward()
        bw.g = Array(repeating: [], count: L)
        bw.p = Array(repeating: [], count: L)
        var gl = [Double](repeating: 0, count: n * spec.outputs)
        bw.loss = f.z[L - 1].withUnsafeBufferPointer { z in
            gl.withUnsafeMutableBufferPointer { head.valueAndGradient(z.baseAddress!, gradient: $0.baseAddress!) }
        }
        for l in stride(from: L - 1, through: 0, by: -1) {
            let layer = layers[l]
            let w = theta + layer.weightOffset
            if let gradient {
                gl.withUnsafeBufferPointer { g in
                    f.a[l].withUnsafeBufferPointer { a in
                        // ∂L/∂W = Gᵀ A (fanOut × fanIn), straight into its place in the gradient.
                        Dense.gemm(transA: true, m: layer.fanOut, n: layer.fanIn, k: n, a: g.baseAddress!, lda: layer.fanOut,
                                   b: a.baseAddress!, ldb: layer.fanIn, c: gradient + layer.weightOffset, ldc: layer.fanIn)
                    }
                    let db = gradient + layer.biasOffset
                    for o in 0..<layer.fanOut { db[o] = 0 }
                    for i in 0..<n { for o in 0..<layer.fanOut { db[o] += g[i * layer.fanOut + o] } }
                }
            }
            if l > 0 {
                var p = [Double](repeating: 0, count: n * layer.fanIn)
                gl.withUnsafeBufferPointer { g in
                    p.withUnsafeMutableBufferPointer { pp in
                        Dense.gemm(m: n, n: layer.fanIn, k: layer.fanOut, a: g.baseAddress!, lda: layer.fanOut,
                                   b: w, ldb: layer.fanIn, c: pp.baseAddress!, ldc: layer.fanIn)
                    }
                }
                bw.g[l] = gl
                bw.p[l - 1] = p
                let d1 = f.d1[l - 1]
                gl = [Double](repeating: 0, count: p.count)
                for e in 0..<p.count { gl[e] = p[e] * d1[e] }
            } else {
                bw.g[l] = gl
            }
        }
        return bw
    }

    /// L(θ) and ∇L(θ).
    public func valueAndGradient(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the network \(parameterCount)")
        var grad = [Double](repeating: 0, count: parameterCount)
        let loss = theta.withUnsafeBufferPointer { t in
            grad.withUnsafeMutableBufferPointer { gp in
                let f = forward(t.baseAddress!, derivatives: true)
                return backward(t.baseAddress!, f, gradient: gp.baseAddress!).loss
            }
        }
        return (loss, grad)
    }

    /// ∇L(θ).
    public func gradient(_ theta: [Double]) -> [Double] { valueAndGradient(theta).gradient }
}
