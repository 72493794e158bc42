extension Runner {
    /// The loss within this of the landscape's known minimum value m (relative to max(1, |m|))
    /// counts as reaching it.
    public static let minimumValueTolerance = 1e-6

    /// What a runner whose true gradient norm fell below the tolerance at `p` has reached, in
    /// this order:
    ///
    /// 1. a listed critical point of the landscape (within 1e-6 of it, relative): its kind —
    ///    so the flat monkey saddle is a saddle;
    /// 2. the loss within ``minimumValueTolerance`` of the landscape's known minimum value (a
    ///    listed global minimum's, or its minimal set's): a global minimum, also where the
    ///    Hessian is degenerate along a curve of minima (the hyperbola xy = 1);
    /// 3. the Hessian's eigenvalues, when neither is within ``degenerateCurvature`` of 0
    ///    (relative to the larger): both > 0 a minimum — local, since the known global value was
    ///    not reached or is unknown — both < 0 a maximum, opposite signs a saddle;
    /// 4. otherwise the runner has *stalled*, not converged: the gradient vanished where the
    ///    curvature is degenerate too (a plateau, a saturated unit, a gradient that underflowed),
    ///    with the loss above the known minimum where there is one.
    static func stop(at p: Vec2, loss: Double, gradient: Vec2, step: Int, on landscape: any Landscape) -> RunnerStatus {
        let scale = Swift.max(1, p.norm)
        if let known = landscape.criticalPoints.first(where: { ($0.point - p).norm <= 1e-6 * scale }) {
            return .converged(step: step, kind: known.kind)
        }
        let minimum = landscape.minimumValue
        if let m = minimum, loss <= m + minimumValueTolerance * Swift.max(1, Swift.abs(m)) {
            return .converged(step: step, kind: .globalMinimum)
        }
        let h = landscape.hessian(at: p)
        guard h.isFinite else { return .stalled(step: step, reason: "the Hessian is not finite here") }
        let e = h.symmetricEigen
        let size = Swift.max(Swift.abs(e.small), Swift.abs(e.large))
        let flat = degenerateCurvature * Swift.max(size, 1e-300)
        let nonzero = Swift.abs(e.small) > flat && Swift.abs(e.large) > flat && size > absoluteFlatCurvature
        if nonzero {
            if e.small > 0 { return .converged(step: step, kind: .localMinimum) }
            if e.large < 0 { return .converged(step: step, kind: .maximum) }
            return .converged(step: step, kind: .saddle)
        }
        let above = minimum.map { "; loss \(loss.significant(3)) > min \($0.significant(3))" } ?? ""
        if gradient == .zero && size == 0 {
            return .stalled(step: step, reason: "‖g‖ = 0 and H = 0: a flat region (saturated unit or underflow)" + above)
        }
        let eig = "λ = \(e.small.significant(2)), \(e.large.significant(2))"
        // One curvature ≈ 0: flat along a direction. A degenerate minimum (x⁴), a valley floor
        // of minima and a plateau's edge all look like this to second order; say so, claim none.
        return .stalled(step: step, reason: "‖g‖ ≈ 0, H degenerate (\(eig)): flat along a direction, "
                        + "the second-order test cannot tell a minimum" + above)
    }

    /// An eigenvalue this small relative to the larger one counts as 0 (a degenerate Hessian).
    static let degenerateCurvature = 1e-9
    /// Curvature below this in absolute value counts as flat (a plateau, however it is scaled).
    static let absoluteFlatCurvature = 1e-12
}
