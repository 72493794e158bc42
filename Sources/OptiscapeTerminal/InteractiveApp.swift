import CNcursesw
import Glibc
import OptiscapeCore
import OptiscapeRender

/// The interactive program: one terminal session for the scene picker and every scene opened
/// from it. In a scene: read a key, turn it into a `Command`, reduce, advance a frame while
/// running, render, copy to the screen. Paused, it blocks in `wgetch` (waking four times a
/// second only to notice signals); running, it paces frames at ~30 per second.
public final class InteractiveApp {
    public static let framesPerSecond = 30
    private let session: TerminalSession
    private let screen: Screen

    /// Takes over the terminal (see ``TerminalSession``).
    public init(noColor: Bool) throws {
        session = try TerminalSession(noColor: noColor)
        screen = Screen(mode: session.colorMode)
    }

    /// Gives the terminal back.
    public func end() { session.end() }

    /// Exits 128 + signal, terminal restored, if a terminating signal arrived.
    private func checkSignals() {
        let sig = Signals.pending
        if sig != 0 {
            session.end()
            Glibc.exit(128 + sig)
        }
    }

    /// The picker: returns the chosen entry's index, or nil when the user quits.
    public func pick(from library: SceneLibrary, selected initial: Int = 0) -> Int? {
        var selected = max(0, min(initial, library.entries.count - 1))
        func draw() {
            screen.draw(ScenePicker.render(library, selected: selected, width: session.columns,
                                           height: session.rows, colorMode: session.colorMode))
        }
        draw()
        while true {
            checkSignals()
            switch Input.read(timeout: 250) {
            case let .key(key):
                if case let .click(_, row) = key {
                    if let i = ScenePicker.entry(atRow: row, count: library.entries.count, selected: selected, height: session.rows) {
                        if i == selected { return i }
                        selected = i
                    }
                } else {
                    switch ScenePicker.action(for: key) {
                    case let .move(d)?: selected = max(0, min(library.entries.count - 1, selected + d))
                    case .open?: return selected
                    case .quit?: return nil
                    case nil: break
                    }
                }
                draw()
            case .resize: draw()
            case .timeout, .ignored: break
            }
        }
    }

    /// Runs one scene until the user quits or asks for another scene (`state.sceneRequest`).
    /// `onCommand` sees every command as it is applied, with the frame number.
    @discardableResult
    public func run(_ initial: AppState, onCommand: (Int, Command) -> Void = { _, _ in }) -> AppState {
        var renderer = Renderer(colorMode: session.colorMode)
        var state = initial
        let frameNanos = UInt64(1_000_000_000 / InteractiveApp.framesPerSecond)
        var nextFrame = InteractiveApp.monotonicNanos() + frameNanos
        var frameNumber = 0

        func draw() {
            screen.draw(renderer.render(state, width: session.columns, height: session.rows))
        }
        func apply(_ c: Command) {
            onCommand(frameNumber, c)
            let wasRunning = state.isRunning
            state.reduce(c)
            if state.isRunning && !wasRunning { nextFrame = InteractiveApp.monotonicNanos() + frameNanos }
        }

        draw()
        while true {
            checkSignals()
            var dirty = false
            let timeout: Int32
            if state.isRunning {
                let now = InteractiveApp.monotonicNanos()
                timeout = now >= nextFrame ? 0 : Int32((nextFrame - now) / 1_000_000)
            } else {
                timeout = 250
            }
            switch Input.read(timeout: timeout) {
            case let .key(key):
                if case let .click(col, row) = key {
                    if let p = renderer.worldPoint(col: col, row: row) { apply(.setStart(p)) }
                } else if let c = KeyBindings.command(for: key, cursorActive: state.cursor != nil, helpShown: state.showHelp) {
                    apply(c)
                }
                dirty = true
            case .resize:
                dirty = true
            case .timeout, .ignored:
                break
            }
            if state.wantsQuit || state.sceneRequest != nil { break }
            if state.isRunning, InteractiveApp.monotonicNanos() >= nextFrame {
                state.advanceFrame()
                frameNumber += 1
                let now = InteractiveApp.monotonicNanos()
                nextFrame += frameNanos
                if nextFrame < now { nextFrame = now + frameNanos }
                dirty = true
            }
            if dirty { draw() }
        }
        return state
    }

    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
