import Foundation

/// A private tmux server running one program in a pane, for end-to-end tests that look at what
/// a user sees. Each instance has its own socket (`-L`), so tests never touch a user's tmux.
final class Tmux {
    let socket: String
    let session = "t"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }
    static let tmuxPath: String = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"

    /// Starts `command` (a shell command line) in a `cols`×`rows` pane. The wrapper prints
    /// `EXIT=<status>` when the program ends, then keeps the pane open.
    init(_ command: String, cols: Int = 120, rows: Int = 40, env: [String: String] = [:]) {
        socket = "optiscape-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let exports = env.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        let line = "\(exports.isEmpty ? "" : "env \(exports) ")\(command); echo EXIT=$?; sleep 600"
        _ = tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(cols)", "-y", "\(rows)", line])
    }

    deinit { _ = tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) -> Spawned {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        // `swift test` runs tests with NO_COLOR=1: the pane must see colours unless a test asks.
        env["NO_COLOR"] = nil
        return Spawn.run(Tmux.tmuxPath, ["-L", socket] + args, environment: env)
    }

    /// Sends tmux key names (`"s"`, `"Space"`, `"C-c"`, `"Up"`) or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) {
        tmux(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible pane as text (`colors`: with SGR escapes).
    func capture(colors: Bool = false) -> String {
        tmux(["capture-pane", "-t", session, "-p"] + (colors ? ["-e"] : [])).stdout
    }

    func resize(cols: Int, rows: Int) {
        tmux(["resize-window", "-t", session, "-x", "\(cols)", "-y", "\(rows)"])
    }

    func display(_ format: String) -> String {
        tmux(["display", "-p", "-t", session, format]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until `predicate` holds for the captured screen (polling every 50 ms), returning the
    /// last capture either way.
    @discardableResult
    func wait(timeout: Double = 10, _ predicate: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            usleep(50_000)
            screen = capture()
        }
        return (true, screen)
    }

    @discardableResult
    func wait(for text: String, timeout: Double = 10) -> (ok: Bool, screen: String) {
        wait(timeout: timeout) { $0.contains(text) }
    }

    /// The pid of the program running under the pane's wrapper shell.
    func programPID() -> pid_t? {
        let panePID = display("#{pane_pid}")
        let r = Spawn.run("/usr/bin/pgrep", ["-P", panePID])
        return r.stdout.split(separator: "\n").compactMap { pid_t($0) }.first
    }
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

extension Tmux {
    /// The screen once two captures 100 ms apart agree (nil: it kept changing for `timeout` s).
    func steady(timeout: Double = 5) -> String? {
        var last = capture()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            usleep(100_000)
            let now = capture()
            if now == last { return now }
            last = now
        }
        return nil
    }

    /// A pane running an interactive bash in `directory`, for job control (Ctrl-Z, `fg`).
    static func shell(in directory: String, cols: Int = 100, rows: Int = 30) -> Tmux {
        Tmux("cd \(shellQuote(directory)) && PS1='$ ' bash --norc --noprofile", cols: cols, rows: rows)
    }

    /// Types `line` and Enter.
    func type(_ line: String) {
        send(line, literal: true)
        send("Enter")
    }
}
