/// AdaGrad: `torch.optim.Adagrad` (kind `adagrad`).
///
/// PyTorch's algorithm (its docs and `_single_tensor_adagrad`), with learning rate γ, lr decay η,
/// weight decay λ, initial accumulator s₀, step t = 1, 2, …:
/// ```
/// s ← s₀ (both coordinates)                      before the first step
/// g ← g + λ·x                                    if λ ≠ 0
/// γ̃ ← γ / (1 + (t − 1)·η)
/// s ← s + g²
/// x ← x − γ̃·g / (√s + ε)
/// ```
///
/// One implementation for 2-D points (``Adagrad``) and networks (`AdagradRule<FlatVector>`).
public struct AdagradRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The running sum of squared gradients s (starts at the initial accumulator).
    public private(set) var sum: P
    /// Number of updates taken.
    public private(set) var steps = 0
    /// γ̃/(√s + ε) per coordinate on the last step.
    public private(set) var effectiveLearningRate: P?

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        sum = template.filled(with: hyperparameters.initialAccumulator)
    }

    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        let clr = lr / (1 + (t - 1) * h.lrDecay)
        if h.lrDecay != 0 {
            terms?.append(UpdateTerm("lr decays: lr/(1 + (t−1)·\(h.lrDecay.compact)) = \(clr.significant(4)) at t = \(steps)"))
        }
        sum.addcmul(g, g, value: 1)
        terms?.append(UpdateTerm("sum of squares s ← s + g² = \(sum.short)"))
        var std = TorchOps.sqrt(sum)
        std.add(scalar: h.eps)
        let start = terms == nil ? nil : x
        x.addcdiv(g, std, value: -clr)
        var rate = std
        rate.formElementwise { clr / $0 }
        effectiveLearningRate = rate
        terms?.append(UpdateTerm("per-axis rate lr/(√s + ε) = \(rate.short)"))
        if let start { terms?.append(stepTerm("step taken: −lr·g/(√s + ε)", from: start, to: x)) }
    }
}

/// `torch.optim.Adagrad` on a 2-D point.
public typealias Adagrad = AdagradRule<Vec2>

extension AdagradRule where P == Vec2 {
    /// A fresh 2-D AdaGrad.
    public init(_ hyperparameters: ResolvedHyperparameters) { self.init(hyperparameters, like: .zero) }
}

extension AdagradRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: sum, effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
