import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every file optiscape writes: never over an existing file without --force, an unwritable path
/// refused before any work, and a `kill -9` leaving a readable file (see OutputFile).
@Suite struct OutputFileCLITests {
    /// A fresh folder per test.
    static func folder() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-out-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// Each output, as the arguments that write it to `path`.
    static let outputs: [String: @Sendable (_ dir: String, _ path: String) -> [String]] = [
        "trace csv": { _, p in ["trace", "--steps", "3", "-o", p] },
        "trace json": { _, p in ["trace", "--steps", "3", "--format", "json", "-o", p] },
        "trace recording": { d, p in ["trace", "--recording", d + "/session.jsonl", "-o", p] },
        "render": { _, p in ["render", "--size", "60x20", "-o", p] },
        "render svg": { _, p in ["render", "--format", "svg", "--size", "64x48", "-o", p] },
        "render png": { _, p in ["render", "--format", "png", "--size", "64x48", "-o", p] },
        "play gif": { d, p in ["play", d + "/session.jsonl", "--gif", p, "--size", "48x32"] },
        "play cast": { d, p in ["play", d + "/session.jsonl", "--cast", p] },
        "record": { _, p in ["record", "-o", p] },
    ]

    static func prepared() throws -> String {
        let d = folder()
        _ = try RecordingCLITests.record(to: d + "/session.jsonl")
        return d
    }

    @Test(arguments: outputs.keys.sorted())
    func anExistingFileIsKeptWithoutForce(_ output: String) throws {
        let d = try Self.prepared()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let path = d + "/out"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let r = Spawn.optiscape(args: Self.outputs[output]!(d, path))
        #expect(r.status == 1)
        #expect(r.stderr == "optiscape: \(path): already exists (use --force to overwrite it)\n")
        #expect(Self.read(path) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["out", "session.jsonl"])
    }

