import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OptiscapeCore
import OptiscapeRender
import Testing
@testable import OptiscapePicture

/// Counts the elements of an SVG and collects its `<title>` and `<desc>` text.
final class SVGSummary: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var title = "", desc = ""
    var root: String?
    var strokedPaths = 0
    private var inside: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        counts[name, default: 0] += 1
        if name == "path", let style = attributes["style"], style.contains("stroke-width") { strokedPaths += 1 }
        inside = name
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inside == "title" { title += string }
        if inside == "desc" { desc += string }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inside = nil }

    static func parse(_ bytes: [UInt8]) -> (ok: Bool, summary: SVGSummary, error: String) {
        let s = SVGSummary()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = s
        let ok = parser.parse()
        return (ok, s, parser.parserError.map { "\($0)" } ?? "")
    }
}

@Suite struct SVGTests {
    @Test func theLibraryHasScenes() { #expect(libraryScenes.count >= 10) }

    /// Every library scene draws as valid SVG with its contours and paths, its text and its legend.
    @Test(arguments: libraryScenes)
    func everyLibrarySceneIsValidSVG(_ scene: String) throws {
        let s = try state(scene, steps: 15)
        let bytes = try render(s, .svg, 320, 200)
        let (ok, svg, error) = SVGSummary.parse(bytes)
        #expect(ok, "\(scene): \(error)")
        #expect(svg.root == "svg")
        #expect(String(decoding: bytes.prefix(200), as: UTF8.self).contains("width=\"320pt\" height=\"200pt\""))
        // Bands and iso-lines (filled and stroked paths), the runners' paths, glyphs of the text.
        #expect(svg.counts["path", default: 0] > 20, "\(scene): \(svg.counts)")
        #expect(svg.strokedPaths >= 2, "\(scene): iso-lines and runner paths are stroked")
        #expect(svg.counts["use", default: 0] > 50, "\(scene): text is drawn as glyphs")
        #expect(svg.title.contains(s.scene.title))
        for (i, r) in s.simulation.runners.enumerated() {
            #expect(svg.desc.contains("\(i + 1) \(r.config.label):"), "\(scene): legend entry of \(r.config.label)")
        }
    }

    @Test func panelsAddToTheFigure() throws {
        let plain = SVGSummary.parse(try render(try state("saddle.yaml", steps: 20), .svg, 480, 300)).summary
        let panels = SVGSummary.parse(try render(try state("saddle.yaml", steps: 20, panels: [.toggleLossPanel, .toggleInsidePanel]), .svg, 480, 300)).summary
        #expect(panels.counts["use", default: 0] > plain.counts["use", default: 0] + 100, "the inside table's text")
        #expect(panels.strokedPaths > plain.strokedPaths, "the loss chart's lines")
    }

    /// A network plane's points A, B, C: lettered in the legend at full detail (each with its
    /// coordinates and what it is, as the terminal says it) and in the SVG's description.
    @Test func aPlanesPointsAreInTheLegend() throws {
        let s = try state("network-weight-symmetry.yaml", steps: 0)
        let anchors = PlotContent.anchors(s)
        #expect(anchors.map(\.letter) == ["A", "B", "C"])
        #expect(anchors[1].label.hasPrefix("(1, 0) ") && anchors[1].label.contains("swapped"), "\(anchors[1].label)")
        let style = FigureStyle(width: 640, height: 400)
        let full = Legend.lines(s, style, detail: 2).map { $0.runs.map(\.text).joined() }
        for a in anchors { #expect(full.contains("\(a.letter) \(a.label)"), "\(full)") }
        #expect(!Legend.lines(s, style, detail: 1).contains { $0.runs.first?.text == "A " })
        let svg = SVGSummary.parse(try render(s, .svg, 640, 400)).summary
        for a in anchors { #expect(svg.desc.contains("\n\(a.letter) \(a.label)"), "\(svg.desc)") }
    }

    @Test func titleAndDescriptionAreEscaped() {
        let svg = Array("<?xml version=\"1.0\"?>\n<svg a=\"1\">\n</svg>\n".utf8)
        let out = String(decoding: SVGText.annotated(svg, title: "a < b & c", description: "x > y"), as: UTF8.self)
        #expect(out == "<?xml version=\"1.0\"?>\n<svg a=\"1\">\n<title>a &lt; b &amp; c</title>\n<desc>x &gt; y</desc>\n</svg>\n")
    }
}
