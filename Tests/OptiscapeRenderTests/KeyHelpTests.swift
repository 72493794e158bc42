import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Every key that does something is listed in the `?` overlay, and the overlay shows the whole
/// table on an 80×24 terminal.
@Suite struct KeyHelpTests {
    /// Every key the UI can receive: printable ASCII, control characters, the special keys.
    static var candidates: [Key] {
        let ascii = (0x00...0x7E).compactMap { Unicode.Scalar($0).map { Key.character(Character($0)) } }
        return ascii + [.up, .down, .left, .right, .enter, .tab, .backTab, .escape, .pageUp, .pageDown,
                        .click(column: 3, row: 4), .scrollUp, .scrollDown]
    }

    /// The keys that do something in a scene: a command (with or without the start cursor),
    /// or the terminal layer's own (R, Ctrl-L). Clicks act in the terminal layer, not through the map.
    static var bound: [Key] {
        candidates.filter { key in
            if case .click = key { return true }
            return KeyBindings.command(for: key, cursorActive: false, helpShown: false) != nil
                || KeyBindings.command(for: key, cursorActive: true, helpShown: false) != nil
                || KeyBindings.isRecordingToggle(key) || KeyBindings.isRepaint(key)
        }
    }

    /// `"+ / - (= / _)"` → `["+", "-", "=", "_"]`; `"1 … 9"` stays one name.
    static func names(_ keys: String) -> [String] {
        var tokens: [String] = []
        var rest = Substring(keys)
        if rest.contains("1 … 9") { tokens.append("1 … 9"); rest = Substring(rest.replacingOccurrences(of: "1 … 9", with: "")) }
        // Words split at blanks; "(" ")" and a trailing "," are punctuation unless alone; "a/b" is two keys.
        for word in rest.split(separator: " ") where word != "/" && word != "·" {
            var w = String(word)
            if w.count > 1, w.hasPrefix("(") { w.removeFirst() }
            if w.count > 1, w.hasSuffix(")") { w.removeLast() }
            if w.count > 1, w.hasSuffix(",") { w.removeLast() }
            tokens += w.count > 1 && w.contains("/") ? w.split(separator: "/").map(String.init) : [w]
        }
        return tokens
    }

    @Test func everyBoundKeyIsInTheHelpTable() {
        let listed = Set(KeyBindings.help.flatMap { Self.names($0.keys) })
        let missing = Self.bound.map(KeyBindings.helpName).filter { !listed.contains($0) }
        #expect(missing.isEmpty, "keys that do something but are not in ? help: \(Set(missing).sorted())")
        #expect(listed.contains("Ctrl-L") && listed.contains("PgDn") && listed.contains("J"))
    }

    @Test func theOverlayShowsEveryRowAt80x24() throws {
        var s = try Screens.quadratic()
        s.reduce(.toggleHelp)
        var r = Renderer(colorMode: .none)
        let text = r.render(s, width: 80, height: 24).plainText
        for b in KeyBindings.help {
            #expect(text.contains(b.keys), "\(b.keys)")
            #expect(text.contains(b.action), "\(b.action) is cut")
        }
        #expect(!text.contains("taller terminal"))
    }
}
