import Testing
import Foundation
@testable import OptiscapeCore

/// Value of an expression at a point.
func evaluate(_ source: String, x: Double = 0, y: Double = 0, _ parameters: [String: Double] = [:]) throws -> Double {
    try ExpressionLandscape(source: source, parameters: parameters).value(at: Vec2(x, y))
}

@Suite struct ExpressionParsingTests {
    /// (expression, value, fully parenthesised form)
    static let precedence: [(String, Double, String)] = [
        ("2^3^2", 512, "2^(3^2)"),
        ("-2^2", -4, "-(2^2)"),
        ("2*3+4", 10, "(2*3) + 4"),
        ("2+3*4", 14, "2 + (3*4)"),
        ("(2+3)*4", 20, "(2 + 3)*4"),
        ("8/2/2", 2, "(8/2)/2"),
        ("8/(2/2)", 8, "8/(2/2)"),
        ("2-3-4", -5, "(2 - 3) - 4"),
        ("2-(3-4)", 3, "2 - (3 - 4)"),
        ("2^-1", 0.5, "2^(-1)"),
        ("2^-2^2", 0.0625, "2^(-(2^2))"),
        ("(2^3)^2", 64, "(2^3)^2"),
        ("(-2)^2", 4, "(-2)^2"),
        ("--2", 2, "-(-2)"),
        ("+2", 2, "2"),
        ("-+-2", 2, "-(-2)"),
        ("2*-3", -6, "2*(-3)"),
        ("2 - -3", 5, "2 - (-3)"),
        ("-2*3", -6, "(-2)*3"),
        ("-(2*3)", -6, "-(2*3)"),
        ("2^3*2", 16, "(2^3)*2"),
        ("2*3^2", 18, "2*(3^2)"),
        ("6/2*3", 9, "(6/2)*3"),
        ("1 - 2 + 3", 2, "(1 - 2) + 3"),
        ("min(2, 3) + max(2, 3)*pow(2, 3)", 26, "min(2, 3) + (max(2, 3)*pow(2, 3))"),
    ]

    @Test(arguments: precedence)
    func precedenceAndAssociativity(_ source: String, _ expected: Double, _ full: String) throws {
        #expect(try evaluate(source) == expected)
        let ast = try ExpressionAST.parse(source)
        #expect(ast.fullyParenthesized == full)
        #expect(try ExpressionAST.parse(full) == ast)
        #expect(try ExpressionAST.parse(ast.description) == ast)
    }

    @Test func unaryMinusBindsLooserThanPower() throws {
        #expect(try evaluate("-x^2", x: 3) == -9)
        #expect(try evaluate("x^2 - 5*y^2", x: 1, y: 2) == -19)
        #expect(try ExpressionAST.parse("-x^2").nodes == [.x, .number(2), .power, .negate])
    }

    @Test(arguments: [
        ("1e-3", 0.001), (".5", 0.5), ("2.", 2.0), ("1E+2", 100.0), ("1.5e2", 150.0), ("0.25", 0.25),
        ("007", 7.0), ("1.e1", 10.0), ("2.5E-1", 0.25), ("123456789012", 123456789012.0), ("5e-324", Double.leastNonzeroMagnitude),
    ])
    func numberForms(_ source: String, _ value: Double) throws {
        #expect(try ExpressionAST.parse(source).nodes == [.number(value)])
        #expect(try evaluate(source) == value)
    }

    @Test func constants() throws {
        #expect(try evaluate("pi") == Double.pi)
        #expect(try evaluate("e") == M_E)
        #expect(try evaluate("e") == Foundation.exp(1.0))
        #expect(try evaluate("2*pi") == 2 * Double.pi)
        #expect(try evaluate("log(e)") == 1)
    }

    @Test func parameters() throws {
        #expect(try evaluate("k*x^2", x: 2, ["k": 3]) == 12)
        #expect(try evaluate("k_1 + K2*y", y: 2, ["k_1": 1, "K2": 10]) == 21)
        let l = try ExpressionLandscape(source: "a*x^2 - y^2", parameters: ["a": 0.5])
        #expect(l.parameters == ["a": 0.5])
        #expect(l.name == "expr")
        #expect(l.formula == "a*x^2 - y^2")
        #expect(l.criticalPoints.isEmpty)
        #expect(l.view == ViewBox(x: -3...3, y: -3...3))
        let box = ViewBox(x: -1...2, y: 0...5)
        #expect(try ExpressionLandscape(source: "x", view: box).view == box)
    }

    @Test func formulaIsTheSourceExactlyAsTyped() throws {
        let source = "  (1-x)^2 +100*( y - x^2 )^2 "
        #expect(try ExpressionLandscape(source: source).formula == source)
    }

