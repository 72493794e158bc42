import Foundation
import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

/// What the library's lessons show on screen: off-view runners named, markers kept, palettes
/// apart, contour levels that show the structure.
@Suite struct LessonPictureTests {
    static func scene(_ name: String) throws -> Scene {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenes/\(name).yaml").path
        return try SceneFile.load(path: path)
    }

    static func state(_ name: String, steps: Int) throws -> AppState {
        var s = try AppState(scene: scene(name))
        s.reduce(.step(steps))
        return s
    }

    /// The cliff's catapulted runner is outside the view: its arrow says who and how far.
    @Test func anOffViewHeadIsNamedWithItsDistance() throws {
        let s = try Self.state("cliff", steps: 300)
        let head = s.simulation.trajectories[0].last!
        #expect(!s.view.contains(head))
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            var r = Renderer(colorMode: .full256)
            let text = r.render(s, width: w, height: h).plainText
            #expect(text.contains("sgd +"), "\(w)×\(h)")
        }
        let box = ViewBox(x: 0...1, y: 0...1)
        #expect(OffViewArrow.label("sgd", for: Vec2(4, 0.5), in: box) == "sgd +3")
        #expect(OffViewArrow.label("sgd", for: Vec2(1e300, 0), in: box) == "sgd +far")
        #expect(OffViewArrow.label("a", for: Vec2(-1.5e5, 0.5), in: box) == "a +" + Text.num(1.5e5, 2))
    }

    /// A head on a critical point keeps the point's glyph (★), on the runner's colour.
    @Test func aHeadOnAMinimumKeepsTheStar() throws {
        var scene = try Self.scene("ill-conditioning")
        scene.runners[3].start = .zero   // newton starts on the minimum: its head is there
        var s = try AppState(scene: scene)
        s.reduce(.step(5))
        var r = Renderer(colorMode: .full256)
        let f = r.render(s, width: 120, height: 40)
        let vp = try #require(r.plotViewport)
        let cell = try #require(vp.cell(of: .zero))
        #expect(f[cell.col, cell.row].character == "★")
        #expect(f[cell.col, cell.row].background == RenderContext(state: s, mode: .full256).style(3).color)
    }

    /// No runner colour is a contour colour, in 256 or 8 colours.
    @Test func runnerColoursAreNeverContourColours() {
        let p = ContourPalette.standard
        let contour256 = Set(p.bands256 + p.lines256)
        let contour8 = Set((p.bands8 + p.lines8).map(\.basic8))
        for e in RunnerPalette.standard.cycle {
            #expect(!contour256.contains(.indexed(e.index256)), "\(e.name)")
            #expect(!contour8.contains(.indexed(e.index8)), "\(e.name)")
            #expect(RunnerPalette.faded(.indexed(e.index256)) != .indexed(e.index256))
            #expect(!contour256.contains(RunnerPalette.faded(.indexed(e.index256))), "\(e.name) faded")
        }
        #expect(Set(RunnerPalette.standard.cycle.map(\.index256)).count == RunnerPalette.standard.cycle.count)
        #expect(RunnerPalette.faded(.indexed(196)) == .indexed(88))   // (255,0,0) × 0.6 → (135,0,0)
        #expect(RunnerPalette.lighter(.indexed(196)) == .indexed(210)) // half-way to white → (255,135,135)
        for scene in ["beale", "rastrigin", "rosenbrock", "himmelblau", "ill-conditioning", "cliff"] {
            for r in (try? Self.scene(scene))?.runners ?? [] {
                #expect(!["white", "grey", "gray"].contains(r.color ?? ""), "\(scene): \(r.label)")
            }
        }
    }

    /// Rastrigin's minima are all marked in view (121 at 120×40), or none where they would
    /// touch; the crowded saddles and maxima are left out.
    @Test func allMinimaInViewOrNone() throws {
        let l = Rastrigin()
        let minima = l.criticalPoints.filter { $0.kind == .localMinimum || $0.kind == .globalMinimum }
        #expect(minima.count == 121)
        let vp = PlotAspect.viewport(l.view, in: Rect(col: 0, row: 0, width: 80, height: 38))
        let marked = CriticalMarks.place(l.criticalPoints, in: vp)
        let inView = minima.filter { vp.cell(of: $0.point) != nil }.count
        #expect(marked.values.filter { $0 == .localMinimum || $0 == .globalMinimum }.count == inView)
        #expect(!marked.values.contains(.saddle) && !marked.values.contains(.maximum))
        let tiny = PlotAspect.viewport(l.view, in: Rect(col: 0, row: 0, width: 12, height: 6))
        #expect(CriticalMarks.place(l.criticalPoints, in: tiny).values.filter { $0 == .localMinimum }.isEmpty)
    }

    /// Beale's valley shows several bands with the scene's clipped levels (it was one black band).
    @Test func bealesValleyHasBands() throws {
        let s = try Self.scene("beale")
        let vp = PlotAspect.viewport(s.view!, in: Rect(col: 0, row: 0, width: 70, height: 35))
        let field = ContourField(landscape: Beale(), viewport: vp, levels: RenderContext.levels(for: s.levels))
        var valley = Set<UInt8>()
        for (k, v) in field.cellValues.enumerated() where v < 10 { valley.insert(field.bands[k]) }
        #expect(valley.count >= 5, "\(valley)")
        let old = ContourField(landscape: Beale(), viewport: vp, levels: LevelSpec(count: 16, spacing: .log))
        var oldValley = Set<UInt8>()
        for (k, v) in old.cellValues.enumerated() where v < 10 { oldValley.insert(old.bands[k]) }
        #expect(oldValley.count == 1)
    }

    /// The saddle lesson sends SGD and saddle-free Newton off the top edge side by side: both
    /// labels are read, on rows of their own (they ran into each other), the distance never cut.
    @Test func offViewLabelsOfTheSaddleLessonAreBothReadable() throws {
        let s = try Self.state("saddle", steps: 200)
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            var r = Renderer(colorMode: .full256)
            let lines = r.render(s, width: w, height: h).plainText.split(separator: "\n").map(String.init)
            let sgd = lines.firstIndex { $0.contains("sgd +") }, sfn = lines.firstIndex { $0.contains("saddle-f") && $0.contains("+1.3e+06") }
            #expect(sgd != nil && sfn != nil && sgd != sfn, "\(w)×\(h)")
        }
    }

    /// At 80×24 the status bar keeps the lesson's title, cut with "…", rather than dropping it.
    @Test func narrowStatusBarCutsTheTitle() throws {
        let s = try Self.state("saddle", steps: 0)
        var r = Renderer(colorMode: .full256)
        let last = r.render(s, width: 80, height: 24).plainText.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix(" Saddle points: Newton is attracted") && last.contains("…") && last.contains("step 0"), "\(last)")
    }

    /// The loss panel's key lists the selected runner first, so a narrow panel never cuts it,
    /// and counts what it leaves out.
    @Test func lossKeyStartsWithTheSelectedRunner() throws {
        var s = try Self.state("himmelblau", steps: 20)
        s.reduce(.toggleLossPanel)
        let last = s.simulation.runners.count - 1
        while s.selected != last { s.reduce(.selectNext) }
        var r = Renderer(colorMode: .full256)
        let text = r.render(s, width: 80, height: 24).plainText
        let key = try #require(text.split(separator: "\n").first { $0.contains("loss ·") })
        let label = s.simulation.runners[last].config.label
        #expect(key.contains(" " + label + " "), "\(key)")
        #expect(key.contains(" +"), "\(key)")
    }

    /// Newton stopping on the saddle is a true stop but no success: a warning, not green.
    @Test func aSaddleStopIsAWarning() throws {
        let s = try Self.state("saddle", steps: 5)
        let newton = try #require(s.simulation.runners.first { $0.config.label == "newton" })
        #expect(newton.status.word == "converged")
        let theme = Theme(mode: .full256)
        #expect(PlotContent.status(of: newton, mode: .full256).color == theme.warning)
    }
}
