import Testing
import Foundation
@testable import OptiscapeCore

/// Builds random valid expressions over x, y, a parameter `k`, the constants and every function,
/// keeping each function inside its domain and away from kinks (`log(1 + u^2)`, `sqrt(2 + sin(u))`,
/// `abs(2 + sin(u))`, `min(sin(u), 2 + cos(v))`, …) so finite differences are a fair check.
///
/// Each sample comes in two spellings and with a reference: `strict` parenthesises every operand,
/// so its meaning is fixed and `reference` (plain Swift `Double` code built alongside) computes the
/// same function; `loose` drops the optional parentheses, so the parser's precedence decides the
/// shape (a different function, but valid and in-domain), which gives the round-trip tests many
/// shapes.
struct RandomExpressionGenerator {
    struct Sample: Sendable {
        var strict: String
        var loose: String
        var reference: @Sendable (Double, Double) -> Double
    }

    var rng: SeededRNG
    static let k = 0.75
    static let parameters = ["k": k]

    init(seed: UInt64) { rng = SeededRNG(seed: seed) }

    mutating func pick<T>(_ options: [T]) -> T { options[rng.index(below: options.count)] }

    mutating func leaf() -> Sample {
        if rng.uniform() < 0.7 {
            return rng.uniform() < 0.5 ? Sample(strict: "x", loose: "x") { x, _ in x } : Sample(strict: "y", loose: "y") { _, y in y }
        }
        let (text, value) = pick([("k", Self.k), ("pi", Double.pi), ("e", M_E), ("0.5", 0.5), ("2", 2), ("1.5e-1", 0.15),
                                  (".25", 0.25), ("3.", 3), ("1e0", 1), ("1.25", 1.25)])
        return Sample(strict: text, loose: text) { _, _ in value }
    }

    /// `template` with `A` (and `B`) replaced by the operands' spellings; `f` combines their values.
    func wrap(_ template: String, _ a: Sample, _ b: Sample? = nil, looseTemplate: String? = nil,
              _ f: @escaping @Sendable (Double, Double) -> Double) -> Sample {
        func fill(_ t: String, _ strict: Bool) -> String {
            var out = ""
            for ch in t {
                if ch == "A" { out += strict ? a.strict : a.loose }
                else if ch == "B", let b { out += strict ? b.strict : b.loose }
                else { out.append(ch) }
            }
            return out
        }
        let fa = a.reference
        let zero: @Sendable (Double, Double) -> Double = { _, _ in 0 }
        let fb = b?.reference ?? zero
        return Sample(strict: fill(template, true), loose: fill(looseTemplate ?? template, false)) { x, y in
            f(fa(x, y), fb(x, y))
        }
    }

