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
    /// Whether β₁ᵗ (β₂ᵗ) has fallen to 2⁻⁶⁰ or below. From then on the exact βᵗ of every later
    /// step is smaller still, C `pow` (error < 1 ulp) returns at most 2⁻⁵⁹ for it, and 1 − βᵗ
    /// rounds to exactly 1: so c = 1 without calling `pow`, bit for bit what it would give.
    /// (With β₂ = 0.999 that is after ~41 600 steps; until then three `pow` calls are half of
    /// an Adam step's cost.)
    private var beta1PowerVanished = false, beta2PowerVanished = false

    public init(_ hyperparameters: ResolvedHyperparameters, decoupledWeightDecay: Bool = false) {
        self.hyperparameters = hyperparameters
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// `squaredGradient` is the second moment v (AMSGrad's maximum is ``maxSecondMoment``).
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: secondMoment, firstMoment: firstMoment,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }


    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    mutating func update(from start: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
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
        firstMoment = TorchOps.lerp(firstMoment, g, weight: 1 - h.beta1)
        terms?.append(UpdateTerm("first moment m ← \(h.beta1.compact)·m + \((1 - h.beta1).significant(4))·g",
                                 vector: firstMoment))
        secondMoment = TorchOps.addcmul(secondMoment * h.beta2, g, g, value: 1 - h.beta2)
        terms?.append(UpdateTerm("second moment v ← \(h.beta2.compact)·v + \((1 - h.beta2).significant(4))·g² = \(secondMoment.short)"))

        let c1 = Adam.biasCorrection(h.beta1, t, vanished: &beta1PowerVanished)
        let c2 = Adam.biasCorrection(h.beta2, t, vanished: &beta2PowerVanished)
        let stepSize = lr / c1
        // pow(1, y) is exactly 1 (C99 F.9.4.4), so the call is skipped once c₂ has reached 1.
        let c2Sqrt = c2 == 1 ? 1 : TorchOps.pow(c2, 0.5)
        terms?.append(UpdateTerm("bias correction t = \(steps): m̂ = m/\(c1.significant(4)), v̂ = v/\(c2.significant(4))",
                                 vector: firstMoment / c1))
        var v = secondMoment
        if h.amsgrad {
            maxSecondMoment = TorchOps.maximum(maxSecondMoment, secondMoment)
            v = maxSecondMoment
            terms?.append(UpdateTerm("AMSGrad: v ← max(v seen so far) = \(v.short)"))
        }
        let denom = TorchOps.add(TorchOps.sqrt(v) / c2Sqrt, scalar: h.eps)
        let moved = TorchOps.addcdiv(x, firstMoment, denom, value: -stepSize)
        effectiveLearningRate = Vec2(stepSize / denom.x, stepSize / denom.y)
        terms?.append(stepTerm(decoupledWeightDecay && h.weightDecay != 0
                                   ? "step taken: decay and −lr·m̂/(√v̂ + ε)" : "step taken: −lr·m̂/(√v̂ + ε)",
                               from: start, to: moved))
        return .moved(moved)
    }

    /// 1 − βᵗ as PyTorch computes it (`1 - beta ** step`), skipping `pow` once βᵗ has vanished
    /// (see ``beta1PowerVanished``).
    @inline(__always)
    static func biasCorrection(_ beta: Double, _ t: Double, vanished: inout Bool) -> Double {
        if vanished { return 1 }
        let p = TorchOps.pow(beta, t)
        if p >= 0 && p <= 0x1p-60 { vanished = true }
        return 1 - p
    }
}
