/// Nonlinear conjugate gradients, Polak–Ribière+ (kind `cg`; Nocedal & Wright §5.2, Deep
/// Learning §8.6.2), one line search per step:
/// ```
/// d = −g                                     on the first step, every n-th step after it
///                                            (n = the number of parameters), and whenever
///                                            the d below is not a descent direction (gᵀd ≥ 0)
/// β = max(0, gᵀ(g − g₋) / g₋ᵀg₋);  d = −g + β·d₋   otherwise
/// t₀ = min(1, 1/‖g‖₁)·lr after a restart, t₋·(g₋ᵀd₋)/(gᵀd) otherwise   (N&W eq. 3.60)
/// t = the strong-Wolfe line search from t₀ (c₁ = 1e-4, c₂ = 0.1);  x ← x + t·d
/// ```
/// With exact line searches CG minimises an n-dimensional quadratic in n steps; the cubic
/// interpolation of the line search is exact on a quadratic, so on a 2-D quadratic it finishes
/// in about two. No step is taken once max|gᵢ| ≤ tolerance-grad.
public struct ConjugateGradientRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    public private(set) var steps = 0
    /// Steps since the last restart along −g.
    public private(set) var sinceRestart = 0
    /// β of the last step (0 after a restart).
    public private(set) var lastBeta = 0.0
    private var previousGradient: P?
    private var previousDirection: P?
    private var previousStep = 0.0
    /// The points the last step's line search evaluated (where P is a plane point).
    public private(set) var trialPoints: [Vec2] = []
    /// The last line search's result (for tests of the Wolfe conditions).
    public private(set) var lastSearch: LineSearchRecord?
    /// Set when the last step took none: max|gᵢ| ≤ tolerance-grad.
    public private(set) var stopReason: String?

    public static var readsObjective: Bool { true }

    public init(_ hyperparameters: ResolvedHyperparameters) { self.hyperparameters = hyperparameters }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient g: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        let start = x
        terms?.append(UpdateTerm("gradient g = \(g.short)", vector: g.planar))
        trialPoints = []
        steps += 1
        stopReason = nil
        if let reason = LBFGSRule<P>.gradientToleranceStop(g, h) {
            stopReason = reason
            terms?.append(UpdateTerm(reason + ": no step"))
            terms?.append(stepTerm("step taken", from: start, to: x))
            return
        }
        var d = g.scaled(by: -1)
        var restarted = true
        var t0 = StrongWolfe.pyMin(1.0, 1.0 / LBFGSRule<P>.absSum(g)) * lr
        lastBeta = 0
        if let gPrev = previousGradient, let dPrev = previousDirection, sinceRestart < g.count {
            let beta = Swift.max(0, g.dot(g.minus(gPrev)) / gPrev.dot(gPrev))
            var candidate = d
            candidate.add(dPrev, alpha: beta)
            if candidate.dot(g) < 0 {
                d = candidate
                restarted = false
                lastBeta = beta
                t0 = previousStep * (gPrev.dot(dPrev) / g.dot(d))
                terms?.append(UpdateTerm("β = max(0, gᵀ(g − g₋)/g₋ᵀg₋) = \(beta.significant(4)); d = −g + β·d₋", vector: d.planar))
            } else {
                terms?.append(UpdateTerm("−g + β·d₋ is not a descent direction: restart, d = −g", vector: d.planar))
            }
        } else {
            terms?.append(UpdateTerm(steps == 1 ? "first step: d = −g" : "restart after \(g.count) steps: d = −g", vector: d.planar))
        }
        let (f, _) = objective.valueAndGradient(at: x)
        let gtd = g.dot(d)
        let search = StrongWolfe(c2: 0.1, toleranceChange: h.toleranceChange)
            .search(objective, from: x, t: t0, direction: d, value: f, gradient: g, slope: gtd)
        trialPoints = search.trials.compactMap { StrongWolfe.point(x, $0.t, d).planar }
        lastSearch = LineSearchRecord(search, direction: d, value: f, slope: gtd, c1: 1e-4, c2: 0.1)
        terms?.append(UpdateTerm("strong-Wolfe line search from t₀ = \(t0.significant(4)): t = \(search.t.significant(4)) after \(search.evaluations) evaluation\(search.evaluations == 1 ? "" : "s")"))
        x.add(d, alpha: search.t)
        previousGradient = g
        previousDirection = d
        previousStep = search.t
        sinceRestart = restarted ? 1 : sinceRestart + 1
        terms?.append(stepTerm("step taken: t·d", from: start, to: x))
    }
}

/// What one accepted line search did, with the strong Wolfe conditions it was meant to satisfy.
public struct LineSearchRecord: Sendable, Equatable {
    /// f and gᵀd at t = 0; t, f and ∇fᵀd at the accepted step.
    public var value0: Double, slope0: Double
    public var t: Double, value: Double, slope: Double
    public var evaluations: Int
    public var c1: Double, c2: Double

    init<P: ParameterVector>(_ r: StrongWolfe.Result<P>, direction d: P, value f: Double, slope gtd: Double,
                             c1: Double, c2: Double) {
        value0 = f; slope0 = gtd; t = r.t; value = r.value; evaluations = r.evaluations
        slope = r.gradient.dot(d)
        self.c1 = c1; self.c2 = c2
    }

    /// f(x + t·d) ≤ f(x) + c₁·t·gᵀd.
    public var sufficientDecrease: Bool { value <= value0 + c1 * t * slope0 }
    /// |∇f(x + t·d)ᵀd| ≤ c₂·|gᵀd|.
    public var curvature: Bool { Swift.abs(slope) <= c2 * Swift.abs(slope0) }
}

extension ConjugateGradientRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection { OptimizerInspection(steps: steps, trialPoints: trialPoints, stopReason: stopReason) }
}
