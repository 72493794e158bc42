import CNcursesw
import Glibc
import OptiscapeCore
import OptiscapeRender

/// Says what a scene is doing while the user waits for it (``SceneProgress``): on the bottom
/// row of the screen inside the UI, or on standard error (when it is a terminal) before the UI
/// has taken the terminal over. Silent for the first 100 ms — most waits are over before a
/// line could be read — then at most 20 times a second. The next frame drawn covers the line.
public final class ProgressLine: @unchecked Sendable {
    enum Destination { case screen(Screen), standardError }
    private let target: Destination
    private let started = InteractiveApp.monotonicNanos()
    private var last: UInt64 = 0
    private var shown = false

    init(_ target: Destination) { self.target = target }

    /// Runs `body` with its progress shown on standard error (when it is a terminal), the line
    /// cleared after it. Inside the UI: ``InteractiveApp/showingProgress(_:)``.
    @discardableResult
    public static func onStandardError<T>(_ body: () throws -> T) rethrows -> T {
        guard isatty(2) != 0 else { return try body() }
        return try around(.standardError, body)
    }

    @discardableResult
    static func around<T>(_ target: Destination, _ body: () throws -> T) rethrows -> T {
        let line = ProgressLine(target)
        defer { line.finish() }
        return try SceneProgress.reporting(to: { line.report($0, $1) }, body)
    }

    func report(_ what: String, _ done: Double) {
        let now = InteractiveApp.monotonicNanos()
        guard now - started >= 100_000_000, now - last >= 50_000_000 else { return }
        last = now
        shown = true
        let percent = Int((Swift.min(1, Swift.max(0, done)) * 100).rounded(.down))
        let text = "\(what)… \(percent) %"
        switch target {
        case let .screen(screen):
            var row = Frame(width: Int(osc_cols()), height: 1)
            row.put(String(repeating: " ", count: row.width), col: 0, row: 0, attributes: .reverse)
            row.put(text, col: 1, row: 0, attributes: .reverse)
            screen.draw(row, top: Int(osc_lines()) - 1)
        case .standardError:
            var size = winsize()
            let cols = ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
            write("\r\u{1B}[K" + String(("optiscape: " + text).prefix(cols - 1)))
        }
    }

    private func finish() {
        if case .standardError = target, shown { write("\r\u{1B}[K") }
    }

    private func write(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
