import Testing
import Foundation
@testable import OptiscapeCore

/// The built-in landscapes written as expressions, checked against the catalogue (where it has
/// the name) and against the same formulas written in Swift (always).
@Suite struct ExpressionBuiltInTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var expression: String
        var parameters: [String: Double] = [:]
        var description: String { name }
    }

    /// Every catalogue landscape with a closed form. Names not yet in `LandscapeCatalog` are
    /// checked only against `HandWritten`; once they are merged, against the catalogue too.
    static let table: [Case] = [
        Case(name: "quadratic",
             expression: "0.5*((x*cos(angle*pi/180) + y*sin(angle*pi/180))^2 + kappa*(y*cos(angle*pi/180) - x*sin(angle*pi/180))^2)",
             parameters: ["kappa": 20, "angle": 0]),
        Case(name: "rosenbrock", expression: "(a - x)^2 + b*(y - x^2)^2", parameters: ["a": 1, "b": 100]),
        Case(name: "beale", expression: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"),
        Case(name: "himmelblau", expression: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"),
        Case(name: "booth", expression: "(x + 2*y - 7)^2 + (2*x + y - 5)^2"),
        Case(name: "rastrigin", expression: "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"),
        Case(name: "goldstein-price",
             expression: "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
                 + " * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))"),
        Case(name: "six-hump-camel", expression: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2"),
        Case(name: "saddle", expression: "a*x^2 - y^2", parameters: ["a": 1]),
        Case(name: "monkey-saddle", expression: "x^3 - 3*x*y^2"),
        Case(name: "deep-linear", expression: "(1 - x*y)^2"),
        Case(name: "mountain", expression: "3/(1 + x^2 + y^2/4) - sigmoid(x)"),
    ]

    /// The same formulas in Swift, differentiated by the library's AD scalars.
    struct HandWritten: FormulaLandscape {
        var name: String
        var parameters: [String: Double]
        var formula: String { name }
        var view: ViewBox { ViewBox(x: -3...3, y: -3...3) }

        func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
            switch name {
            case "quadratic":
                let t = parameters["angle"]! * Double.pi / 180
                let u = x * Foundation.cos(t) + y * Foundation.sin(t), v = y * Foundation.cos(t) - x * Foundation.sin(t)
                return (u * u + v * v * parameters["kappa"]!) * 0.5
            case "rosenbrock":
                let u = parameters["a"]! - x, v = y - x * x
                return u * u + v * v * parameters["b"]!
            case "beale":
                let a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y
                return a * a + b * b + c * c
            case "himmelblau":
                let a = x * x + y - 11, b = x + y * y - 7
                return a * a + b * b
            case "booth":
                let a = x + y * 2 - 7, b = x * 2 + y - 5
                return a * a + b * b
            case "rastrigin":
                return 20 + x * x - cos(x * (2 * Double.pi)) * 10 + y * y - cos(y * (2 * Double.pi)) * 10
            case "goldstein-price":
                let s = x + y + 1, d = x * 2 - y * 3
                let a = 1 + s * s * (19 - x * 14 + x * x * 3 - y * 14 + x * y * 6 + y * y * 3)
                let b = 30 + d * d * (18 - x * 32 + x * x * 12 + y * 48 - x * y * 36 + y * y * 27)
                return a * b
            case "six-hump-camel":
                let x2 = x * x, y2 = y * y
                return (4 - x2 * 2.1 + x2 * x2 / 3) * x2 + x * y + (-4 + y2 * 4) * y2
            case "saddle":
                return x * x * parameters["a"]! - y * y
            case "monkey-saddle":
                return x * x * x - x * y * y * 3
            case "deep-linear":
                let r = 1 - x * y
                return r * r
            case "mountain":
                return 3 / (1 + x * x + y * y / 4) - sigmoid(x)
            default:
                fatalError("no hand-written formula for \(name)")
            }
        }
    }

    /// |a − b| ≤ 1e-12 · scale for value, gradient and Hessian, with the scale of each the size of
    /// the reference quantity (at least 1).
    static func expectAgreement(_ l: any Landscape, _ reference: any Landscape, _ label: String, seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        let box = reference.view
        for _ in 0..<50 {
            let p = Vec2(box.xMin + box.width * rng.uniform(), box.yMin + box.height * rng.uniform())
            let j = l.jet(at: p), r = reference.jet(at: p)
            let (v, g) = l.valueAndGradient(at: p)
            let vScale = Swift.max(1, Swift.abs(r.value))
            let gScale = Swift.max(1, Swift.abs(r.gx), Swift.abs(r.gy))
            let hScale = Swift.max(1, Swift.abs(r.hxx), Swift.abs(r.hxy), Swift.abs(r.hyy))
            #expect(Swift.abs(l.value(at: p) - r.value) <= 1e-12 * vScale, "\(label) value at \(p)")
            #expect(Swift.abs(v - r.value) <= 1e-12 * vScale, "\(label) value at \(p)")
            #expect(Swift.abs(g.x - r.gx) <= 1e-12 * gScale && Swift.abs(g.y - r.gy) <= 1e-12 * gScale,
                    "\(label) gradient at \(p): \(g) vs \(r.gradient)")
            #expect(Swift.abs(j.hxx - r.hxx) <= 1e-12 * hScale && Swift.abs(j.hxy - r.hxy) <= 1e-12 * hScale
                    && Swift.abs(j.hyy - r.hyy) <= 1e-12 * hScale, "\(label) Hessian at \(p): \(j.hessian) vs \(r.hessian)")
        }
    }

    @Test(arguments: table)
    func agreesWithTheSwiftFormula(_ c: Case) throws {
        let l = try ExpressionLandscape(source: c.expression, parameters: c.parameters)
        Self.expectAgreement(l, HandWritten(name: c.name, parameters: c.parameters), c.name, seed: 1)
    }

    @Test(arguments: table)
    func agreesWithTheCatalogue(_ c: Case) throws {
        guard LandscapeCatalog.all.contains(where: { $0.name == c.name }) else { return } // not merged yet
        // The catalogue's defaults for the parameters the expression names.
        var parameters = c.parameters
        for p in try LandscapeCatalog.entry(named: c.name).parameters where parameters[p.name] != nil {
            parameters[p.name] = p.defaultValue
        }
        let l = try ExpressionLandscape(source: c.expression, parameters: parameters)
        Self.expectAgreement(l, try LandscapeCatalog.make(c.name), c.name, seed: 2)
    }

    @Test func rosenbrockAndQuadraticWithOtherParameters() throws {
        let rosenbrock = Self.table.first { $0.name == "rosenbrock" }!
        for (a, b) in [(1.0, 100.0), (-0.5, 3.0), (2.0, 0.25)] {
            let l = try ExpressionLandscape(source: rosenbrock.expression, parameters: ["a": a, "b": b])
            Self.expectAgreement(l, Rosenbrock(a: a, b: b), "rosenbrock a=\(a) b=\(b)", seed: 3)
        }
        let quadratic = Self.table.first { $0.name == "quadratic" }!
        for (kappa, angle) in [(20.0, 0.0), (5.0, 30.0), (100.0, -45.0), (1.5, 200.0)] {
            let l = try ExpressionLandscape(source: quadratic.expression, parameters: ["kappa": kappa, "angle": angle])
            Self.expectAgreement(l, Quadratic(kappa: kappa, angle: angle), "quadratic κ=\(kappa) θ=\(angle)", seed: 4)
        }
    }

    @Test func rosenbrockAgreesBitForBit() throws {
        // Same operations in the same order as the built-in: the results are identical.
        let l = try ExpressionLandscape(source: "(1 - x)^2 + 100*(y - x^2)^2")
        var rng = SeededRNG(seed: 9)
        for _ in 0..<100 {
            let p = Vec2(4 * rng.uniform() - 2, 4 * rng.uniform() - 1)
            #expect(l.value(at: p) == Rosenbrock().value(at: p))
            #expect(l.valueAndGradient(at: p) == Rosenbrock().valueAndGradient(at: p))
            #expect(l.jet(at: p) == Rosenbrock().jet(at: p))
        }
    }
}
