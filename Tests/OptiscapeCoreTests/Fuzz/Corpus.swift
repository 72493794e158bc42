import Testing
import Foundation
@testable import OptiscapeCore

/// Inputs the fuzz suites found that once failed, kept as regression tests (minimal forms).
@Suite struct FuzzCorpus {
    /// A recording whose frames run on while the replayed session is paused, with no replayed
    /// event after them (only a `quit` or the end marker): the error had no line number.
    @Test(arguments: [#"{"t":5,"c":"quit"}"#, #"{"t":5,"end":true}"#])
    func framesWhilePausedBeforeQuitOrEndNameTheLine(last: String) throws {
        let scene = try SceneFile.parse(RecordingFuzzTests.sceneText, path: "fuzz.yaml")
        let text = [Recording.Header(scene: scene, columns: 80, rows: 24).json,
                    #"{"t":0,"c":"toggleRun"}"#, #"{"t":1,"c":"toggleRun"}"#, last].joined(separator: "\n") + "\n"
        let recording = try Recording.parse(text, path: "r.jsonl")
        #expect(throws: RecordingError.self) { try Playback(recording) }
        do { _ = try Playback(recording) } catch {
            #expect(error.line == 4)
            #expect(error.description.hasPrefix("r.jsonl:4: frame 2 cannot happen"))
        }
    }

    /// A frame number or a step count far beyond any session (one digit too many, or a flipped
    /// byte) made playback build or run billions of frames: a hang, then out of memory.
    @Test(arguments: [#"{"t":1000000000000,"c":"quit"}"#, #"{"t":9223372036854775807,"end":true}"#,
                      #"{"t":1,"c":"step","n":9223372036854775807}"#, #"{"t":1,"c":"step","n":-5}"#])
    func absurdFramesAndStepsAreRefusedWithTheLine(last: String) throws {
        let scene = try SceneFile.parse(RecordingFuzzTests.sceneText, path: "fuzz.yaml")
        let text = [Recording.Header(scene: scene, columns: 80, rows: 24).json,
                    #"{"t":0,"c":"toggleRun"}"#, last].joined(separator: "\n") + "\n"
        #expect(throws: RecordingError.self) { try Recording.parse(text, path: "r.jsonl") }
        do { _ = try Recording.parse(text, path: "r.jsonl") } catch {
            #expect(error.description.hasPrefix("r.jsonl:3: "), "\(error)")
        }
    }
}
