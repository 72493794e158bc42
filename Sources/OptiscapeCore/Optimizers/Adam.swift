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
///
/// One implementation for 2-D points (``Adam``) and networks (`AdamRule<FlatVector>`).
public struct AdamRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// Whether weight decay is decoupled (AdamW) rather than an L2 term in the gradient (Adam).
    public let decoupledWeightDecay: Bool
    /// The first moment m.
    public private(set) var firstMoment: P
    /// The second moment v.
    public private(set) var secondMoment: P
    /// AMSGrad's running maximum of v.
    public private(set) var maxSecondMoment: P
    /// Number of updates taken.
    public private(set) var steps = 0
    /// (γ/c₁)/d per coordinate on the last step: the factor that multiplied m. Worked out when
    /// asked, from the state the step left (d = √v/√c₂ + ε, v̂max for AMSGrad), with the step's
    /// own rounding: not a vector built every step that only explain mode reads.
    public var effectiveLearningRate: P? {
        guard let last = lastStep else { return nil }
        let (stepSize, c2Sqrt) = last
        var rate = hyperparameters.amsgrad ? maxSecondMoment : secondMoment
        let eps = hyperparameters.eps
        rate.formElementwise { stepSize / (TorchOps.sqrt($0) / c2Sqrt + eps) }
        return rate
    }
    /// γ/c₁ and √c₂ of the last step.
    private var lastStep: (stepSize: Double, c2Sqrt: Double)?
    /// Whether β₁ᵗ (β₂ᵗ) has fallen to 2⁻⁶⁰ or below. From then on the exact βᵗ of every later
    /// step is smaller still, C `pow` (error < 1 ulp) returns at most 2⁻⁵⁹ for it, and 1 − βᵗ
    /// rounds to exactly 1: so c = 1 without calling `pow`, bit for bit what it would give.
    /// (With β₂ = 0.999 that is after ~41 600 steps; until then three `pow` calls are half of
    /// an Adam step's cost.)
    private var beta1PowerVanished = false, beta2PowerVanished = false

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, decoupledWeightDecay: Bool = false, like template: P) {
        self.hyperparameters = hyperparameters
        self.decoupledWeightDecay = decoupledWeightDecay
        firstMoment = template.zerosLike()
        secondMoment = template.zerosLike()
        maxSecondMoment = template.zerosLike()
    }

    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
        let start = terms == nil ? nil : x
        let g = adamFamilyWeightDecay(&x, gradient: gradient, lr: lr, h, decoupled: decoupledWeightDecay, terms: &terms)
        let c1 = AdamBias.correction(h.beta1, t, vanished: &beta1PowerVanished)
        let c2 = AdamBias.correction(h.beta2, t, vanished: &beta2PowerVanished)
        let stepSize = lr / c1
        // pow(1, y) is exactly 1 (C99 F.9.4.4), so the call is skipped once c₂ has reached 1.
        let c2Sqrt = c2 == 1 ? 1 : TorchOps.pow(c2, 0.5)
        let (w1, beta2, w2, eps) = (1 - h.beta1, h.beta2, 1 - h.beta2, h.eps)
        // torch's kernels one element at a time (m.lerp_, v.mul_, v.addcmul_; then denom and
        // x.addcdiv_): each element's operations in torch's order, so the same bits, in one
        // pass over the moments and one over x rather than one pass (and copy) per kernel.
        firstMoment.formElementwise(&secondMoment, g) { m, v, g in
            m = TorchOps.lerp(m, g, w1)
            v = TorchOps.addcmul(v * beta2, g, g, value: w2)
        }
        terms?.append(UpdateTerm("first moment m ← \(h.beta1.compact)·m + \((1 - h.beta1).significant(4))·g",
                                 vector: firstMoment.planar))
        terms?.append(UpdateTerm("second moment v ← \(h.beta2.compact)·v + \((1 - h.beta2).significant(4))·g² = \(secondMoment.short)"))
        terms?.append(UpdateTerm("bias correction t = \(steps): m̂ = m/\(c1.significant(4)), v̂ = v/\(c2.significant(4))",
                                 vector: firstMoment.planar.map { $0 / c1 }))
        if h.amsgrad {
            maxSecondMoment.formMaximum(secondMoment)
            terms?.append(UpdateTerm("AMSGrad: v ← max(v seen so far) = \(maxSecondMoment.short)"))
        }
        // denom = v.sqrt() / √c₂ + ε, then x.addcdiv_(m, denom, value: −step_size).
        x.formElementwise(firstMoment, h.amsgrad ? maxSecondMoment : secondMoment) { x, m, v in
            TorchOps.addcdiv(x, m, TorchOps.sqrt(v) / c2Sqrt + eps, value: -stepSize)
        }
        lastStep = (stepSize, c2Sqrt)
        if let start {
            terms?.append(stepTerm(decoupledWeightDecay && h.weightDecay != 0
                                       ? "step taken: decay and −lr·m̂/(√v̂ + ε)" : "step taken: −lr·m̂/(√v̂ + ε)",
                                   from: start, to: x))
        }
    }
}

/// `torch.optim.Adam` / `torch.optim.AdamW` on a 2-D point.
public typealias Adam = AdamRule<Vec2>

/// The Adam family's bias correction, whatever the parameter type.
enum AdamBias {
    /// 1 − βᵗ as PyTorch computes it (`1 - beta ** step`), skipping `pow` once βᵗ has vanished
    /// (see `AdamRule.beta1PowerVanished`).
    @inline(__always)
    static func correction(_ beta: Double, _ t: Double, vanished: inout Bool) -> Double {
        if vanished { return 1 }
        let p = TorchOps.pow(beta, t)
        if p >= 0 && p <= 0x1p-60 { vanished = true }
        return 1 - p
    }
}

extension AdamRule where P == Vec2 {
    /// A fresh 2-D Adam (AdamW when `decoupledWeightDecay`).
    public init(_ hyperparameters: ResolvedHyperparameters, decoupledWeightDecay: Bool = false) {
        self.init(hyperparameters, decoupledWeightDecay: decoupledWeightDecay, like: .zero)
    }
}

extension AdamRule: Optimizer where P == Vec2 {
    /// `squaredGradient` is the second moment v (AMSGrad's maximum is ``maxSecondMoment``).
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: secondMoment, firstMoment: firstMoment,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
