import Foundation
import OptiscapeCore
import Testing

/// `trace --recording` and `play --cast` on files written in-process by the shared driver.
@Suite struct RecordingCLITests {
    static let scenePath = Spawn.packageRoot.appendingPathComponent("scenes/ill-conditioning.yaml").path

    static func tmp(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-\(UUID().uuidString).\(ext)").path
    }

    /// A scripted session driven like the live loop, written to a file; returns the live state.
    static func record(to path: String, cut: Bool = false) throws -> AppState {
        let scene = try SceneFile.load(path: scenePath)
        var driver = SessionDriver(try AppState(scene: scene))
        let writer = try RecordingWriter(path: path, force: false)
        writer.write(Recording.Header(scene: scene, columns: 100, rows: 30).json)
        let script: [(Int, Command)] = [(0, .step(1)), (0, .step(10)), (0, .toggleRun), (12, .scaleLearningRate(2)),
                                        (30, .toggleRun), (30, .setStart(Vec2(-2.0, 1.25))), (30, .duplicate),
                                        (30, .toggleRun), (45, .toggleRun), (45, .quit)]
        for (k, (frame, c)) in script.enumerated() {
            while driver.frame < frame { driver.advanceFrame() }
            writer.write(driver.apply(c, millis: 40 * k).json)
        }
        writer.write(Recording.endLine(frame: driver.frame, millis: 1000))
        writer.close()
        return driver.state
    }

    @Test func traceRecordingPrintsTheLiveTrajectoriesBitForBit() throws {
        let path = Self.tmp("jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let live = try Self.record(to: path)
        let a = Spawn.optiscape("trace", "--recording", path)
        let b = Spawn.optiscape("trace", "--recording", path)
        #expect(a.status == 0 && a.stderr.isEmpty, "\(a.stderr)")
        #expect(a.stdout == TraceCSV.trajectories(live.simulation))
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.hasPrefix("runner,step,x,y,loss,grad_norm,status\n"))
        #expect(a.stdout.contains("\nsgd #2,0,-2.0,1.25,"))
    }

    @Test func badRecordingsExitOneNamingTheFileAndLine() throws {
        let path = Self.tmp("jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Self.record(to: path)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = "garbage"
        try lines.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = Spawn.optiscape("trace", "--recording", path)
        #expect(r.status == 1)
        #expect(r.stderr == "optiscape: \(path):3: not a JSON event line (column 1: invalid value)\n")
        // Cut off mid-line (a crash): plays what came before, with a warning.
        let cut = lines.prefix(2).joined(separator: "\n") + "\n" + #"{"t":0,"ms":4"#
        try cut.write(toFile: path, atomically: true, encoding: .utf8)
        let c = Spawn.optiscape("trace", "--recording", path)
        #expect(c.status == 0)
        #expect(c.stderr == "optiscape: warning: \(path):3: the last line is incomplete (the recording was cut off); playing the 1 events before it\n")
        #expect(c.stdout.contains("\nsgd,1,"))
        #expect(!c.stdout.contains("\nsgd,2,"))
    }

    @Test func castIsWrittenOnceAndNeverOverwrittenWithoutForce() throws {
        let path = Self.tmp("jsonl"), cast = Self.tmp("cast")
        defer { for p in [path, cast] { try? FileManager.default.removeItem(atPath: p) } }
        _ = try Self.record(to: path)
        let r = Spawn.optiscape("play", path, "--cast", cast, "--size", "90x30")
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        let text = try String(contentsOfFile: cast, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 90 && header["height"] as? Int == 30)
        let again = Spawn.optiscape("play", path, "--cast", cast)
        #expect(again.status == 1)
        #expect(again.stderr == "optiscape: \(cast): already exists (use --force to overwrite it)\n")
        #expect(try String(contentsOfFile: cast, encoding: .utf8) == text)
        #expect(Spawn.optiscape("play", path, "--cast", cast, "--force").status == 0)
    }

    @Test func recordRefusesAnExistingOrUnwritableFileBeforeTheUI() throws {
        let path = Self.tmp("jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        let existing = Spawn.optiscape("record", Self.scenePath, "-o", path)
        #expect(existing.status == 1)
        #expect(existing.stderr == "optiscape: \(path): already exists (use --force to overwrite it)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x")
        let unwritable = Spawn.optiscape("record", Self.scenePath, "-o", "/nonexistent-dir/x.jsonl")
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "optiscape: /nonexistent-dir/x.jsonl: cannot be written: the folder /nonexistent-dir does not exist\n")
    }
}
