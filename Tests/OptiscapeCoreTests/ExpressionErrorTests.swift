import Testing
import Foundation
@testable import OptiscapeCore

@Suite struct ExpressionErrorTests {
    func error(_ source: String, _ parameters: [String: Double] = [:]) -> ExpressionError? {
        do {
            _ = try ExpressionLandscape(source: source, parameters: parameters)
            return nil
        } catch {
            return error
        }
    }

    /// (expression, kind, column, one-line description)
    static let cases: [(String, ExpressionError.Kind, Int, String)] = [
        ("2 * sine(x)", .unknownFunction, 5, #"unknown function "sine" at column 5 (did you mean "sin"?)"#),
        ("foo(x)", .unknownFunction, 1,
         #"unknown function "foo" at column 1 (known functions: sin, cos, tan, exp, log, sqrt, tanh, sigmoid, softplus, abs, min, max, pow)"#),
        ("x(y + 1)", .unknownFunction, 1, #""x" is not a function at column 1 (write * to multiply: x*(…))"#),
        ("x + z", .unknownName, 5, #"unknown name "z" at column 5 (known names: x, y, pi, e)"#),
        ("x + Pi", .unknownName, 5, #"unknown name "Pi" at column 5 (did you mean "pi"? known names: x, y, pi, e)"#),
        ("sin + 1", .wrongArity, 1, #"function "sin" needs its argument in parentheses at column 1 (e.g. sin(x))"#),
        ("(x + 1", .unbalancedParentheses, 1, #"unbalanced parentheses: "(" is never closed at column 1"#),
        ("x*(y + sin(x)", .unbalancedParentheses, 3, #"unbalanced parentheses: "(" is never closed at column 3"#),
        ("sin(", .unbalancedParentheses, 4, #"unbalanced parentheses: "(" is never closed at column 4"#),
        ("min(x,", .unbalancedParentheses, 4, #"unbalanced parentheses: "(" is never closed at column 4"#),
        ("x + 1)", .unbalancedParentheses, 6, #"unbalanced parentheses: ")" has no matching "(" at column 6"#),
        ("x +", .trailingOperator, 3, #"trailing operator "+" at column 3"#),
        ("2*(3^ ", .trailingOperator, 5, #"trailing operator "^" at column 5"#),
        ("-", .trailingOperator, 1, #"trailing operator "-" at column 1"#),
        ("x y", .unexpectedToken, 3, #"unexpected "y" at column 3 (expected an operator; write * to multiply)"#),
        ("2(x)", .unexpectedToken, 2, #"unexpected "(" at column 2 (expected an operator; write * to multiply)"#),
        ("(x, y)", .unexpectedToken, 3, #"unexpected "," at column 3 (expected an operator or ")")"#),
        ("min(x y)", .unexpectedToken, 7, #"unexpected "y" at column 7 (expected an operator, "," or ")"; write * to multiply)"#),
        ("x * / y", .unexpectedToken, 5, #"unexpected "/" at column 5 (expected a number, a name or "(")"#),
        ("x ** 2", .unexpectedToken, 4, #"unexpected "*" at column 4 (use ^ for powers)"#),
        ("()", .unexpectedToken, 2, #"unexpected ")" at column 2 (expected a number, a name or "(")"#),
        ("x # y", .unexpectedToken, 3, ##"unexpected character "#" at column 3"##),
        ("x × y", .unexpectedToken, 3, #"unexpected character "×" at column 3"#),
        ("é + x", .unexpectedToken, 1, #"unexpected character "é" at column 1"#),
        ("min(x)", .wrongArity, 1, "wrong number of arguments: min takes 2, got 1 at column 1"),
        ("1 + sin(x, y)", .wrongArity, 5, "wrong number of arguments: sin takes 1, got 2 at column 5"),
        ("pow()", .wrongArity, 1, "wrong number of arguments: pow takes 2, got 0 at column 1"),
        ("", .emptyExpression, 1, "empty expression at column 1"),
        (" \t\n ", .emptyExpression, 1, "empty expression at column 1"),
        ("1.2.3", .badNumber, 1, #"bad number "1.2.3" at column 1"#),
        ("x + 1e", .badNumber, 5, #"bad number "1e" at column 5"#),
        ("1e+ * x", .badNumber, 1, #"bad number "1e+" at column 1"#),
        ("2 * .", .badNumber, 5, #"bad number "." at column 5"#),
        ("1e999", .badNumber, 1, #"number "1e999" is too large at column 1"#),
    ]

    @Test(arguments: cases)
    func errorKindColumnAndMessage(_ source: String, _ kind: ExpressionError.Kind, _ column: Int, _ description: String) throws {
        let e = try #require(error(source))
        #expect(e.kind == kind)
        #expect(e.column == column)
        #expect(e.description == description)
        #expect(e.source == source)
    }

    @Test func unknownNameListsParametersAndSuggestsThem() throws {
        let e = try #require(error("x + kapa*y", ["kappa": 2, "angle": 0]))
        #expect(e.description == #"unknown name "kapa" at column 5 (did you mean "kappa"? known names: x, y, pi, e, angle, kappa)"#)
    }

    @Test func renderedFormHasACaretUnderTheColumn() throws {
        let e = try #require(error("2 * sine(x)"))
        #expect(e.message == #"unknown function "sine""#)
        #expect(e.rendered == """
            expression: unknown function "sine" at column 5 (did you mean "sin"?)
            2 * sine(x)
                ^
            """)
        let trailing = try #require(error("x +"))
        #expect(trailing.rendered == "expression: trailing operator \"+\" at column 3\nx +\n  ^")
        let empty = try #require(error(""))
        #expect(empty.rendered == "expression: empty expression at column 1\n\n^")
    }

    @Test func renderedKeepsTheCaretAlignedAcrossLineBreaksAndWideInput() throws {
        let e = try #require(error("x +\n\ty + zz"))
        #expect(e.column == 10)
        #expect(e.rendered.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() == ["x +  y + zz", "         ^"])
        // Characters, not bytes: "é" in a comment-like name before the error counts once.
        let u = try #require(error("x + 1 ÷ 2"))
        #expect(u.column == 7)
        #expect(u.rendered.hasSuffix("x + 1 ÷ 2\n      ^"))
    }

    @Test func longExpressionsAreShownAsAWindowAroundTheColumn() throws {
        let source = String(repeating: "x + ", count: 1000) + "zz + " + String(repeating: "y + ", count: 1000) + "1"
        let e = try #require(error(source))
        #expect(e.column == 4001)
        let lines = e.rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].count <= 82)
        #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
        let caret = lines[2].count - 1
        #expect(lines[2].allSatisfy { $0 == " " || $0 == "^" })
        #expect(Array(lines[1])[caret...].starts(with: "zz"))
    }

    @Test func badParameters() throws {
        for (params, message) in [
            (["x": 1.0], #"parameter name "x" is taken by a built-in name (x, y, pi, e and the function names are reserved)"#),
            (["sin": 1.0], #"parameter name "sin" is taken by a built-in name (x, y, pi, e and the function names are reserved)"#),
            (["2k": 1.0], #"parameter name "2k" is not a name (use letters, digits and _, not starting with a digit)"#),
            (["k": Double.nan], "parameter k=nan is not a finite number"),
        ] {
            let e = try #require(error("x", params))
            #expect(e.kind == .invalidParameter)
            #expect(e.column == 0)
            #expect(e.description == message)
            #expect(e.rendered == "expression: " + message)
        }
    }

    @Test func everyKindIsCovered() {
        let tested = Set(Self.cases.map(\.1)).union([.invalidParameter, .tooDeep])
        #expect(tested == Set(ExpressionError.Kind.allCases))
    }
}
