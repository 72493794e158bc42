import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// The side panel when its sections do not fit: essential lines stay on every page, the rest
/// is paged (PgDn/PgUp), and nothing is out of reach.
@Suite struct SidePanelPagingTests {
    static func scene(_ name: String) throws -> Scene {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try SceneFile.load(path: root.appendingPathComponent("scenes/\(name)").path)
    }

    /// The side panel's text (right of its border) of a frame, one string per row.
    static func side(_ f: Frame) -> [String] {
        let sw = ScreenLayout.sideWidth(for: f.width)
        return (1..<(f.height - 1)).map { row in
            String(((f.width - sw + 1)..<f.width).map { f[$0, row].character }).trimmingCharacters(in: .whitespaces)
        }
    }

    static func render(_ s: AppState, _ w: Int, _ h: Int) -> Frame {
        var r = Renderer(colorMode: .none)
        return r.render(s, width: w, height: h)
    }

    @Test func pagesKeepEssentialLinesAndShowEveryOtherLineOnce() {
        let essential = [true, false, false, true, false, false, false, true, false]
        let rows = 6  // 3 pinned + 1 indicator: 2 others per page, 6 others: 3 pages
        var seen: [Int] = []
        for p in 0..<3 {
            let page = PanelPages(essential: essential, rows: rows, page: p)
            #expect(page.count == 3 && page.page == p)
            #expect(page.shown.count <= rows - 1)
            #expect([0, 3, 7].allSatisfy(page.shown.contains))
            seen += page.shown.filter { !essential[$0] }
        }
        #expect(seen == [1, 2, 4, 5, 6, 8])
        #expect(PanelPages(essential: essential, rows: rows, page: -1).page == 2)  // wraps around
        #expect(PanelPages(essential: essential, rows: rows, page: 3).page == 0)
        let all = PanelPages(essential: essential, rows: 9, page: 5)
        #expect(all.shown == Array(0..<9) && all.count == 1 && all.indicator == nil)
        // Essentials alone leave no room: every line is paged, none unreachable.
        let tight = PanelPages(essential: [true, true, true, false], rows: 3, page: 1)
        #expect(tight.count == 2 && tight.shown == [2, 3])
    }

    /// At 80×24 the inside panel of the ill-conditioning lesson keeps its Taylor terms and Δf
    /// (they were cut below the fold), and each runner's loss line stays in the legend.
    @Test func insidePanelKeepsDeltaFAt80x24() throws {
        var s = try AppState(scene: try Self.scene("ill-conditioning.yaml"))
        s.reduce(.step(5))
        s.reduce(.toggleInsidePanel)
        let text = Self.side(Self.render(s, 80, 24)).joined(separator: "\n")
        for needle in ["Δf ≈", "exact Δf", "page 1/"] { #expect(text.contains(needle), "\(needle)") }
        for r in s.simulation.runners { #expect(text.contains(" \(r.config.label)"), "\(r.config.label)") }
        let lines = text.components(separatedBy: "\n")
        // Every runner's loss is shown and never cut to "…" (nor its ‖g‖): too narrow for one
        // line, they take a line each.
        let legend = lines.prefix { !$0.hasPrefix("Inside") }
        let losses = legend.filter { $0.range(of: #"(^|  )f [-0-9]"#, options: .regularExpression) != nil }
        #expect(losses.count == s.simulation.runners.count, "\(losses)")
        let cut = legend.filter { $0.range(of: #"(^|  )(f|‖g‖) [-0-9]"#, options: .regularExpression) != nil && $0.hasSuffix("…") }
        #expect(cut.isEmpty, "\(cut)")
    }

    /// The Rosenbrock race's nineteen runners at 160×48 with inside and vectors open: every runner
    /// is in the legend with its status, the inside numbers are whole, and paging reaches the
    /// lesson's last word.
    @Test func everyRaceRunnerAt160x48() throws {
        var s = try AppState(scene: try Self.scene("rosenbrock.yaml"))
        s.reduce(.step(20))
        s.reduce(.toggleInsidePanel)
        s.reduce(.toggleVectors)
        let first = Self.side(Self.render(s, 160, 48))
        let text = first.joined(separator: "\n")
        #expect(s.simulation.runners.count == 19)
        for (i, r) in s.simulation.runners.enumerated() { #expect(text.contains("\(i + 1) \(r.config.label)"), "\(r.config.label)") }
        for needle in ["exact Δf", "Δf ≈"] { #expect(text.contains(needle)) }
        #expect(!first.contains { $0.hasSuffix("…") && $0.count <= 2 })
        try expectWholeLesson(s, 160, 48)
    }

    /// Every word of the lesson is on some page; turning past the last page comes back to the first.
    @Test func pagingReadsTheWholeLessonAt80x24() throws {
        var s = try AppState(scene: try Self.scene("ill-conditioning.yaml"))
        s.reduce(.toggleInsidePanel)
        try expectWholeLesson(s, 80, 24)
        let one = Self.render(s, 80, 24)
        s.reduce(.turnPanelPage(-1))
        #expect(Self.render(s, 80, 24) != one)
        s.reduce(.turnPanelPage(1))
        #expect(Self.render(s, 80, 24) == one)
        s.reduce(.toggleInsidePanel)
        s.reduce(.toggleInsidePanel)
        #expect(s.panelPage == 0)
    }

    func expectWholeLesson(_ start: AppState, _ w: Int, _ h: Int) throws {
        var s = start
        let pages = Self.side(Self.render(s, w, h)).last { $0.contains("page 1/") }
        let count = try #require(pages.flatMap { Int($0.split(separator: "/")[1].prefix { $0.isNumber }) })
        var words = Set<String>()
        for _ in 0..<count {
            for line in Self.side(Self.render(s, w, h)) { words.formUnion(line.split(separator: " ").map(String.init)) }
            s.reduce(.turnPanelPage(1))
        }
        let lesson = s.scene.description.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init)
        let missing = lesson.filter { !words.contains($0) }
        #expect(missing.isEmpty, "not on any page: \(missing.prefix(5))")
        #expect(Self.render(s, w, h) == Self.render(start, w, h))
    }
}
