import Testing
import Foundation
@testable import OptiscapeCore

/// Nothing the user types crashes: deep nesting is an error, huge flat expressions work.
@Suite struct ExpressionLimitsTests {
    func kind(_ source: String) -> ExpressionError.Kind? {
        do { _ = try ExpressionLandscape(source: source); return nil } catch { return error.kind }
    }

    @Test func tenThousandOpenParenthesesAreAnErrorNotAStackOverflow() throws {
        let source = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        do {
            _ = try ExpressionLandscape(source: source)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .tooDeep)
            #expect(error.column == ExpressionAST.maximumDepth + 1)
            #expect(error.description == "expression nested too deeply at column 257 (at most 256 levels of parentheses, signs and powers)")
            #expect(error.rendered.split(separator: "\n")[1].count <= 82)
        }
        #expect(kind(String(repeating: "(", count: 10_000)) == .tooDeep)
        #expect(kind(String(repeating: "sin(", count: 10_000) + "x") == .tooDeep)
        #expect(kind(String(repeating: "-", count: 10_000) + "x") == .tooDeep)
        #expect(kind(String(repeating: "x^", count: 10_000) + "x") == .tooDeep)
        #expect(kind(String(repeating: "-(", count: 5_000) + "x") == .tooDeep)
    }

    @Test func nestingUpToTheLimitWorks() throws {
        let depth = ExpressionAST.maximumDepth - 1
        let deepest = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(try ExpressionLandscape(source: deepest).value(at: Vec2(2, 0)) == 2)
        #expect(kind("(" + deepest + ")") == .tooDeep)
        // Deep right-nested sums keep one register per level, all on the stack.
        let nested = String(repeating: "x + (", count: 200) + "y" + String(repeating: ")", count: 200)
        let l = try ExpressionLandscape(source: nested)
        let j = l.jet(at: Vec2(1, 2))
        #expect(j.value == 202 && j.gradient == Vec2(200, 1))
        #expect(try ExpressionAST.parse(l.ast.description) == l.ast)
    }

    @Test func aMegabyteExpressionParsesAndEvaluates() throws {
        let terms = 250_000
        let source = String(repeating: "x + ", count: terms) + "y"
        #expect(source.utf8.count > 1_000_000)
        let l = try ExpressionLandscape(source: source)
        #expect(l.program.registerCount <= 3)
        let (v, g) = l.valueAndGradient(at: Vec2(1, 3))
        #expect(v == Double(terms) + 3)
        #expect(g == Vec2(Double(terms), 1))
        #expect(l.jet(at: Vec2(1, 3)).hessian == Mat2(0, 0, 0, 0))
        #expect(l.ast.description.utf8.count == source.utf8.count)
    }

    @Test func aMegabyteOfMixedTermsAndAMegabyteOfErrors() throws {
        let piece = "sin(x)*cos(y) - x^2/(1 + y^2) + "
        let source = String(repeating: piece, count: 1_000_000 / piece.utf8.count + 1) + "0"
        let l = try ExpressionLandscape(source: source)
        #expect(l.value(at: Vec2(0.5, -0.25)).isFinite)
        // An error at the very end of a megabyte.
        let trailing = String(repeating: "x + ", count: 250_000)
        do {
            _ = try ExpressionLandscape(source: trailing)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .trailingOperator)
            #expect(error.column == 999_999)
            let lines = error.rendered.split(separator: "\n")
            #expect(lines.count == 3 && lines[1].count <= 82 && lines[2].count <= 82)
        }
        #expect(kind(String(repeating: ")", count: 1_000_000)) == .unexpectedToken)
        #expect(kind("x" + String(repeating: ")", count: 1_000_000)) == .unbalancedParentheses)
        #expect(kind(String(repeating: "9", count: 1_000_000)) == .badNumber)
        #expect(kind(String(repeating: "z", count: 1_000_000)) == .unknownName)
    }

    @Test func manyEvaluationsStayCheapAndStable() throws {
        // A long run of evaluations: each evaluates into stack-allocated registers, so nothing
        // accumulates; the results are the same every time.
        let l = try ExpressionLandscape(source: "(1-x)^2 + 100*(y-x^2)^2 + log(1 + x^2)*sigmoid(y)")
        let p = Vec2(0.3, -0.7)
        let first = l.jet(at: p)
        var sum = 0.0
        for i in 0..<200_000 {
            let q = Vec2(p.x + Double(i % 7) * 1e-3, p.y)
            sum += l.valueAndGradient(at: q).gradient.x
        }
        #expect(sum.isFinite)
        #expect(l.jet(at: p) == first)
    }
}
