import Foundation
import Glibc
import OptiscapeCore

/// Figures of the interactive UI, taken from the real `optiscape ui` running on a 200×60
/// pseudo-terminal (xterm-256color) with the 8 runners of the frame figures: how long from
/// process start to the first complete frame, CPU used while paused, bytes written per steady
/// frame (key `s`: one step for every runner) and for a full repaint (Ctrl-L).
enum TerminalFigures {
    static let columns = 200, rows = 60

    static func arguments() -> [String] {
        ["ui", "--landscape", "rosenbrock", "--start=-1.5,2", "--tol", "0"]
            + RenderFigures.runnerKinds.flatMap { ["--optimizer", $0.rawValue] }
    }

    static func environment() -> [String: String] {
        var env = currentEnvironment()
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        for k in ["NO_COLOR", "COLUMNS", "LINES", "LC_ALL", "TMUX"] { env[k] = nil }
        return env
    }

    /// A UI session on a fresh pseudo-terminal, and the time its first frame was complete.
    struct Session {
        let pty: PseudoTerminal
        let child: ChildProcess
        /// Seconds from `posix_spawn` to the last byte of the first frame.
        let firstFrame: Double
        let firstFrameBytes: Int

        init(executable: String, quiet: Double, arguments: [String] = TerminalFigures.arguments(),
             columns: Int = TerminalFigures.columns, rows: Int = TerminalFigures.rows) throws {
            pty = try PseudoTerminal(columns: columns, rows: rows)
            let slave = pty.slavePath
            child = try ChildProcess.spawn(executable, arguments, environment: TerminalFigures.environment(),
                                           stdin: .path(slave, flags: O_RDWR), stdout: .same(as: 0), stderr: .same(as: 0),
                                           newSession: true, closing: [pty.master])
            // A whole 200×60 frame is tens of kilobytes; the terminal set-up sequences written
            // before it (e.g. hiding the cursor) are a few bytes, and a debug build can take
            // longer than `quiet` to render after them.
            let burst = pty.read(firstByteWithin: 30, quietFor: quiet, minimumBytes: 8192, keep: true)
            guard let last = burst.lastByteAt, !burst.closed else {
                child.kill()
                _ = child.wait()
                throw BenchError("optiscape ui wrote no frame: \(String(decoding: burst.text.prefix(300), as: UTF8.self))")
            }
            firstFrame = Double(last &- child.started) / 1e9
            firstFrameBytes = burst.bytes
        }

        /// Bytes written in answer to `keys` (one frame).
        func frameBytes(after keys: String, quiet: Double) -> Int {
            pty.type(keys)
            return pty.read(firstByteWithin: 10, quietFor: quiet).bytes
        }

        /// Quits with `q` and waits for the child.
        func quit() {
            pty.type("q")
            var closed = false
            for _ in 0..<50 where !closed { closed = pty.read(firstByteWithin: 0.2, quietFor: 0.2).closed }
            if !closed { child.kill() }
            _ = child.wait()
        }
    }

    static func figures(_ w: Workload, executable: String) throws -> [Figure] {
        // Quiet time that ends a frame's output: generous against a loaded machine.
        let quiet = w.repetitions >= 5 ? 0.15 : 0.08
        var starts: [Double] = []
        // Extra sessions only for the start-up figure (a process start is a noisy number).
        for _ in 1..<Swift.max(w.repetitions, 1) {
            let s = try Session(executable: executable, quiet: quiet)
            starts.append(s.firstFrame)
            s.quit()
        }
        let s = try Session(executable: executable, quiet: quiet)
        starts.append(s.firstFrame)
        defer { s.quit() }

        // Paused (the UI starts paused): CPU over a quiet interval.
        let cpu0 = s.child.cpuSeconds(), t0 = Measure.now()
        let idle = s.pty.read(firstByteWithin: w.pausedSeconds, quietFor: w.pausedSeconds)
        let cpu1 = s.child.cpuSeconds(), elapsed = Measure.seconds(since: t0)
        let pausedPercent = cpu0.flatMap { a in cpu1.map { b in (b - a) / elapsed * 100 } } ?? .nan

        var steady: [Double] = []
        for _ in 0..<w.terminalFrames { steady.append(Double(s.frameBytes(after: "s", quiet: quiet / 2))) }
        var full: [Double] = []
        for _ in 0..<Swift.max(1, Swift.min(w.repetitions, 3)) {
            full.append(Double(s.frameBytes(after: "\u{0C}", quiet: quiet)))
        }
        let size = "\(columns)×\(rows), xterm-256color, 8 runners"
        // A network lesson (a 2-8-8-2 net): the runners trained for its PCA plane, then its
        // coarse contours drawn, at the 160×48 (issue #15: within 0.5 s).
        var network: [Figure] = []
        if let lesson = SceneLibrary.defaultDirectory().map({ ($0 as NSString).appendingPathComponent("network-gradient-norm.yaml") }),
           FileManager.default.fileExists(atPath: lesson) {
            var opens: [Double] = []
            for _ in 0..<Swift.max(w.repetitions, 1) {
                let n = try Session(executable: executable, quiet: quiet, arguments: ["ui", lesson], columns: 160, rows: 48)
                opens.append(n.firstFrame)
                n.quit()
            }
            network.append(Figure("terminal.first_frame.network", Measure.median(opens) * 1e3, "ms",
                                  detail: "process start → first frame of scenes/network-gradient-norm.yaml, 160×48", target: .atMost(500)))
        }
        return network + [
            Figure("terminal.first_frame", Measure.median(starts) * 1e3, "ms",
                   detail: "process start → last byte of the first frame, \(size)", target: .atMost(100)),
            Figure("terminal.paused_cpu", pausedPercent, "%",
                   detail: "CPU of the paused UI over \(elapsed.formatted(2)) s (\(idle.bytes) B written)", target: .atMost(1)),
            Figure("terminal.steady_bytes", Measure.median(steady), "B",
                   detail: "written per steady frame (key s: every runner one step), median of \(steady.count)",
                   target: .atMost(2048)),
            Figure("terminal.full_repaint_bytes", Measure.median(full), "B",
                   detail: "written for a full repaint of the same screen (Ctrl-L)"),
        ]
    }
}

extension Double {
    /// Fixed decimals: `1.23`.
    func formatted(_ decimals: Int) -> String {
        if decimals <= 0, Swift.abs(self) < 1e15 { return String(Int64(self.rounded())) }
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let r = (self * p).rounded() / p
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let have = s.distance(from: dot, to: s.endIndex) - 1
            if have < decimals { s += String(repeating: "0", count: decimals - have) }
        }
        return s
    }
}