    @Test(arguments: outputs.keys.sorted().filter { $0 != "record" })
    func forceReplacesIt(_ output: String) throws {
        let d = try Self.prepared()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let path = d + "/out"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let r = Spawn.optiscape(args: Self.outputs[output]!(d, path) + ["--force"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        #expect(bytes != Data("old\n".utf8) && bytes.count > 20)
        if !["render png", "play gif"].contains(output) { #expect(Self.read(path)?.hasSuffix("\n") == true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["out", "session.jsonl"], "no temporary left")
    }

    /// `record --force` without a terminal: refused for the terminal, and the old file untouched.
    @Test func recordForceWithoutATerminalLeavesTheOldFile() throws {
        let d = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try "old\n".write(toFile: d + "/r.jsonl", atomically: false, encoding: .utf8)
        let r = Spawn.optiscape("record", "-o", d + "/r.jsonl", "--force")
        #expect(r.status == 2 && r.stderr.contains("terminal"))
        #expect(Self.read(d + "/r.jsonl") == "old\n")
    }

    /// The UI draws on standard output, so `record -o -` is refused, and no file named `-` appears.
    @Test func recordRefusesStandardOutput() throws {
        let r = Spawn.optiscape("record", "-o", "-")
        #expect(r.status == 2 && r.stderr.hasPrefix("optiscape: -o -: a recording cannot go to standard output"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    @Test(arguments: outputs.keys.sorted())
    func unwritablePathsFailFirstWithOneLine(_ output: String) throws {
        let d = try Self.prepared()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try "x".write(toFile: d + "/file", atomically: false, encoding: .utf8)
        let bad = [(d + "/missing/out", "the folder \(d)/missing does not exist"),
                   (d, "is a folder; give a file name"),
                   (d + "/file/out", "\(d)/file is not a folder")]
        for (path, why) in bad {
            let r = Spawn.optiscape(args: Self.outputs[output]!(d, path))
            #expect(r.status == 1, "\(path): \(r.stderr)")
            #expect(r.stderr.hasPrefix("optiscape: \(path)") && r.stderr.contains(why) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        if getuid() != 0 { // root writes anywhere
            let locked = d + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
            chmod(locked, 0o555)
            defer { chmod(locked, 0o755) }
            let r = Spawn.optiscape(args: Self.outputs[output]!(d, locked + "/out"))
            #expect(r.status == 1 && r.stderr.contains("permission denied"), "\(r.stderr)")
        }
    }

    /// A hundred million steps would take minutes: the error comes first, before any of them.
    @Test(arguments: ["csv", "json"])
    func aMissingFolderFailsBeforeALongRun(_ format: String) {
        let r = Spawn.optiscape(args: ["trace", "--steps", "100000000", "--format", format, "-o", "/nonexistent/x.\(format)"], timeout: 60)
        #expect(r.status == 1)
        #expect(r.stderr == "optiscape: /nonexistent/x.\(format): cannot be written: the folder /nonexistent does not exist\n")
    }

    @Test func dashIsStandardOutput() {
        let a = Spawn.optiscape("trace", "--steps", "3", "-o", "-")
        let b = Spawn.optiscape("trace", "--steps", "3")
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout.hasPrefix("runner,"))
        let r = Spawn.optiscape("render", "--size", "60x20", "-o", "-")
        #expect(r.status == 0 && r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().count == 20)
    }

    /// Waits until `path` holds at least `bytes` (or `seconds` pass).
    static func waitForSize(_ path: String, _ bytes: Int, seconds: Double = 60) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var st = stat()
            if stat(path, &st) == 0 && Int(st.st_size) >= bytes { return }
            usleep(10_000)
        }
    }

    static func killNine(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
    }

    @Test func killNineDuringACSVTraceLeavesCompleteRows() throws {
        let d = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let path = d + "/t.csv"
        let pid = Spawn.launch(["trace", "--steps", "100000000", "--optimizer", "sgd", "--optimizer", "adam", "-o", path])
        try #require(pid > 0)
        Self.waitForSize(path, 300_000)
        Self.killNine(pid)
        let text = try #require(Self.read(path))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let last = lines.removeLast() // "" when the file ends with a newline, else the cut row
        #expect(lines.count > 1000, "only \(lines.count) rows before the kill")
        #expect(lines.first == "runner,step,x,y,loss,grad_norm,status")
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            // runner, step, x, y, loss, grad_norm (numbers, or empty where undefined), status
            #expect(f.count == 7 && Int(f[1]) != nil && f[2..<6].allSatisfy { Double($0) != nil || $0.isEmpty }
                    && !f[6].isEmpty, "\(line)")
            if f.count != 7 { break }
        }
        #expect(last.split(separator: ",", omittingEmptySubsequences: false).count <= 7)
    }

    /// A whole document: killed at any moment, the path holds the old file or a complete new one.
    @Test(arguments: [0.05, 0.3, 1.0, 2.0])
    func killNineDuringAJSONTraceLeavesTheOldOrTheNewFile(after seconds: Double) throws {
        let d = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let path = d + "/t.json"
        try #"{"old":true}"#.write(toFile: path, atomically: false, encoding: .utf8)
        let pid = Spawn.launch(["trace", "--steps", "200000", "--format", "json", "-o", path, "--force"])
        try #require(pid > 0)
        usleep(useconds_t(seconds * 1e6))
        Self.killNine(pid)
        let data = try #require(FileManager.default.contents(atPath: path))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(json?["old"] as? Bool == true || json?["runners"] != nil, "neither the old nor a whole new document")
        // And without an old file: no file, or a whole one.
        let fresh = d + "/fresh.json"
        let pid2 = Spawn.launch(["trace", "--steps", "200000", "--format", "json", "-o", fresh])
        usleep(useconds_t(seconds * 1e6))
        Self.killNine(pid2)
        if let data = FileManager.default.contents(atPath: fresh) {
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "a partial JSON document")
        }
    }

    /// Ctrl-C or SIGTERM while a whole document is being made leaves no temporary behind.
    @Test func sigtermRemovesTheTemporary() throws {
        let d = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let pid = Spawn.launch(["trace", "--steps", "100000000", "--format", "json", "-o", d + "/t.json"])
        try #require(pid > 0)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: d))?.isEmpty ?? true { usleep(10_000) }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: d))?.count == 1, "the temporary exists while it runs")
        kill(pid, SIGTERM)
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).isEmpty)
    }
}
