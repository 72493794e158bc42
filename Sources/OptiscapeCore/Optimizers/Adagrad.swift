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
public struct Adagrad: Optimizer, ExplainableUpdate {
    public let hyperparameters: ResolvedHyperparameters
    /// The running sum of squared gradients s (starts at the initial accumulator).
    public private(set) var sum: Vec2
    /// Number of updates taken.
    public private(set) var steps = 0
    /// γ̃/(√s + ε) per coordinate on the last step.
    public private(set) var effectiveLearningRate: Vec2?

    public init(_ hyperparameters: ResolvedHyperparameters) {
        self.hyperparameters = hyperparameters
        let s0 = hyperparameters.initialAccumulator
        sum = Vec2(s0, s0)
    }

    public var inspection: OptimizerInspection {
        OptimizerInspection(squaredGradient: sum, effectiveLearningRate: effectiveLearningRate, steps: steps)
    }


    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    mutating func update(from x: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome {
        let h = hyperparameters
        steps += 1
        let t = Double(steps)
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        let clr = lr / (1 + (t - 1) * h.lrDecay)
        if h.lrDecay != 0 {
            terms?.append(UpdateTerm("lr decays: lr/(1 + (t−1)·\(h.lrDecay.compact)) = \(clr.significant(4)) at t = \(steps)"))
        }
        sum = TorchOps.addcmul(sum, g, g, value: 1)
        terms?.append(UpdateTerm("sum of squares s ← s + g² = \(sum.short)"))
        let std = TorchOps.add(TorchOps.sqrt(sum), scalar: h.eps)
        let moved = TorchOps.addcdiv(x, g, std, value: -clr)
        let rate = Vec2(clr / std.x, clr / std.y)
        effectiveLearningRate = rate
        terms?.append(UpdateTerm("per-axis rate lr/(√s + ε) = \(rate.short)"))
        terms?.append(stepTerm("step taken: −lr·g/(√s + ε)", from: x, to: moved))
        return .moved(moved)
    }
}