    @Test func constantSubtreesFoldAtCompileTime() throws {
        let l = try ExpressionLandscape(source: "2*pi*k + sin(pi/2)^2", parameters: ["k": 3])
        #expect(l.program.code.isEmpty)
        #expect(l.value(at: Vec2(5, 7)) == 2 * Double.pi * 3 + 1)
        #expect(l.jet(at: Vec2(5, 7)) == Jet2(2 * Double.pi * 3 + 1))
        // (x - c1)·c2 with c1, c2 folded: one instruction, the product a post step of the difference.
        let m = try ExpressionLandscape(source: "(x - 2*k)*(k^2 + 1)", parameters: ["k": 3])
        #expect(m.program.code == [.init(op: .loadSubtractConstant, post: .scale, a: 0, constant: 6, postConstant: 10)])
        #expect(m.value(at: Vec2(1, 0)) == -50)
    }

    @Test func rosenbrockCompilesToTwoDispatchesWithOneSpill() throws {
        let l = try ExpressionLandscape(source: "(1-x)^2 + 100*(y-x^2)^2")
        typealias I = ExpressionProgram.Instruction
        #expect(l.program.code == [
            // (1 - x)^2, set aside in r2
            I(op: .loadReverseSubtractConstant, post: [.square, .store], a: 0, d: 2, constant: 1),
            // x^2, y - …, (…)^2, 100*…, + r2
            I(op: .loadSquare, post: [.reverseSubtract, .square, .scale, .addSecond], b: 1, a: 0, d: 2, postConstant: 100),
        ])
        #expect(l.program.registerCount == 3)
        #expect(l.program.result == .accumulator)
        let unfused = ExpressionCompiler.compile(l.ast, parameters: [:], fuse: false)
        #expect(unfused.code.map(\.op) == [
            .load, .reverseSubtractConstant, .square, .store, .load, .square, .reverseSubtract, .square,
            .multiplyConstant, .add,
        ])
        #expect(ExpressionCompiler.fuseLoads(unfused.code).map(\.op) == [
            .loadReverseSubtractConstant, .square, .store, .loadSquare, .reverseSubtract, .square,
            .multiplyConstant, .add,
        ])
    }

    @Test func himmelblauCompilesToTwoDispatches() throws {
        let l = try ExpressionLandscape(source: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
        #expect(l.program.code.map(\.op) == [.loadSquare, .loadSquare])
        #expect(l.program.code.map(\.post) == [[.add, .addConstant, .square, .store], [.add, .addConstant, .square, .addSecond]])
        // x − 11 as x + (−11): the same IEEE operation.
        #expect(l.program.code.map(\.postConstant) == [-11, -7])
        #expect(l.value(at: Vec2(3, 2)) == 0)
    }

    @Test func polynomialTermsTakeOneInstructionEach() throws {
        // 19 - 14*x + 3*x^2 - 14*y + 6*x*y: `19 - 14*x` is one instruction, and each term after
        // it is computed inside the instruction that adds or subtracts it, in the expression's
        // order ((6·x)·y), no spill.
        let l = try ExpressionLandscape(source: "19 - 14*x + 3*x^2 - 14*y + 6*x*y")
        typealias I = ExpressionProgram.Instruction
        #expect(l.program.code == [
            I(op: .constantMinusScaled, a: 0, constant: 14, postConstant: 19),
            I(op: .addProductScaled, b: 0, a: 0, constant: 3),
            I(op: .subtractScaled, a: 1, constant: 14),
            I(op: .addScaledProduct, b: 1, a: 0, constant: 6),
        ])
        #expect(l.program.registerCount == 2)
        // Goldstein–Price: 15 dispatches (63 unfused).
        let gp = try ExpressionLandscape(source: "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
                                             + " * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))")
        #expect(gp.program.code.count == 15)
        #expect(ExpressionCompiler.compile(gp.ast, parameters: [:], fuse: false).code.count == 63)
        #expect(gp.value(at: Vec2(0, -1)) == 3)
    }

    @Test func printedForms() throws {
        let cases = [
            ("-x^2 + 3*(y - 1)", "-x^2 + 3*(y - 1)"),
            ("((x))", "x"),
            ("x*(y*x)", "x*(y*x)"),
            ("(x*y)*x", "x*y*x"),
            ("sin( x )+cos(y)^2", "sin(x) + cos(y)^2"),
            ("2^(x^y)", "2^x^y"),
            ("(-x)^(-y)", "(-x)^-y"),
            ("1e-5*k", "1e-05*k"),
            ("1e20+2.50", "1e+20 + 2.5"),
            ("min(x, -y)", "min(x, -y)"),
        ]
        for (source, printed) in cases {
            let ast = try ExpressionAST.parse(source, parameters: ["k"])
            #expect(ast.description == printed, "\(source)")
            #expect(try ExpressionAST.parse(printed, parameters: ["k"]) == ast)
        }
    }

    @Test func subgradientsMatchTheLibrary() throws {
        let abs = try ExpressionLandscape(source: "abs(x)")
        #expect(abs.gradient(at: .zero) == .zero)
        #expect(abs.gradient(at: Vec2(-2, 0)) == Vec2(-1, 0))
        // min/max follow the first argument on a tie.
        #expect(try ExpressionLandscape(source: "min(x, y)").gradient(at: Vec2(1, 1)) == Vec2(1, 0))
        #expect(try ExpressionLandscape(source: "min(y, x)").gradient(at: Vec2(1, 1)) == Vec2(0, 1))
        #expect(try ExpressionLandscape(source: "max(x, y)").gradient(at: Vec2(1, 1)) == Vec2(1, 0))
        #expect(try ExpressionLandscape(source: "max(y, x)").gradient(at: Vec2(2, 1)) == Vec2(1, 0))
        // A constant operand is materialised but keeps its place.
        #expect(try ExpressionLandscape(source: "min(1, x)").gradient(at: Vec2(1, 0)) == .zero)
        #expect(try ExpressionLandscape(source: "max(x, 1)").gradient(at: Vec2(1, 0)) == Vec2(1, 0))
    }

    @Test func powers() throws {
        let cube = try ExpressionLandscape(source: "x^3")
        #expect(cube.value(at: Vec2(-2, 0)) == -8)
        #expect(cube.gradient(at: Vec2(-2, 0)) == Vec2(12, 0))
        #expect(cube.hessian(at: Vec2(-2, 0)).a == -12)
        #expect(try evaluate("x^-1", x: -2) == -0.5)
        #expect(try evaluate("pow(x, 2*k)", x: -2, ["k": 1.5]) == -8)
        // x^2 is exactly x·x, for every scalar type.
        let square = try ExpressionLandscape(source: "x^2")
        let p = Vec2(0.1, 0.3)
        #expect(square.value(at: p) == p.x * p.x)
        #expect(square.jet(at: p) == Jet2.variables(p).0 * Jet2.variables(p).0)
        #expect(try evaluate("x^0", x: .nan) == 1)
        #expect(try evaluate("x^1", x: -3) == -3)
        // Varying exponents: exp(y·log x).
        let general = try ExpressionLandscape(source: "x^y")
        let j = general.jet(at: Vec2(2, 3))
        #expect(Swift.abs(j.value - 8) < 1e-14)
        #expect(Swift.abs(j.gx - 12) < 1e-13)                      // y x^(y−1)
        #expect(Swift.abs(j.gy - 8 * M_LN2) < 1e-13)               // x^y log x
        #expect(Swift.abs(j.hxy - (4 + 12 * M_LN2)) < 1e-12)       // x^(y−1) (1 + y log x)
        #expect(Swift.abs(try evaluate("2^x", x: 0.5) - 2.0.squareRoot()) < 1e-15)
        #expect(try evaluate("x^y", x: -2, y: 2).isNaN)              // varying exponent: x > 0 only
    }

    @Test func domainErrorsGiveNaNWithoutTrapping() throws {
        for source in ["log(x)", "sqrt(x)", "log(x) + y", "x^0.5", "sqrt(-1) + x"] {
            let l = try ExpressionLandscape(source: source)
            let p = Vec2(-1, 0)
            #expect(l.value(at: p).isNaN, "\(source)")
            #expect(l.valueAndGradient(at: p).value.isNaN, "\(source)")
            #expect(l.jet(at: p).value.isNaN, "\(source)")
        }
        #expect(try evaluate("sqrt(-1)").isNaN)
        #expect(try evaluate("log(x)", x: 0) == -.infinity)
        #expect(try evaluate("1/x", x: 0) == .infinity)
        #expect(try evaluate("x/y").isNaN)
    }

    @Test func wholeExpressionConstantOrVariable() throws {
        #expect(try ExpressionLandscape(source: "3").jet(at: Vec2(1, 2)) == Jet2(3))
        #expect(try ExpressionLandscape(source: "y").valueAndGradient(at: Vec2(1, 2)).gradient == Vec2(0, 1))
        #expect(try ExpressionLandscape(source: "x").jet(at: Vec2(1, 2)) == Jet2.variables(Vec2(1, 2)).0)
    }

    @Test func whitespaceAndLineBreaksAreIgnored() throws {
        #expect(try evaluate(" \t(1 -\n x)^2\r\n + y ", x: 3, y: 1) == 5)
    }

    @Test func everyFunctionEvaluates() throws {
        let p = Vec2(0.3, 0.7)
        let cases: [(String, Double)] = [
            ("sin(x)", Foundation.sin(0.3)), ("cos(x)", Foundation.cos(0.3)), ("tan(x)", Foundation.tan(0.3)),
            ("exp(x)", Foundation.exp(0.3)), ("log(x)", Foundation.log(0.3)), ("sqrt(x)", 0.3.squareRoot()),
            ("tanh(x)", Foundation.tanh(0.3)), ("sigmoid(x)", 1 / (1 + Foundation.exp(-0.3))),
            ("softplus(x)", Foundation.log1p(Foundation.exp(0.3))), ("abs(-x)", 0.3),
            ("min(x, y)", 0.3), ("max(x, y)", 0.7), ("pow(y, 3)", Foundation.pow(0.7, 3)),
        ]
        #expect(Set(cases.map { String($0.0.prefix { $0 != "(" }) }) == Set(ExpressionFunction.names))
        for (source, expected) in cases {
            let v = try ExpressionLandscape(source: source).value(at: p)
            #expect(Swift.abs(v - expected) <= 1e-15 * Swift.max(1, Swift.abs(expected)), "\(source)")
        }
    }
}
