/// Newton's method and saddle-free Newton (kinds `newton`, `saddle-free-newton`).
///
/// With learning rate γ, weight decay λ, the Hessian H at x (exact, from the landscape):
/// ```
/// g ← g + λ·x;  H ← H + λ·I                      if λ ≠ 0
/// newton:              x ← x − γ·H⁻¹g
/// saddle-free-newton:  x ← x − γ·|H|⁻¹g,  |H| = V·max(|Λ|, δ)·Vᵀ
/// ```
/// where H = V·Λ·Vᵀ is the eigen-decomposition and δ the `damping` floor (Dauphin et al.,
/// "Identifying and attacking the saddle point problem in high-dimensional non-convex
/// optimization", 2014). Newton's method is attracted to saddle points — it jumps to the
/// stationary point of the local quadratic, whatever its kind; the saddle-free version takes
/// the absolute value of the curvature and so moves away from a saddle along its negative
/// directions. |H|⁻¹g is formed directly as Σᵢ vᵢ (vᵢ·g)/max(|λᵢ|, δ).
///
/// A non-finite gradient or Hessian, a singular Hessian (Newton) or an update that overflows
/// gives `.failed` with the reason; the state is then left as it was.
///
/// One implementation for 2-D points (``Newton``, H from the landscape as a ``Mat2``) and
/// networks (`NewtonRule<FlatVector>`, H from the objective's ``Curvature``).
public struct NewtonRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// Whether this is saddle-free Newton (|H| with the eigenvalue floor) rather than Newton.
    public let saddleFree: Bool
    /// Number of updates taken.
    public private(set) var steps = 0
    /// The Hessian's smallest and largest eigenvalue at the last step, weight decay included.
    public private(set) var lastEigenvalues: Vec2?

    /// Newton reads the Hessian from its objective.
    public static var readsObjective: Bool { true }

    public init(_ hyperparameters: ResolvedHyperparameters, saddleFree: Bool = false) {
        self.hyperparameters = hyperparameters
        self.saddleFree = saddleFree
    }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        // Fails before any state changes: the state is written only once the step is taken.
        func fail(_ reason: String, _ terms: inout [UpdateTerm]?) -> StepFailure {
            terms?.append(UpdateTerm("no step: " + reason))
            return StepFailure(reason)
        }
        var g = gradient
        var hessian = objective.hessian(at: x)
        terms?.append(UpdateTerm("gradient g = \(g.short)", vector: g.planar))
        if h.weightDecay != 0 {
            let decayed = TorchOps.add(g, x, alpha: h.weightDecay)
            terms?.append(UpdateTerm("weight decay adds λ·x to g and λ·I to H, λ = \(h.weightDecay.compact)",
                                     vector: decayed.minus(g).planar))
            g = decayed
            hessian = hessian.shifted(by: h.weightDecay)
        }
        guard g.isFinite else { throw fail("gradient is not finite \(g.short)", &terms) }
        guard hessian.isFinite else {
            throw fail("Hessian is not finite" + ((hessian as? Mat2).map { " \($0)" } ?? ""), &terms)
        }
        let eigen = hessian.eigendecomposition()
        terms?.append(UpdateTerm(P.self == Vec2.self
            ? "Hessian eigenvalues λ₁ = \(eigen.smallest.significant(4)), λ₂ = \(eigen.largest.significant(4))"
            : "Hessian eigenvalues from λmin = \(eigen.smallest.significant(4)) to λmax = \(eigen.largest.significant(4))"))

        let direction: P
        if saddleFree {
            let delta = h.damping
            terms?.append(UpdateTerm("|H|: eigenvalues |λ| floored at δ = \(delta.compact)" + (P.self == Vec2.self
                ? ": \(Swift.max(Swift.abs(eigen.smallest), delta).significant(4)), \(Swift.max(Swift.abs(eigen.largest), delta).significant(4))"
                : "")))
            direction = eigen.applying({ 1 / Swift.max(Swift.abs($0), delta) }, to: g)
            guard direction.isFinite else { throw fail("|H|⁻¹g is not finite", &terms) }
        } else {
            guard let d = hessian.solve(g) else { throw fail(hessian.singularityReason, &terms) }
            direction = d
        }
        let moved = TorchOps.add(x, direction, alpha: -lr)
        guard moved.isFinite else { throw fail("the Newton step overflows", &terms) }
        lastEigenvalues = Vec2(eigen.smallest, eigen.largest)
        steps += 1
        terms?.append(stepTerm(saddleFree ? "step taken: −lr·|H|⁻¹g" : "step taken: −lr·H⁻¹g", from: x, to: moved))
        x = moved
    }
}

/// Newton's method and saddle-free Newton on a 2-D point.
public typealias Newton = NewtonRule<Vec2>

extension NewtonRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection { OptimizerInspection(steps: steps) }
}
