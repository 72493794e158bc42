import Foundation

/// NAdam: `torch.optim.NAdam` (kind `nadam`), Adam with Nesterov momentum (Dozat, 2016), with
/// the momentum schedule μₜ and optional decoupled weight decay.
///
/// PyTorch's algorithm (its docs and `_single_tensor_nadam`), with learning rate γ, betas β₁,
/// β₂, momentum decay ψ, weight decay λ, step t = 1, 2, …; m, v start at 0 and Πμ at 1:
/// ```
/// x ← x·(1 − γλ)                    decoupled-weight-decay, if λ ≠ 0
/// g ← g + λ·x                       otherwise, if λ ≠ 0
/// μₜ ← β₁·(1 − ½·0.96^(t·ψ));  μₜ₊₁ ← β₁·(1 − ½·0.96^((t+1)·ψ))
/// Πμ ← Πμ·μₜ                        (the product μ₁·…·μₜ)
/// m ← lerp(m, g, 1 − β₁);  v ← β₂·v + (1 − β₂)·g²
/// d ← √(v / (1 − β₂ᵗ)) + ε
/// x ← x − (γ(1 − μₜ)/(1 − Πμ))·g/d
/// x ← x − (γμₜ₊₁/(1 − Πμ·μₜ₊₁))·m/d
/// ```
/// with PyTorch's operations in its order, so the trajectory matches it bit for bit.
///
/// One implementation for 2-D points (`NAdamRule<Vec2>`) and networks (`NAdamRule<FlatVector>`).
public struct NAdamRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The first moment m.
    public private(set) var firstMoment: P
    /// The second moment v.
    public private(set) var secondMoment: P
    /// μ₁·μ₂·…·μₜ (PyTorch's `mu_product`).
    public private(set) var muProduct = 1.0
    /// Number of updates taken.
    public private(set) var steps = 0
    /// The factor that multiplied m on the last step, (γμₜ₊₁/(1 − Πμ·μₜ₊₁))/d, per coordinate.
    public private(set) var effectiveLearningRate: P?
    private var beta2PowerVanished = false

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        firstMoment = template.zerosLike()
        secondMoment = template.zerosLike()
    }

    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
        let start = terms == nil ? nil : x
        let c2 = AdamBias.correction(h.beta2, t, vanished: &beta2PowerVanished)
        let g = adamFamilyWeightDecay(&x, gradient: gradient, lr: lr, h, decoupled: h.decoupledWeightDecay, terms: &terms)
        let mu = h.beta1 * (1.0 - 0.5 * TorchOps.pow(0.96, t * h.momentumDecay))
        let muNext = h.beta1 * (1.0 - 0.5 * TorchOps.pow(0.96, (t + 1) * h.momentumDecay))
        muProduct *= mu
        terms?.append(UpdateTerm("μₜ = \(mu.significant(6)), μₜ₊₁ = \(muNext.significant(6)): μₜ = β₁(1 − ½·0.96^(tψ))"))
        firstMoment.lerp(g, weight: 1 - h.beta1)
        terms?.append(UpdateTerm("first moment m ← \(h.beta1.compact)·m + \((1 - h.beta1).significant(4))·g",
                                 vector: firstMoment.planar))
        secondMoment.multiply(by: h.beta2)
        secondMoment.addcmul(g, g, value: 1 - h.beta2)
        terms?.append(UpdateTerm("second moment v ← \(h.beta2.compact)·v + \((1 - h.beta2).significant(4))·g² = \(secondMoment.short)"))
        var denom = secondMoment
        denom.divide(by: c2)
        denom.formSquareRoot()
        denom.add(scalar: h.eps)
        terms?.append(UpdateTerm("denominator √v̂ + ε = \(denom.short), v̂ = v/\(c2.significant(4))"))
        let muProductNext = muProduct * muNext
        let gradientFactor = -lr * (1.0 - mu) / (1.0 - muProduct)
        let momentFactor = (-lr * muNext) / (1.0 - muProductNext)
        let beforeGradient = terms == nil ? nil : x
        x.addcdiv(g, denom, value: gradientFactor)
        if let beforeGradient {
            terms?.append(UpdateTerm("gradient part −lr·(1 − μₜ)/(1 − Πμ₁..ₜ)·g/(√v̂ + ε)", vector: x.minus(beforeGradient).planar))
        }
        let beforeMoment = terms == nil ? nil : x
        x.addcdiv(firstMoment, denom, value: momentFactor)
        if let beforeMoment {
            terms?.append(UpdateTerm("momentum part −lr·μₜ₊₁/(1 − Πμ₁..ₜ₊₁)·m/(√v̂ + ε)", vector: x.minus(beforeMoment).planar))
        }
        var rate = denom
        rate.formElementwise { -momentFactor / $0 }
        effectiveLearningRate = rate
        if let start { terms?.append(stepTerm("step taken: −lr·m̂/(√v̂ + ε), m̂ Nesterov's mix of m and g", from: start, to: x)) }
    }
}

extension NAdamRule: Optimizer where P == Vec2 {
    /// `squaredGradient` is the second moment v; the effective rate is the factor on m.
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: secondMoment, firstMoment: firstMoment,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
