import Foundation
import Testing

/// The real program in a real terminal (tmux), driven by keys, read back from the screen.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct InteractiveTests {
    static let scene = Spawn.packageRoot.appendingPathComponent("scenes/ill-conditioning.yaml").path

    func start(_ args: String = shellQuote(scene), cols: Int = 120, rows: Int = 40, env: [String: String] = [:]) -> Tmux {
        Tmux("\(shellQuote(Spawn.optiscape)) \(args)", cols: cols, rows: rows, env: env)
    }

    @Test func thePickerListsTheLibraryAndNPMoveBetweenScenes() {
        let t = Tmux("cd \(shellQuote(Spawn.packageRoot.path)) && \(shellQuote(Spawn.optiscape))", cols: 120, rows: 40)
        let picker = t.wait(for: "scene library")
        #expect(picker.ok, "\(picker.screen)")
        #expect(picker.screen.contains("§8.2.1") && picker.screen.contains("Ill-conditioning"))
        // The first two entries' titles (a prefix that survives truncation in the status bar).
        let titles = picker.screen.split(separator: "\n")
            .filter { $0.hasPrefix("▶ §") || $0.hasPrefix("  §") }
            .map { String($0.dropFirst(10).prefix(12)) }
        guard titles.count >= 2 else { Issue.record("no entries: \(picker.screen)"); return }
        t.send("Enter")
        #expect(t.wait { $0.contains("step 0") && $0.contains(titles[0]) }.ok)
        t.send("N")
        let next = t.wait { $0.contains("step 0") && $0.contains(titles[1]) }
        #expect(next.ok, "\(next.screen)")
        t.send("P")
        #expect(t.wait { $0.contains(titles[0]) }.ok)
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
    }

    @Test func stepsWithSAndQuitsCleanly() {
        let t = start()
        #expect(t.wait(for: "step 0").ok)
        t.send("s")
        #expect(t.wait(for: "step 1").ok)
        t.send("n")
        #expect(t.wait(for: "step 11").ok)
        t.send("q")
        let end = t.wait(for: "EXIT=0")
        #expect(end.ok, "screen: \(end.screen)")
        #expect(t.display("#{alternate_on}") == "0")
    }

    @Test func helpOverlayOpensAndCloses() {
        let t = start()
        #expect(t.wait(for: "step 0").ok)
        t.send("?")
        let help = t.wait(for: "any key closes")
        #expect(help.ok && help.screen.contains("run / pause") && help.screen.contains("quit"), "\(help.screen)")
        t.send("x")
        #expect(t.wait { !$0.contains("any key closes") }.ok)
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
    }

    @Test func runsAndPauses() {
        let t = start()
        #expect(t.wait(for: "paused").ok)
        t.send("Space")
        #expect(t.wait(for: "running").ok)
        // While running, the step counter moves on its own.
        let moved = t.wait { screen in
            guard let n = stepNumber(screen) else { return false }
            return n >= 15
        }
        #expect(moved.ok, "screen: \(moved.screen)")
        t.send("Space")
        #expect(t.wait(for: "paused").ok)
        let a = stepNumber(t.capture())
        usleep(300_000)
        #expect(stepNumber(t.capture()) == a)
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
    }

    @Test func redrawsAfterResize() {
        let t = start(cols: 120, rows: 40)
        #expect(t.wait(for: "step 0").ok)
        t.resize(cols: 90, rows: 30)
        let r = t.wait { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.contains { $0.contains("step 0") } && lines.allSatisfy { $0.count <= 90 }
        }
        #expect(r.ok, "screen: \(r.screen)")
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
    }

    @Test(arguments: [("TERM", 15, 143), ("INT", 2, 130), ("HUP", 1, 129)])
    func signalsRestoreTheTerminal(name: String, number: Int32, status: Int) {
        let t = start()
        #expect(t.wait(for: "step 0").ok)
        #expect(t.display("#{alternate_on}") == "1")
        guard let pid = t.programPID() else { Issue.record("no pid"); return }
        kill(pid, number)
        let end = t.wait(for: "EXIT=\(status)")
        #expect(end.ok, "SIG\(name): \(end.screen)")
        #expect(t.display("#{alternate_on}") == "0")
        #expect(t.display("#{cursor_flag}") == "1")
    }

    @Test func suspendAndResumeRestoresTheScreen() {
        let t = Tmux("bash --norc --noprofile", cols: 100, rows: 30)
        t.send("\(shellQuote(Spawn.optiscape)) \(shellQuote(InteractiveTests.scene))", literal: true)
        t.send("Enter")
        #expect(t.wait(for: "step 0").ok)
        t.send("C-z")
        #expect(t.wait(for: "Stopped").ok)
        #expect(t.display("#{alternate_on}") == "0")
        t.send("fg", literal: true)
        t.send("Enter")
        #expect(t.wait(for: "step 0").ok)
        t.send("s")
        #expect(t.wait(for: "step 1").ok)
        t.send("q")
        #expect(t.wait { !$0.contains("step 1") }.ok)
    }

    @Test func dumbTerminalGetsAClearMessage() {
        let t = start(env: ["TERM": "dumb"])
        let end = t.wait(for: "EXIT=1")
        #expect(end.ok && end.screen.contains("TERM"), "\(end.screen)")
    }

    @Test(arguments: [["TERM": "vt100"], ["NO_COLOR": "1"], ["TERM": "xterm"]])
    func degradedTerminalsStillShowTheScene(env: [String: String]) {
        let t = start(env: env)
        let r = t.wait(for: "step 0")
        #expect(r.ok, "\(env): \(r.screen)")
        t.send("s")
        #expect(t.wait(for: "step 1").ok)
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
    }

    @Test func quitLeavesTheTerminalModesAsTheyWere() {
        let t = Tmux("stty -a > /tmp/optiscape-stty-\(getpid())-before; \(shellQuote(Spawn.optiscape)) \(shellQuote(InteractiveTests.scene)); stty -a > /tmp/optiscape-stty-\(getpid())-after",
                     cols: 120, rows: 40)
        defer {
            try? FileManager.default.removeItem(atPath: "/tmp/optiscape-stty-\(getpid())-before")
            try? FileManager.default.removeItem(atPath: "/tmp/optiscape-stty-\(getpid())-after")
        }
        #expect(t.wait(for: "step 0").ok)
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
        let before = try? String(contentsOfFile: "/tmp/optiscape-stty-\(getpid())-before", encoding: .utf8)
        let after = try? String(contentsOfFile: "/tmp/optiscape-stty-\(getpid())-after", encoding: .utf8)
        #expect(before != nil && before == after)
    }
}

/// The number after "step " on the screen's status line.
func stepNumber(_ screen: String) -> Int? {
    guard let r = screen.range(of: "step ", options: .backwards) else { return nil }
    return Int(screen[r.upperBound...].prefix { $0.isNumber })
}
