/// Adafactor: `torch.optim.Adafactor` (kind `adafactor`; Shazeer & Stern, 2018), with the
/// second moment of a matrix stored as a row and a column factor, a relative step size and
/// update clipping.
///
/// PyTorch's algorithm (its docs and `_single_tensor_adafactor`), applied to each tensor of
/// ``ParameterVector/layout`` on its own, with learning rate γ, decay exponent c
/// (`beta2-decay`), clipping threshold d, ε₁, ε₂, weight decay λ, step t = 1, 2, …:
/// ```
/// β̂ ← t^c;  ρₜ ← min(γ, 1/√t);  αₜ ← max(ε₂, ‖x‖/√n)·ρₜ          (n elements in the tensor)
/// x ← x·(1 − γλ)                                                  if λ ≠ 0
/// rank ≥ 2 (… × r × k):  R ← lerp(R, ‖g row‖²/k, β̂)   (one per row, …× r × 1)
///                        C ← lerp(C, ‖g column‖²/r, β̂) (one per column, …× 1 × k)
///                        V̂ ← R·C / max(mean of R, ε₁)
/// rank < 2:              V ← lerp(V, g², β̂);  V̂ ← V
/// U ← g / √max(V̂, ε₁²)
/// x ← x − (αₜ / max(1, ‖U‖/(√n·d)))·U
/// ```
/// A 2-D point is one tensor of shape [2] (rank 1), so it gets the unfactored V. The norms
/// are PyTorch's (``TorchOps/vectorNorm(count:_:)``: the row norm and the whole-tensor norms
/// sum contiguous elements in four lanes from 8 on; a column norm adds its r elements in order).
///
/// One implementation for 2-D points (`AdafactorRule<Vec2>`) and networks
/// (`AdafactorRule<FlatVector>`).
public struct AdafactorRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The unfactored second moment V of the rank-0 and rank-1 tensors (0 elsewhere).
    public private(set) var variance: P
    /// The row factors R of each tensor of rank ≥ 2 (empty for the others), by tensor index.
    public private(set) var rowFactors: [[Double]]
    /// The column factors C of each tensor of rank ≥ 2, by tensor index.
    public private(set) var columnFactors: [[Double]]
    /// Number of updates taken.
    public private(set) var steps = 0
    /// The factor that multiplied g on the last step per coordinate: (αₜ/clip)/√max(V̂, ε₁²).
    public private(set) var effectiveLearningRate: P?

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        variance = template.zerosLike()
        rowFactors = template.layout.tensors.map { t in
            guard t.shape.count >= 2 else { return [] }
            return [Double](repeating: 0, count: t.count / t.shape[t.shape.count - 1])
        }
        columnFactors = template.layout.tensors.map { t in
            guard t.shape.count >= 2 else { return [] }
            return [Double](repeating: 0, count: t.count / t.shape[t.shape.count - 2])
        }
    }

    /// Python's `max(a, b)`: b only if b > a (so a NaN b gives a).
    @inline(__always) static func pyMax(_ a: Double, _ b: Double) -> Double { b > a ? b : a }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient g: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
        let start = terms == nil ? nil : x
        terms?.append(UpdateTerm("gradient g = \(g.short)", vector: g.planar))
        let beta2Hat = TorchOps.pow(t, h.beta2Decay)
        let oneOverRootT = 1 / TorchOps.pow(t, 0.5)
        let rho = oneOverRootT < lr ? oneOverRootT : lr
        let eps1Squared = h.eps1 * h.eps1
        var rate = g.zerosLike()
        var factored = false
        var alphas: [Double] = []
        var clips: [Double] = []
        for (index, tensor) in x.layout.tensors.enumerated() {
            let o = tensor.offset, n = tensor.count
            let paramNorm = TorchOps.vectorNorm(count: n) { x[o + $0] }
            let alpha = Self.pyMax(h.eps2, paramNorm / TorchOps.pow(Double(n), 0.5)) * rho
            if h.weightDecay != 0 {
                let factor = 1 - lr * h.weightDecay
                for i in 0..<n { x[o + i] *= factor }
            }
            // V̂ for this tensor, element by element.
            var estimate = [Double](repeating: 0, count: n)
            let shape = tensor.shape
            if shape.count >= 2 {
                factored = true
                let k = shape[shape.count - 1], r = shape[shape.count - 2]
                let batches = n / Swift.max(r * k, 1)
                for b in 0..<batches {
                    let base = o + b * r * k
                    for i in 0..<r {
                        let norm = TorchOps.vectorNorm(count: k) { g[base + i * k + $0] }
                        let mean = norm * norm / Double(k)
                        rowFactors[index][b * r + i] = TorchOps.lerp(rowFactors[index][b * r + i], mean, beta2Hat)
                    }
                    for j in 0..<k {
                        var sum = 0.0
                        for i in 0..<r { let v = g[base + i * k + j]; sum += v * v }
                        let norm = TorchOps.sqrt(sum)
                        let mean = norm * norm / Double(r)
                        columnFactors[index][b * k + j] = TorchOps.lerp(columnFactors[index][b * k + j], mean, beta2Hat)
                    }
                    var rowSum = 0.0
                    for i in 0..<r { rowSum += rowFactors[index][b * r + i] }
                    let rowMean = rowSum / Double(r)
                    let floor = rowMean.isNaN ? rowMean : Swift.max(rowMean, h.eps1)
                    for i in 0..<r {
                        for j in 0..<k {
                            estimate[b * r * k + i * k + j] = rowFactors[index][b * r + i] * columnFactors[index][b * k + j] / floor
                        }
                    }
                }
            } else {
                for i in 0..<n {
                    let gi = g[o + i]
                    variance[o + i] = TorchOps.lerp(variance[o + i], gi * gi, beta2Hat)
                    estimate[i] = variance[o + i]
                }
            }
            // U = rsqrt(max(V̂, ε₁²))·g; PyTorch's rsqrt is 1/√ correctly rounded.
            var u = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let e = estimate[i]
                let clamped = e.isNaN ? e : Swift.max(e, eps1Squared)
                let inverseRoot = 1 / TorchOps.sqrt(clamped)
                u[i] = inverseRoot * g[o + i]
                rate[o + i] = inverseRoot
            }
            let updateNorm = TorchOps.vectorNorm(count: n) { u[$0] }
            let clip = Self.pyMax(1.0, updateNorm / (TorchOps.pow(Double(n), 0.5) * h.d))
            let s = -alpha / clip
            for i in 0..<n {
                x[o + i] = TorchOps.add(x[o + i], u[i], alpha: s)
                rate[o + i] = -s * rate[o + i]
            }
            alphas.append(alpha)
            clips.append(clip)
        }
        effectiveLearningRate = rate
        if terms != nil {
            let one = alphas.count == 1
            terms?.append(UpdateTerm("relative step αₜ = "
                                     + (one ? alphas[0].significant(4) : "\(alphas.map { $0.significant(3) })")
                                     + " = max(ε₂, RMS(x))·min(lr, 1/√t)"
                                     + (h.weightDecay != 0 ? ";  decay x ← x·(1 − lr·λ)" : "")))
            terms?.append(UpdateTerm(factored
                ? "second moment: R, C ← lerp(·, mean g² of rows, columns, t^c = \(beta2Hat.significant(4))), V̂ = RC/mean R (matrices); V ← lerp(V, g², t^c) (vectors)"
                : "second moment V = \(variance.short) ← lerp(V, g², t^c = \(beta2Hat.significant(4)))"))
            terms?.append(UpdateTerm("update U = g/max(√V̂, ε₁), divided by "
                                     + (one ? clips[0].significant(4) : "\(clips.map { $0.significant(3) })")
                                     + " = max(1, RMS(U)/d)"))
            if let start { terms?.append(stepTerm("step taken: −αₜ·Û", from: start, to: x)) }
        }
    }
}

extension AdafactorRule: Optimizer where P == Vec2 {
    /// `squaredGradient` is the (unfactored) second moment V of the point's one tensor.
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: variance, effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
