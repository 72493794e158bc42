import Testing
@testable import OptiscapeCore

/// f = x² − y²: a saddle at the origin (tests only).
struct SaddleForTests: FormulaLandscape {
    var name: String { "test-saddle" }
    var formula: String { "x² − y²" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x - y * y }
}

/// f = x²: flat along y, so its Hessian [[2, 0], [0, 0]] is singular (tests only).
struct TroughForTests: FormulaLandscape {
    var name: String { "test-trough" }
    var formula: String { "x²" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x + y * 0 }
}

/// f = √x + y²: NaN left of x = 0 (tests only).
struct RootForTests: FormulaLandscape {
    var name: String { "test-root" }
    var formula: String { "√x + y²" }
    var view: ViewBox { ViewBox(x: 0...2, y: -2...2) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { sqrt(x) + y * y }
}

@Suite struct NewtonTests {
    func newton(_ kind: OptimizerKind = .newton, _ h: Hyperparameters = Hyperparameters()) throws -> any Optimizer {
        try OptimizerSpec(kind, h).make()
    }

    @Test func oneStepSolvesAQuadratic() throws {
        let q = Quadratic(kappa: 50, angle: 30)
        for start in [Vec2(2, -1), Vec2(-2.5, 2.9), Vec2(0.01, 3)] {
            var opt = try newton()
            let outcome = opt.step(from: start, gradient: q.gradient(at: start), lr: 1, landscape: q)
            guard case .moved(let x) = outcome else { Issue.record("\(outcome)"); continue }
            #expect(x.norm <= 1e-12, "from \(start) Newton went to \(x)")
            #expect(opt.inspection.steps == 1)
        }
    }

    @Test func learningRateScalesTheNewtonStep() throws {
        let q = Quadratic(kappa: 50, angle: 30)
        var opt = try newton(.newton, Hyperparameters(lr: 0.25))
        let start = Vec2(2, -1)
        guard case .moved(let x) = opt.step(from: start, gradient: q.gradient(at: start), lr: 0.25, landscape: q) else {
            Issue.record("failed"); return
        }
        #expect(relativeError(x, start * 0.75) <= 1e-13)
    }

    @Test func newtonJumpsOntoTheSaddle() throws {
        let s = SaddleForTests()
        var opt = try newton()
        let start = Vec2(0.5, 0.3)
        let outcome = opt.step(from: start, gradient: s.gradient(at: start), lr: 1, landscape: s)
        #expect(outcome == .moved(Vec2(0, 0)))
    }

    @Test func saddleFreeNewtonEscapesAlongTheNegativeCurvature() throws {
        let s = SaddleForTests()
        var opt = try newton(.saddleFreeNewton)
        var x = Vec2(0.5, 0.3)
        // |H| = 2·I, so each step sends x to 0 and doubles y.
        for expected in [Vec2(0, 0.6), Vec2(0, 1.2), Vec2(0, 2.4)] {
            guard case .moved(let next) = opt.step(from: x, gradient: s.gradient(at: x), lr: 1, landscape: s) else {
                Issue.record("failed"); return
            }
            #expect(abs(next.x) <= 1e-15 && abs(next.y - expected.y) <= 1e-15, "\(next) vs \(expected)")
            #expect(s.value(at: next) < s.value(at: x))
            x = next
        }
        #expect((opt as! Newton).lastEigenvalues == Vec2(-2, 2))
    }

    @Test func saddleFreeNewtonFloorsSmallEigenvalues() throws {
        // On the trough the y-eigenvalue is 0: floored at δ, and g_y = 0, so y stays put.
        let t = TroughForTests()
        var opt = try newton(.saddleFreeNewton, Hyperparameters(damping: 0.5))
        let outcome = opt.step(from: Vec2(1, 1), gradient: t.gradient(at: Vec2(1, 1)), lr: 1, landscape: t)
        #expect(outcome == .moved(Vec2(0, 1)))
        // A gradient along the flat direction is divided by δ.
        var opt2 = try newton(.saddleFreeNewton, Hyperparameters(damping: 0.5))
        #expect(opt2.step(from: Vec2(0, 0), gradient: Vec2(0, 1), lr: 1, landscape: t) == .moved(Vec2(0, -2)))
    }

    @Test func singularHessianFailsWithAReason() throws {
        let t = TroughForTests()
        var opt = try newton()
        let outcome = opt.step(from: Vec2(1, 1), gradient: t.gradient(at: Vec2(1, 1)), lr: 1, landscape: t)
        #expect(outcome == .failed(reason: "singular Hessian (det = 0)"))
        #expect(opt.inspection.steps == 0, "a failed step leaves the state alone")
        let terms = opt.explain(from: Vec2(1, 1), gradient: t.gradient(at: Vec2(1, 1)), lr: 1, landscape: t)
        #expect(terms.last == UpdateTerm("no step: singular Hessian (det = 0)"))
    }

    @Test func weightDecayRegularizesTheHessian() throws {
        // H + λI = diag(2.5, 0.5) and g + λx: Newton then lands on the minimum of x² + ½λ|x|².
        let t = TroughForTests()
        var opt = try newton(.newton, Hyperparameters(weightDecay: 0.5))
        let outcome = opt.step(from: Vec2(1, 1), gradient: t.gradient(at: Vec2(1, 1)), lr: 1, landscape: t)
        #expect(outcome == .moved(Vec2(0, 0)))
    }

    @Test func nonFiniteInputsFail() throws {
        let r = RootForTests()
        var opt = try newton()
        let x = Vec2(-1, 0)
        guard case .failed(let reason) = opt.step(from: x, gradient: r.gradient(at: x), lr: 1, landscape: r) else {
            Issue.record("expected a failure"); return
        }
        #expect(reason.hasPrefix("gradient is not finite"))
        // A finite (e.g. clipped) gradient with a NaN Hessian.
        for kind in [OptimizerKind.newton, .saddleFreeNewton] {
            var o = try newton(kind)
            guard case .failed(let why) = o.step(from: x, gradient: Vec2(1, 1), lr: 1, landscape: r) else {
                Issue.record("expected a failure"); return
            }
            #expect(why.hasPrefix("Hessian is not finite"), "\(kind): \(why)")
        }
    }

    @Test func nearlySingularHessianThatOverflowsFails() throws {
        // det ≈ 4e-320 is subnormal but not 0: H⁻¹g overflows.
        struct Tiny: FormulaLandscape {
            var name: String { "tiny" }
            var formula: String { "x² + 1e-320·y²" }
            static let tiny = Double.leastNormalMagnitude * 1e-12 // ≈ 2.2e-320
            var view: ViewBox { ViewBox(x: -1...1, y: -1...1) }
            func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x + y * y * Tiny.tiny }
        }
        var opt = try newton()
        guard case .failed(let reason) = opt.step(from: Vec2(1, 1), gradient: Vec2(1, 1), lr: 1, landscape: Tiny()) else {
            Issue.record("expected a failure"); return
        }
        #expect(reason.hasPrefix("Hessian too close to singular"), "\(reason)")
    }
}
