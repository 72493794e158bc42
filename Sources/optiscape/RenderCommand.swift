import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapeRender

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the frame the UI would show after N steps, as text (or with ANSI colours).",
        discussion: "Same renderer as the UI, no terminal needed: for docs, tests and sharing.")

    @Argument(help: ArgumentHelp("A scene file.", valueName: "scene.yaml"))
    var scene: String?

    @OptionGroup(title: "Simulation") var options: SimulationOptions

    @Option(parsing: .unconditional, help: "Steps to take before drawing.") var steps: Int = 0
    @Option(help: ArgumentHelp("Frame size.", valueName: "COLSxROWS")) var size: String = "120x40"
    @Flag(help: "Colours as ANSI escapes (256 colours).") var ansi = false
    @Option(help: ArgumentHelp("Panels to open, comma-separated: loss, inside, vectors, explain, help, multiples.", valueName: "list"))
    var show: String = ""

    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must be ≥ 0 (got \(steps))") }
        guard parsedSize != nil else { throw ValidationError("--size must look like 120x40 (1…4096 each), got \"\(size)\"") }
    }

    var parsedSize: (cols: Int, rows: Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]),
              (1...Frame.maxDimension).contains(c), (1...Frame.maxDimension).contains(r) else { return nil }
        return (c, r)
    }

    func run() throws {
        try failing {
            let scene = try interactiveScene(path: scene, options: options)
            var state = try AppState(scene: scene, rules: options.rules)
            for panel in show.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !panel.isEmpty {
                guard let c = RenderCommand.panels[panel] else {
                    throw ValidationError("unknown panel \"\(panel)\"; known: " + RenderCommand.panels.keys.sorted().joined(separator: ", "))
                }
                state.reduce(c)
            }
            let (cols, rows) = parsedSize!
            // A frame too small for the layout would be only the "too small" message: say it as an error.
            guard ScreenLayout.fits(width: cols, height: rows) else {
                throw UserError("--size \(cols)x\(rows): terminal too small, the frame needs at least \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight)")
            }
            var out = try output.open(.atomic)
            if steps > 0 { state.reduce(.step(steps)) }
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            let mode: ColorMode = ansi && !noColor ? .full256 : .none
            var renderer = Renderer(colorMode: mode)
            let frame = renderer.render(state, width: cols, height: rows)
            out.write(ansi ? frame.ansi(mode: mode) : frame.plainText + "\n")
            try out.finish()
        }
    }

    static let panels: [String: Command] = [
        "loss": .toggleLossPanel, "inside": .toggleInsidePanel, "vectors": .toggleVectors,
        "explain": .toggleExplain, "help": .toggleHelp, "multiples": .toggleCompare,
    ]
}
