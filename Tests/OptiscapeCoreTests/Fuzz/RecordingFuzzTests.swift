import Testing
import Foundation
import PropertyBased
@testable import OptiscapeCore

/// A recording made in-process (a `SessionDriver` driven by a script, written with
/// `RecordingWriter`), then truncated, shuffled and bit-flipped: every input ends in a playback
/// or a located `RecordingError` (`file:line: …`), never a trap or a hang.
@Suite struct RecordingFuzzTests {
    static let path = "fuzz.jsonl"

    /// A small scene keeps the per-input cost (the header's scene is parsed again) low.
    static let sceneText = """
        title: fuzz
        seed: 3
        steps: 400
        landscape: rosenbrock
        start: [-1.5, 2]
        runners:
          - {optimizer: sgd, lr: 0.001}
          - {optimizer: adam, lr: 0.05, noise: 0.2}
        knobs:
          - {param: b, min: 1, max: 1000, factor: 2}
        """

    static let script: [(Int, Command)] = [
        (0, .step(1)), (0, .step(10)), (0, .toggleRun), (3, .faster), (5, .scaleLearningRate(2)), (6, .zoom(0.8)),
        (6, .toggleRun), (6, .duplicate), (6, .toggleClipping), (6, .setStart(Vec2(-2.2, 1.9))), (6, .toggleVisible(1)),
        (6, .pan(dx: 0.1, dy: -0.2)), (6, .toggleRun), (9, .slower), (12, .toggleRun), (12, .nextKnob),
        (12, .turnKnob(up: true)), (12, .step(3)), (12, .selectNext), (12, .moveCursor(dx: 0.1, dy: 0.1)),
        (12, .toggleRun), (15, .quit),
    ]

    /// The recording's text, written through `RecordingWriter` to a temporary file and read back.
    static let valid: String = {
        do {
            let scene = try SceneFile.parse(sceneText, path: "fuzz.yaml")
            var driver = SessionDriver(try AppState(scene: scene))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            let writer = try RecordingWriter(path: file, force: false)
            writer.write(Recording.Header(scene: scene, columns: 100, rows: 30).json)
            for (k, (frame, command)) in script.enumerated() {
                while driver.frame < frame, driver.advanceFrame() {}
                writer.write(driver.apply(command, millis: 100 * k).json)
            }
            writer.write(Recording.endLine(frame: driver.frame, millis: 100 * script.count))
            writer.close()
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            return "could not record: \(error)"
        }
    }()

    static func input(seed: UInt64) -> String {
        var rng = SeededRNG(seed: seed)
        var lines = valid.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()   // the final newline
        for _ in 0..<(1 + rng.index(below: 2)) {
            switch rng.index(below: 8) {
            case 0:                                                   // truncated at a random byte
                let b = Array(lines.joined(separator: "\n").utf8)
                return String(decoding: b.prefix(rng.index(below: b.count + 1)), as: UTF8.self)
            case 1:                                                   // lines shuffled (events only or all)
                if rng.uniform() < 0.3 { lines.shuffle(using: &rng) } else { lines[1...].shuffle(using: &rng) }
            case 2:                                                   // a line dropped or duplicated
                let i = rng.index(below: lines.count)
                if rng.uniform() < 0.5 { lines.remove(at: i) } else { lines.insert(lines[i], at: i) }
            case 3:                                                   // a number made extreme
                let i = 1 + rng.index(below: max(1, lines.count - 1))
                guard i < lines.count else { break }
                lines[i] = lines[i].replacing(/-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?/) { _ in
                    Fuzz.pick(["-1", "1e300", "-1e300", "9223372036854775807", "99999999999999999999", "1e999",
                               "5e-324", "0", "123456789", "NaN", "\"1\"", "null", "[]"], &rng)
                }
            default:                                                  // bytes of an event line (or the header) flipped
                let i = rng.uniform() < 0.1 ? 0 : 1 + rng.index(below: max(1, lines.count - 1))
                guard i < lines.count else { break }
                lines[i] = Fuzz.damageBytes(lines[i], &rng)
            }
        }
        return lines.joined(separator: "\n") + (rng.uniform() < 0.9 ? "\n" : "")
    }

    static func check(_ text: String, seed: UInt64) {
        do {
            let recording = try Recording.parse(text, path: path)
            var playback = try Playback(recording)
            try playback.seek(to: playback.moments.count)
            for w in recording.warnings { #expect(w.hasPrefix(path + ":"), "seed \(seed): \(w)") }
        } catch {
            #expect(error.description.hasPrefix(path + ":"), "seed \(seed): \(error)")
            #expect(error.line != nil, "seed \(seed): unlocated \(error)")
        }
    }

    @Test func theRecordingPlays() throws {
        let recording = try Recording.parse(Self.valid, path: Self.path)
        #expect(recording.events.count == Self.script.count)
        _ = try Playback.finalState(of: recording)
    }

    @Test func damagedRecordingsPlayOrFailLocated() async {
        await propertyCheck(count: Fuzz.count(10_000), input: Gen.uint64()) { seed in
            Fuzz.note("recording", seed)
            Self.check(Self.input(seed: seed), seed: seed)
        }
    }
}
