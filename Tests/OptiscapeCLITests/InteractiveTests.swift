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
        #expect(t.wait { $0.contains(titles[0]) && $0.contains("step 0") }.ok)
        // q in a scene opened from the picker goes back to the picker; q there quits.
        t.send("q")
        let back = t.wait(for: "scene library")
        #expect(back.ok && !back.screen.contains("EXIT="), "\(back.screen)")
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
    }

    /// Without a scene library (the program installed away from the package, started in a
    /// folder with no scenes/), N says why in the status bar and the scene goes on; R in a folder
    /// that cannot be written says so and does not record; in one that can, R says where it
    /// writes when it starts and when it stops.
    @Test func withoutALibraryNSaysWhyAndRSaysWhereItWrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-nav-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A hard link (no copy) of the program: its folder has no scenes/ above it.
        let exe = dir.appendingPathComponent("optiscape").path
        if link(Spawn.optiscape, exe) != 0 { try FileManager.default.copyItem(atPath: Spawn.optiscape, toPath: exe) }

        // /proc/self: a folder no one may write to, not even root.
        let t = Tmux("cd /proc/self && \(shellQuote(exe))", cols: 120, rows: 30)
        #expect(t.wait(for: "step 0").ok)
        t.send("N")
        let n = t.wait(for: "no scene library")
        #expect(n.ok && n.screen.contains("step 0") && !n.screen.contains("EXIT="), "\(n.screen)")
        t.send("R")
        let refused = t.wait(for: "cannot record: this folder")
        #expect(refused.ok && !refused.screen.contains("● REC"), "\(refused.screen)")
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)

        let w = Tmux("cd \(shellQuote(dir.path)) && \(shellQuote(exe))", cols: 200, rows: 30)
        #expect(w.wait(for: "step 0").ok)
        w.send("R")
        let started = w.wait(for: "● REC → \(dir.standardizedFileURL.path)/session-")
        #expect(started.ok, "\(started.screen)")
        w.send("s")
        w.send("R")
        let stopped = w.wait(for: "■ recorded \(dir.standardizedFileURL.path)/session-")
        #expect(stopped.ok, "\(stopped.screen)")
        w.send("q")
        #expect(w.wait(for: "EXIT=0").ok)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".jsonl") }
        #expect(files.count == 1)
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
}

/// The number after "step " on the screen's status line.
func stepNumber(_ screen: String) -> Int? {
    guard let r = screen.range(of: "step ", options: .backwards) else { return nil }
    return Int(screen[r.upperBound...].prefix { $0.isNumber })
}
