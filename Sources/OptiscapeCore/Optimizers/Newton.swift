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
public struct Newton: Optimizer, ExplainableUpdate {
    public let hyperparameters: ResolvedHyperparameters
    /// Whether this is saddle-free Newton (|H| with the eigenvalue floor) rather than Newton.
    public let saddleFree: Bool
    /// Number of updates taken.
    public private(set) var steps = 0
    /// The Hessian's eigenvalues (smaller, larger) at the last step, weight decay included.
    public private(set) var lastEigenvalues: Vec2?

    public init(_ hyperparameters: ResolvedHyperparameters, saddleFree: Bool = false) {
        self.hyperparameters = hyperparameters
        self.saddleFree = saddleFree
    }

    public var inspection: OptimizerInspection { OptimizerInspection(steps: steps) }


    mutating func update(from x: Vec2, gradient: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome {
        let h = hyperparameters
        // Fails before any state changes: the state is written only once the step is taken.
        func fail(_ reason: String) -> StepOutcome {
            terms?.append(UpdateTerm("no step: " + reason))
            return .failed(reason: reason)
        }
        var g = gradient
        var hessian = landscape.hessian(at: x)
        terms?.append(UpdateTerm("gradient g = \(g.short)", vector: g))
        if h.weightDecay != 0 {
            let decayed = g + h.weightDecay * x
            terms?.append(UpdateTerm("weight decay adds λ·x to g and λ·I to H, λ = \(h.weightDecay.compact)",
                                     vector: decayed - g))
            g = decayed
            hessian = hessian + h.weightDecay * Mat2.identity
        }
        guard g.isFinite else { return fail("gradient is not finite \(g.short)") }
        guard hessian.isFinite else { return fail("Hessian is not finite \(hessian)") }
        let eigen = hessian.symmetricEigen
        terms?.append(UpdateTerm("Hessian eigenvalues λ₁ = \(eigen.small.significant(4)), λ₂ = \(eigen.large.significant(4))"))

        let direction: Vec2
        if saddleFree {
            let delta = h.damping
            let floored = (Swift.max(Swift.abs(eigen.small), delta), Swift.max(Swift.abs(eigen.large), delta))
            terms?.append(UpdateTerm("|H|: eigenvalues |λ| floored at δ = \(delta.compact): "
                                     + "\(floored.0.significant(4)), \(floored.1.significant(4))"))
            direction = eigen.reconstruct { 1 / Swift.max(Swift.abs($0), delta) } * g
            guard direction.isFinite else { return fail("|H|⁻¹g is not finite") }
        } else {
            guard let d = hessian.solve(g) else {
                let det = hessian.determinant
                return fail(det == 0 ? "singular Hessian (det = 0)"
                                     : "Hessian too close to singular to invert (det = \(det.significant(3)))")
            }
            direction = d
        }
        let moved = x - lr * direction
        guard moved.isFinite else { return fail("the Newton step overflows") }
        lastEigenvalues = Vec2(eigen.small, eigen.large)
        steps += 1
        terms?.append(stepTerm(saddleFree ? "step taken: −lr·|H|⁻¹g" : "step taken: −lr·H⁻¹g", from: x, to: moved))
        return .moved(moved)
    }
}
