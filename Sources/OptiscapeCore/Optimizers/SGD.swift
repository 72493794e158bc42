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
///
/// One implementation for 2-D points (``SGD``) and networks (`SGDRule<FlatVector>`).
public struct SGDRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    /// `sgd`, `momentum` or `nesterov` (they differ only in their defaults).
    public let kind: OptimizerKind
    public let hyperparameters: ResolvedHyperparameters
    /// The momentum buffer b; nil before the first step or without momentum.
    public private(set) var momentumBuffer: P?
    /// Number of updates taken.
    public private(set) var steps = 0

    /// An optimizer with no state. `hyperparameters` should come from ``OptimizerSpec/resolved()``.
    public init(_ hyperparameters: ResolvedHyperparameters, kind: OptimizerKind = .sgd) {
        self.hyperparameters = hyperparameters
        self.kind = kind
    }

    // Inlined into `step`, so that the explain-only work (`terms`) folds away there.
    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        var g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        if h.momentum != 0 {
            if var b = momentumBuffer {
                momentumBuffer = nil // keeps b's storage unique, so it is updated in place
                let old = terms == nil ? nil : b
                b.multiply(by: h.momentum)
                if let old { terms?.append(UpdateTerm("velocity decays ×\(h.momentum.compact)", vector: b.minus(old).planar)) }
                b.add(g, alpha: 1 - h.dampening)
                terms?.append(UpdateTerm(
                    h.dampening == 0 ? "gradient added" : "gradient added ×\((1 - h.dampening).significant(4)) (dampening)",
                    vector: g.scaled(by: 1 - h.dampening).planar))
                momentumBuffer = b
            } else {
                momentumBuffer = g
                terms?.append(UpdateTerm("velocity starts as the gradient: b = g", vector: g.planar))
            }
            let b = momentumBuffer!
            if h.nesterov {
                g.add(b, alpha: h.momentum)
                terms?.append(UpdateTerm("Nesterov look-ahead: g + \(h.momentum.compact)·b", vector: g.planar))
            } else {
                g = b
            }
        }
        let start = terms == nil ? nil : x
        x.add(g, alpha: -lr)
        steps += 1
        if let start {
            terms?.append(stepTerm("step taken: −lr·\(h.momentum == 0 ? "g" : h.nesterov ? "(g + μ·b)" : "b")", from: start, to: x))
        }
    }
}

/// `torch.optim.SGD` on a 2-D point.
public typealias SGD = SGDRule<Vec2>

extension SGDRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection {
        OptimizerInspection(velocity: momentumBuffer, steps: steps)
    }
}
