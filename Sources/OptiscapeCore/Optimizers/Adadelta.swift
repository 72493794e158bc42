/// AdaDelta: `torch.optim.Adadelta` (kind `adadelta`).
///
/// PyTorch's algorithm (its docs and `_single_tensor_adadelta`), with learning rate γ (which
/// multiplies the delta), decay ρ, weight decay λ; v and u start at 0:
/// ```
/// g ← g + λ·x                                    if λ ≠ 0
/// v ← ρ·v + (1 − ρ)·g²
/// Δ ← (√(u + ε) / √(v + ε))·g
/// u ← ρ·u + (1 − ρ)·Δ²
/// x ← x − γ·Δ
/// ```
///
/// One implementation for 2-D points (``Adadelta``) and networks (`AdadeltaRule<FlatVector>`).
public struct AdadeltaRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The running average of squared gradients v.
    public private(set) var squareAverage: P
    /// The running average of squared updates u.
    public private(set) var accumulatedDelta: P
    /// Number of updates taken.
    public private(set) var steps = 0
    /// γ·√(u + ε)/√(v + ε) per coordinate on the last step.
    public private(set) var effectiveLearningRate: P?

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        squareAverage = template.zerosLike()
        accumulatedDelta = template.zerosLike()
    }

    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        squareAverage.multiply(by: h.rho)
        squareAverage.addcmul(g, g, value: 1 - h.rho)
        terms?.append(UpdateTerm("mean square gradient v ← \(h.rho.compact)·v + \((1 - h.rho).significant(4))·g² = \(squareAverage.short)"))
        var std = TorchOps.add(squareAverage, scalar: h.eps)
        std.formSquareRoot()
        var ratio = TorchOps.add(accumulatedDelta, scalar: h.eps)
        ratio.formSquareRoot()
        ratio.divide(by: std)
        let delta = ratio.hadamard(g)
        terms?.append(UpdateTerm("delta Δ = √(u + ε)/√(v + ε)·g", vector: delta.planar))
        accumulatedDelta.multiply(by: h.rho)
        accumulatedDelta.addcmul(delta, delta, value: 1 - h.rho)
        terms?.append(UpdateTerm("mean square update u ← \(h.rho.compact)·u + \((1 - h.rho).significant(4))·Δ² = \(accumulatedDelta.short)"))
        effectiveLearningRate = ratio.scaled(by: lr)
        let start = terms == nil ? nil : x
        x.add(delta, alpha: -lr)
        if let start { terms?.append(stepTerm("step taken: −lr·Δ", from: start, to: x)) }
    }
}

/// `torch.optim.Adadelta` on a 2-D point.
public typealias Adadelta = AdadeltaRule<Vec2>

extension AdadeltaRule where P == Vec2 {
    /// A fresh 2-D AdaDelta.
    public init(_ hyperparameters: ResolvedHyperparameters) { self.init(hyperparameters, like: .zero) }
}

extension AdadeltaRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: squareAverage, effectiveLearningRate: effectiveLearningRate, steps: steps)
    }
}
