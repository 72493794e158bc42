import Foundation
import Testing
@testable import OptiscapeCore

/// Properties every catalogue landscape must have: exact derivatives (checked against central
/// differences), consistent value paths, correct critical points and a sane catalogue entry.
@Suite struct LandscapeTests {
    static let pointsPerLandscape = 64

    // MARK: - Derivatives

    @Test(arguments: LandscapeConfig.all)
    func gradientMatchesCentralDifferences(_ config: LandscapeConfig) throws {
        let l = try config.make()
        for p in randomPoints(in: l.view, count: Self.pointsPerLandscape, seed: seed(for: config.testDescription)) {
            let g = l.gradient(at: p)
            let fd = finiteDifferenceGradient(l, at: p)
            #expect(close(g.x, fd.x, 1e-5 * (1 + Swift.abs(g.x))), "∂f/∂x at \(p): AD \(g.x), FD \(fd.x)")
            #expect(close(g.y, fd.y, 1e-5 * (1 + Swift.abs(g.y))), "∂f/∂y at \(p): AD \(g.y), FD \(fd.y)")
        }
    }

    @Test(arguments: LandscapeConfig.all)
    func hessianMatchesCentralDifferences(_ config: LandscapeConfig) throws {
        let l = try config.make()
        for p in randomPoints(in: l.view, count: Self.pointsPerLandscape, seed: seed(for: config.testDescription) &+ 1) {
            let h = l.hessian(at: p)
            let fd = finiteDifferenceHessian(l, at: p)
            #expect(close(h.a, fd.a, 1e-5 * (1 + Swift.abs(h.a))), "∂²f/∂x² at \(p): AD \(h.a), FD \(fd.a)")
            #expect(close(h.b, fd.b, 1e-5 * (1 + Swift.abs(h.b))), "∂²f/∂x∂y at \(p): AD \(h.b), FD \(fd.b)")
            #expect(close(h.d, fd.d, 1e-5 * (1 + Swift.abs(h.d))), "∂²f/∂y² at \(p): AD \(h.d), FD \(fd.d)")
        }
    }

    /// `value(at:)` (Double), `valueAndGradient` (Dual2) and `jet` (Jet2) evaluate the same
    /// formula with the same primal arithmetic, so their values agree bit for bit; the two
    /// gradients agree to rounding.
    @Test(arguments: LandscapeConfig.all)
    func valuePathsAgree(_ config: LandscapeConfig) throws {
        let l = try config.make()
        for p in randomPoints(in: l.view, count: Self.pointsPerLandscape, seed: seed(for: config.testDescription) &+ 2) {
            let v = l.value(at: p)
            let vg = l.valueAndGradient(at: p)
            let j = l.jet(at: p)
            #expect(v.bitPattern == vg.value.bitPattern, "value \(v) vs valueAndGradient \(vg.value) at \(p)")
            #expect(v.bitPattern == j.value.bitPattern, "value \(v) vs jet \(j.value) at \(p)")
            let scale = Swift.max(vg.gradient.norm, j.gradient.norm)
            #expect((vg.gradient - j.gradient).norm <= 1e-12 * scale, "gradient \(vg.gradient) vs jet \(j.gradient) at \(p)")
            #expect(v.isFinite && vg.gradient.isFinite && j.hessian.isFinite, "non-finite at \(p)")
        }
    }

    // MARK: - Critical points

    /// Gradient zero at every listed point, to within what rounding the point to a double and
    /// evaluating the gradient in floating point allow.
    @Test(arguments: LandscapeConfig.all)
    func criticalPointsHaveZeroGradient(_ config: LandscapeConfig) throws {
        let l = try config.make()
        for cp in l.criticalPoints {
            let j = l.jet(at: cp.point)
            let scale = (1 + j.hessian.maxAbs) * Swift.max(1, cp.point.norm)
            #expect(j.gradient.norm <= 1e-13 * scale, "\(cp.kind) at \(cp.point): ‖∇f‖ = \(j.gradient.norm)")
        }
    }

