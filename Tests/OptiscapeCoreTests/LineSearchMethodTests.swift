import Testing
@testable import OptiscapeCore

/// `cg`, `bfgs` and `coordinate-descent` against their properties (there is no torch.optim
/// class for them): finite termination on 2-D quadratics, the strong Wolfe conditions at every
/// accepted step, one coordinate per coordinate step with its partial derivative ≈ 0 after it.
@Suite struct LineSearchMethodTests {
    static let bowls: [Quadratic] = [Quadratic(kappa: 10, angle: 30), Quadratic(kappa: 50, angle: 60),
                                     Quadratic(kappa: 100, angle: -20), Quadratic(kappa: 3, angle: 0)]
    static let starts = [Vec2(2, 1), Vec2(-2.5, 2), Vec2(0.3, -2.8)]

    /// A gradient with a NaN is not "below tolerance-grad" (torch's `abs().max() <= tol` is false
    /// for NaN): no line-search method claims that stop for it.
    @Test(arguments: [OptimizerKind.lbfgs, .cg, .bfgs])
    func aNaNGradientIsNotBelowTheTolerance(_ kind: OptimizerKind) throws {
        var opt = try OptimizerSpec(kind).make()
        let l = Quadratic(kappa: 10, angle: 30)
        _ = opt.step(from: Vec2(1, 1), gradient: Vec2(.nan, 1), lr: 1, landscape: l)
        #expect(opt.inspection.stopReason?.contains("tolerance-grad") != true, "\(kind): \(opt.inspection.stopReason ?? "")")
        var calm = try OptimizerSpec(kind).make()
        _ = calm.step(from: .zero, gradient: .zero, lr: 1, landscape: l)
        #expect(calm.inspection.stopReason?.contains("tolerance-grad") == true, "\(kind) at the minimum")
    }

    /// Steps until ‖∇f‖ ≤ 1e-8·‖∇f(x₀)‖ (nil if not within `limit`), with every step's line search.
    static func run(_ kind: OptimizerKind, on l: any Landscape, from start: Vec2, limit: Int,
                    check: (any Optimizer) -> Void = { _ in }) throws -> Int? {
        var opt = try OptimizerSpec(kind).make()
        var x = start
        let g0 = l.gradient(at: start).norm
        for k in 1...limit {
            guard case .moved(let next) = opt.step(from: x, gradient: l.gradient(at: x), lr: 1, landscape: l) else { return nil }
            x = next
            check(opt)
            if l.gradient(at: x).norm <= 1e-8 * g0 { return k }
        }
        return nil
    }

    /// CG with its (on a quadratic, exact) line search: two steps on every 2-D bowl, as the
    /// theory of conjugate directions says (n steps in n dimensions); SGD needs hundreds.
    @Test func cgFinishesA2DQuadraticInTwoSteps() throws {
        for l in Self.bowls {
            for s in Self.starts {
                let k = try Self.run(.cg, on: l, from: s, limit: 50)
                #expect(k != nil && k! <= 2, "κ = \(l.kappa), θ = \(l.angle), from \(s): \(k as Any)")
            }
        }
    }

    /// BFGS with the inexact (c₂ = 0.9) strong-Wolfe search: a few steps (measured 5 to 11).
    @Test func bfgsFinishesA2DQuadraticWithinAFewSteps() throws {
        for l in Self.bowls {
            for s in Self.starts {
                let k = try Self.run(.bfgs, on: l, from: s, limit: 50)
                #expect(k != nil && k! <= 12, "κ = \(l.kappa), θ = \(l.angle), from \(s): \(k as Any)")
            }
        }
    }

