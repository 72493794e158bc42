/// A user error in a landscape expression (`--expr`), with the position it was found at.
///
/// `description` is one line (`unknown function "sine" at column 5 (did you mean "sin"?)`);
/// ``rendered`` adds the expression and a caret under the column, for the terminal.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, for tests and for callers that react differently per kind.
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case emptyExpression
        case badNumber
        /// A character or token that cannot stand where it is.
        case unexpectedToken
        case trailingOperator
        case unbalancedParentheses
        case unknownName
        case unknownFunction
        /// A function called with the wrong number of arguments, or named without any.
        case wrongArity
        /// Nesting deeper than ``ExpressionAST/maximumDepth``.
        case tooDeep
        /// A parameter name that is not an identifier or shadows a built-in name, or a non-finite value.
        case invalidParameter
    }

    public var kind: Kind
    /// The problem, without position: `unknown function "sine"`.
    public var message: String
    /// Help after the message, e.g. `did you mean "sin"?`, or nil.
    public var note: String?
    /// 1-based column (in characters) of the offending text; 0 when the error has no position
    /// in the expression (e.g. a bad parameter name).
    public var column: Int
    /// The expression as typed.
    public var source: String

    public init(_ kind: Kind, _ message: String, note: String? = nil, column: Int, source: String) {
        self.kind = kind; self.message = message; self.note = note; self.column = column; self.source = source
    }

    /// One line: message, position and note.
    public var description: String {
        var s = message
        if column > 0 { s += " at column \(column)" }
        if let note { s += " (\(note))" }
        return s
    }

    /// The three-line form for a terminal:
    ///
    /// ```
    /// expression: unknown function "sine" at column 5 (did you mean "sin"?)
    /// 2 * sine(x)
    ///     ^
    /// ```
    ///
    /// Long expressions are shown as a window of about 80 characters around the column, with `…`
    /// where text was cut; line breaks and tabs are shown as spaces so the caret stays aligned.
    /// Without a position (column 0) only the first line is given.
    public var rendered: String {
        let head = "expression: " + description
        guard column > 0 else { return head }
        let chars = Array(source).map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let index = Swift.min(column - 1, chars.count) // the end of the expression is one past the last char
        let width = 80
        var start = 0, end = chars.count
        if chars.count > width {
            start = Swift.max(0, Swift.min(index - width / 2, chars.count - width))
            end = Swift.min(chars.count, start + width)
        }
        var echo = start > 0 ? "…" : ""
        echo += String(chars[start..<end])
        if end < chars.count { echo += "…" }
        let caretOffset = index - start + (start > 0 ? 1 : 0)
        return head + "\n" + echo + "\n" + String(repeating: " ", count: caretOffset) + "^"
    }
}
