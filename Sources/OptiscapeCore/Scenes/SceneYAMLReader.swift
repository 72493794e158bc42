import Foundation
import Yams

/// Typed, located reads from a composed YAML tree (Yams' `Node`), for ``SceneFile``.
///
/// Every read names the field it reads (`runners[1].lr`) and throws a ``SceneFileError`` at the
/// node's line and column when the value has the wrong shape. Scalars are read from their
/// source text, not through YAML's implicit typing: a number is a plain (unquoted) scalar that
/// Swift reads as a finite `Double`; a quoted `"0.1"` is text, and saying so beats guessing.
struct SceneYAMLReader {
    let file: String

    // MARK: Errors

    func location(_ node: Node?) -> SceneFileLocation {
        guard let m = node?.mark else { return SceneFileLocation(line: 1, column: 1) }
        return SceneFileLocation(line: m.line, column: m.column)
    }

    func error(_ node: Node?, _ field: String?, _ message: String) -> SceneFileError {
        SceneFileError(file: file, location: location(node), field: field, message: message)
    }

    /// "a mapping", "a list", "the number 3", "the text \"abc\"" — what was found, for messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(s):
            if isNull(s) { return "nothing" }
            let text = s.string.count > 40 ? String(s.string.prefix(37)) + "…" : s.string
            if s.style == .plain, Double(s.string) != nil { return "the number \(text)" }
            if s.style == .plain, ["true", "false"].contains(s.string.lowercased()) { return s.string.lowercased() }
            return "the text \(quoted(text))"
        }
    }

    func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A string in double quotes with control characters escaped (so junk prints as one line).
    func quoted(_ s: String) -> String { JSONText.string(s) }

    // MARK: Scalars

    /// Non-empty text from any scalar (`section: 8.2` reads as "8.2", as written).
    func text(_ node: Node, _ field: String) throws -> String {
        guard case let .scalar(s) = node, !isNull(s) else {
            throw error(node, field, "expected text, got \(describe(node))")
        }
        return s.string
    }

    /// One line of text (a title, a label): no control characters, at most `maxLength`
    /// characters, so it fits a title bar or a legend.
    func line(_ node: Node, _ field: String, maxLength: Int) throws -> String {
        let t = try text(node, field)
        if t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value) }) {
            throw error(node, field, "must be one line of text without control characters, got \(quoted(String(t.prefix(40))))")
        }
        guard t.count <= maxLength else { throw error(node, field, "is \(t.count) characters long; at most \(maxLength)") }
        return t
    }

    /// A finite number written as a plain scalar.
    func number(_ node: Node, _ field: String) throws -> Double {
        guard case let .scalar(s) = node, !isNull(s) else {
            throw error(node, field, "expected a number, got \(describe(node))")
        }
        guard s.style == .plain else {
            throw error(node, field, "expected a number, got the text \(quoted(s.string)) (write numbers without quotes)")
        }
        let t = s.string
        let lower = t.lowercased()
        if lower.contains("nan") || lower.contains("inf") {
            throw error(node, field, "\(t) is not a finite number")
        }
        guard let v = Double(t) else {
            throw error(node, field, "expected a number, got \(describe(node))")
        }
        guard v.isFinite else { throw error(node, field, "\(t) is too large (not a finite number)") }
        return v
    }

    /// A whole number in `range`.
    func integer(_ node: Node, _ field: String, _ range: ClosedRange<Int>) throws -> Int {
        let allowed = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case let .scalar(s) = node, s.style == .plain, !isNull(s) else {
            throw error(node, field, "expected \(allowed), got \(describe(node))")
        }
        let n: Int
        if let i = Int(s.string) {
            n = i
        } else if let v = Double(s.string), v.isFinite, v == v.rounded(), Swift.abs(v) <= 1e15 {
            n = Int(v)
        } else if let v = Double(s.string), !v.isNaN, v == v.rounded() || !v.isFinite {
            throw error(node, field, "\(s.string) is out of range (\(allowed))")
        } else {
            throw error(node, field, "expected \(allowed), got \(describe(node))")
        }
        guard range.contains(n) else { throw error(node, field, "\(s.string) is out of range (\(allowed))") }
        return n
    }

    /// An unsigned 64-bit whole number (a seed).
    func unsigned(_ node: Node, _ field: String) throws -> UInt64 {
        let allowed = "a whole number from 0 to \(UInt64.max)"
        guard case let .scalar(s) = node, s.style == .plain, !isNull(s), let n = UInt64(s.string) else {
            throw error(node, field, "expected \(allowed), got \(describe(node))")
        }
        return n
    }

    func bool(_ node: Node, _ field: String) throws -> Bool {
        if case let .scalar(s) = node, s.style == .plain {
            switch s.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw error(node, field, "expected true or false, got \(describe(node))")
    }

    /// A two-way choice (``HyperparameterOption/choices``): `line_search:` strong-wolfe (or
    /// strong_wolfe, true) or none (or false); `adjust_lr_fn:` match-rms-adamw or original.
    func choice(_ node: Node, _ field: String, option: HyperparameterOption, _ words: (on: String, off: String)) throws -> Bool {
        // Any scalar style: a scene written as JSON (recordings) quotes it.
        if case let .scalar(s) = node, let flag = option.flagValue(s.string) { return flag }
        throw error(node, field, "expected \(words.on) or \(words.off), got \(describe(node))")
    }

    // MARK: Collections

    func list(_ node: Node, _ field: String, of what: String) throws -> [Node] {
        guard case let .sequence(seq) = node else {
            throw error(node, field, "expected a list of \(what), got \(describe(node))")
        }
        return Array(seq)
    }

    /// A point `[x, y]`.
    func point(_ node: Node, _ field: String) throws -> Vec2 {
        guard case let .sequence(seq) = node, seq.count == 2 else {
            throw error(node, field, "expected a point [x, y], got \(describe(node))")
        }
        let items = Array(seq)
        return Vec2(try number(items[0], field + "[0]"), try number(items[1], field + "[1]"))
    }

    /// An interval `[low, high]` with low < high (or ≤ when `allowEmpty`).
    func interval(_ node: Node, _ field: String, allowPoint: Bool = false) throws -> (Double, Double) {
        guard case let .sequence(seq) = node, seq.count == 2 else {
            throw error(node, field, "expected an interval [low, high], got \(describe(node))")
        }
        let items = Array(seq)
        let lo = try number(items[0], field + "[0]"), hi = try number(items[1], field + "[1]")
        guard allowPoint ? lo <= hi : lo < hi else {
            throw error(node, field, "[\(lo.compact), \(hi.compact)] is empty (the low end must be \(allowPoint ? "at most" : "below") the high end)")
        }
        return (lo, hi)
    }

    /// A mapping's entries, keys normalized to snake_case (`weight-decay` reads as
    /// `weight_decay`); the same key written both ways is an error.
    func fields(_ node: Node, _ field: String, expected what: String) throws -> Fields {
        guard case let .mapping(map) = node else {
            throw error(node, field.isEmpty ? nil : field, "expected \(what), got \(describe(node))")
        }
        var entries: [Fields.Entry] = []
        for (k, v) in map {
            guard case let .scalar(ks) = k, !isNull(ks) else {
                throw error(k, field.isEmpty ? nil : field, "keys must be plain names, got \(describe(k))")
            }
            let key = ks.string.replacingOccurrences(of: "-", with: "_")
            if let first = entries.first(where: { $0.key == key }) {
                throw error(k, Fields.join(field, key),
                            "given twice (first as \(first.written) at line \(location(first.keyNode).line)); give it once")
            }
            entries.append(Fields.Entry(key: key, written: ks.string, keyNode: k, value: v))
        }
        return Fields(field: field, node: node, entries: entries)
    }
}

