import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapeTerminal

struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the interactive visualizer (the default command).",
        discussion: """
            With no scene and no flags it opens the default scene. Press ? inside for the keys. \
            Needs a terminal; `optiscape render` prints a frame as text and `optiscape trace` \
            prints the numbers. Honours NO_COLOR.
            """)

    @Argument(help: ArgumentHelp("A scene file.", valueName: "scene.yaml"))
    var scene: String?

    @OptionGroup(title: "Simulation") var options: SimulationOptions

    func run() throws {
        try failing {
            let scene = try interactiveScene(path: scene, options: options)
            let state = try AppState(scene: scene, rules: options.rules)
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            try InteractiveApp.run(state, noColor: noColor)
        }
    }
}

/// The scene the UI and `render` open: a file, the flags' ad-hoc scene, or the default scene.
func interactiveScene(path: String?, options: SimulationOptions) throws -> Scene {
    if path == nil && !options.describesSimulation { return Scene.defaultScene }
    return try loadScene(path: path, options: options, defaultOptimizers: ["sgd", "momentum", "adam"])
}
