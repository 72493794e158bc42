/// Splits an expression into ``Token``s, one at a time, over the source's UTF-8 bytes.
///
/// Numbers: `12`, `1.5`, `.5`, `2.`, `1e-3`, `2.5E+4`. An exponent marker must be followed by
/// digits (`1e` is a bad number, not `1·e`); a second `.` (`1.2.3`) is a bad number; values that
/// overflow to infinity (`1e999`) are errors. Names: ASCII letters, digits and `_`, not starting
/// with a digit. Whitespace (space, tab, line breaks) separates tokens and is otherwise ignored.
struct Lexer {
    let source: String
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
    }

    /// The source text of a token.
    func text(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The 1-based column, in characters, of a byte offset.
    func column(ofByte offset: Int) -> Int {
        let index = source.utf8.index(source.startIndex, offsetBy: Swift.min(offset, bytes.count))
        return source[..<index].count + 1
    }

    func error(_ kind: ExpressionError.Kind, _ message: String, note: String? = nil, atByte offset: Int) -> ExpressionError {
        ExpressionError(kind, message, note: note, column: column(ofByte: offset), source: source)
    }

    mutating func next() throws(ExpressionError) -> Token {
        while position < bytes.count, Lexer.isSpace(bytes[position]) { position += 1 }
        let start = position
        guard position < bytes.count else { return Token(kind: .end, start: start, end: start) }
        let c = bytes[position]
        if Lexer.isDigit(c) || c == UInt8(ascii: ".") { return try number() }
        if Lexer.isIdentifierStart(c) {
            position += 1
            while position < bytes.count, Lexer.isIdentifierContinue(bytes[position]) { position += 1 }
            return Token(kind: .identifier, start: start, end: position)
        }
        let kind: Token.Kind
        switch c {
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: ","): kind = .comma
        default:
            // Report the whole (possibly multi-byte) character.
            var end = position + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let char = String(decoding: bytes[position..<end], as: UTF8.self)
            throw error(.unexpectedToken, "unexpected character \"\(char)\"", atByte: start)
        }
        position += 1
        return Token(kind: kind, start: start, end: position)
    }

    private mutating func number() throws(ExpressionError) -> Token {
        let start = position
        var digits = skipDigits()
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            digits += skipDigits()
        }
        var bad = digits == 0
        if !bad, position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            if skipDigits() == 0 { bad = true }
        }
        // `1.2.3`, `1e5.2`: swallow the rest of the malformed literal so the message shows it whole.
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            bad = true
            while position < bytes.count, Lexer.isDigit(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
                position += 1
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !bad, let value = Double(text) else {
            throw error(.badNumber, "bad number \"\(text)\"", atByte: start)
        }
        guard value.isFinite else {
            throw error(.badNumber, "number \"\(text)\" is too large", atByte: start)
        }
        return Token(kind: .number(value), start: start, end: position)
    }

    private mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
        return position - start
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
    }
    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
    }
    static func isIdentifierContinue(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
