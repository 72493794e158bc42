import OptiscapeCore

/// The key map: one table gives both the `Command` a key sends and the text of the `?` help
/// overlay and the README, so they cannot disagree.
public enum KeyBindings {
    public struct Binding: Sendable {
        public var keys: String
        public var action: String
    }

    /// Help rows, in the order the overlay shows them.
    /// 22 rows, keys of at most 25 and actions of at most 45 characters: the whole table fits the overlay at 80×24.
    public static let help: [Binding] = [
        Binding(keys: "space", action: "run / pause"),
        Binding(keys: "s / n", action: "one / ten steps (explain: s = next sub-step)"),
        Binding(keys: "+ / - (= / _)", action: "speed ×0.1 … ×10000 steps per frame"),
        Binding(keys: "r", action: "reset all runners"),
        Binding(keys: "tab / shift-tab", action: "select the next / previous runner"),
        Binding(keys: "1 … 9", action: "show / hide runner"),
        Binding(keys: "[ / ]", action: "halve / double the runner's lr (it restarts)"),
        Binding(keys: "d", action: "duplicate the selected runner"),
        Binding(keys: "c", action: "clipping on / off for the selected runner"),
        Binding(keys: "arrows", action: "pan (with m: move the start cursor)"),
        Binding(keys: "z / Z, wheel · 0", action: "zoom in / out · 0 fits the scene's view"),
        Binding(keys: "v", action: "compare: overlay ↔ small multiples"),
        Binding(keys: "click, m arrows enter/esc", action: "new start for every runner (esc: cancel)"),
        Binding(keys: "k  < / > (, / .) · p", action: "knob: select, down / up · p: re-slice plane"),
        Binding(keys: "l / i / g / e", action: "panels: loss / inside / vectors / spectrum"),
        Binding(keys: "x", action: "explain the next update step by step"),
        Binding(keys: "PgDn / PgUp, J / K", action: "side panel's next / previous page (if cut)"),
        Binding(keys: "N / P", action: "next / previous scene of the library"),
        Binding(keys: "R", action: "record on / off (replay: optiscape play FILE)"),
        Binding(keys: "Ctrl-L", action: "repaint the whole screen"),
        Binding(keys: "? / h", action: "this help (any key closes it)"),
        Binding(keys: "q", action: "quit (a picked scene: back to the picker)"),
    ]

    /// What a key does while a recording plays (`optiscape play`); nil: the key takes over and
    /// the session goes on live from the replayed state (then it does what it does live).
    public enum PlayAction: Equatable, Sendable {
        case togglePause, stepEvent, faster, slower, help, quit
        /// Seek by this many seconds.
        case seek(Double)
    }

    /// Play's keys, for its `?` overlay, in the order shown.
    public static let playHelp: [Binding] = [
        Binding(keys: "space", action: "pause / go on (at the end: go on live)"),
        Binding(keys: "s", action: "one recorded command (at the end: a live step)"),
        Binding(keys: "+ / - (= / _)", action: "replay speed ×¼ … ×16"),
        Binding(keys: "← / →", action: "seek 5 s back / forward"),
        Binding(keys: "? / h", action: "this help (any key closes it)"),
        Binding(keys: "Ctrl-L", action: "repaint the whole screen"),
        Binding(keys: "q", action: "quit"),
        Binding(keys: "any other key", action: "take over: go on live from here (? then shows every key)"),
    ]

    /// The play action for `key` (see ``playHelp``); `atEnd`: space and `s` take over there.
    public static func playAction(for key: Key, atEnd: Bool) -> PlayAction? {
        switch key {
        case .character(" ") where !atEnd: return .togglePause
        case .character("s") where !atEnd: return .stepEvent
        case .character("+"), .character("="): return .faster
        case .character("-"), .character("_"): return .slower
        case .left: return .seek(-5)
        case .right: return .seek(5)
        case .character("?"), .character("h"): return .help
        case .character("q"): return .quit
        default: return nil
        }
    }

    /// `R`: recording on / off (the terminal layer's, not a ``Command``: a recording does not
    /// record itself).
    public static func isRecordingToggle(_ key: Key) -> Bool { key == .character("R") }

    /// Ctrl-L: repaint the whole screen (the terminal layer's, not a ``Command``).
    public static func isRepaint(_ key: Key) -> Bool { key == .character("\u{0C}") }

    /// What `key` is called in ``help``'s key column (`space`, `tab`, `PgDn`, `Ctrl-L`, `s`).
    public static func helpName(_ key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character("\u{0C}"): return "Ctrl-L"
        case let .character(c) where c.isASCII && c.isNumber && c != "0": return "1 … 9"
        case let .character(c): return String(c)
        case .up, .down, .left, .right: return "arrows"
        case .enter: return "enter"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .escape: return "esc"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .click: return "click"
        case .scrollUp, .scrollDown: return "wheel"
        }
    }

    /// The command for a key in the interactive UI, or nil if the key does nothing.
    /// `cursorActive`: the start cursor (m) is being placed, so arrows move it and Enter sets it.
    public static func command(for key: Key, cursorActive: Bool, helpShown: Bool) -> Command? {
        if helpShown {
            switch key {
            case .character("q"): return .quit
            default: return .toggleHelp
            }
        }
        let step = 0.05
        switch key {
        case .character(" "): return .toggleRun
        case .character("s"): return .step(1)
        case .character("n"): return .step(10)
        case .character("+"), .character("="): return .faster
        case .character("-"), .character("_"): return .slower
        case .character("r"): return .reset
        case .tab: return .selectNext
        case .backTab: return .selectPrevious
        case let .character(c) where c.isASCII && c.isNumber && c != "0":
            return .toggleVisible(Int(String(c))! - 1)
        case .character("["): return .scaleLearningRate(0.5)
        case .character("]"): return .scaleLearningRate(2)
        case .character("d"): return .duplicate
        case .character("c"): return .toggleClipping
        case .up: return cursorActive ? .moveCursor(dx: 0, dy: step) : .pan(dx: 0, dy: 0.1)
        case .down: return cursorActive ? .moveCursor(dx: 0, dy: -step) : .pan(dx: 0, dy: -0.1)
        case .left: return cursorActive ? .moveCursor(dx: -step, dy: 0) : .pan(dx: -0.1, dy: 0)
        case .right: return cursorActive ? .moveCursor(dx: step, dy: 0) : .pan(dx: 0.1, dy: 0)
        case .enter: return cursorActive ? .confirmCursor : nil
        case .escape: return cursorActive ? .toggleCursor : nil
        case .character("z"), .scrollUp: return .zoom(1 / 1.25)
        case .character("Z"), .scrollDown: return .zoom(1.25)
        case .character("0"): return .fitView
        case .character("v"): return .toggleCompare
        case .character("m"): return .toggleCursor
        case .character("k"): return .nextKnob
        case .character("p"): return .reslice
        case .character("<"), .character(","): return .turnKnob(up: false)
        case .character(">"), .character("."): return .turnKnob(up: true)
        case .character("l"): return .toggleLossPanel
        case .character("i"): return .toggleInsidePanel
        case .character("g"): return .toggleVectors
        case .character("e"): return .toggleSpectrum
        case .character("x"): return .toggleExplain
        case .pageDown, .character("J"): return .turnPanelPage(1)
        case .pageUp, .character("K"): return .turnPanelPage(-1)
        case .character("?"), .character("h"): return .toggleHelp
        case .character("N"): return .nextScene
        case .character("P"): return .previousScene
        case .character("q"): return .quit
        default: return nil
        }
    }
}
