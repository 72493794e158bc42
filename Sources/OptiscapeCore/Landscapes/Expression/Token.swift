/// One lexical unit of an expression, with its place in the UTF-8 bytes of the source.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        /// A name: letters, digits and `_`, not starting with a digit. The text is `bytes[start..<end]`.
        case identifier
        case plus, minus, star, slash, caret
        case leftParen, rightParen, comma
        case end
    }

    var kind: Kind
    /// Byte offsets of the token in the source's UTF-8.
    var start: Int
    var end: Int

    /// Whether an operand must follow this token (a binary or unary operator).
    var isOperator: Bool {
        switch kind {
        case .plus, .minus, .star, .slash, .caret: return true
        default: return false
        }
    }

    /// Whether this token can end an operand (so that an operator may follow it).
    var endsOperand: Bool {
        switch kind {
        case .number, .identifier, .rightParen: return true
        default: return false
        }
    }
}
