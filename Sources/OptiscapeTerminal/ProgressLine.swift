import CNcursesw
import Glibc
import OptiscapeCore

/// Says what a scene is doing while the user waits for it (``SceneProgress``): on the bottom
/// row of the screen inside the UI, or on standard error (when it is a terminal) before the UI
/// has taken the terminal over. Silent for the first 100 ms — most waits are over before a
/// line could be read — then at most 20 times a second. The next frame drawn covers the line.
public final class ProgressLine: @unchecked Sendable {
    public enum Target: Sendable { case screen, standardError }
    private let target: Target
    private let started = InteractiveApp.monotonicNanos()
    private var last: UInt64 = 0
    private var shown = false

    init(_ target: Target) { self.target = target }

    /// Runs `body` with its progress shown on `target`; an error line is cleared after it.
    @discardableResult
    public static func around<T>(_ target: Target, _ body: () throws -> T) rethrows -> T {
        if target == .standardError && isatty(2) == 0 { return try body() }
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
        case .screen:
            let w = osc_stdscr(), row = osc_lines() - 1, cols = Int(osc_cols())
            let line = Array((" " + text).prefix(cols)) + Array(repeating: " ", count: Swift.max(0, cols - text.count - 1))
            for (col, ch) in line.prefix(cols).enumerated() {
                let scalar = ch.unicodeScalars.first?.value ?? 32
                _ = osc_put(w, row, Int32(col), wchar_t(bitPattern: scalar), OSC_A_REVERSE, 0)
            }
            wnoutrefresh(w)
            doupdate()
        case .standardError:
            var size = winsize()
            let cols = ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
            write("\r\u{1B}[K" + String(("optiscape: " + text).prefix(cols - 1)))
        }
    }

    private func finish() {
        if target == .standardError && shown { write("\r\u{1B}[K") }
    }

    private func write(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