    /// After every update H̃ is symmetric positive definite and satisfies the secant equation
    /// H̃·y = s of the last step.
    @Test func bfgsInverseHessianSatisfiesTheSecantEquation() throws {
        let l = Quadratic(kappa: 20, angle: 35)
        var opt = try OptimizerSpec(.bfgs).make()
        var x = Vec2(2, 1)
        for _ in 0..<6 {
            let g = l.gradient(at: x)
            guard case .moved(let next) = opt.step(from: x, gradient: g, lr: 1, landscape: l) else { Issue.record("failed"); return }
            let s = next - x, y = l.gradient(at: next) - g
            x = next
            guard s.norm > 1e-9 else { break }
            let m = try #require(opt.inspection.inverseHessianApproximation)
            #expect((m * y - s).norm <= 1e-9 * s.norm, "\(m * y) vs \(s)")
            #expect(m.b == m.c && m.a > 0 && m.determinant > 0, "H̃ = \(m) is not symmetric positive definite")
        }
    }

    /// Every accepted step of CG and BFGS satisfies the strong Wolfe conditions with the
    /// constants the method uses (c₁ = 1e-4; c₂ = 0.1 for CG, 0.9 for BFGS).
    @Test(arguments: [OptimizerKind.cg, .bfgs])
    func everyAcceptedStepSatisfiesTheStrongWolfeConditions(_ kind: OptimizerKind) throws {
        let problems: [(any Landscape, Vec2)] = [(Rosenbrock(), Vec2(-1.5, 2)), (Quadratic(kappa: 50, angle: 60), Vec2(2, 1)),
                                                 (Himmelblau(), Vec2(0.5, -3)), (Beale(), Vec2(1, 1.5))]
        for (l, start) in problems {
            var checked = 0
            _ = try Self.run(kind, on: l, from: start, limit: 200) { opt in
                let r: LineSearchRecord? = (opt as? ConjugateGradientRule<Vec2>)?.lastSearch ?? (opt as? BFGSRule<Vec2>)?.lastSearch
                guard let r else { Issue.record("no line search recorded"); return }
                #expect(r.slope0 < 0, "\(l.name): not a descent direction")
                #expect(r.sufficientDecrease, "\(l.name): f = \(r.value) after t = \(r.t), f₀ = \(r.value0)")
                #expect(r.curvature, "\(l.name): |∇fᵀd| = \(Swift.abs(r.slope)) > \(r.c2)·\(Swift.abs(r.slope0))")
                checked += 1
            }
            #expect(checked >= 2, "\(l.name)")
        }
    }

    /// Coordinate descent moves x, then y, then x, …: one coordinate per step, after which the
    /// partial derivative along it is ≈ 0 (it minimised exactly along the axis).
    @Test func coordinateDescentChangesOneCoordinateAndZeroesItsPartial() throws {
        let problems: [(any Landscape, Vec2)] = [(Quadratic(kappa: 10, angle: 30), Vec2(2, 1)), (Rosenbrock(), Vec2(-1.5, 2)),
                                                 (Himmelblau(), Vec2(0.5, -3))]
        for (l, start) in problems {
            var opt = try OptimizerSpec(.coordinateDescent).make()
            var x = start
            for k in 0..<20 {
                let g = l.gradient(at: x)
                guard case .moved(let next) = opt.step(from: x, gradient: g, lr: 1, landscape: l) else { Issue.record("failed"); return }
                let i = k % 2
                #expect(next[1 - i] == x[1 - i], "\(l.name) step \(k + 1) moved the other coordinate")
                let partial = l.gradient(at: next)[i]
                #expect(Swift.abs(partial) <= 1e-9 * Swift.max(1, g.norm), "\(l.name) step \(k + 1): ∂f = \(partial)")
                #expect(l.value(at: next) <= l.value(at: x), "\(l.name) step \(k + 1) went up")
                x = next
            }
        }
    }

    /// The §8.7.2 lesson: one sweep (two steps) on an axis-aligned bowl, a long staircase when
    /// the valley is rotated.
    @Test func coordinateDescentIsExactWhenAxisAlignedAndSlowWhenRotated() throws {
        let aligned = try Self.run(.coordinateDescent, on: Quadratic(kappa: 20, angle: 0), from: Vec2(2, 1), limit: 1000)
        #expect(aligned == 2)
        let rotated = try Self.run(.coordinateDescent, on: Quadratic(kappa: 20, angle: 30), from: Vec2(2, 1), limit: 1000)
        #expect(rotated != nil && rotated! > 50, "\(rotated as Any)")
    }
}
