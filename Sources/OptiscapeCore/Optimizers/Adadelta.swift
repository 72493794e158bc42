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
public struct Adadelta: Optimizer, ExplainableUpdate {
    public let hyperparameters: ResolvedHyperparameters
    /// The running average of squared gradients v.
    public private(set) var squareAverage = Vec2.zero
    /// The running average of squared updates u.
    public private(set) var accumulatedDelta = Vec2.zero
    /// Number of updates taken.
    public private(set) var steps = 0
    /// γ·√(u + ε)/√(v + ε) per coordinate on the last step.
    public private(set) var effectiveLearningRate: Vec2?

    public init(_ hyperparameters: ResolvedHyperparameters) {
        self.hyperparameters = hyperparameters
    }

    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: squareAverage, effectiveLearningRate: effectiveLearningRate, steps: steps)
    }


    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    mutating func update(from x: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome {
        let h = hyperparameters
        steps += 1
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        squareAverage = TorchOps.addcmul(squareAverage * h.rho, g, g, value: 1 - h.rho)
        terms?.append(UpdateTerm("mean square gradient v ← \(h.rho.compact)·v + \((1 - h.rho).significant(4))·g² = \(squareAverage.short)"))
        let std = TorchOps.sqrt(TorchOps.add(squareAverage, scalar: h.eps))
        let ratio = TorchOps.divide(TorchOps.sqrt(TorchOps.add(accumulatedDelta, scalar: h.eps)), std)
        let delta = ratio.hadamard(g)
        terms?.append(UpdateTerm("delta Δ = √(u + ε)/√(v + ε)·g", vector: delta))
        accumulatedDelta = TorchOps.addcmul(accumulatedDelta * h.rho, delta, delta, value: 1 - h.rho)
        terms?.append(UpdateTerm("mean square update u ← \(h.rho.compact)·u + \((1 - h.rho).significant(4))·Δ² = \(accumulatedDelta.short)"))
        effectiveLearningRate = ratio * lr
        let moved = TorchOps.add(x, delta, alpha: -lr)
        terms?.append(stepTerm("step taken: −lr·Δ", from: x, to: moved))
        return .moved(moved)
    }
}
