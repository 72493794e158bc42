import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapeTerminal

struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the interactive visualizer (the default command).",
        discussion: """
            With no scene and no flags it opens the scene picker over the scene library \
            (./scenes, or --scenes DIR); inside a scene N and P open the next and previous one, and q comes back to the picker. \
            Press ? inside for the keys. Needs a terminal; `optiscape render` prints a frame as \
            text and `optiscape trace` prints the numbers. Honours NO_COLOR.

            \(SimulationOptions.expressionSyntax)
            """)

    @Argument(help: ArgumentHelp("A scene file.", valueName: "scene.yaml"))
    var scene: String?

    @Option(help: ArgumentHelp("The scene library folder for the picker and N/P (default: ./scenes, else the package's).", valueName: "dir"))
    var scenes: String?

    @OptionGroup(title: "Simulation") var options: SimulationOptions

    func run() throws {
        try failing {
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            // Everything that can fail on input fails here, before the terminal is taken over.
            let first: Scene? = scene != nil || options.describesSimulation
                ? try loadScene(path: scene, options: options, defaultOptimizers: ["sgd", "momentum", "adam"]) : nil
            let libraryDir = scenes ?? scene.map { ($0 as NSString).deletingLastPathComponent }.flatMap { $0.isEmpty ? "." : $0 }
                ?? SceneLibrary.defaultDirectory()
            let library: SceneLibrary?
            // Why N/P cannot move when there is no library (the status bar says it).
            var noScenes = "N/P: no scene library (no scenes/ folder here; --scenes DIR names one)"
            if let dir = libraryDir {
                do { library = try SceneLibrary.load(directory: dir) } catch {
                    if scenes != nil { throw error } // asked for explicitly: say why not
                    library = nil
                    noScenes = "N/P: no scene library (\(error))"
                }
            } else {
                library = nil
            }
            if let first { _ = try AppState(scene: first, rules: options.rules) }

            let recorder = Recorder()
            let app = try InteractiveApp(noColor: noColor)
            defer { app.end(); reportRecordings(recorder) }
            try Session(app: app, library: library, rules: options.rules, recorder: recorder, noScenes: noScenes).run(first: first)
        }
    }
}

/// Picker → scene → N/P → … until the user quits. `q` in a scene opened from the picker (or
/// reached from one by N/P) goes back to the picker, at that scene; `q` there quits.
struct Session {
    let app: InteractiveApp
    let library: SceneLibrary?
    let rules: StoppingRules
    var recorder: Recorder? = nil
    /// What N/P say when there is no library.
    var noScenes = "N/P: no scene library"

    func run(first: Scene?) throws {
        var index: Int?
        var scene: Scene
        let fromPicker = first == nil && library != nil
        if let first {
            scene = first
            index = library?.entries.firstIndex { samePath(first.path)($0.path) }
        } else if let library {
            guard let chosen = try pickValid(library, from: 0) else { return }
            index = chosen
            scene = library.entries[chosen].scene!
        } else {
            scene = Scene.defaultScene
        }
        while true {
            let end = try app.run(AppState(scene: scene, rules: rules), recorder: recorder,
                                  noScenes: library == nil ? noScenes : nil)
            if end.sceneRequest == nil, fromPicker, let library {
                guard let chosen = try pickValid(library, from: index ?? 0) else { return }
                index = chosen
                scene = library.entries[chosen].scene!
                continue
            }
            guard let request = end.sceneRequest, let library else { return }
            // N/P: the next valid scene in library order (from an outside scene, the first).
            let step = request == .next ? 1 : -1
            let count = library.entries.count
            var i = index.map { $0 + step } ?? (step > 0 ? 0 : count - 1)
            i = ((i % count) + count) % count
            var tries = 0
            while library.entries[i].scene == nil && tries < count { i = ((i + step) % count + count) % count; tries += 1 }
            guard let next = library.entries[i].scene else { return }
            index = i
            scene = next
        }
    }

    /// The picker, until a valid scene is chosen (an invalid one shows its error and stays).
    private func pickValid(_ library: SceneLibrary, from start: Int) throws -> Int? {
        var selected = start
        while let i = try app.pick(from: library, selected: selected) {
            if library.entries[i].scene != nil { return i }
            selected = i
        }
        return nil
    }

    private func samePath(_ a: String?) -> (String) -> Bool {
        { b in
            guard let a else { return false }
            return URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
        }
    }
}

/// The scene `render` draws: a file, the flags' ad-hoc scene, or the default scene.
func interactiveScene(path: String?, options: SimulationOptions) throws -> Scene {
    if path == nil && !options.describesSimulation { return Scene.defaultScene }
    return try loadScene(path: path, options: options, defaultOptimizers: ["sgd", "momentum", "adam"])
}

/// After the terminal is restored: where the recordings went, and what went wrong (stderr).
func reportRecordings(_ recorder: Recorder) {
    for p in recorder.paths { FileHandle.standardError.write(Data("optiscape: recorded \(p) (play it: optiscape play \(p))\n".utf8)) }
    for p in recorder.problems { FileHandle.standardError.write(Data("optiscape: \(p)\n".utf8)) }
}
