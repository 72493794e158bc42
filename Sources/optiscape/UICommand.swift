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
            // Everything that can fail on input fails here, before the terminal is taken over;
            // what takes a while (training for a network scene's plane) says so on stderr.
            let first: AppState? = try ProgressLine.onStandardError {
                guard scene != nil || options.describesSimulation else { return nil }
                let s = try loadScene(path: scene, options: options, defaultOptimizers: ["sgd", "momentum", "adam"])
                return try AppState(scene: s, rules: options.rules)
            }
            let libraryDir = scenes ?? scene.map { ($0 as NSString).deletingLastPathComponent }.flatMap { $0.isEmpty ? "." : $0 }
                ?? SceneLibrary.defaultDirectory()
            let library = LibrarySource(directory: libraryDir)
            // Asked for by name, or needed for the picker: read now (a bad --scenes fails here).
            // With a scene given, only N/P need it, so it is read when they are first pressed.
            if scenes != nil { _ = try ProgressLine.onStandardError { try library.load() } }
            else if first == nil { ProgressLine.onStandardError { library.get() } }

            let recorder = Recorder()
            let app = try InteractiveApp(noColor: noColor)
            defer { app.end(); reportRecordings(recorder) }
            try Session(app: app, library: library, rules: options.rules, recorder: recorder).run(first: first)
        }
    }
}

/// The scene library of the picker and N/P, read once, when first needed. Reading it reads
/// every scene in it, and a network lesson trains its plane when read: a session opened on one
/// scene that never presses N/P never pays for the others.
final class LibrarySource {
    let directory: String?
    private var result: Result<SceneLibrary, Error>?

    init(directory: String?) { self.directory = directory }

    /// The library, reading it if not yet read; throws why there is none.
    func load() throws -> SceneLibrary {
        if let result { return try result.get() }
        let r: Result<SceneLibrary, Error>
        if let directory {
            r = Result { try SceneLibrary.load(directory: directory) }
        } else {
            r = .failure(NoLibrary())
        }
        result = r
        return try r.get()
    }

    /// The library, or nil when there is none.
    @discardableResult
    func get() -> SceneLibrary? { try? load() }

    /// What N/P say when there is no library; nil when there is one.
    func whyNone() -> String? {
        do { _ = try load(); return nil } catch is NoLibrary {
            return "N/P: no scene library (no scenes/ folder here; --scenes DIR names one)"
        } catch {
            return "N/P: no scene library (\(error))"
        }
    }

    private struct NoLibrary: Error {}
}

/// Picker → scene → N/P → … until the user quits. `q` in a scene opened from the picker (or
/// reached from one by N/P) goes back to the picker, at that scene; `q` there quits.
struct Session {
    let app: InteractiveApp
    let library: LibrarySource
    let rules: StoppingRules
    var recorder: Recorder? = nil

    /// `first`: the scene of the command line, already built; nil: the picker first.
    func run(first: AppState?) throws {
        var index: Int?
        var state: AppState
        let fromPicker = first == nil && library.get() != nil
        if let first {
            state = first
        } else if let lib = library.get() {
            guard let chosen = try pickValid(lib, from: 0) else { return }
            index = chosen
            state = try open(lib.entries[chosen].scene!)
        } else {
            state = try open(Scene.defaultScene)
        }
        while true {
            let end = try app.run(state, recorder: recorder, noScenes: { library.whyNone() })
            if end.sceneRequest == nil, fromPicker, let lib = library.get() {
                guard let chosen = try pickValid(lib, from: index ?? 0) else { return }
                index = chosen
                state = try open(lib.entries[chosen].scene!)
                continue
            }
            guard let request = end.sceneRequest, let lib = library.get() else { return }
            // N/P: the next valid scene in library order (from an outside scene, the first).
            if index == nil { index = lib.entries.firstIndex { samePath(state.scene.path)($0.path) } }
            let step = request == .next ? 1 : -1
            let count = lib.entries.count
            var i = index.map { $0 + step } ?? (step > 0 ? 0 : count - 1)
            i = ((i % count) + count) % count
            var tries = 0
            while lib.entries[i].scene == nil && tries < count { i = ((i + step) % count + count) % count; tries += 1 }
            guard let next = lib.entries[i].scene else { return }
            index = i
            state = try open(next)
        }
    }

    /// A scene's state, built with what it does on the way (training for a plane) shown.
    private func open(_ scene: Scene) throws -> AppState {
        try app.showingProgress { try AppState(scene: scene, rules: rules) }
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
