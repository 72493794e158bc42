import Foundation

/// RAdam: `torch.optim.RAdam` (kind `radam`), Adam with the variance of its adaptive rate
/// rectified (Liu et al., 2019), with optional decoupled weight decay.
///
/// PyTorch's algorithm (its docs and `_single_tensor_radam`), with learning rate γ, betas β₁,
/// β₂, weight decay λ, step t = 1, 2, …; m, v start at 0:
/// ```
/// x ← x·(1 − γλ)                    decoupled-weight-decay, if λ ≠ 0
/// g ← g + λ·x                       otherwise, if λ ≠ 0
/// m ← lerp(m, g, 1 − β₁);  v ← β₂·v + (1 − β₂)·g²
/// m̂ ← m / (1 − β₁ᵗ)
/// ρ∞ ← 2/(1 − β₂) − 1;  ρₜ ← ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
/// if ρₜ > 5:  lₜ ← √(1 − β₂ᵗ) / (√v + ε)
///             rₜ ← √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///             x ← x − m̂·γ·lₜ·rₜ
/// else:       x ← x − m̂·γ                 (SGD with momentum: the variance is not yet trusted)
/// ```
/// ρ₁ = 1 and ρₜ grows towards ρ∞, so the first steps are un-adapted (with β₂ = 0.999 until
/// t = 6). PyTorch's operations in its order (`√(1 − β₂ᵗ) / d` is Python's `scalar / tensor`,
/// `d.reciprocal()·scalar`), so the trajectory matches it bit for bit.
///
/// One implementation for 2-D points (`RAdamRule<Vec2>`) and networks (`RAdamRule<FlatVector>`).
public struct RAdamRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The first moment m.
    public private(set) var firstMoment: P
    /// The second moment v.
    public private(set) var secondMoment: P
    /// Number of updates taken.
    public private(set) var steps = 0
    /// The factor that multiplied m on the last step per coordinate: γ/(1 − β₁ᵗ), times lₜ·rₜ
    /// when rectified.
    public private(set) var effectiveLearningRate: P?
    /// ρₜ of the last step.
    public private(set) var lastRho: Double?
    private var beta1PowerVanished = false, beta2PowerVanished = false

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        firstMoment = template.zerosLike()
        secondMoment = template.zerosLike()
    }

    /// ρ∞ = 2/(1 − β₂) − 1 and ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ), as PyTorch computes them.
    public static func rho(beta2: Double, step t: Double) -> (infinity: Double, t: Double) {
        let rhoInf = 2 / (1 - beta2) - 1
        let p = TorchOps.pow(beta2, t)
        return (rhoInf, rhoInf - 2 * t * p / (1 - p))
    }

    /// Whether step `t` (1, 2, …) is rectified: ρₜ > 5.
    public static func isRectified(beta2: Double, step t: Int) -> Bool { rho(beta2: beta2, step: Double(t)).t > 5 }

    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
        let start = terms == nil ? nil : x
        let g = adamFamilyWeightDecay(&x, gradient: gradient, lr: lr, h, decoupled: h.decoupledWeightDecay, terms: &terms)
        firstMoment.lerp(g, weight: 1 - h.beta1)
        terms?.append(UpdateTerm("first moment m ← \(h.beta1.compact)·m + \((1 - h.beta1).significant(4))·g",
                                 vector: firstMoment.planar))
        secondMoment.multiply(by: h.beta2)
        secondMoment.addcmul(g, g, value: 1 - h.beta2)
        terms?.append(UpdateTerm("second moment v ← \(h.beta2.compact)·v + \((1 - h.beta2).significant(4))·g² = \(secondMoment.short)"))
        let c1 = AdamBias.correction(h.beta1, t, vanished: &beta1PowerVanished)
        let c2 = AdamBias.correction(h.beta2, t, vanished: &beta2PowerVanished)
        var u = firstMoment
        u.divide(by: c1)
        terms?.append(UpdateTerm("bias-corrected m̂ = m/\(c1.significant(4))", vector: u.planar))
        let (rhoInf, rho) = Self.rho(beta2: h.beta2, step: t)
        lastRho = rho
        u.multiply(by: lr)
        if rho > 5.0 {
            var adaptive = TorchOps.sqrt(secondMoment)
            adaptive.add(scalar: h.eps)
            let c2Sqrt = TorchOps.pow(c2, 0.5)
            adaptive.formElementwise { (1 / $0) * c2Sqrt }
            let rect = TorchOps.pow((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho), 0.5)
            terms?.append(UpdateTerm("ρₜ = \(rho.significant(4)) > 5: rectified, rₜ = \(rect.significant(4)), lₜ = √(1 − β₂ᵗ)/(√v + ε) = \(adaptive.short)"))
            u.multiply(by: adaptive)
            u.multiply(by: rect)
            var rate = adaptive
            rate.formElementwise { lr / c1 * $0 * rect }
            effectiveLearningRate = rate
            x.add(u, alpha: -1.0)
            if let start { terms?.append(stepTerm("step taken: −lr·m̂·lₜ·rₜ", from: start, to: x)) }
        } else {
            terms?.append(UpdateTerm("ρₜ = \(rho.significant(4)) ≤ 5: no adaptive rate yet (momentum SGD)"))
            effectiveLearningRate = firstMoment.filled(with: lr / c1)
            x.add(u, alpha: -1.0)
            if let start { terms?.append(stepTerm("step taken: −lr·m̂", from: start, to: x)) }
        }
    }
}

extension RAdamRule: Optimizer where P == Vec2 {
    /// `squaredGradient` is the second moment v; the effective rate is the factor on m.
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: secondMoment, firstMoment: firstMoment,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
