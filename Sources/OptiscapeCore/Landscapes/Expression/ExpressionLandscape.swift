/// A landscape the user types: `--expr "x^2 - 5*y^2"`, with `--param NAME=VALUE` for named
/// parameters. The grammar is documented at the top of `Parser.swift`.
///
/// The expression is parsed and compiled once; value, gradient and Hessian then come from the
/// same compiled program evaluated over `Double`, `Dual2` and `Jet2` (forward-mode automatic
/// differentiation: exact, no finite differences), without heap allocation per evaluation.
/// Outside a function's domain (`log(x)` at x < 0, `sqrt` of a negative) the value is NaN.
public struct ExpressionLandscape: Landscape {
    /// The expression exactly as typed (also the ``formula``).
    public let source: String
    public let parameters: [String: Double]
    public let view: ViewBox
    /// The parsed expression; its `description` is a normalised form.
    public let ast: ExpressionAST
    let program: ExpressionProgram

    /// The view box used when none is given: x, y ∈ [−3, 3].
    public static let defaultView = ViewBox(x: -3...3, y: -3...3)

    /// Parses and compiles `source`. `parameters` are named constants the expression may use
    /// (finite values; names that are identifiers other than x, y, pi, e and the function names).
    public init(source: String, parameters: [String: Double] = [:], view: ViewBox? = nil) throws(ExpressionError) {
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) where !value.isFinite {
            throw ExpressionError(.invalidParameter, "parameter \(name)=\(value) is not a finite number",
                                  column: 0, source: source)
        }
        let ast = try ExpressionAST.parse(source, parameters: parameters.keys)
        self.source = source
        self.parameters = parameters
        self.view = view ?? Self.defaultView
        self.ast = ast
        self.program = ExpressionCompiler.compile(ast, parameters: parameters)
    }

    public var name: String { "expr" }

    /// The parameter names the expression refers to.
    public var usedParameters: Set<String> {
        var used = Set<String>()
        for case let .parameter(name) in ast.nodes { used.insert(name) }
        return used
    }
    public var formula: String { source }

    public func value(at p: Vec2) -> Double {
        program.evaluate(p.x, p.y)
    }

    public func valueAndGradient(at p: Vec2) -> (value: Double, gradient: Vec2) {
        let (x, y) = Dual2.variables(p)
        let r = program.evaluate(x, y)
        return (r.value, r.gradient)
    }

    public func jet(at p: Vec2) -> Jet2 {
        let (x, y) = Jet2.variables(p)
        return program.evaluate(x, y)
    }
}
