/// BFGS with the inverse-Hessian update and a strong-Wolfe line search (kind `bfgs`; Nocedal &
/// Wright Alg. 6.1, Deep Learning §8.6.3), one line search per step:
/// ```
/// d = −Hₖ·g                                  (Hₖ = I until the first update; Hₖ reset to I
///                                            should d not be a descent direction)
/// t₀ = min(1, 1/‖g‖₁)·lr on the first step, lr after (1: the quasi-Newton step)
/// t = the strong-Wolfe line search from t₀ (c₁ = 1e-4, c₂ = 0.9);  x ← x + t·d
/// s = t·d,  y = ∇f(x + s) − g,  ρ = 1/yᵀs             (update skipped unless yᵀs > 1e-10)
/// Hₖ ← (yᵀs/yᵀy)·I before the first update          (N&W eq. 6.20)
/// Hₖ ← (I − ρ·s·yᵀ)·Hₖ·(I − ρ·y·sᵀ) + ρ·s·sᵀ
/// ```
/// Hₖ is a dense n×n matrix (n the number of parameters). No step is taken once
/// max|gᵢ| ≤ tolerance-grad.
public struct BFGSRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    public private(set) var steps = 0
    /// Hₖ, row-major n×n; nil while it is still the identity.
    public private(set) var inverseHessian: [Double]?
    /// The points the last step's line search evaluated (where P is a plane point).
    public private(set) var trialPoints: [Vec2] = []
    /// The last line search's result (for tests of the Wolfe conditions).
    public private(set) var lastSearch: LineSearchRecord?
    /// Set when the last step took none: max|gᵢ| ≤ tolerance-grad.
    public private(set) var stopReason: String?

    public static var readsObjective: Bool { true }

    public init(_ hyperparameters: ResolvedHyperparameters) { self.hyperparameters = hyperparameters }

    /// Hₖ·v.
    static func multiply(_ m: [Double], _ v: P) -> P {
        var r = v
        let n = v.count
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += m[i * n + j] * v[j] }
            r[i] = s
        }
        return r
    }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient g: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        let start = x
        let n = g.count
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
        var d = inverseHessian.map { Self.multiply($0, g).scaled(by: -1) } ?? g.scaled(by: -1)
        if inverseHessian != nil && !(d.dot(g) < 0) {
            inverseHessian = nil
            d = g.scaled(by: -1)
            terms?.append(UpdateTerm("−Hₖg is not a descent direction: Hₖ reset to I, d = −g", vector: d.planar))
        } else {
            terms?.append(UpdateTerm(inverseHessian == nil ? "d = −g (Hₖ = I)" : "d = −Hₖg", vector: d.planar))
        }
        let t0 = inverseHessian == nil && steps == 1 ? StrongWolfe.pyMin(1.0, 1.0 / LBFGSRule<P>.absSum(g)) * lr : lr
        let (f, _) = objective.valueAndGradient(at: x)
        let gtd = g.dot(d)
        let search = StrongWolfe(c2: 0.9, toleranceChange: h.toleranceChange)
            .search(objective, from: x, t: t0, direction: d, value: f, gradient: g, slope: gtd)
        trialPoints = search.trials.compactMap { StrongWolfe.point(x, $0.t, d).planar }
        lastSearch = LineSearchRecord(search, direction: d, value: f, slope: gtd, c1: 1e-4, c2: 0.9)
        terms?.append(UpdateTerm("strong-Wolfe line search from t₀ = \(t0.significant(4)): t = \(search.t.significant(4)) after \(search.evaluations) evaluation\(search.evaluations == 1 ? "" : "s")"))
        x.add(d, alpha: search.t)
        let s = x.minus(start)
        let y = search.gradient.minus(g)
        let ys = y.dot(s)
        if ys > 1e-10 {
            var m = inverseHessian ?? {
                var id = [Double](repeating: 0, count: n * n)
                let scale = ys / y.dot(y)
                for i in 0..<n { id[i * n + i] = scale }
                return id
            }()
            // H ← H − ρ(s·(Hy)ᵀ + (Hy)·sᵀ) + (ρ²·yᵀHy + ρ)·s·sᵀ  (H symmetric, so yᵀH = (Hy)ᵀ).
            let rho = 1 / ys
            let hy = Self.multiply(m, y)
            let yhy = y.dot(hy)
            let c = rho * rho * yhy + rho
            // The upper triangle, mirrored: Hₖ stays exactly symmetric.
            for i in 0..<n {
                for j in i..<n {
                    let v = m[i * n + j] - rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j]
                    m[i * n + j] = v
                    m[j * n + i] = v
                }
            }
            inverseHessian = m
            terms?.append(UpdateTerm("Hₖ updated with s = t·d, y = Δg (yᵀs = \(ys.significant(3)))"))
        } else {
            terms?.append(UpdateTerm("yᵀs = \(ys.significant(3)) ≤ 1e-10: Hₖ kept"))
        }
        terms?.append(stepTerm("step taken: t·d", from: start, to: x))
    }
}

extension BFGSRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection {
        OptimizerInspection(steps: steps, trialPoints: trialPoints,
                            inverseHessianApproximation: inverseHessian.map { Mat2($0[0], $0[1], $0[2], $0[3]) } ?? .identity,
                            stopReason: stopReason)
    }
}
