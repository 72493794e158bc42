/// Parses an expression into an ``ExpressionAST`` by recursive descent.
///
/// # Expression grammar
///
/// ```
/// expression  = term { ("+" | "-") term }                    left-associative
/// term        = unary { ("*" | "/") unary }                  left-associative
/// unary       = ("-" | "+") unary | power
/// power       = primary [ "^" unary ]                        right-associative
/// primary     = number | name | function "(" arguments ")" | "(" expression ")"
/// arguments   = expression { "," expression }
/// number      = digits [ "." [digits] ] [ exponent ] | "." digits [ exponent ]
/// exponent    = ("e" | "E") [ "+" | "-" ] digits
/// name        = x | y | pi | e | a parameter name
/// function    = sin | cos | tan | exp | log | sqrt | tanh | sigmoid | softplus | abs   (one argument)
///             | min | max | pow                                                      (two arguments)
/// ```
///
/// - Precedence, loosest first: `+ -`, then `* /`, then unary `-`/`+`, then `^`. So `-x^2` is
///   −(x²), `2^-1` is ½, `2^3^2` is 2⁹ = 512, `8/2/2` is 2, `2*3+4` is 10.
/// - Numbers: `3`, `0.25`, `.5`, `2.`, `1e-3`, `6.02E23`. There is no implicit multiplication:
///   write `2*x`, not `2x`.
/// - `x` and `y` are the coordinates; `pi` and `e` the constants; parameters are the names given
///   with `--param NAME=VALUE` (letters, digits and `_`, not starting with a digit, not one of the
///   names above or a function name). Names are case-sensitive.
/// - `pow(a, b)` is `a^b`. A constant exponent (`x^3`, `x^-0.5`, `x^(2*k)`) works for negative
///   bases when it is a whole number; a varying exponent (`x^y`) is `exp(y·log x)`, defined for
///   x > 0. Outside a function's domain (`log` or `sqrt` of a negative number, …) the value is
///   NaN, which the views show as undefined; nothing traps.
/// - At points where a function has no derivative, a subgradient is used: `abs` has slope 0 at 0,
///   and `min`/`max` follow their first argument on a tie.
/// - Spaces, tabs and line breaks between tokens are ignored. Parentheses, unary minus and `^` may
///   nest at most ``ExpressionAST/maximumDepth`` (256) levels deep.
struct Parser {
    private var lexer: Lexer
    private var token: Token
    /// The last token consumed, for messages that point back (`trailing operator "+"`).
    private var previous: Token?
    private var nodes: [ExpressionAST.Node] = []
    private var depth = 0
    /// The `(` tokens not yet closed, innermost last.
    private var openParens: [Token] = []
    private let parameters: Set<String>

    init(_ source: String, parameters: some Sequence<String>) throws(ExpressionError) {
        let names = Set(parameters)
        for name in names.sorted() {
            let bytes = Array(name.utf8)
            guard let first = bytes.first, Lexer.isIdentifierStart(first), bytes.allSatisfy(Lexer.isIdentifierContinue) else {
                throw ExpressionError(.invalidParameter, "parameter name \"\(name)\" is not a name",
                                      note: "use letters, digits and _, not starting with a digit", column: 0, source: source)
            }
            guard !ExpressionAST.reservedNames.contains(name) else {
                throw ExpressionError(.invalidParameter, "parameter name \"\(name)\" is taken by a built-in name",
                                      note: "x, y, pi, e and the function names are reserved", column: 0, source: source)
            }
        }
        self.parameters = names
        lexer = Lexer(source)
        token = Token(kind: .end, start: 0, end: 0)
        token = try lexer.next()
    }

    mutating func parse() throws(ExpressionError) -> ExpressionAST {
        if token.kind == .end {
            throw lexer.error(.emptyExpression, "empty expression", atByte: 0)
        }
        try expression()
        switch token.kind {
        case .end: break
        case .rightParen: throw noMatchingOpen(token)
        default: throw unexpectedAfterOperand(note: "expected an operator")
        }
        return ExpressionAST(nodes: nodes)
    }

    // MARK: - Grammar rules

    private mutating func expression() throws(ExpressionError) {
        try term()
        while true {
            let node: ExpressionAST.Node
            switch token.kind {
            case .plus: node = .add
            case .minus: node = .subtract
            default: return
            }
            try advance()
            try term()
            nodes.append(node)
        }
    }

    private mutating func term() throws(ExpressionError) {
        try unary()
        while true {
            let node: ExpressionAST.Node
            switch token.kind {
            case .star: node = .multiply
            case .slash: node = .divide
            default: return
            }
            try advance()
            try unary()
            nodes.append(node)
        }
    }

    private mutating func unary() throws(ExpressionError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ExpressionAST.maximumDepth else {
            throw lexer.error(.tooDeep, "expression nested too deeply",
                              note: "at most \(ExpressionAST.maximumDepth) levels of parentheses, signs and powers",
                              atByte: token.start)
        }
        switch token.kind {
        case .minus:
            try advance()
            try unary()
            nodes.append(.negate)
        case .plus:
            try advance()
            try unary()
        default:
            try power()
        }
    }

    private mutating func power() throws(ExpressionError) {
        try primary()
        if token.kind == .caret {
            try advance()
            try unary()
            nodes.append(.power)
        }
    }

