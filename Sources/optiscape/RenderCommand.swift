import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapePicture
import OptiscapeRender

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the frame the UI would show after N steps, as text (or with ANSI colours), or draw it as a picture.",
        discussion: """
            Same state as the UI, no terminal needed: for docs, tests and sharing. With --format \
            svg, png or pdf, draws it at full resolution (bands and iso-lines computed for the \
            picture, paths, markers, axes, legend, title; --show loss,inside adds those panels) \
            into -o FILE; --size is then WIDTHxHEIGHT in pixels (PNG) or points (SVG, PDF), \
            default 1280x720.
            """)

    @Argument(help: ArgumentHelp("A scene file.", valueName: "scene.yaml"))
    var scene: String?

    @OptionGroup(title: "Simulation") var options: SimulationOptions

    @Option(parsing: .unconditional, help: "Steps to take before drawing.") var steps: Int = 0
    @Option(help: ArgumentHelp("Frame size in cells (text, default 120x40), or the picture's in pixels or points (default 1280x720).", valueName: "COLSxROWS|WxH"))
    var size: String?
    @Flag(help: "Colours as ANSI escapes (256 colours).") var ansi = false
    @Option(help: ArgumentHelp("text, or a picture: svg, png, pdf (needs -o FILE).", valueName: "format"))
    var format: String = "text"
    @Option(help: ArgumentHelp("Panels to open, comma-separated: loss, inside, vectors, explain, help, multiples (pictures: loss, inside).", valueName: "list"))
    var show: String = ""

    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must be ≥ 0 (got \(steps))") }
        guard format == "text" || PictureFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be text, svg, png or pdf (got \"\(format)\")")
        }
        if let picture = PictureFormat(rawValue: format) {
            guard parsedSize != nil else { throw ValidationError("--size must look like 1280x720 (\(PictureSize.range) each), got \"\(size ?? "")\"") }
            if ansi { throw ValidationError("--ansi goes with text output, not --format \(format)") }
            if output.output == nil { throw ValidationError("--format \(picture.rawValue) needs -o FILE (- for standard output)") }
            for panel in panels where !RenderCommand.picturePanels.contains(panel) {
                throw ValidationError("--show \(panel) is not drawn in pictures; they draw: " + RenderCommand.picturePanels.joined(separator: ", "))
            }
        } else {
            guard parsedSize != nil else { throw ValidationError("--size must look like 120x40 (1…4096 each), got \"\(size ?? "")\"") }
        }
    }

    var parsedSize: (cols: Int, rows: Int)? {
        if PictureFormat(rawValue: format) != nil { return PictureSize.parse(size ?? PictureSize.default).map { ($0.width, $0.height) } }
        let parts = (size ?? "120x40").lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]),
              (1...Frame.maxDimension).contains(c), (1...Frame.maxDimension).contains(r) else { return nil }
        return (c, r)
    }

    var panels: [String] {
        show.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        try failing {
            let scene = try interactiveScene(path: scene, options: options)
            var state = try AppState(scene: scene, rules: options.rules)
            for panel in panels {
                guard let c = RenderCommand.panels[panel] else {
                    throw ValidationError("unknown panel \"\(panel)\"; known: " + RenderCommand.panels.keys.sorted().joined(separator: ", "))
                }
                state.reduce(c)
            }
            let (cols, rows) = parsedSize!
            if let picture = PictureFormat(rawValue: format) {
                var out = try output.open(.atomic)
                if steps > 0 { state.reduce(.step(steps)) }
                var figure = FigureRenderer()
                let bytes = try Picture.render(state, format: picture, width: cols, height: rows, renderer: &figure)
                bytes.withUnsafeBufferPointer { out.write($0) }
                try out.finish()
                return
            }
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

    /// The panels a picture draws.
    static let picturePanels = ["inside", "loss"]

    static let panels: [String: Command] = [
        "loss": .toggleLossPanel, "inside": .toggleInsidePanel, "vectors": .toggleVectors, "spectrum": .toggleSpectrum,
        "explain": .toggleExplain, "help": .toggleHelp, "multiples": .toggleCompare,
    ]
}
