/// Adamax: `torch.optim.Adamax` (kind `adamax`), Adam with the infinity norm in place of the
/// second moment (Kingma & Ba, 2015, §7.1).
///
/// PyTorch's algorithm (its docs and `_single_tensor_adamax`), with learning rate γ, betas β₁,
/// β₂, weight decay λ, step t = 1, 2, …; m and u start at 0:
/// ```
/// g ← g + λ·x                       if λ ≠ 0
/// m ← lerp(m, g, 1 − β₁)
/// u ← max(β₂·u, |g| + ε)
/// x ← x − (γ/(1 − β₁ᵗ))·m/u
/// ```
///
/// One implementation for 2-D points (`AdamaxRule<Vec2>`) and networks (`AdamaxRule<FlatVector>`).
public struct AdamaxRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The first moment m.
    public private(set) var firstMoment: P
    /// The exponentially weighted infinity norm u (PyTorch's `exp_inf`).
    public private(set) var infinityNorm: P
    /// Number of updates taken.
    public private(set) var steps = 0
    /// (γ/(1 − β₁ᵗ))/u per coordinate on the last step: the factor that multiplied m.
    public private(set) var effectiveLearningRate: P?
    private var beta1PowerVanished = false

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        firstMoment = template.zerosLike()
        infinityNorm = template.zerosLike()
    }

    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        firstMoment.lerp(g, weight: 1 - h.beta1)
        terms?.append(UpdateTerm("first moment m ← \(h.beta1.compact)·m + \((1 - h.beta1).significant(4))·g",
                                 vector: firstMoment.planar))
        infinityNorm.multiply(by: h.beta2)
        let eps = h.eps
        infinityNorm.formElementwise(g) { TorchOps.maximum($0, Swift.abs($1) + eps) }
        terms?.append(UpdateTerm("infinity norm u = \(infinityNorm.short) ← max(\(h.beta2.compact)·u, |g| + ε)"))
        let clr = lr / AdamBias.correction(h.beta1, Double(steps), vanished: &beta1PowerVanished)
        terms?.append(UpdateTerm("step size lr/(1 − β₁ᵗ) = \(clr.significant(4)), t = \(steps)"))
        let start = terms == nil ? nil : x
        x.addcdiv(firstMoment, infinityNorm, value: -clr)
        var rate = infinityNorm
        rate.formElementwise { clr / $0 }
        effectiveLearningRate = rate
        if let start { terms?.append(stepTerm("step taken: −lr/(1 − β₁ᵗ)·m/u", from: start, to: x)) }
    }
}

extension AdamaxRule: Optimizer where P == Vec2 {
    /// `squaredGradient` holds the infinity norm u (not a square: the panel labels it so).
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: infinityNorm, firstMoment: firstMoment,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