/// A mapping's entries by normalized key, with the field path they live at.
struct Fields {
    struct Entry {
        /// snake_case.
        var key: String
        /// As written in the file.
        var written: String
        var keyNode: Node
        var value: Node
    }
    /// The mapping's own field path ("" at the root).
    let field: String
    let node: Node
    let entries: [Entry]

    static func join(_ field: String, _ key: String) -> String { field.isEmpty ? key : field + "." + key }

    func path(_ key: String) -> String { Fields.join(field, key) }

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    func has(_ key: String) -> Bool { self[key] != nil }

    func keyNode(_ key: String) -> Node? { entries.first { $0.key == key }?.keyNode }

    /// Throws at the first key not in `allowed`, suggesting the closest allowed one.
    func rejectUnknown(_ allowed: [String], _ reader: SceneYAMLReader, what: String) throws {
        if let first = unknownKeys(allowed, reader, what: what).first { throw first }
    }

    /// An error for each key not in `allowed`, suggesting the closest allowed one.
    func unknownKeys(_ allowed: [String], _ reader: SceneYAMLReader, what: String) -> [SceneFileError] {
        entries.filter { !allowed.contains($0.key) }.map { e in
            var msg = "unknown key \(reader.quoted(e.written)) in \(what)"
            if let s = Suggest.closest(to: e.key, in: allowed) { msg += " (did you mean \"\(s)\"?)" }
            msg += "; allowed: " + allowed.joined(separator: ", ")
            return reader.error(e.keyNode, path(e.key), msg)
        }
    }

    /// The value of a required key; missing, it is an error at the mapping, e.g.
    /// `runners[1].optimizer: missing (every runner names its optimizer)`.
    func require(_ key: String, _ reader: SceneYAMLReader, because why: String) throws -> Node {
        guard let v = self[key] else { throw reader.error(node, path(key), "missing (\(why))") }
        return v
    }
}
