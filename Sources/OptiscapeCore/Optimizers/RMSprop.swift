/// RMSProp: `torch.optim.RMSprop` (kind `rmsprop`), optionally centered and with momentum.
///
/// PyTorch's algorithm (its docs and `_single_tensor_rmsprop`), with learning rate γ,
/// smoothing α, momentum μ, weight decay λ; v, ḡ and b start at 0:
/// ```
/// g ← g + λ·x                                    if λ ≠ 0
/// v ← α·v + (1 − α)·g²
/// if centered:  ḡ ← lerp(ḡ, g, 1 − α);  d ← √(v − ḡ²) + ε
/// else:         d ← √v + ε
/// if μ > 0:     b ← μ·b + g/d;  x ← x − γ·b
/// else:         x ← x − γ·g/d
/// ```
///
/// One implementation for 2-D points (``RMSprop``) and networks (`RMSpropRule<FlatVector>`).
public struct RMSpropRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The running average of squared gradients v.
    public private(set) var squareAverage: P
    /// The running average of gradients ḡ (centered only).
    public private(set) var gradientAverage: P
    /// The momentum buffer b (momentum > 0 only).
    public private(set) var momentumBuffer: P
    /// Number of updates taken.
    public private(set) var steps = 0
    /// γ/d per coordinate on the last step.
    public private(set) var effectiveLearningRate: P?

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        squareAverage = template.zerosLike()
        gradientAverage = template.zerosLike()
        momentumBuffer = template.zerosLike()
    }

    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        squareAverage.multiply(by: h.alpha)
        squareAverage.addcmul(g, g, value: 1 - h.alpha)
        terms?.append(UpdateTerm("mean square v ← \(h.alpha.compact)·v + \((1 - h.alpha).significant(4))·g² = \(squareAverage.short)"))
        var avg: P
        if h.centered {
            gradientAverage.lerp(g, weight: 1 - h.alpha)
            terms?.append(UpdateTerm("mean gradient ḡ ← \(h.alpha.compact)·ḡ + \((1 - h.alpha).significant(4))·g",
                                     vector: gradientAverage.planar))
            avg = TorchOps.addcmul(squareAverage, gradientAverage, gradientAverage, value: -1)
            avg.formSquareRoot()
        } else {
            avg = TorchOps.sqrt(squareAverage)
        }
        avg.add(scalar: h.eps)
        terms?.append(UpdateTerm((h.centered ? "denominator √(v − ḡ²) + ε = " : "denominator √v + ε = ") + avg.short))
        var rate = avg
        rate.formElementwise { lr / $0 }
        effectiveLearningRate = rate
        let start = terms == nil ? nil : x
        if h.momentum > 0 {
            let old = terms == nil ? nil : momentumBuffer
            momentumBuffer.multiply(by: h.momentum)
            let decayed = terms == nil ? nil : momentumBuffer
            momentumBuffer.addcdiv(g, avg, value: 1)
            if let old, let decayed {
                terms?.append(UpdateTerm("velocity decays ×\(h.momentum.compact)", vector: decayed.minus(old).planar))
                terms?.append(UpdateTerm("scaled gradient g/d added", vector: momentumBuffer.minus(decayed).planar))
            }
            x.add(momentumBuffer, alpha: -lr)
            if let start { terms?.append(stepTerm("step taken: −lr·b", from: start, to: x)) }
        } else {
            x.addcdiv(g, avg, value: -lr)
            if let start {
                terms?.append(stepTerm(h.centered ? "step taken: −lr·g/(√(v − ḡ²) + ε)" : "step taken: −lr·g/(√v + ε)",
                                       from: start, to: x))
            }
        }
    }
}

/// `torch.optim.RMSprop` on a 2-D point.
public typealias RMSprop = RMSpropRule<Vec2>

extension RMSpropRule where P == Vec2 {
    /// A fresh 2-D RMSProp.
    public init(_ hyperparameters: ResolvedHyperparameters) { self.init(hyperparameters, like: .zero) }
}

extension RMSpropRule: Optimizer where P == Vec2 {
    /// `velocity` is the momentum buffer, `firstMoment` the centered gradient average ḡ.
    public var inspection: OptimizerInspection {
        OptimizerInspection(velocity: hyperparameters.momentum > 0 ? momentumBuffer : nil,
                            squaredGradient: squareAverage,
                            firstMoment: hyperparameters.centered ? gradientAverage : nil,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
