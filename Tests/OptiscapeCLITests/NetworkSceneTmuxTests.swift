import Foundation
import Testing

/// The network lessons in a real terminal: each opens, runs, re-slices (p) and quits cleanly;
/// a recorded network session replays to the same screen and traces bit-identically.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct NetworkSceneTmuxTests {
    static let lessons: [String] = {
        let dir = Spawn.packageRoot.appendingPathComponent("scenes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix("network-") && $0.hasSuffix(".yaml") }.sorted()
    }()

    /// The status bar's step (`│ step 42 │`; the key hints after it also say "step").
    static func statusStep(_ screen: String) -> Int? {
        guard let m = screen.firstMatch(of: /│ step ([0-9]+) │/) else { return nil }
        return Int(m.1)
    }

    @Test func thereAreSevenLessons() { #expect(Self.lessons.count == 7) }

    @Test(arguments: lessons)
    func opensRunsReslicesAndQuits(lesson: String) {
        let path = Spawn.packageRoot.appendingPathComponent("scenes/\(lesson)").path
        let t = Tmux("\(shellQuote(Spawn.optiscape)) \(shellQuote(path))", cols: 160, rows: 48)
        let opened = t.wait(for: "step 0", timeout: 20)
        #expect(opened.ok && opened.screen.contains("network 2-"), "\(lesson): \(opened.screen)")
        t.send("n")
        #expect(t.wait(for: "step 10 ", timeout: 20).ok)
        t.send("Space")
        #expect(t.wait(timeout: 20) { (Self.statusStep($0) ?? 0) >= 30 }.ok)
        t.send("Space")
        #expect(t.wait(for: "paused", timeout: 20).ok)
        // A debug build takes seconds for a thousand-weight spectrum; more on a loaded machine.
        t.send("i")
        let inside = t.wait(for: "Inside", timeout: 60)
        #expect(inside.ok, "\(lesson): \(inside.screen)")
        t.send("e")
        let spectrum = t.wait(for: "Spectrum · ", timeout: 60)
        #expect(spectrum.ok && spectrum.screen.contains("eigenvalues,"), "\(lesson): \(spectrum.screen)")
        t.send("p")
        let resliced = t.wait(for: "re-sliced", timeout: 30)
        #expect(resliced.ok, "\(lesson): \(resliced.screen)")
        t.send("q")
        #expect(t.wait(for: "EXIT=0", timeout: 20).ok)
    }

    /// A scene whose plane takes a while to train says so while the user waits: on the terminal
    /// before the UI takes it over (the line gone once the UI is), and on the bottom row inside
    /// it when N reads a library holding such a scene.
    @Test func trainingForThePlaneShowsItsProgress() throws {
        let dir = "/tmp/optiscape-progress-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let slow = dir + "/b-slow.yaml", flat = dir + "/a-saddle.yaml"
        try """
            title: slow plane
            steps: 8000
            network: {layers: 2-16-16-2, activation: relu}
            data: "moons:n=200,noise=0.2"
            plane: {kind: pca}
            runners: [{label: adam, optimizer: adam}]
            """.write(toFile: slow, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Spawn.packageRoot.appendingPathComponent("scenes/saddle.yaml").path, toPath: flat)

        let t = Tmux("\(shellQuote(Spawn.optiscape)) \(shellQuote(slow))", cols: 120, rows: 40)
        let training = t.wait(timeout: 30) { $0.firstMatch(of: /training adam for 8000 steps to place the plane… [0-9]+ %/) != nil }
        #expect(training.ok, "\(training.screen)")
        let opened = t.wait(for: "step 0", timeout: 60)
        #expect(opened.ok && !opened.screen.contains("to place the plane"), "\(opened.screen)")
        t.send("q")
        let quit = t.wait(for: "EXIT=0", timeout: 20)
        #expect(quit.ok && !quit.screen.contains("to place the plane"), "\(quit.screen)")

        let u = Tmux("\(shellQuote(Spawn.optiscape)) \(shellQuote(flat))", cols: 120, rows: 40)
        #expect(u.wait(for: "step 0", timeout: 20).ok)
        u.send("N")
        let reading = u.wait(timeout: 30) { $0.split(separator: "\n").last?.contains("reading the 2 scene files in \(dir)… ") == true }
        #expect(reading.ok, "\(reading.screen)")
        let next = u.wait(timeout: 60) { $0.contains("slow plane │ step 0") }
        #expect(next.ok, "\(next.screen)")
        u.send("q")
        #expect(u.wait(for: "EXIT=0", timeout: 20).ok)
    }

    @Test func aRecordedNetworkSessionReplaysExactly() throws {
        let file = "/tmp/optiscape-netrec-\(getpid())-\(UUID().uuidString.prefix(6)).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let scene = Spawn.packageRoot.appendingPathComponent("scenes/network-minibatch.yaml").path
        let exe = shellQuote(Spawn.optiscape)
        let t = Tmux("\(exe) record \(shellQuote(scene)) -o \(shellQuote(file))", cols: 120, rows: 40)
        #expect(t.wait(for: "● REC", timeout: 20).ok)
        t.send("n")
        #expect(t.wait(for: "step 10 ", timeout: 20).ok)
        t.send("p")
        #expect(t.wait(for: "re-sliced", timeout: 30).ok)
        t.send("n")
        #expect(t.wait(for: "step 20 ", timeout: 20).ok)
        usleep(200_000)
        let live = t.capture()
        t.send("q")
        #expect(t.wait(for: "EXIT=0", timeout: 20).ok)

        let p = Tmux("\(exe) play \(shellQuote(file))", cols: 120, rows: 40)
        let end = p.wait(timeout: 40) { $0.contains("■ END") }
        #expect(end.ok, "\(end.screen)")
        usleep(200_000)
        let played = p.capture()
        func body(_ s: String) -> [Substring] { Array(s.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2)) }
        #expect(body(played) == body(live))
        p.send("q")
        #expect(p.wait(for: "EXIT=0", timeout: 20).ok)

        let a = Spawn.optiscape("trace", "--recording", file)
        let b = Spawn.optiscape("trace", "--recording", file)
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout.contains("batch 1,20,"), "\(a.stderr)")
    }
}