    mutating func expression(depth: Int) -> Sample {
        if depth == 0 || rng.uniform() < 0.15 { return leaf() }
        let a = expression(depth: depth - 1)
        let b = expression(depth: depth - 1)
        switch rng.index(below: 23) {
        case 0, 1: return wrap("(A) + (B)", a, b, looseTemplate: "A + B") { $0 + $1 }
        case 2, 3: return wrap("(A) - (B)", a, b, looseTemplate: "A - B") { $0 - $1 }
        case 4, 5: return wrap("(A)*(B)", a, b, looseTemplate: "A*B") { $0 * $1 }
        case 6: return wrap("(A)/(2 + cos(B))", a, b) { $0 / (2 + Foundation.cos($1)) }
        case 7:
            switch rng.index(below: 3) {
            case 0: return wrap("0.5/(1 + (A)^2)", a) { a, _ in 0.5 / (1 + a * a) }
            case 1: return wrap("k/(1 + (A)^2)", a) { a, _ in Self.k / (1 + a * a) }
            default:
                let fa = a.reference
                return Sample(strict: "(x - 3)/(1 + (\(a.strict))^2)", loose: "(x - 3)/(1 + (\(a.loose))^2)") { x, y in
                    let v = fa(x, y)
                    return (x - 3) / (1 + v * v)
                }
            }
        case 8: return wrap("-(A)", a, looseTemplate: "-A") { a, _ in -a }
        case 9:
            let n = pick([0, 1, 2, 3, 4])
            return wrap("(A)^\(n)", a) { a, _ in Foundation.pow(a, Double(n)) }
        case 10: return rng.uniform() < 0.5 ? wrap("sin(A)", a) { a, _ in Foundation.sin(a) } : wrap("cos(A)", a) { a, _ in Foundation.cos(a) }
        case 11: return wrap("tan(0.5*sin(A))", a) { a, _ in Foundation.tan(0.5 * Foundation.sin(a)) }
        case 12:
            switch rng.index(below: 3) {
            case 0: return wrap("exp(0.5*sin(A))", a) { a, _ in Foundation.exp(0.5 * Foundation.sin(a)) }
            case 1: return wrap("exp(-(A)^2)", a) { a, _ in Foundation.exp(-(a * a)) }
            default: return wrap("e^(cos(A))", a) { a, _ in Foundation.exp(Foundation.cos(a)) }
            }
        case 13: return wrap("log(1 + (A)^2)", a) { a, _ in Foundation.log(1 + a * a) }
        case 14: return wrap("sqrt(2 + sin(A))", a) { a, _ in (2 + Foundation.sin(a)).squareRoot() }
        case 15:
            switch rng.index(below: 3) {
            case 0: return wrap("tanh(A)", a) { a, _ in Foundation.tanh(a) }
            case 1: return wrap("sigmoid(A)", a) { a, _ in 1 / (1 + Foundation.exp(-a)) }
            default: return wrap("softplus(A)", a) { a, _ in Foundation.log(1 + Foundation.exp(a)) }
            }
        case 16: return rng.uniform() < 0.5 ? wrap("abs(2 + sin(A))", a) { a, _ in Swift.abs(2 + Foundation.sin(a)) }
                                           : wrap("abs(sin(A) - 2)", a) { a, _ in Swift.abs(Foundation.sin(a) - 2) }
        case 17:
            switch rng.index(below: 4) {
            case 0: return wrap("min(sin(A), 2 + cos(B))", a, b) { Swift.min(Foundation.sin($0), 2 + Foundation.cos($1)) }
            case 1: return wrap("min(2 + cos(B), sin(A))", a, b) { Swift.min(Foundation.sin($0), 2 + Foundation.cos($1)) }
            case 2: return wrap("max(sin(A) - 2, cos(B))", a, b) { Swift.max(Foundation.sin($0) - 2, Foundation.cos($1)) }
            default: return wrap("max(cos(B), sin(A) - 2)", a, b) { Swift.max(Foundation.sin($0) - 2, Foundation.cos($1)) }
            }
        case 18:
            return rng.uniform() < 0.5
                ? wrap("pow(1.5 + cos(A), sin(B))", a, b) { Foundation.pow(1.5 + Foundation.cos($0), Foundation.sin($1)) }
                : wrap("(1 + (A)^2)^(0.5*tanh(B))", a, b) { Foundation.pow(1 + $0 * $0, 0.5 * Foundation.tanh($1)) }
        case 19:
            switch rng.index(below: 4) {
            case 0: return wrap("(2 + sin(A))^-1.5", a) { a, _ in Foundation.pow(2 + Foundation.sin(a), -1.5) }
            case 1: return wrap("pow(A, 3)", a) { a, _ in a * a * a }
            case 2: return wrap("(1 + (A)^2)^k", a) { a, _ in Foundation.pow(1 + a * a, Self.k) }
            default: return wrap("2^sin(A)", a) { a, _ in Foundation.pow(2, Foundation.sin(a)) }
            }
        case 20: return wrap("k*(A)", a) { a, _ in Self.k * a }
        case 21: return wrap("(A)", a) { a, _ in a }
        default: return wrap("+(A)", a, looseTemplate: "+A") { a, _ in a }
        }
    }
}

