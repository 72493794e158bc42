/// The stable JSON encoding of a ``Command``, used by recordings (one per line, next to the
/// frame `t`): `"c"` names the command, its arguments are flat fields beside it.
///
/// | command | JSON fields |
/// |---|---|
/// | `toggleRun`, `faster`, `slower`, `reset`, `selectNext`, `selectPrevious`, `duplicate`, `toggleClipping`, `fitView`, `toggleCompare`, `toggleHelp`, `toggleLossPanel`, `toggleInsidePanel`, `toggleVectors`, `toggleSpectrum`, `toggleExplain`, `nextKnob`, `reslice`, `toggleCursor`, `confirmCursor`, `nextScene`, `previousScene`, `quit` | `{"c":"toggleRun"}` |
/// | `step(n)` | `{"c":"step","n":10}` |
/// | `toggleVisible(i)` | `{"c":"toggleVisible","i":0}` (0-based) |
/// | `scaleLearningRate(f)`, `zoom(f)` | `{"c":"zoom","f":0.8}` |
/// | `pan(dx,dy)`, `moveCursor(dx,dy)` | `{"c":"pan","dx":0.1,"dy":0}` |
/// | `setStart(p)` | `{"c":"setStart","x":-1.5,"y":2}` |
/// | `turnKnob(up)` | `{"c":"turnKnob","up":true}` |
/// | `turnPanelPage(n)` | `{"c":"turnPanelPage","n":1}` |
///
/// Numbers are written in shortest round-trip form and read back bit for bit.
extension Command {
    /// The command's name in JSON (`"c"`).
    public var jsonName: String {
        switch self {
        case .toggleRun: return "toggleRun"
        case .step: return "step"
        case .faster: return "faster"
        case .slower: return "slower"
        case .reset: return "reset"
        case .selectNext: return "selectNext"
        case .selectPrevious: return "selectPrevious"
        case .toggleVisible: return "toggleVisible"
        case .scaleLearningRate: return "scaleLearningRate"
        case .duplicate: return "duplicate"
        case .toggleClipping: return "toggleClipping"
        case .pan: return "pan"
        case .zoom: return "zoom"
        case .fitView: return "fitView"
        case .toggleCompare: return "toggleCompare"
        case .setStart: return "setStart"
        case .toggleHelp: return "toggleHelp"
        case .toggleLossPanel: return "toggleLossPanel"
        case .toggleInsidePanel: return "toggleInsidePanel"
        case .toggleVectors: return "toggleVectors"
        case .toggleSpectrum: return "toggleSpectrum"
        case .toggleExplain: return "toggleExplain"
        case .turnPanelPage: return "turnPanelPage"
        case .nextKnob: return "nextKnob"
        case .reslice: return "reslice"
        case .turnKnob: return "turnKnob"
        case .toggleCursor: return "toggleCursor"
        case .moveCursor: return "moveCursor"
        case .confirmCursor: return "confirmCursor"
        case .nextScene: return "nextScene"
        case .previousScene: return "previousScene"
        case .quit: return "quit"
        }
    }

    /// Every command without arguments, by JSON name.
    static let plain: [String: Command] = {
        let all: [Command] = [.toggleRun, .faster, .slower, .reset, .selectNext, .selectPrevious, .duplicate,
                              .toggleClipping, .fitView, .toggleCompare, .toggleHelp, .toggleLossPanel,
                              .toggleInsidePanel, .toggleVectors, .toggleSpectrum, .toggleExplain, .nextKnob, .reslice, .toggleCursor,
                              .confirmCursor, .nextScene, .previousScene, .quit]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.jsonName, $0) })
    }()

    /// The command's fields: `("c", name)` then its arguments.
    public var jsonFields: [(String, JSONValue)] {
        func n(_ d: Double) -> JSONValue { .number(JSONText.number(d)) }
        var f: [(String, JSONValue)] = [("c", .string(jsonName))]
        switch self {
        case let .step(k): f.append(("n", .number(String(k))))
        case let .toggleVisible(i): f.append(("i", .number(String(i))))
        case let .turnPanelPage(k): f.append(("n", .number(String(k))))
        case let .scaleLearningRate(x), let .zoom(x): f.append(("f", n(x)))
        case let .pan(dx, dy), let .moveCursor(dx, dy): f += [("dx", n(dx)), ("dy", n(dy))]
        case let .setStart(p): f += [("x", n(p.x)), ("y", n(p.y))]
        case let .turnKnob(up): f.append(("up", .bool(up)))
        default: break
        }
        return f
    }

    /// `{"c":"step","n":1}`.
    public var json: String { JSONValue.object(jsonFields).text }

    /// Reads a command from the fields of a JSON object (other keys, such as `t`, are ignored).
    /// The error says what is wrong, e.g. `unknown command "stpe"`.
    public init(json v: JSONValue) throws(CommandDecodingError) {
        guard let name = v["c"]?.stringValue else { throw CommandDecodingError("no command (\"c\": name)") }
        if let c = Command.plain[name] { self = c; return }
        func num(_ key: String) throws(CommandDecodingError) -> Double {
            guard let d = v[key]?.double else { throw CommandDecodingError("\(name) needs a finite number \"\(key)\"") }
            return d
        }
        func int(_ key: String) throws(CommandDecodingError) -> Int {
            guard let i = v[key]?.int else { throw CommandDecodingError("\(name) needs a whole number \"\(key)\"") }
            return i
        }
        switch name {
        case "step":
            // A step count beyond a scene's budget cannot come from a key; refusing it keeps a
            // damaged recording from running for hours.
            let n = try int("n")
            guard (1...SceneFile.maxSteps).contains(n) else {
                throw CommandDecodingError("step needs \"n\" from 1 to \(SceneFile.maxSteps), not \(n)")
            }
            self = .step(n)
        case "toggleVisible": self = .toggleVisible(try int("i"))
        case "turnPanelPage": self = .turnPanelPage(try int("n"))
        case "scaleLearningRate": self = .scaleLearningRate(try num("f"))
        case "zoom": self = .zoom(try num("f"))
        case "pan": self = .pan(dx: try num("dx"), dy: try num("dy"))
        case "moveCursor": self = .moveCursor(dx: try num("dx"), dy: try num("dy"))
        case "setStart": self = .setStart(Vec2(try num("x"), try num("y")))
        case "turnKnob":
            guard let up = v["up"]?.boolValue else { throw CommandDecodingError("turnKnob needs \"up\": true or false") }
            self = .turnKnob(up: up)
        default:
            var msg = "unknown command \"\(name)\""
            let names = Array(Command.plain.keys) + ["step", "toggleVisible", "scaleLearningRate", "zoom", "pan",
                                                       "moveCursor", "setStart", "turnKnob", "turnPanelPage"]
            if let s = Suggest.closest(to: name, in: names.sorted()) { msg += " (did you mean \"\(s)\"?)" }
            throw CommandDecodingError(msg)
        }
    }
}

/// Why a JSON object is not a ``Command``.
public struct CommandDecodingError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
