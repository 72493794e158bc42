import Foundation

/// Adam and AdamW: `torch.optim.Adam` and `torch.optim.AdamW` (kinds `adam`, `adamw`), with
/// optional AMSGrad.
///
/// PyTorch's algorithm (its docs and `_single_tensor_adam`), with learning rate γ, betas β₁, β₂,
/// weight decay λ, step t = 1, 2, …; m, v and v̂max start at 0:
/// ```
/// x ← x·(1 − γλ)                    AdamW (decoupled weight decay), if λ ≠ 0
/// g ← g + λ·x                       Adam (L2 penalty), if λ ≠ 0
/// m ← lerp(m, g, 1 − β₁)            = β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// c₁ ← 1 − β₁ᵗ;  c₂ ← 1 − β₂ᵗ
/// v̂max ← max(v̂max, v)               AMSGrad: the maximum of the *uncorrected* v, then
/// d ← √v / √c₂ + ε                  bias-corrected like v (d uses v̂max in place of v)
/// x ← x − (γ/c₁)·m / d
/// ```
/// The operations and their order are PyTorch's (`denom = v.sqrt() / sqrt(c₂) + eps`,
/// `step_size = lr / c₁`, `x.addcdiv_(m, denom, value: -step_size)`), so the trajectory
/// matches it bit for bit.
public struct Adam: Optimizer, ExplainableUpdate {
    public let hyperparameters: ResolvedHyperparameters
    /// Whether weight decay is decoupled (AdamW) rather than an L2 term in the gradient (Adam).
    public let decoupledWeightDecay: Bool
    /// The first moment m.
    public private(set) var firstMoment = Vec2.zero
    /// The second moment v.
    public private(set) var secondMoment = Vec2.zero
    /// AMSGrad's running maximum of v.
    public private(set) var maxSecondMoment = Vec2.zero
    /// Number of updates taken.
    public private(set) var steps = 0
    /// (γ/c₁)/d per coordinate on the last step: the factor that multiplied m.
    public private(set) var effectiveLearningRate: Vec2?

    public init(_ hyperparameters: ResolvedHyperparameters, decoupledWeightDecay: Bool = false) {
        self.hyperparameters = hyperparameters
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// `squaredGradient` is the second moment v (AMSGrad's maximum is ``maxSecondMoment``).
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: secondMoment, firstMoment: firstMoment,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }


    func update(from start: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                terms: inout [UpdateTerm]?) -> (next: Adam, outcome: StepOutcome) {
        let h = hyperparameters
        var next = self
        next.steps += 1
        let t = Double(next.steps)
        var x = start
        var g = gradient
        terms?.append(UpdateTerm("gradient g = \(g.short)", vector: g))
        if h.weightDecay != 0 {
            if decoupledWeightDecay {
                let factor = 1 - lr * h.weightDecay
                let shrunk = x * factor
                terms?.append(UpdateTerm("decoupled weight decay: x ← x·(1 − lr·λ) = x·\(factor.significant(6))",
                                         vector: shrunk - x))
                x = shrunk
            } else {
                let decayed = TorchOps.add(g, x, alpha: h.weightDecay)
                terms?.append(UpdateTerm("weight decay adds λ·x, λ = \(h.weightDecay.compact)", vector: decayed - g))
                g = decayed
            }
        }
        next.firstMoment = TorchOps.lerp(firstMoment, g, weight: 1 - h.beta1)
        terms?.append(UpdateTerm("first moment m ← \(h.beta1.compact)·m + \((1 - h.beta1).significant(4))·g",
                                 vector: next.firstMoment))
        next.secondMoment = TorchOps.addcmul(secondMoment * h.beta2, g, g, value: 1 - h.beta2)
        terms?.append(UpdateTerm("second moment v ← \(h.beta2.compact)·v + \((1 - h.beta2).significant(4))·g² = \(next.secondMoment.short)"))

        let c1 = 1 - TorchOps.pow(h.beta1, t)
        let c2 = 1 - TorchOps.pow(h.beta2, t)
        let stepSize = lr / c1
        let c2Sqrt = TorchOps.pow(c2, 0.5)
        terms?.append(UpdateTerm("bias correction t = \(next.steps): m̂ = m/\(c1.significant(4)), v̂ = v/\(c2.significant(4))",
                                 vector: next.firstMoment / c1))
        var v = next.secondMoment
        if h.amsgrad {
            next.maxSecondMoment = TorchOps.maximum(maxSecondMoment, next.secondMoment)
            v = next.maxSecondMoment
            terms?.append(UpdateTerm("AMSGrad: v ← max(v seen so far) = \(v.short)"))
        }
        let denom = TorchOps.add(TorchOps.sqrt(v) / c2Sqrt, scalar: h.eps)
        let moved = TorchOps.addcdiv(x, next.firstMoment, denom, value: -stepSize)
        next.effectiveLearningRate = Vec2(stepSize / denom.x, stepSize / denom.y)
        terms?.append(stepTerm(decoupledWeightDecay && h.weightDecay != 0
                                   ? "step taken: decay and −lr·m̂/(√v̂ + ε)" : "step taken: −lr·m̂/(√v̂ + ε)",
                               from: start, to: moved))
        return (next, .moved(moved))
    }
}
