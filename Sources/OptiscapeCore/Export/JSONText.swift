/// Minimal JSON text building with exact number formatting (shortest round-trip doubles),
/// which `JSONSerialization` does not promise.
public enum JSONText {
    /// A JSON string literal. Control characters (C0, DEL and C1) are escaped as `\uXXXX`, so the
    /// text is also safe to print on one terminal line.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7f || (0x80..<0xa0).contains(u.value):
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A finite double in shortest round-trip form; non-finite values become `null`.
    public static func number(_ d: Double) -> String { d.isFinite ? d.description : "null" }

    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