@Suite struct ExpressionRandomTests {
    static let count = 240
    /// `count` random samples whose strict spelling depends on x or y (constant ones are skipped).
    static let samples: [RandomExpressionGenerator.Sample] = {
        var g = RandomExpressionGenerator(seed: 20240601)
        var result: [RandomExpressionGenerator.Sample] = []
        while result.count < count {
            let s = g.expression(depth: 4)
            if let l = try? ExpressionLandscape(source: s.strict, parameters: RandomExpressionGenerator.parameters),
               !l.program.code.isEmpty {
                result.append(s)
            }
        }
        return result
    }()
    static var sources: [String] { samples.flatMap { [$0.strict, $0.loose] } }

    /// Fourth-order central difference of `f` at 0 with step h: error ≈ h⁴·f⁽⁵⁾/30.
    static func stencil(_ h: Double, _ f: (Double) -> Double) -> Double {
        (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h)
    }

    /// The derivative of `f` at 0 with step 5e-4, and a generous bound on its error: the change
    /// from step 1e-3 (15× the Richardson estimate of the truncation error). Large only where `f`
    /// oscillates fast (`sin(u^4)` with |u| ≈ 4), where finite differences say little.
    static func derivative(_ f: (Double) -> Double) -> (value: Double, error: Double) {
        let coarse = stencil(1e-3, f), fine = stencil(5e-4, f)
        return (fine, Swift.abs(coarse - fine))
    }

    @Test func printParseRoundTripsGiveIdenticalTrees() throws {
        for source in Self.sources {
            let ast = try ExpressionAST.parse(source, parameters: ["k"])
            #expect(try ExpressionAST.parse(ast.description, parameters: ["k"]) == ast, "\(source)")
            #expect(try ExpressionAST.parse(ast.fullyParenthesized, parameters: ["k"]) == ast, "\(source)")
            // Printing is a fixed point after one round.
            #expect(try ExpressionAST.parse(ast.description, parameters: ["k"]).description == ast.description)
        }
    }

    @Test func valuesMatchAnIndependentSwiftReference() throws {
        var rng = SeededRNG(seed: 5)
        for sample in Self.samples {
            let l = try ExpressionLandscape(source: sample.strict, parameters: RandomExpressionGenerator.parameters)
            for _ in 0..<4 {
                let p = Vec2(4 * rng.uniform() - 2, 4 * rng.uniform() - 2)
                let v = l.value(at: p), r = sample.reference(p.x, p.y)
                // Only rounding differs (e.g. a·(1/b) against a/b, pow against products).
                #expect(Swift.abs(v - r) <= 1e-9 * Swift.max(1, Swift.abs(r)), "\(sample.strict) at \(p): \(v) vs \(r)")
            }
        }
    }

