import Foundation
import Testing

/// End to end in a real terminal: record a session with keys, play it back, and trace it.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct RecordPlayTmuxTests {
    @Test func recordThenPlayShowsTheSameScreenAndTraceMatches() throws {
        let file = "/tmp/optiscape-rec-\(getpid())-\(UUID().uuidString.prefix(6)).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let exe = shellQuote(Spawn.optiscape)
        let t = Tmux("\(exe) record \(shellQuote(InteractiveTests.scene)) -o \(shellQuote(file))", cols: 120, rows: 40)
        #expect(t.wait(for: "● REC").ok)
        t.send("s")
        #expect(t.wait(for: "step 1 ").ok)
        t.send("n")
        #expect(t.wait(for: "step 11 ").ok)
        t.send("Space")
        #expect(t.wait(for: "running").ok)
        #expect(t.wait { (stepNumber($0) ?? 0) >= 30 }.ok)
        t.send("Space")
        #expect(t.wait(for: "paused").ok)
        t.send("]")
        let live = t.wait(for: "lr = 0.2375 (restarted)")  // 2 × 0.95 × 2/16
        #expect(live.ok, "\(live.screen)")
        usleep(200_000)
        let liveScreen = t.capture()
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)

        // The file: header, the commands in order, the end marker.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix(#"{"optiscape":"recording","version":1,"program":""#) == true)
        #expect(lines.first?.contains(#""size":[120,40]"#) == true)
        #expect(lines.first?.contains(#""scene":{"title":"Ill-conditioning"#) == true)
        let commands = lines.dropFirst().compactMap { line -> String? in
            guard let r = line.range(of: #""c":""#) else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(commands == ["step", "step", "toggleRun", "toggleRun", "scaleLearningRate", "quit"])
        #expect(lines.last?.hasSuffix(#""end":true}"#) == true)
        #expect(lines[1].hasPrefix(#"{"t":0,"#) && lines[1].hasSuffix(#""c":"step","n":1}"#))

        // Played back: the same picture (all but the status bar's badge), at the end.
        let p = Tmux("\(exe) play \(shellQuote(file))", cols: 120, rows: 40)
        let playing = p.wait(for: "▶ PLAY")
        #expect(playing.ok)
        // One run state (the player's), and play's own keys in the hints and under ?.
        func status(_ s: String) -> String {
            s.split(separator: "\n").last { $0.contains("│") && $0.contains("step ") }.map(String.init) ?? ""
        }
        #expect(!status(playing.screen).contains("running") && !status(playing.screen).contains("paused"), "\(status(playing.screen))")
        #expect(status(playing.screen).contains("seek"))
        p.send("?")
        // Wait for the whole overlay: a capture can land between its first and last rows.
        let keys = p.wait { $0.contains("play keys") && $0.contains("take over") }
        #expect(keys.ok, "\(keys.screen)")
        p.send("x")
        #expect(p.wait { !$0.contains("play keys") }.ok)
        let end = p.wait(timeout: 20) { $0.contains("■ END") }
        #expect(end.ok, "\(end.screen)")
        usleep(200_000)
        let played = p.capture()
        func body(_ s: String) -> [Substring] { Array(s.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2)) }
        #expect(body(played) == body(liveScreen))
        #expect(status(played).contains("lr = 0.2375 (restarted)") && status(played).contains("go on live"))
        #expect(stepNumber(played) == stepNumber(liveScreen))
        // At the end, s takes over: the session goes on live from there.
        p.send("s")
        #expect(p.wait { !$0.contains("■ END") && stepNumber($0) == (stepNumber(played) ?? -9) + 1 }.ok)
        p.send("q")
        #expect(p.wait(for: "EXIT=0").ok)

        // trace --recording: bit-identical run to run, and each runner's last step is the one the
        // legend showed.
        let a = Spawn.optiscape("trace", "--recording", file)
        let b = Spawn.optiscape("trace", "--recording", file)
        #expect(a.status == 0 && a.stdout == b.stdout)
        var last: [String: Int] = [:]
        for row in a.stdout.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",")
            last[String(f[0])] = Int(f[1])
        }
        #expect(last["sgd"] == 0) // restarted by ]
        #expect(last["newton"] == 1) // converged at 1
        #expect(liveScreen.contains("step \(last["momentum"] ?? -1) · "))
        #expect(last["momentum"] == stepNumber(liveScreen))
    }

    @Test func aKilledRecordingKeepsEveryCommandBeforeTheKill() throws {
        let file = "/tmp/optiscape-rec-\(getpid())-\(UUID().uuidString.prefix(6)).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let t = Tmux("\(shellQuote(Spawn.optiscape)) record \(shellQuote(InteractiveTests.scene)) -o \(shellQuote(file))", cols: 100, rows: 30)
        #expect(t.wait(for: "● REC").ok)
        t.send("s")
        #expect(t.wait(for: "step 1 ").ok)
        t.send("Space")
        #expect(t.wait { (stepNumber($0) ?? 0) >= 10 }.ok)
        guard let pid = t.programPID() else { Issue.record("no pid"); return }
        kill(pid, SIGKILL)
        // Not "EXIT=137" on screen: a process killed mid-frame can leave the terminal inside an
        // escape sequence that swallows the shell's next output. Wait for the process to go.
        var gone = false
        for _ in 0..<200 where !gone {
            if kill(pid, 0) != 0 { gone = true } else { usleep(50_000) }
        }
        #expect(gone)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.last?.hasSuffix(#""c":"toggleRun"}"#) == true)
        let r = Spawn.optiscape("trace", "--recording", file)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("\nsgd,1,"))
    }
}