    /// The listed points are accurate to the last bits: one Newton step from each
    /// non-degenerate point moves it by no more than a few units in the last place, plus what
    /// the rounding noise of the gradient itself allows. That noise is measured at the point's
    /// neighbouring doubles, as what the exact Hessian does not explain; it matters only where
    /// the gradient sums large terms (goldstein-price: ~3e-12, i.e. up to ~60 ulps of step).
    @Test(arguments: LandscapeConfig.all)
    func criticalPointsAreNewtonFixedPoints(_ config: LandscapeConfig) throws {
        let l = try config.make()
        for cp in l.criticalPoints {
            let p = cp.point
            let j = l.jet(at: p)
            let e = j.hessian.symmetricEigen
            let smallest = Swift.min(Swift.abs(e.small), Swift.abs(e.large))
            guard smallest > 1e-6 * Swift.max(Swift.abs(e.small), Swift.abs(e.large)),
                  let step = j.hessian.solve(j.gradient) else { continue } // degenerate: no Newton step
            var noise = 0.0
            for d in [Vec2(p.x.ulp, 0), Vec2(-p.x.ulp, 0), Vec2(0, p.y.ulp), Vec2(0, -p.y.ulp)] {
                let q = p + d
                noise = Swift.max(noise, (l.gradient(at: q) - j.gradient - j.hessian * (q - p)).norm)
            }
            let ulps = Swift.max(Swift.abs(p.x), Swift.abs(p.y), 1).ulp
            #expect(step.norm <= 8 * ulps + 2 * noise / smallest,
                    "\(cp.kind) at \(p): Newton step \(step) is \(step.norm / ulps) ulps (gradient noise \(noise))")
        }
    }

    /// The Hessian's eigenvalue signs match the kind. Where the Hessian is (near-)singular the
    /// second-order test is inconclusive, and the kind is checked on the values around the
    /// point instead: on small circles a minimum is never undercut, a saddle is both exceeded
    /// and undercut.
    @Test(arguments: LandscapeConfig.all)
    func criticalPointKindsMatchTheHessian(_ config: LandscapeConfig) throws {
        let l = try config.make()
        for cp in l.criticalPoints {
            let e = l.hessian(at: cp.point).symmetricEigen
            let tol = 1e-9 * Swift.max(1, Swift.abs(e.small), Swift.abs(e.large))
            let degenerate = Swift.abs(e.small) <= tol || Swift.abs(e.large) <= tol
            let label = "\(cp.kind) at \(cp.point), eigenvalues \(e.small), \(e.large)"
            switch cp.kind {
            case .globalMinimum, .localMinimum:
                #expect(e.small >= -tol && e.large > tol, "\(label)")
            case .saddle:
                if !degenerate { #expect(e.small < -tol && e.large > tol, "\(label)") }
            case .maximum:
                #expect(e.small < -tol && e.large < -tol, "\(label)")
            }
            guard degenerate else { continue }
            let f0 = l.value(at: cp.point)
            for r in [1e-3, 1e-2] {
                let around = (0..<64).map { k -> Double in
                    let t = 2 * Double.pi * Double(k) / 64
                    return l.value(at: cp.point + Vec2(Foundation.cos(t), Foundation.sin(t)) * r)
                }
                switch cp.kind {
                case .globalMinimum, .localMinimum:
                    #expect(around.allSatisfy { $0 >= f0 }, "\(label): undercut at radius \(r)")
                case .saddle:
                    #expect(around.contains { $0 > f0 } && around.contains { $0 < f0 }, "\(label): one-signed at radius \(r)")
                case .maximum:
                    #expect(around.allSatisfy { $0 <= f0 }, "\(label): exceeded at radius \(r)")
                }
            }
        }
    }

    /// Global minima share one value, no listed local minimum is lower, and no sampled point of
    /// the view undercuts it.
    @Test(arguments: LandscapeConfig.all)
    func globalMinimaAreGlobal(_ config: LandscapeConfig) throws {
        let l = try config.make()
        let globals = l.criticalPoints.filter { $0.kind == .globalMinimum }.map { l.value(at: $0.point) }
        guard let best = globals.min(), let worst = globals.max() else { return }
        let tol = 1e-12 * Swift.max(1, Swift.abs(best))
        #expect(worst - best <= tol, "global minima differ: \(globals)")
        for cp in l.criticalPoints where cp.kind != .globalMinimum {
            #expect(l.value(at: cp.point) > best + tol, "\(cp.kind) at \(cp.point) is not above the global minimum \(best)")
        }
        for p in randomPoints(in: l.view, count: 4000, seed: seed(for: config.testDescription) &+ 3) {
            #expect(l.value(at: p) >= best - tol, "\(p) undercuts the global minimum \(best)")
        }
    }

    @Test(arguments: LandscapeConfig.all)
    func criticalPointsAreInTheViewAndDistinct(_ config: LandscapeConfig) throws {
        let l = try config.make()
        let points = l.criticalPoints.map(\.point)
        for p in points { #expect(l.view.contains(p), "\(p) outside \(l.view)") }
        #expect(Set(points).count == points.count, "duplicate critical points")
    }

    /// Known values at the listed critical points (closed forms, or mpmath at 40 digits).
    @Test func knownCriticalValues() throws {
        let known: [(String, [String: Double], Vec2, Double)] = [
            ("quadratic", [:], Vec2(0, 0), 0),
            ("rosenbrock", [:], Vec2(1, 1), 0),
            ("beale", [:], Vec2(3, 0.5), 0),
            ("beale", [:], Vec2(0, 1), 14.203125),
            ("beale", [:], Vec2(0.10053793732415836, -2.644513585023125), 9.86451228475556),
            ("himmelblau", [:], Vec2(3, 2), 0),
            ("himmelblau", [:], Vec2(-2.805118086952745, 3.131312518250573), 0),
            ("himmelblau", [:], Vec2(-3.779310253377747, -3.2831859912861696), 0),
            ("himmelblau", [:], Vec2(3.5844283403304917, -1.8481265269644036), 0),
            ("himmelblau", [:], Vec2(-0.2708445906673476, -0.9230385564799815), 181.6165215225827),
            ("booth", [:], Vec2(1, 3), 0),
            ("rastrigin", [:], Vec2(0, 0), 0),
            // g(t) = t² − 10 cos 2πt + 10 at its minimum next to 1 (mpmath): 0.99495905709329139…
            ("rastrigin", [:], Vec2(Rastrigin.sideMinimum, 0), 0.9949590570932914),
            ("rastrigin", [:], Vec2(Rastrigin.sideMinimum, -Rastrigin.sideMinimum), 2 * 0.9949590570932914),
            ("goldstein-price", [:], Vec2(0, -1), 3),
            ("goldstein-price", [:], Vec2(-0.6, -0.4), 30),
            ("goldstein-price", [:], Vec2(1.8, 0.2), 84),
            ("goldstein-price", [:], Vec2(1.2, 0.8), 840),
            ("goldstein-price", [:], Vec2(-0.4, -0.6), 35),
            ("goldstein-price", [:], Vec2(1.2, -0.2), 99),
            ("goldstein-price", [:], Vec2(1.4, 0.6), 980),
            ("goldstein-price", [:], Vec2(0.6, 0.4), 990),
            ("goldstein-price", [:], Vec2(0.8, 0.2), 1155),
            ("six-hump-camel", [:], Vec2(0.08984201310031806, -0.7126564030207396), -1.0316284534898774),
            ("six-hump-camel", [:], Vec2(-0.08984201310031806, 0.7126564030207396), -1.0316284534898774),
            ("six-hump-camel", [:], Vec2(1.703606714969981, -0.7960835686726251), -0.21546382438371764),
            ("six-hump-camel", [:], Vec2(1.6071047529201972, 0.5686514548841314), 2.1042503103112583),
            ("six-hump-camel", [:], Vec2(1.2302298765166526, 0.16233458445899496), 2.496295351023577),
            ("saddle", ["a": 5], Vec2(0, 0), 0),
            ("monkey-saddle", [:], Vec2(0, 0), 0),
            ("deep-linear", [:], Vec2(1, 1), 0),
            ("deep-linear", [:], Vec2(-0.5, -2), 0),
            ("deep-linear", [:], Vec2(0, 0), 1),
            ("rnn-cliff", [:], Vec2(0, 0.8472978603872036), 0),
            ("rnn-cliff", ["T": 1], Vec2(0, 0.8472978603872036), 0),
            ("rnn-cliff", ["T": 1000], Vec2(0, 0.8472978603872036), 0),
            ("plateau", [:], Vec2(0, 0), 0),
            ("wells", [:], Vec2(1.429920542911256, 0.9534977790655688), -1.8141869571039322),
            ("wells", [:], Vec2(-1.905191605347562, 1.4302917548887395), -1.243646837311612),
            ("wells", [:], Vec2(-0.9525064309687784, -1.9050051211551762), -0.9144345095380099),
            ("wells", [:], Vec2(2.3784897490454386, -1.8953023547769), -0.3204855553606362),
            ("wells", [:], Vec2(-0.45081172910075695, 1.0656819524331718), -0.32186264362870437),
            ("wells", [:], Vec2(-0.12458102192235118, -0.6509488660142468), -0.13503365379539883),
            ("wells", [:], Vec2(1.9065918584615644, -1.0928104148403617), -0.007230570980881103),
            ("mountain", [:], Vec2(-0.04179410245933289, 0), 2.505215901382908),
        ]
        for (name, params, p, expected) in known {
            let l = try LandscapeCatalog.make(name, parameters: params)
            let v = l.value(at: p)
            #expect(close(v, expected, 1e-13 * Swift.max(1, Swift.abs(expected))), "\(name) at \(p): \(v), expected \(expected)")
            if expected == 0 { #expect(Swift.abs(v) <= 1e-26 || v == 0, "\(name) at \(p): \(v) is not ~0") }
        }
    }

    @Test func expectedCriticalPointCounts() throws {
        // (name, global minima, local minima, saddles, maxima)
        let counts: [(String, Int, Int, Int, Int)] = [
            ("beale", 1, 0, 2, 0), ("himmelblau", 4, 0, 4, 1), ("booth", 1, 0, 0, 0),
            ("rastrigin", 1, 120, 220, 100), ("goldstein-price", 1, 3, 4, 1), ("six-hump-camel", 2, 4, 7, 2),
            ("saddle", 0, 0, 1, 0), ("monkey-saddle", 0, 0, 1, 0), ("deep-linear", 0, 0, 1, 0),
            ("rnn-cliff", 0, 0, 0, 0), ("plateau", 1, 0, 0, 0), ("wells", 1, 3, 3, 0), ("mountain", 0, 0, 0, 1),
        ]
        for (name, g, lm, s, m) in counts {
            let cps = try LandscapeCatalog.make(name).criticalPoints
            let got = [CriticalPoint.Kind.globalMinimum, .localMinimum, .saddle, .maximum].map { k in cps.filter { $0.kind == k }.count }
            #expect(got == [g, lm, s, m], "\(name): \(got)")
        }
    }

    // MARK: - Catalogue

    @Test func catalogueOrder() {
        #expect(LandscapeCatalog.all.map(\.name) == [
            "quadratic", "rosenbrock", "beale", "himmelblau", "booth", "rastrigin", "goldstein-price",
            "six-hump-camel", "saddle", "monkey-saddle", "deep-linear", "rnn-cliff", "plateau", "wells", "mountain", "logistic",
        ])
    }

    @Test(arguments: LandscapeCatalog.all.map(\.name))
    func entryIsConsistent(_ name: String) throws {
        let entry = try LandscapeCatalog.entry(named: name)
        let l = try entry.instantiate()
        #expect(l.name == name)
        #expect(!entry.summary.isEmpty && !entry.summary.contains("\n"))
        #expect(!l.formula.isEmpty)
        #expect(l.view.width > 0 && l.view.height > 0)
        #expect(Set(l.parameters.keys) == Set(entry.parameters.map(\.name)))
        for p in entry.parameters {
            #expect(l.parameters[p.name] == p.defaultValue, "\(name).\(p.name)")
            #expect(p.range.contains(p.defaultValue), "\(name).\(p.name) default outside its range")
            if p.integer { #expect(p.defaultValue.rounded() == p.defaultValue) }
            #expect(!p.summary.isEmpty)
        }
        #expect(Set(LandscapeCatalog.all.map(\.name)).count == LandscapeCatalog.all.count)
    }

    @Test func formulasShowParameterValues() throws {
        #expect(try LandscapeCatalog.make("saddle", parameters: ["a": 5]).formula == "5·x² − y²")
        #expect(try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 5]).formula.contains("T = 5 "))
        #expect(try LandscapeCatalog.make("rnn-cliff").formula.contains("T = 50 "))
        let plateau = try LandscapeCatalog.make("plateau", parameters: ["s": 2, "eps": 0.001]).formula
        #expect(plateau == "1 − exp(−(x² + y²)/(2·2²)) + 0.001·(x² + y²)")
        #expect(try LandscapeCatalog.make("plateau").formula.contains("1e-05·(x² + y²)"))
        #expect(try LandscapeCatalog.make("beale").formula == "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²")
    }

    @Test func parametersReachTheLandscape() throws {
        let t5 = try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 5])
        #expect(t5.parameters["T"] == 5)
        #expect((t5 as? RNNCliff)?.steps == 5)
        let s = try LandscapeCatalog.make("saddle", parameters: ["a": 5])
        #expect(s.hessian(at: .zero) == Mat2(symmetric: 10, 0, -2))
    }

    // MARK: - Instantiation errors

    @Test func unknownParameterListsAllowedOnes() {
        #expect(throws: LandscapeError("landscape \"rnn-cliff\" has no parameter \"t\" (allowed: T)")) {
            try LandscapeCatalog.make("rnn-cliff", parameters: ["t": 5])
        }
        #expect(throws: LandscapeError("landscape \"plateau\" has no parameter \"width\" (allowed: s, eps)")) {
            try LandscapeCatalog.make("plateau", parameters: ["width": 2])
        }
        #expect(throws: LandscapeError("landscape \"beale\" has no parameter \"a\" (it takes no parameters)")) {
            try LandscapeCatalog.make("beale", parameters: ["a": 1])
        }
    }

    @Test func outOfRangeValuesAreRejected() {
        #expect(throws: LandscapeError("parameter T=0.0 is out of range for \"rnn-cliff\" (allowed: 1.0 to 1000.0)")) {
            try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 0])
        }
        for bad in [1001, -3, Double.nan, .infinity] {
            #expect(throws: LandscapeError.self) { try LandscapeCatalog.make("rnn-cliff", parameters: ["T": bad]) }
        }
        #expect(throws: LandscapeError.self) { try LandscapeCatalog.make("saddle", parameters: ["a": 0]) }
        #expect(throws: LandscapeError.self) { try LandscapeCatalog.make("plateau", parameters: ["s": -1]) }
        #expect(throws: LandscapeError.self) { try LandscapeCatalog.make("plateau", parameters: ["eps": -1e-5]) }
    }

    @Test func rangeEndsAreAllowed() throws {
        #expect(try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 1]).parameters["T"] == 1)
        #expect(try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 1000]).parameters["T"] == 1000)
        #expect(try LandscapeCatalog.make("plateau", parameters: ["eps": 0]).parameters["eps"] == 0)
    }

    @Test func nonIntegerStepsAreRejected() {
        #expect(throws: LandscapeError("parameter T=2.5 of \"rnn-cliff\" must be a whole number")) {
            try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 2.5])
        }
        #expect(throws: LandscapeError.self) { try LandscapeCatalog.make("rnn-cliff", parameters: ["T": 50.000001]) }
    }

    @Test func unknownLandscapeSuggestsTheClosestName() {
        do {
            _ = try LandscapeCatalog.make("himmelblou")
            Issue.record("expected an error")
        } catch let e as LandscapeError {
            #expect(e.message.hasPrefix("unknown landscape \"himmelblou\" (did you mean \"himmelblau\"?); known: quadratic, rosenbrock, beale"))
            #expect(e.message.hasSuffix("wells, mountain, logistic"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: LandscapeError.self) { try LandscapeCatalog.make("zzz") }
    }
}