    @Test func gradientAndHessianMatchFiniteDifferences() throws {
        var rng = SeededRNG(seed: 7)
        var compared = 0, tight = 0
        func check(_ ad: Double, _ fd: (value: Double, error: Double), scale: Double, _ what: @autoclosure () -> String) {
            // Rounding in the differences ≈ ε·|f|/h ≈ 1e-12·|f|: 1e-6 of the scale is a wide margin.
            let tolerance = 1e-6 * scale
            #expect(Swift.abs(ad - fd.value) <= tolerance + fd.error, "\(what()): AD \(ad), FD \(fd.value) ± \(fd.error)")
            compared += 1
            if Swift.abs(ad - fd.value) <= tolerance { tight += 1 }
        }
        for source in Self.sources {
            let l = try ExpressionLandscape(source: source, parameters: RandomExpressionGenerator.parameters)
            for _ in 0..<3 {
                let p = Vec2(4 * rng.uniform() - 2, 4 * rng.uniform() - 2)
                let j = l.jet(at: p)
                try #require(j.value.isFinite && j.gradient.isFinite && j.hessian.isFinite, "\(source) at \(p)")
                let gScale = Swift.max(1, Swift.abs(j.value), j.gradient.norm)
                check(j.gx, Self.derivative { l.value(at: Vec2(p.x + $0, p.y)) }, scale: gScale, "∂x \(source) at \(p)")
                check(j.gy, Self.derivative { l.value(at: Vec2(p.x, p.y + $0)) }, scale: gScale, "∂y \(source) at \(p)")
                // Hessian columns: differences of the exact (AD) gradient.
                let hScale = Swift.max(gScale, Swift.abs(j.hxx), Swift.abs(j.hxy), Swift.abs(j.hyy))
                check(j.hxx, Self.derivative { l.gradient(at: Vec2(p.x + $0, p.y)).x }, scale: hScale, "∂xx \(source) at \(p)")
                check(j.hxy, Self.derivative { l.gradient(at: Vec2(p.x + $0, p.y)).y }, scale: hScale, "∂xy \(source) at \(p)")
                check(j.hxy, Self.derivative { l.gradient(at: Vec2(p.x, p.y + $0)).x }, scale: hScale, "∂yx \(source) at \(p)")
                check(j.hyy, Self.derivative { l.gradient(at: Vec2(p.x, p.y + $0)).y }, scale: hScale, "∂yy \(source) at \(p)")
            }
        }
        #expect(compared == Self.count * 2 * 3 * 6)
        // The error allowance is a fallback for a few fast oscillations, not what makes this pass.
        #expect(Double(tight) >= 0.97 * Double(compared), "\(tight) of \(compared) within 1e-6 relative")
    }

    @Test func doubleDual2AndJet2AgreeBitForBit() throws {
        var rng = SeededRNG(seed: 11)
        for source in Self.sources {
            let l = try ExpressionLandscape(source: source, parameters: RandomExpressionGenerator.parameters)
            for _ in 0..<4 {
                let p = Vec2(6 * rng.uniform() - 3, 6 * rng.uniform() - 3)
                let v = l.value(at: p)
                let (dv, g) = l.valueAndGradient(at: p)
                let j = l.jet(at: p)
                #expect(v.bitPattern == dv.bitPattern, "\(source) at \(p)")
                #expect(v.bitPattern == j.value.bitPattern, "\(source) at \(p)")
                // The gradient parts are computed by the same formulas too.
                #expect(g.x.bitPattern == j.gx.bitPattern && g.y.bitPattern == j.gy.bitPattern, "\(source) at \(p)")
            }
        }
    }

    @Test func fusedInstructionsChangeNoBit() throws {
        var rng = SeededRNG(seed: 13)
        var fusedSomething = 0
        for source in Self.sources {
            let l = try ExpressionLandscape(source: source, parameters: RandomExpressionGenerator.parameters)
            let plain = ExpressionCompiler.compile(l.ast, parameters: RandomExpressionGenerator.parameters, fuse: false)
            if plain.code.count > l.program.code.count { fusedSomething += 1 }
            for _ in 0..<3 {
                let p = Vec2(6 * rng.uniform() - 3, 6 * rng.uniform() - 3)
                #expect(l.value(at: p).bitPattern == plain.evaluate(p.x, p.y).bitPattern, "\(source)")
                let (x, y) = Jet2.variables(p)
                let a = l.jet(at: p), b = plain.evaluate(x, y)
                #expect([a.value, a.gx, a.gy, a.hxx, a.hxy, a.hyy].map(\.bitPattern)
                        == [b.value, b.gx, b.gy, b.hxx, b.hxy, b.hyy].map(\.bitPattern), "\(source)")
            }
        }
        #expect(fusedSomething > Self.count / 2)
    }

    @Test func generatorCoversEveryFunctionAndOperator() throws {
        let all = Self.sources.joined(separator: " ")
        for f in ExpressionFunction.names { #expect(all.contains(f + "("), "\(f)") }
        for op in ["+", "-", "*", "/", "^", "pi", "e", "k", "^-", "--"] { #expect(all.contains(op), "\(op)") }
    }
}
