/// Stochastic gradient descent, with optional momentum, dampening, Nesterov momentum and
/// L2 weight decay: `torch.optim.SGD` (kinds `sgd`, `momentum`, `nesterov`).
///
/// PyTorch's algorithm (its docs and `_single_tensor_sgd`), with learning rate γ, momentum μ,
/// dampening τ, weight decay λ:
/// ```
/// g ← g + λ·x                                        if λ ≠ 0
/// if μ ≠ 0:
///     b ← g                  on the first step
///     b ← μ·b + (1 − τ)·g    afterwards
///     g ← g + μ·b   if nesterov,   else   g ← b
/// x ← x − γ·g
/// ```
public struct SGD: Optimizer, ExplainableUpdate {
    /// `sgd`, `momentum` or `nesterov` (they differ only in their defaults).
    public let kind: OptimizerKind
    public let hyperparameters: ResolvedHyperparameters
    /// The momentum buffer b; nil before the first step or without momentum.
    public private(set) var momentumBuffer: Vec2?
    /// Number of updates taken.
    public private(set) var steps = 0

    /// An optimizer with no state. `hyperparameters` should come from ``OptimizerSpec/resolved()``.
    public init(_ hyperparameters: ResolvedHyperparameters, kind: OptimizerKind = .sgd) {
        self.hyperparameters = hyperparameters
        self.kind = kind
    }

    public var inspection: OptimizerInspection {
        OptimizerInspection(velocity: momentumBuffer, steps: steps)
    }


    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    mutating func update(from x: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome {
        let h = hyperparameters
        var g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        if h.momentum != 0 {
            let b: Vec2
            if let old = momentumBuffer {
                let decayed = old * h.momentum
                b = TorchOps.add(decayed, g, alpha: 1 - h.dampening)
                terms?.append(UpdateTerm("velocity decays ×\(h.momentum.compact)", vector: decayed - old))
                terms?.append(UpdateTerm(
                    h.dampening == 0 ? "gradient added" : "gradient added ×\((1 - h.dampening).significant(4)) (dampening)",
                    vector: g * (1 - h.dampening)))
            } else {
                b = g
                terms?.append(UpdateTerm("velocity starts as the gradient: b = g", vector: b))
            }
            momentumBuffer = b
            if h.nesterov {
                let lookAhead = TorchOps.add(g, b, alpha: h.momentum)
                terms?.append(UpdateTerm("Nesterov look-ahead: g + \(h.momentum.compact)·b", vector: lookAhead))
                g = lookAhead
            } else {
                g = b
            }
        }
        let moved = TorchOps.add(x, g, alpha: -lr)
        steps += 1
        terms?.append(stepTerm("step taken: −lr·\(h.momentum == 0 ? "g" : h.nesterov ? "(g + μ·b)" : "b")", from: x, to: moved))
        return .moved(moved)
    }
}
