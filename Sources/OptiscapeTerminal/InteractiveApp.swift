import CNcursesw
import Glibc
import OptiscapeCore
import OptiscapeRender

/// The interactive loop: read a key, turn it into a `Command`, reduce, advance a frame while
/// running, render, copy to the screen. Paused, it blocks in `wgetch` (waking four times a
/// second only to notice signals); running, it paces frames at ~30 per second.
public enum InteractiveApp {
    public static let framesPerSecond = 30

    /// Runs until the user quits. A terminating signal restores the terminal and exits
    /// 128 + signal. `onCommand` sees every command as it is applied, with the frame number.
    @discardableResult
    public static func run(_ initial: AppState, noColor: Bool,
                           onCommand: (Int, Command) -> Void = { _, _ in }) throws -> AppState {
        let session = try TerminalSession(noColor: noColor)
        defer { session.end() }
        let screen = Screen(mode: session.colorMode)
        var renderer = Renderer(colorMode: session.colorMode)
        var state = initial
        let frameNanos = UInt64(1_000_000_000 / framesPerSecond)
        var nextFrame = monotonicNanos() + frameNanos
        var frameNumber = 0

        func draw() {
            screen.draw(renderer.render(state, width: session.columns, height: session.rows))
        }
        func apply(_ c: Command) {
            onCommand(frameNumber, c)
            let wasRunning = state.isRunning
            state.reduce(c)
            if state.isRunning && !wasRunning { nextFrame = monotonicNanos() + frameNanos }
        }

        draw()
        while true {
            let sig = Signals.pending
            if sig != 0 {
                session.end()
                Glibc.exit(128 + sig)
            }
            var dirty = false
            let timeout: Int32
            if state.isRunning {
                let now = monotonicNanos()
                timeout = now >= nextFrame ? 0 : Int32((nextFrame - now) / 1_000_000)
            } else {
                timeout = 250
            }
            switch Input.read(timeout: timeout) {
            case let .key(key):
                if key == .character("\u{0C}") {
                    // Ctrl-L: repaint the whole screen (after another program scribbled on it).
                    screen.forceRepaint()
                } else if case let .click(col, row) = key {
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
            if state.wantsQuit { break }
            if state.isRunning, monotonicNanos() >= nextFrame {
                state.advanceFrame()
                frameNumber += 1
                let now = monotonicNanos()
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
