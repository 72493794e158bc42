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

    /// The activations of one forward pass over the whole batch. Also the scratch a
    /// ``NetworkWorkspace`` keeps between passes: arrays of the right size are overwritten in
    /// place, not allocated again.
    struct Forward: Sendable {
        /// z[l]: pre-activations of linear layer l (n × fanOut).
        var z: [[Double]] = []
        /// a[l]: inputs of linear layer l (n × fanIn); a[0] is the data.
        var a: [[Double]] = []
        /// σ'(z[l]) and σ''(z[l]) for the hidden layers l < L−1 (empty for the last).
        var d1: [[Double]] = []
        var d2: [[Double]] = []
        /// Wᵀ of linear layer l (fanIn × fanOut), the forward product's right operand.
        var wt: [[Double]] = []
    }

    /// `list[l]` as an array of `count` elements, reusing the one there when its size fits
    /// (its contents are then stale: callers overwrite every element).
    @inline(__always)
    static func slot(_ list: inout [[Double]], _ l: Int, count: Int) {
        if list.count <= l { list.append(contentsOf: repeatElement([], count: l + 1 - list.count)) }
        if list[l].count != count { list[l] = [Double](repeating: 0, count: count) }
    }

    /// One forward pass at θ. `derivatives` also keeps σ' and σ'' (for gradients and HVPs).
    func forward(_ theta: UnsafePointer<Double>, derivatives: Bool) -> Forward {
        var f = Forward()
        forward(theta, derivatives: derivatives, into: &f)
        return f
    }

    /// One forward pass at θ into `f`, reusing its arrays. `second: false` skips σ'' (a
    /// gradient needs only σ'; HVPs need both).
    func forward(_ theta: UnsafePointer<Double>, derivatives: Bool, second: Bool = true, into f: inout Forward) {
        let n = data.count
        if f.a.isEmpty { f.a = [data.features] } else { f.a[0] = data.features }
        for (l, layer) in layers.enumerated() {
            let fo = layer.fanOut
            Self.slot(&f.z, l, count: n * fo)
            let fi = layer.fanIn
            let w = theta + layer.weightOffset, b = theta + layer.biasOffset
            // Wᵀ copied out (fanIn × fanOut), so that Z = A Wᵀ is a product without a transposed
            // operand: OpenBLAS takes its small-matrix kernels for those, where A·Wᵀ went
            // through its packing path (a fifth of a training step, measured with perf).
            Self.slot(&f.wt, l, count: fi * fo)
            f.wt[l].withUnsafeMutableBufferPointer { t in
                for o in 0..<fo { for i in 0..<fi { t[i * fo + o] = w[o * fi + i] } }
            }
            f.a[l].withUnsafeBufferPointer { a in
                f.wt[l].withUnsafeBufferPointer { wt in
                    f.z[l].withUnsafeMutableBufferPointer { zp in
                        // Z = A Wᵀ + 1 bᵀ: the bias first, then accumulate the product onto it.
                        Self.fillRows(zp.baseAddress!, rows: n, with: b, count: fo)
                        Dense.gemm(m: n, n: fo, k: fi, a: a.baseAddress!, lda: fi,
                                   b: wt.baseAddress!, ldb: fo, beta: 1, c: zp.baseAddress!, ldc: fo)
                    }
                }
            }
            guard l < layers.count - 1 else { continue }
            let count = n * fo
            Self.slot(&f.a, l + 1, count: count)
            Self.slot(&f.d1, l, count: derivatives ? count : 0)
            Self.slot(&f.d2, l, count: derivatives && second ? count : 0)
            let act = spec.activation
            f.z[l].withUnsafeBufferPointer { z in
                f.a[l + 1].withUnsafeMutableBufferPointer { a in
                    if derivatives && !second {
                        f.d1[l].withUnsafeMutableBufferPointer { d1 in
                            Self.activate(act, count, z.baseAddress!, a.baseAddress!, d1.baseAddress!)
                        }
                    } else if derivatives {
                        f.d1[l].withUnsafeMutableBufferPointer { d1 in
                            f.d2[l].withUnsafeMutableBufferPointer { d2 in
                                if act == .tanh {
                                    NetworkTanh.values(z.baseAddress!, into: a.baseAddress!, first: d1.baseAddress!,
                                                       second: d2.baseAddress!, count: count)
                                } else {
                                    for e in 0..<count {
                                        let (v, p, q) = act.evaluate(z[e])
                                        a[e] = v; d1[e] = p; d2[e] = q
                                    }
                                }
                            }
                        }
                    } else {
                        act.values(z.baseAddress!, into: a.baseAddress!, count: count)
                    }
                }
            }
        }
    }

    /// a = σ(z), d1 = σ'(z) over `count` elements: one loop per activation, so that the
    /// activation is chosen once per layer rather than once per element (the switch inside the
    /// loop was a fifth of a training step).
    @inline(__always)
    static func activate(_ act: Activation, _ count: Int, _ z: UnsafePointer<Double>,
                         _ a: UnsafeMutablePointer<Double>, _ d1: UnsafeMutablePointer<Double>) {
        @inline(__always) func each(_ f: (Double) -> (value: Double, first: Double)) {
            for e in 0..<count { let (v, p) = f(z[e]); a[e] = v; d1[e] = p }
        }
        switch act {
        case .tanh: NetworkTanh.values(z, into: a, first: d1, count: count)
        case .relu: each { $0 > 0 ? ($0, 1) : (0, 0) }
        case .sigmoid: each { Activation.sigmoid.evaluateFirst($0) }
        case .softplus: each { Activation.softplus.evaluateFirst($0) }
        case .linear: each { ($0, 1) }
        }
    }

    /// Every one of `rows` rows of `count` elements at `z` set to `row`: the first row copied,
    /// then the rows done so far copied after themselves (log₂ rows copies rather than one short
    /// `memmove` per row, which was a tenth of a forward pass).
    @inline(__always)
    static func fillRows(_ z: UnsafeMutablePointer<Double>, rows: Int, with row: UnsafePointer<Double>, count: Int) {
        guard rows > 0 else { return }
        z.update(from: row, count: count)
        var done = 1
        while done < rows {
            let more = Swift.min(done, rows - done)
            (z + done * count).update(from: z, count: more * count)
            done += more
        }
    }

    /// db[o] = Σᵢ g[i·fo + o], the rows summed in order (a bias gradient): eight columns at a
    /// time in registers, so the sums run side by side instead of through memory.
    @inline(__always)
    static func sumRows(_ g: UnsafePointer<Double>, rows n: Int, columns fo: Int, into db: UnsafeMutablePointer<Double>) {
        var o = 0
        while o + 8 <= fo {
            var (s0, s1, s2, s3, s4, s5, s6, s7) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
            var p = g + o
            for _ in 0..<n {
                s0 += p[0]; s1 += p[1]; s2 += p[2]; s3 += p[3]; s4 += p[4]; s5 += p[5]; s6 += p[6]; s7 += p[7]
                p += fo
            }
            db[o] = s0; db[o + 1] = s1; db[o + 2] = s2; db[o + 3] = s3
            db[o + 4] = s4; db[o + 5] = s5; db[o + 6] = s6; db[o + 7] = s7
            o += 8
        }
        while o < fo {
            var s = 0.0
            var p = g + o
            for _ in 0..<n { s += p[0]; p += fo }
            db[o] = s
            o += 1
        }
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
    /// Also scratch, reused like ``Forward``.
    struct Backward: Sendable {
        var loss = 0.0
        var g: [[Double]] = []
        var p: [[Double]] = []
    }

    func backward(_ theta: UnsafePointer<Double>, _ f: Forward, gradient: UnsafeMutablePointer<Double>?) -> Backward {
        var bw = Backward()
        backward(theta, f, gradient: gradient, into: &bw)
        return bw
    }

    func backward(_ theta: UnsafePointer<Double>, _ f: Forward, gradient: UnsafeMutablePointer<Double>?, into bw: inout Backward) {
        let n = data.count, L = layers.count
        Self.slot(&bw.g, L - 1, count: n * spec.outputs)
        Self.slot(&bw.p, L - 1, count: 0)
        bw.loss = f.z[L - 1].withUnsafeBufferPointer { z in
            bw.g[L - 1].withUnsafeMutableBufferPointer { head.valueAndGradient(z.baseAddress!, gradient: $0.baseAddress!) }
        }
        for l in stride(from: L - 1, through: 0, by: -1) {
            let layer = layers[l]
            let (fo, fi) = (layer.fanOut, layer.fanIn)
            let w = theta + layer.weightOffset
            if let gradient {
                bw.g[l].withUnsafeBufferPointer { g in
                    f.a[l].withUnsafeBufferPointer { a in
                        // ∂L/∂W = Gᵀ A (fanOut × fanIn), straight into its place in the gradient.
                        Dense.gemm(transA: true, m: fo, n: fi, k: n, a: g.baseAddress!, lda: fo,
                                   b: a.baseAddress!, ldb: fi, c: gradient + layer.weightOffset, ldc: fi)
                    }
                    Self.sumRows(g.baseAddress!, rows: n, columns: fo, into: gradient + layer.biasOffset)
                }
            }
            guard l > 0 else { break }
            Self.slot(&bw.p, l - 1, count: n * fi)
            Self.slot(&bw.g, l - 1, count: n * fi)
            bw.g[l].withUnsafeBufferPointer { g in
                bw.p[l - 1].withUnsafeMutableBufferPointer { pp in
                    Dense.gemm(m: n, n: fi, k: fo, a: g.baseAddress!, lda: fo, b: w, ldb: fi, c: pp.baseAddress!, ldc: fi)
                }
            }
            bw.p[l - 1].withUnsafeBufferPointer { p in
                f.d1[l - 1].withUnsafeBufferPointer { d1 in
                    bw.g[l - 1].withUnsafeMutableBufferPointer { g in
                        let (pp, dp, gp) = (p.baseAddress!, d1.baseAddress!, g.baseAddress!)
                        for e in 0..<p.count { gp[e] = pp[e] * dp[e] }
                    }
                }
            }
        }
    }

    /// L(θ) and ∇L(θ).
    public func valueAndGradient(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the network \(parameterCount)")
        var grad = [Double](repeating: 0, count: parameterCount)
        let loss = theta.withUnsafeBufferPointer { t in
            grad.withUnsafeMutableBufferPointer { gp in
                var f = Forward()
                forward(t.baseAddress!, derivatives: true, second: false, into: &f)
                return backward(t.baseAddress!, f, gradient: gp.baseAddress!).loss
            }
        }
        return (loss, grad)
    }

    /// ∇L(θ).
    public func gradient(_ theta: [Double]) -> [Double] { valueAndGradient(theta).gradient }

    /// L(θ) and ∇L(θ) written into `gradient`, with the passes' scratch kept in `workspace`
    /// (a training loop's: no allocation per step once it has seen this many rows).
    public func valueAndGradient(_ theta: [Double], gradient: inout [Double], workspace: inout NetworkWorkspace) -> Double {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the network \(parameterCount)")
        if gradient.count != parameterCount { gradient = [Double](repeating: 0, count: parameterCount) }
        return theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { gp in
                forward(t.baseAddress!, derivatives: true, second: false, into: &workspace.forward)
                backward(t.baseAddress!, workspace.forward, gradient: gp.baseAddress!, into: &workspace.backward)
                return workspace.backward.loss
            }
        }
    }
}

/// Scratch for ``NetworkLoss/valueAndGradient(_:gradient:workspace:)``: the activations and
/// back-propagated errors of the last pass, overwritten by the next (arrays are reallocated
/// only when the number of rows changes, as for a last partial minibatch).
/// glibc returns a freed heap top of more than 128 KiB to the kernel, so allocating these
/// (≈300 KB for 200 rows of a 2-16-16-2 net) afresh every step made every step fault its pages
/// in again — most of a step's time before the workspace (measured with perf).
public struct NetworkWorkspace: Sendable {
    var forward = NetworkLoss.Forward()
    var backward = NetworkLoss.Backward()
    public init() {}
}