    private mutating func primary() throws(ExpressionError) {
        let t = token
        switch t.kind {
        case .number(let v):
            try advance()
            nodes.append(.number(v))
        case .identifier:
            let name = lexer.text(t)
            try advance()
            if token.kind == .leftParen {
                try call(name, at: t)
            } else {
                try self.name(name, at: t)
            }
        case .leftParen:
            openParens.append(t)
            try advance()
            try expression()
            try close(t, note: "expected an operator or \")\"")
        case .end:
            throw endWhereValueExpected()
        case .plus, .minus, .star, .slash, .caret, .rightParen, .comma:
            let note = t.kind == .star && previous?.kind == .star && previous?.end == t.start
                ? "use ^ for powers" : "expected a number, a name or \"(\""
            throw lexer.error(.unexpectedToken, "unexpected \"\(lexer.text(t))\"", note: note, atByte: t.start)
        }
    }

    private mutating func call(_ name: String, at nameToken: Token) throws(ExpressionError) {
        guard let function = ExpressionFunction(rawValue: name) else {
            if isValueName(name) {
                throw lexer.error(.unknownFunction, "\"\(name)\" is not a function",
                                  note: "write * to multiply: \(name)*(…)", atByte: nameToken.start)
            }
            throw lexer.error(.unknownFunction, "unknown function \"\(name)\"",
                              note: Parser.suggestion(for: name, among: ExpressionFunction.names, known: "known functions", alwaysList: false),
                              atByte: nameToken.start)
        }
        let open = token
        openParens.append(open)
        try advance()
        var count = 0
        if token.kind != .rightParen {
            try expression()
            count = 1
            while token.kind == .comma {
                try advance()
                try expression()
                count += 1
            }
        }
        try close(open, note: function.arity > 1 ? "expected an operator, \",\" or \")\"" : "expected an operator or \")\"")
        guard count == function.arity else {
            throw lexer.error(.wrongArity, "wrong number of arguments: \(name) takes \(function.arity), got \(count)",
                              atByte: nameToken.start)
        }
        nodes.append(.call(function))
    }

    private mutating func name(_ name: String, at t: Token) throws(ExpressionError) {
        switch name {
        case "x": nodes.append(.x)
        case "y": nodes.append(.y)
        case "pi": nodes.append(.pi)
        case "e": nodes.append(.e)
        default:
            if parameters.contains(name) {
                nodes.append(.parameter(name))
            } else if ExpressionFunction(rawValue: name) != nil {
                throw lexer.error(.wrongArity, "function \"\(name)\" needs its argument in parentheses",
                                  note: "e.g. \(name)(\(ExpressionFunction(rawValue: name)!.arity == 1 ? "x" : "x, y"))",
                                  atByte: t.start)
            } else {
                let known = ["x", "y", "pi", "e"] + parameters.sorted()
                throw lexer.error(.unknownName, "unknown name \"\(name)\"",
                                  note: Parser.suggestion(for: name, among: known, known: "known names", alwaysList: true),
                                  atByte: t.start)
            }
        }
    }

    // MARK: - Helpers

    /// `did you mean "sin"?` when a candidate is a plausible typo: ``Suggest/closest(to:in:)``, and
    /// at most half the name changed (so `z` does not suggest `x`, nor `foo` `cos`), and the list of what is known: always when `alwaysList`,
    /// otherwise only without a suggestion.
    static func suggestion(for name: String, among candidates: [String], known label: String, alwaysList: Bool) -> String {
        let list = label + ": " + candidates.joined(separator: ", ")
        if let s = Suggest.closest(to: name, in: candidates), 2 * Suggest.distance(name.lowercased(), s.lowercased()) <= name.count {
            return "did you mean \"\(s)\"?" + (alwaysList ? " " + list : "")
        }
        return list
    }

    private mutating func advance() throws(ExpressionError) {
        previous = token
        token = try lexer.next()
    }

    private func isValueName(_ name: String) -> Bool {
        name == "x" || name == "y" || name == "pi" || name == "e" || parameters.contains(name)
    }

    /// Consumes the `)` matching `open`.
    private mutating func close(_ open: Token, note: String) throws(ExpressionError) {
        switch token.kind {
        case .rightParen:
            openParens.removeLast()
            try advance()
        case .end:
            throw neverClosed(open)
        default:
            throw unexpectedAfterOperand(note: note)
        }
    }

    /// The input ended where an operand was expected.
    private func endWhereValueExpected() -> ExpressionError {
        guard let p = previous else {
            return lexer.error(.emptyExpression, "empty expression", atByte: 0)
        }
        if p.isOperator {
            return lexer.error(.trailingOperator, "trailing operator \"\(lexer.text(p))\"", atByte: p.start)
        }
        // After "(" or ",": the innermost parenthesis is still open.
        return neverClosed(openParens.last ?? p)
    }

    private func neverClosed(_ open: Token) -> ExpressionError {
        lexer.error(.unbalancedParentheses, "unbalanced parentheses: \"(\" is never closed", atByte: open.start)
    }

    private func noMatchingOpen(_ close: Token) -> ExpressionError {
        lexer.error(.unbalancedParentheses, "unbalanced parentheses: \")\" has no matching \"(\"", atByte: close.start)
    }

    /// A token that cannot follow a complete operand.
    private func unexpectedAfterOperand(note: String) -> ExpressionError {
        var note = note
        switch token.kind {
        case .number, .identifier, .leftParen:
            if previous?.endsOperand == true { note += "; write * to multiply" }
        default: break
        }
        return lexer.error(.unexpectedToken, "unexpected \"\(lexer.text(token))\"", note: note, atByte: token.start)
    }
}
