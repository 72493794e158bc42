import OptiscapeCore

/// The key map: one table gives both the `Command` a key sends and the text of the `?` help
/// overlay and the README, so they cannot disagree.
public enum KeyBindings {
    public struct Binding: Sendable {
        public var keys: String
        public var action: String
    }

    /// Help rows, in the order the overlay shows them.
    public static let help: [Binding] = [
        Binding(keys: "space", action: "run / pause"),
        Binding(keys: "s", action: "one step (in explain mode: the next sub-step)"),
        Binding(keys: "n", action: "ten steps"),
        Binding(keys: "+ / -", action: "speed ×0.1 … ×10000 steps per frame"),
        Binding(keys: "r", action: "reset all runners"),
        Binding(keys: "tab / shift-tab", action: "select the next / previous runner"),
        Binding(keys: "1 … 9", action: "show / hide runner"),
        Binding(keys: "[ / ]", action: "halve / double the selected runner's learning rate (it restarts)"),
        Binding(keys: "d", action: "duplicate the selected runner"),
        Binding(keys: "c", action: "clipping on / off for the selected runner"),
        Binding(keys: "arrows", action: "pan (with m: move the start cursor)"),
        Binding(keys: "z / Z", action: "zoom in / out"),
        Binding(keys: "0", action: "fit the scene's view"),
        Binding(keys: "v", action: "compare: overlay ↔ small multiples"),
        Binding(keys: "click, or m arrows enter", action: "new start point for all runners"),
        Binding(keys: "k  < / >", action: "select a knob, turn it down / up"),
        Binding(keys: "l", action: "loss panel"),
        Binding(keys: "i", action: "inside panel: the numbers behind the update"),
        Binding(keys: "g", action: "vectors: gradient, velocity, step"),
        Binding(keys: "x", action: "explain the next update step by step"),
        Binding(keys: "N / P", action: "next / previous scene of the library"),
        Binding(keys: "R", action: "start / stop recording (optiscape play FILE replays it)"),
        Binding(keys: "?", action: "this help"),
        Binding(keys: "q", action: "quit"),
    ]

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
        case .character("<"), .character(","): return .turnKnob(up: false)
        case .character(">"), .character("."): return .turnKnob(up: true)
        case .character("l"): return .toggleLossPanel
        case .character("i"): return .toggleInsidePanel
        case .character("g"): return .toggleVectors
        case .character("x"): return .toggleExplain
        case .character("?"), .character("h"): return .toggleHelp
        case .character("N"): return .nextScene
        case .character("P"): return .previousScene
        case .character("q"): return .quit
        default: return nil
        }
    }
}
