/// Muon: `torch.optim.Muon` (kind `muon`; Jordan et al., 2024) on a network's weight matrices,
/// with `torch.optim.AdamW` for its other tensors (biases) — the two optimizers Muon is used
/// with, as its documentation's example builds them.
///
/// PyTorch's algorithm (`_single_tensor_muon`), for each weight matrix W of shape A × B with
/// gradient g, learning rate γ, weight decay λ, momentum μ, Newton–Schulz coefficients (a, b, c),
/// k iterations and ε; the buffer B starts at 0:
/// ```
/// B ← lerp(B, g, 1 − μ)                        = μ·B + (1 − μ)·g
/// U ← lerp(g, B, μ) if nesterov, else B
/// X ← U, transposed if A > B;  X ← X / max(‖X‖_F, ε)
/// k times:  G ← XXᵀ;  X ← aX + (bG + cG²)X     (torch.addmm twice)
/// O ← X, transposed back
/// W ← W·(1 − γλ);  W ← W − γ′·O,  γ′ = γ·√max(1, A/B)   (adjust-lr-fn original)
///                                  γ′ = 0.2·γ·√max(A, B)  (match-rms-adamw)
/// ```
/// The other tensors take AdamW (``AdamRule`` with decoupled weight decay) with `adamw-lr`,
/// `beta1`, `beta2`, `adamw-eps` and `adamw-weight-decay`; a schedule scales its learning rate
/// as it scales γ (one scheduler per optimizer, the same factor).
///
/// The arithmetic is torch's with one deliberate difference: torch casts X to bfloat16 for the
/// Newton–Schulz iterations (eight significant bits), this runs them in float64. The matrix
/// products are summed in order, C ← β·C, then C += (α·Aᵢₗ)·Bₗⱼ for l = 0, 1, …, which is how
/// torch's CPU `addmm` sums small contiguous matrices; its `X @ X.T`, transposed operands and
/// MKL's blocked FMA kernels for larger matrices round differently, and Newton–Schulz
/// amplifies a last-bit difference (slope a ≈ 3.4 at 0, k times), so trajectories agree with
/// torch to a few ulps, not bit for bit (Tests/OptiscapeCoreTests/Reference/torch_muon.py).
///
/// A 2-D point has no matrix, so this rule refuses ``Vec2`` (``OptimizerKind/runsOnPoints``):
/// `MuonRule<FlatVector>` trains networks.
public struct MuonRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The momentum buffer B of every weight matrix (0 on the other elements).
    public private(set) var momentumBuffer: P
    /// The AdamW of the other tensors. It is element-wise, so it runs on the whole vector and
    /// only the elements of the non-matrix tensors are kept: each of them is what
    /// `torch.optim.AdamW` over those tensors computes.
    public private(set) var adamw: AdamRule<P>
    /// Updates taken.
    public private(set) var steps = 0
    /// The tensors of rank 2 (Muon's) and the others (AdamW's).
    public let matrices: [TensorLayout.Tensor], others: [TensorLayout.Tensor]

    /// A fresh rule for parameters shaped like `template`. Throws when it holds no matrix.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) throws(OptimizerError) {
        let tensors = template.layout.tensors
        matrices = tensors.filter { $0.shape.count == 2 }
        others = tensors.filter { $0.shape.count != 2 }
        guard !matrices.isEmpty else { throw OptimizerError(OptimizerKind.muon.refusalOnPoints) }
        self.hyperparameters = hyperparameters
        momentumBuffer = template.zerosLike()
        var a = ResolvedHyperparameters.defaults(for: .adamw)
        a.lr = hyperparameters.adamwLr
        a.beta1 = hyperparameters.beta1
        a.beta2 = hyperparameters.beta2
        a.eps = hyperparameters.adamwEps
        a.weightDecay = hyperparameters.adamwWeightDecay
        adamw = AdamRule(a, decoupledWeightDecay: true, like: template)
    }

    /// torch's `_adjust_lr`: the learning rate of an A × B matrix.
    public static func adjustedLearningRate(_ lr: Double, rows: Int, columns: Int, matchRMSAdamW: Bool) -> Double {
        let a = Double(rows), b = Double(columns)
        // Python: math.sqrt(max(1, A / B)); 0.2 * math.sqrt(max(A, B)).
        let ratio = matchRMSAdamW ? 0.2 * TorchOps.sqrt(Swift.max(a, b)) : TorchOps.sqrt(Swift.max(1, a / b))
        return lr * ratio
    }

    /// torch's `_zeropower_via_newtonschulz` in float64 on a rows × columns matrix (row-major):
    /// X = M (transposed when rows > columns) over max(‖X‖_F, ε), then `steps` times
    /// G = XXᵀ, X ← aX + (bG + cG²)X. Returns the result in M's shape.
    public static func newtonSchulz(_ m: [Double], rows: Int, columns: Int, a: Double, b: Double, c: Double,
                                    steps: Int, eps: Double) -> [Double] {
        let transposed = rows > columns
        let r = transposed ? columns : rows, k = transposed ? rows : columns
        // The norm sums the elements in storage order (the reduction of a transposed view
        // walks its memory).
        let norm = TorchOps.vectorNorm(count: m.count) { m[$0] }
        let divisor = norm.isNaN ? norm : Swift.max(norm, eps)   // clamp(min: eps)
        var x = [Double](repeating: 0, count: r * k)
        for i in 0..<r {
            for j in 0..<k { x[i * k + j] = (transposed ? m[j * columns + i] : m[i * columns + j]) / divisor }
        }
        var gram = [Double](repeating: 0, count: r * r)
        var update = [Double](repeating: 0, count: r * r)
        var next = [Double](repeating: 0, count: r * k)
        for _ in 0..<steps {
            // G = X @ X.T
            multiplyAdd(&gram, beta: 0, x, alpha: 1, transposedOf: x, r, k, r)
            // torch.addmm(G, G, G, beta: b, alpha: c)
            update = gram
            multiplyAdd(&update, beta: b, gram, alpha: c, gram, r, r, r)
            // torch.addmm(X, U, X, beta: a)
            next = x
            multiplyAdd(&next, beta: a, update, alpha: 1, x, r, r, k)
            swap(&x, &next)
        }
        guard transposed else { return x }
        var out = [Double](repeating: 0, count: m.count)
        for i in 0..<rows {
            for j in 0..<columns { out[i * columns + j] = x[j * k + i] }
        }
        return out
    }

    /// `torch.addmm(C, L, R, beta: β, alpha: α)` into C (n × p), L n × q, R q × p, row-major,
    /// summed as PyTorch's CPU gemm sums small contiguous matrices: C ← β·C (0 when β = 0, as
    /// BLAS), then for l = 0 … q−1: C += (α·Lᵢₗ)·Rₗⱼ.
    static func multiplyAdd(_ out: inout [Double], beta: Double, _ l: [Double], alpha: Double, _ right: [Double],
                            _ n: Int, _ q: Int, _ p: Int) {
        for i in 0..<n {
            for j in 0..<p {
                var s = beta == 0 ? 0 : beta * out[i * p + j]
                for t in 0..<q { s += (l[i * q + t] * alpha) * right[t * p + j] }
                out[i * p + j] = s
            }
        }
    }

    /// The same with R = Lᵀ given as L (n × q): C = β·C + α·L·Lᵀ (the Gram matrix).
    static func multiplyAdd(_ out: inout [Double], beta: Double, _ l: [Double], alpha: Double, transposedOf m: [Double],
                            _ n: Int, _ q: Int, _ p: Int) {
        for i in 0..<n {
            for j in 0..<p {
                var s = beta == 0 ? 0 : beta * out[i * p + j]
                for t in 0..<q { s += (l[i * q + t] * alpha) * m[j * q + t] }
                out[i * p + j] = s
            }
        }
    }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient g: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let start = terms == nil ? nil : x
        terms?.append(UpdateTerm("gradient g = \(g.short)", vector: g.planar))
        // The AdamW of the other tensors first (on a copy: its matrix elements are dropped).
        if !others.isEmpty {
            var y = x
            let adamwLR = lr == h.lr || h.lr == 0 ? h.adamwLr : h.adamwLr * (lr / h.lr)
            try adamw.step(&y, gradient: g, lr: adamwLR, objective: objective)
            for t in others {
                for i in t.offset ..< t.offset + t.count { x[i] = y[i] }
            }
        }
        let keep = 1 - h.momentum
        let decay = 1 - lr * h.weightDecay
        var adjusted: [Double] = []
        for t in matrices {
            let o = t.offset, n = t.count
            var u = [Double](repeating: 0, count: n)
            for i in 0..<n {
                momentumBuffer[o + i] = TorchOps.lerp(momentumBuffer[o + i], g[o + i], keep)
                u[i] = h.nesterov ? TorchOps.lerp(g[o + i], momentumBuffer[o + i], h.momentum) : momentumBuffer[o + i]
            }
            let orthogonal = Self.newtonSchulz(u, rows: t.shape[0], columns: t.shape[1], a: h.nsA, b: h.nsB, c: h.nsC,
                                               steps: Int(h.nsSteps), eps: h.eps)
            let rate = Self.adjustedLearningRate(lr, rows: t.shape[0], columns: t.shape[1], matchRMSAdamW: h.adjustLrFn)
            for i in 0..<n {
                x[o + i] = TorchOps.add(x[o + i] * decay, orthogonal[i], alpha: -rate)
            }
            adjusted.append(rate)
        }
        if terms != nil {
            terms?.append(UpdateTerm("matrices: B ← \(h.momentum.compact)·B + \(keep.significant(4))·g; "
                                     + "O = Newton–Schulz×\(Int(h.nsSteps)) of " + (h.nesterov ? "g + μB" : "B") + " (≈ UVᵀ)"))
            terms?.append(UpdateTerm("W ← W·\(decay.significant(6)) − lr′·O, lr′ = \(adjusted.map { $0.significant(4) })"
                                     + (others.isEmpty ? "" : ";  \(others.count) other tensors: adamw, lr \(h.adamwLr.compact)")))
            if let start { terms?.append(stepTerm("step taken", from: start, to: x)) }
        }
    }
}
