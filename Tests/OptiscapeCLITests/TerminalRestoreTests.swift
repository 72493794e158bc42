import Foundation
import Testing

/// Every way out of every path that owns the terminal — `q`, SIGINT, SIGTERM, SIGHUP — leaves
/// it as it was: main screen, cursor shown, `stty -a` unchanged, exit status 0 or 128 + signal.
/// A recording in progress is closed and still reads back.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct TerminalRestoreTests {
    struct Ending: CustomStringConvertible, Sendable {
        let description: String
        /// 0: quit with `q`.
        let signal: Int32
        var status: Int32 { signal == 0 ? 0 : 128 + signal }
    }
    static let endings = [Ending(description: "q", signal: 0), Ending(description: "SIGINT", signal: SIGINT),
                          Ending(description: "SIGTERM", signal: SIGTERM), Ending(description: "SIGHUP", signal: SIGHUP)]

    @Test(arguments: TerminalPath.all, endings)
    func endingRestoresTheTerminal(path: TerminalPath, ending: Ending) throws {
        let f = try TerminalFixture()
        let t = Tmux(f.checkingModes(path.command(f)), cols: 100, rows: 30)
        let up = path.bringUp(t)
        #expect(up.ok, "\(path): \(up.screen)")
        #expect(t.display("#{alternate_on}") == "1")
        if ending.signal == 0 {
            t.send("q")
        } else {
            guard let pid = t.programPID() else { Issue.record("\(path): no pid"); return }
            kill(pid, ending.signal)
        }
        let end = t.wait(for: "EXIT=\(ending.status)")
        #expect(end.ok, "\(path), \(ending): \(end.screen)")
        #expect(t.display("#{alternate_on}") == "0")
        #expect(t.display("#{cursor_flag}") == "1")
        let modes = f.modes()
        #expect(modes.before != nil && modes.before == modes.after, "\(path), \(ending): stty -a changed")
        if path.name == TerminalPath.recording.name { try expectClosedRecording(f, screen: end.screen) }
    }

    /// The recording `R` started: announced on quit, ended with its end line, and readable by
    /// `trace --recording` and `play --cast` without a warning.
    func expectClosedRecording(_ f: TerminalFixture, screen: String) throws {
        let files = f.recordings()
        guard files.count == 1, let file = files.first else { Issue.record("recordings: \(files)"); return }
        #expect(screen.contains("optiscape: recorded"), "\(screen)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.hasSuffix(#""end":true}"#) == true, "\(lines.last ?? "")")
        let trace = Spawn.optiscape("trace", "--recording", file)
        #expect(trace.status == 0 && trace.stderr.isEmpty, "\(trace.stderr)")
        #expect(trace.stdout.contains("\nsgd,1,"), "\(trace.stdout)") // the step after R
        let cast = Spawn.optiscape("play", file, "--cast", f.directory + "/out.cast")
        #expect(cast.status == 0 && cast.stderr.isEmpty, "\(cast.stderr)")
    }
}
