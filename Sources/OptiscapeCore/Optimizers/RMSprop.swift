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
public struct RMSprop: Optimizer, ExplainableUpdate {
    public let hyperparameters: ResolvedHyperparameters
    /// The running average of squared gradients v.
    public private(set) var squareAverage = Vec2.zero
    /// The running average of gradients ḡ (centered only).
    public private(set) var gradientAverage = Vec2.zero
    /// The momentum buffer b (momentum > 0 only).
    public private(set) var momentumBuffer = Vec2.zero
    /// Number of updates taken.
    public private(set) var steps = 0
    /// γ/d per coordinate on the last step.
    public private(set) var effectiveLearningRate: Vec2?

    public init(_ hyperparameters: ResolvedHyperparameters) {
        self.hyperparameters = hyperparameters
    }

    /// `velocity` is the momentum buffer, `firstMoment` the centered gradient average ḡ.
    public var inspection: OptimizerInspection {
        OptimizerInspection(velocity: hyperparameters.momentum > 0 ? momentumBuffer : nil,
                            squaredGradient: squareAverage,
                            firstMoment: hyperparameters.centered ? gradientAverage : nil,
                            effectiveLearningRate: effectiveLearningRate, steps: steps)
    }


    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    mutating func update(from x: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome {
        let h = hyperparameters
        steps += 1
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        squareAverage = TorchOps.addcmul(squareAverage * h.alpha, g, g, value: 1 - h.alpha)
        terms?.append(UpdateTerm("mean square v ← \(h.alpha.compact)·v + \((1 - h.alpha).significant(4))·g² = \(squareAverage.short)"))
        var avg: Vec2
        if h.centered {
            gradientAverage = TorchOps.lerp(gradientAverage, g, weight: 1 - h.alpha)
            terms?.append(UpdateTerm("mean gradient ḡ ← \(h.alpha.compact)·ḡ + \((1 - h.alpha).significant(4))·g",
                                     vector: gradientAverage))
            avg = TorchOps.sqrt(TorchOps.addcmul(squareAverage, gradientAverage, gradientAverage, value: -1))
        } else {
            avg = TorchOps.sqrt(squareAverage)
        }
        avg = TorchOps.add(avg, scalar: h.eps)
        terms?.append(UpdateTerm((h.centered ? "denominator √(v − ḡ²) + ε = " : "denominator √v + ε = ") + avg.short))
        effectiveLearningRate = Vec2(lr / avg.x, lr / avg.y)
        let moved: Vec2
        if h.momentum > 0 {
            let old = momentumBuffer
            let decayed = old * h.momentum
            momentumBuffer = TorchOps.addcdiv(decayed, g, avg, value: 1)
            terms?.append(UpdateTerm("velocity decays ×\(h.momentum.compact)", vector: decayed - old))
            terms?.append(UpdateTerm("scaled gradient g/d added", vector: momentumBuffer - decayed))
            moved = TorchOps.add(x, momentumBuffer, alpha: -lr)
            terms?.append(stepTerm("step taken: −lr·b", from: x, to: moved))
        } else {
            moved = TorchOps.addcdiv(x, g, avg, value: -lr)
            terms?.append(stepTerm(h.centered ? "step taken: −lr·g/(√(v − ḡ²) + ε)" : "step taken: −lr·g/(√v + ε)",
                                   from: x, to: moved))
        }
        return .moved(moved)
    }
}
