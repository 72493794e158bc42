import Testing
import Foundation
import PropertyBased
@testable import OptiscapeCore

/// Random token streams over the expression grammar and random valid trees: every input gives a
/// landscape or an `ExpressionError` whose column lies in the source (or is 0); landscapes
/// evaluate value, gradient and Hessian anywhere without trapping (NaN is allowed).
@Suite struct ExpressionFuzzTests {
    static let parameters = RandomExpressionGenerator.parameters

    static let tokens: [String] = [
        "x", "y", "k", "pi", "e", "q", "sine", "_a", "x1", "é", "∞",
        "+", "-", "*", "/", "^", "(", ")", ",", " ", "  ", "\t", "**", "#", "\u{0}", ";", "=", "!",
        "0", "1", "2.5", ".5", "3.", "1e3", "1e308", "1e999", "1e-999", "5e-324", "1e", "1.2.3", ".", "0x1F",
        "99999999999999999999999999999", "1_0",
    ] + ExpressionFunction.names

    /// Random points, including far and non-finite ones.
    static func point(_ rng: inout SeededRNG) -> Vec2 {
        func coordinate() -> Double {
            switch rng.index(below: 8) {
            case 0: return Fuzz.pick([1e300, -1e300, 5e-324, -0.0, .nan, .infinity, -.infinity, 1e154], &rng)
            case 1: return (rng.uniform() - 0.5) * 1e6
            default: return (rng.uniform() - 0.5) * 8
            }
        }
        return Vec2(coordinate(), coordinate())
    }

    static func input(seed: UInt64) -> String {
        var rng = SeededRNG(seed: seed)
        switch rng.index(below: 10) {
        case 0, 1, 2:                          // a valid tree, maybe damaged
            var g = RandomExpressionGenerator(seed: rng.next())
            let s = g.expression(depth: 1 + rng.index(below: 5))
            var text = rng.uniform() < 0.5 ? s.strict : s.loose
            if rng.uniform() < 0.4 {
                var b = Array(text.unicodeScalars)
                if !b.isEmpty {
                    let i = rng.index(below: b.count)
                    if rng.uniform() < 0.5 { b.remove(at: i) } else { b.insert(Fuzz.pick(Array("+-*/^(),.e".unicodeScalars), &rng), at: i) }
                }
                text = String(String.UnicodeScalarView(b))
            }
            return text
        case 3:                                // deep nesting or long runs
            let n = 1 + rng.index(below: 600)
            return Fuzz.pick([
                String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n),
                String(repeating: "(", count: n) + "x",
                String(repeating: "-", count: n) + "x",
                String(repeating: "x^", count: n) + "x",
                String(repeating: "sin(", count: n) + "x" + String(repeating: ")", count: n),
                Array(repeating: "x", count: n).joined(separator: "+"),
                "max(" + Array(repeating: "x", count: n).joined(separator: ",") + ")",
            ], &rng)
        case 4:                                // random bytes
            return String(decoding: Fuzz.randomBytes(&rng, count: rng.index(below: 40)), as: UTF8.self)
        default:                               // a random token stream
            return (0..<rng.index(below: 24)).map { _ in Fuzz.pick(tokens, &rng) }.joined()
        }
    }

    static func check(_ source: String, seed: UInt64) {
        var rng = SeededRNG(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        do {
            let l = try ExpressionLandscape(source: source, parameters: parameters)
            for _ in 0..<3 {
                let p = point(&rng)
                _ = l.value(at: p)
                _ = l.gradient(at: p)
                _ = l.hessian(at: p)
            }
        } catch {
            #expect(error.column == 0 || (1...(source.count + 1)).contains(error.column),
                    "seed \(seed): column \(error.column) outside \(source.debugDescription): \(error)")
            _ = error.description
            _ = error.rendered
        }
    }

    @Test func tokenStreamsAndTreesGiveALandscapeOrALocatedError() async {
        await propertyCheck(count: Fuzz.count(10_000), input: Gen.uint64()) { seed in
            Fuzz.note("expr", seed)
            Self.check(Self.input(seed: seed), seed: seed)
        }
    }
}
