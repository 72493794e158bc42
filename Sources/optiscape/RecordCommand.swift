import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapeTerminal

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Open a scene in the interactive UI with recording on.",
        discussion: """
            Every command of the session is written (and flushed) to a JSON Lines file as it \
            happens; R stops and restarts recording. Without -o the file is named after the \
            scene and the time, in the current folder; its path is printed on quit. Replay it \
            with `optiscape play FILE`, or print its trajectories with `optiscape trace --recording FILE`.
            """)

    @Argument(help: ArgumentHelp("A scene file.", valueName: "scene.yaml"))
    var scene: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The recording file (default: SCENE-yyyyMMdd-HHmmss.jsonl here).", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite an existing output file.") var force = false

    @OptionGroup(title: "Simulation") var options: SimulationOptions

    func run() throws {
        try failing {
            // The UI draws on standard output: a recording there would be interleaved with it.
            if output == "-" {
                throw ValidationError("-o -: a recording cannot go to standard output (the UI draws there); give a file name")
            }
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            let first = try loadScene(path: scene, options: options, defaultOptimizers: ["sgd", "momentum", "adam"])
            let state = try AppState(scene: first, rules: options.rules)
            // The recorded scene must read back as a scene file (it is embedded in the recording).
            do { _ = try SceneFile.parse(SceneJSON.text(first), path: "recorded scene") } catch {
                throw ValidationError("this scene cannot be recorded: \(error)")
            }
            // Create the file now: an existing or unwritable path fails before the UI starts.
            let writer = try RecordingWriter(path: output ?? RecordingWriter.defaultPath(scene: first), force: force)
            guard isatty(1) != 0 else {
                writer.discard()
                throw ValidationError("the interactive UI needs a terminal on stdout; `optiscape trace` prints trajectories headless")
            }
            let recorder = Recorder(prepared: writer)
            let app = try InteractiveApp(noColor: noColor)
            defer { app.end(); reportRecordings(recorder) }
            try app.run(state, recorder: recorder, noScenes: { "N/P: optiscape record records one scene; quit and open another" })
        }
    }
}
