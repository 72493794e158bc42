import Foundation
import OptiscapeCore

/// A folder for one end-to-end test: the working directory of the program (an `R` recording
/// lands here), a short recording for `play`, and the `stty -a` snapshots. Removed on deinit.
final class TerminalFixture {
    let directory: String
    var recording: String { directory + "/session.jsonl" }
    var sttyBefore: String { directory + "/stty-before" }
    var sttyAfter: String { directory + "/stty-after" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-term-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try TerminalFixture.writeLongRecording(to: recording)
    }

    /// Run pressed at once, then half a minute of frames: playback is still playing whenever
    /// a test looks (a short one could reach its end between two polls).
    static func writeLongRecording(to path: String) throws {
        let scene = try SceneFile.load(path: InteractiveTests.scene)
        var driver = SessionDriver(try AppState(scene: scene))
        let writer = try RecordingWriter(path: path, force: false)
        writer.write(Recording.Header(scene: scene, columns: 100, rows: 30).json)
        writer.write(driver.apply(.toggleRun, millis: 0).json)
        // Up to 30 s at 30 frames a second, or until every runner has stopped (the session pauses).
        while driver.state.isRunning && driver.frame < 900 { driver.advanceFrame() }
        writer.write(Recording.endLine(frame: driver.frame, millis: driver.frame * 1000 / 30))
        writer.close()
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// `command` run in the fixture's folder between two `stty -a` snapshots; the line's status
    /// is the command's.
    func checkingModes(_ command: String) -> String {
        "cd \(shellQuote(directory)); stty -a > stty-before; \(command); s=$?; stty -a > stty-after; (exit $s)"
    }

    /// The two snapshots (nil: not written).
    func modes() -> (before: String?, after: String?) {
        (try? String(contentsOfFile: sttyBefore, encoding: .utf8), try? String(contentsOfFile: sttyAfter, encoding: .utf8))
    }

    /// The recordings an `R` left in the folder (not the fixture's own).
    func recordings() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".jsonl") && $0 != "session.jsonl" }.map { directory + "/" + $0 }
    }
}

/// One way the program owns the terminal: the scene UI, the scene picker, `play`, and the
/// scene UI while `R` records. Tests that must hold on every path take these as arguments.
struct TerminalPath: CustomStringConvertible, Sendable {
    let name: String
    /// The program's arguments (shell words) given the fixture.
    let arguments: @Sendable (TerminalFixture) -> String
    /// Text on screen once the path is up and steady.
    let ready: String
    /// Keys sent once ready, and the text they bring up.
    var setUp: (keys: [String], shows: String)? = nil

    var description: String { name }

    static let scene = shellQuote(InteractiveTests.scene)
    static let ui = TerminalPath(name: "scene", arguments: { _ in scene }, ready: "step 0")
    static let picker = TerminalPath(name: "picker", arguments: { _ in "--scenes \(shellQuote(Spawn.packageRoot.path + "/scenes"))" },
                                     ready: "scene library")
    /// Paused at once (a steady screen), long before the recording's end.
    static let play = TerminalPath(name: "play", arguments: { "play \(shellQuote($0.recording))" }, ready: "▶ PLAY",
                                   setUp: (["Space"], "❚❚ PLAY"))
    static let recording = TerminalPath(name: "recording", arguments: { _ in scene }, ready: "step 0",
                                        setUp: (["R", "s"], "● REC"))
    static let all = [ui, picker, play, recording]

    /// The command line for this path, with `prefix` (e.g. `env TERM=vt100`) before the program.
    func command(_ fixture: TerminalFixture, prefix: String = "") -> String {
        (prefix.isEmpty ? "" : prefix + " ") + shellQuote(Spawn.optiscape) + " " + arguments(fixture)
    }

    /// Waits for `ready`, then sends the set-up keys and waits for what they show.
    func bringUp(_ t: Tmux) -> (ok: Bool, screen: String) {
        let r = t.wait(for: ready)
        guard r.ok, let setUp else { return r }
        t.tmux(["send-keys", "-t", t.session] + setUp.keys)
        return t.wait(for: setUp.shows)
    }
}
