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
}
