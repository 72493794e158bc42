/// Averaged SGD: `torch.optim.ASGD` (kind `asgd`; Polyak & Juditsky, 1992). The trajectory is
/// the parameter x; the average `ax` of the iterates after step t₀ is kept beside it, as
/// PyTorch keeps it, and shown (it is what one would evaluate).
///
/// PyTorch's algorithm (`_single_tensor_asgd`), with learning rate γ, decay λ (`lambd`), power α,
/// averaging start t₀, weight decay λ_wd, step t = 1, 2, …; η starts at γ, μ at 1, ax at 0:
/// ```
/// g ← g + λ_wd·x                    if λ_wd ≠ 0
/// x ← x·(1 − λη)
/// x ← x − η·g
/// ax ← ax + (x − ax)·μ   if μ ≠ 1,   else ax ← x
/// η ← γ / (1 + λγt)^α;   μ ← 1 / max(1, t − t₀)
/// ```
/// So until t₀ (default 10⁶) the average is just x; from then on it is the running mean of
/// the iterates: for a whole t₀, after step t > t₀ + 1 the mean of x_{t₀+2} … x_t.
///
/// One implementation for 2-D points (`ASGDRule<Vec2>`) and networks (`ASGDRule<FlatVector>`).
public struct ASGDRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The averaged iterate ax.
    public private(set) var average: P
    /// The step size η of the next update (nil until the first: it then starts at that step's lr).
    public private(set) var eta: Double?
    /// The averaging weight μ of the next update.
    public private(set) var mu = 1.0
    /// Number of updates taken.
    public private(set) var steps = 0
    /// The η the last update used.
    public private(set) var lastEta: Double?

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        average = template.zerosLike()
    }

    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        // PyTorch sets η to the group's lr when it creates the state, at the first step().
        let eta = self.eta ?? lr
        lastEta = eta
        steps += 1
        let start = terms == nil ? nil : x
        let g = gradientWithWeightDecay(gradient, at: x, h, terms: &terms)
        let decay = 1 - h.lambd * eta
        x.multiply(by: decay)
        if let start, h.lambd != 0 {
            terms?.append(UpdateTerm("decay x ← x·(1 − λη) = x·\(decay.significant(6))", vector: x.minus(start).planar))
        }
        let beforeGradient = terms == nil ? nil : x
        x.add(g, alpha: -eta)
        if let beforeGradient {
            terms?.append(UpdateTerm("gradient step −η·g, η = \(eta.significant(4))", vector: x.minus(beforeGradient).planar))
        }
        if mu != 1 {
            let m = mu
            var d = x
            d.subtract(average)
            d.multiply(by: m)
            average.add(d)
            terms?.append(UpdateTerm("average ax ← ax + \(m.significant(4))·(x − ax) = \(average.short)"))
        } else {
            average = x
            terms?.append(UpdateTerm("average ax ← x (averaging starts after t₀ = \(h.t0.compact))"))
        }
        let t = Double(steps)
        self.eta = lr / TorchOps.pow(1 + h.lambd * lr * t, h.alpha)
        let gap = t - h.t0
        mu = 1 / (gap > 1 ? gap : 1)
        if let start { terms?.append(stepTerm("step taken: −η·(g + λx)", from: start, to: x)) }
    }
}

extension ASGDRule: Optimizer where P == Vec2 {
    /// `effectiveLearningRate` is the η of the last step on both coordinates; `average` is ax.
    public var inspection: OptimizerInspection {
        OptimizerInspection(effectiveLearningRate: lastEta.map { Vec2($0, $0) }, steps: steps, average: average)
    }
}
