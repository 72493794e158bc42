/// A parsed expression: its nodes in post-order (every node after its operands), the order a
/// stack machine evaluates them in.
///
/// The flat form keeps every walk over the tree (compiling, printing, comparing, freeing)
/// iterative, so a megabyte-long `x + x + … + x` needs no deep recursion; nesting that *does*
/// recurse in the parser (parentheses, unary minus, `^`) is limited to ``maximumDepth``.
/// Parentheses and unary plus leave no node: `(x)` and `+x` parse to the same tree as `x`.
/// Two expressions are equal when their trees are.
public struct ExpressionAST: Hashable, Sendable {
    /// One node of the tree.
    public enum Node: Hashable, Sendable {
        /// A literal, always ≥ 0 (a leading `-` is ``negate``).
        case number(Double)
        case x, y
        /// The constants `pi` and `e`.
        case pi, e
        /// A named parameter, resolved to its value when compiled.
        case parameter(String)
        /// Unary minus (one operand).
        case negate
        /// Binary operators (two operands).
        case add, subtract, multiply, divide, power
        /// A function call with ``ExpressionFunction/arity`` operands.
        case call(ExpressionFunction)

        /// How many operands precede this node in post-order.
        public var arity: Int {
            switch self {
            case .number, .x, .y, .pi, .e, .parameter: return 0
            case .negate: return 1
            case .add, .subtract, .multiply, .divide, .power: return 2
            case .call(let f): return f.arity
            }
        }
    }

    /// The deepest nesting of parentheses, unary signs and exponents the parser accepts.
    public static let maximumDepth = 256

    /// Names with a fixed meaning, which parameters may not take.
    public static let reservedNames: Set<String> = Set(["x", "y", "pi", "e"] + ExpressionFunction.names)

    /// The nodes in post-order; the last one is the root.
    public let nodes: [Node]

    /// Builds a tree from post-order nodes; they must form exactly one well-formed tree.
    init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// Parses `source`; `parameters` are the names (besides `x`, `y`, `pi`, `e`) it may use.
    public static func parse(_ source: String, parameters: some Sequence<String> = [String]()) throws(ExpressionError) -> ExpressionAST {
        var parser = try Parser(source, parameters: parameters)
        return try parser.parse()
    }

    /// The values of `pi` and `e`.
    static let piValue = Double.pi
    static let eValue = 2.718281828459045
}
