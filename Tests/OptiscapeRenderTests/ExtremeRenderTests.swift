import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Rendering runners whose heads sit at 1e300, at subnormals or on the origin, with every panel
/// and a few views: nothing traps (huge doubles must not reach an `Int(...)` conversion).
@Suite struct ExtremeRenderTests {
    static let starts = [Vec2(1e300, 1e300), Vec2(-1e300, 1e300), Vec2(5e-324, 5e-324), Vec2(0, 0), Vec2(1e154, -1e154)]

    static func state(_ landscape: String, rules: StoppingRules) throws -> AppState {
        let kinds = OptimizerKind.allCases.filter(\.runsOnPoints)
        let runners = starts.enumerated().map { i, p in
            RunnerConfig(label: "r\(i)", optimizer: OptimizerSpec(kinds[i % kinds.count]), start: p)
        }
        let scene = Scene(title: "extreme", landscape: .builtIn(name: landscape, parameters: [:]), runners: runners)
        return try AppState(scene: scene, rules: rules)
    }

    @Test(arguments: LandscapeCatalog.all.map(\.name))
    func huge_heads_render(landscape: String) throws {
        // Starts beyond the default bound are refused before anything runs (issue #13).
        #expect(throws: OptimizerError.self) { try Self.state(landscape, rules: StoppingRules()) }
        for rules in [StoppingRules(divergenceBound: 1e308)] {
            var s = try Self.state(landscape, rules: rules)
            var r = Renderer(colorMode: .full256)
            for command: Command in [.step(20), .toggleLossPanel, .toggleVectors, .toggleInsidePanel, .toggleCompare,
                                     .fitView, .zoom(1e-300), .zoom(1e300), .pan(dx: 1e300, dy: -1e300), .toggleCursor,
                                     .moveCursor(dx: 1e300, dy: 1e300), .toggleExplain, .selectNext, .toggleHelp] {
                s.reduce(command)
                _ = r.render(s, width: 60, height: 20)
            }
            for (w, h) in [(1, 1), (20, 5), (200, 60)] { _ = r.render(s, width: w, height: h) }
        }
    }

    /// The minimal case that trapped: a loss chart spanning ±the largest finite double (a runner
    /// diverged at step 0 keeps that as its stand-in loss) on a linear scale; the range's width
    /// overflowed and the head mark's `Int(d.y)` trapped on NaN.
    @Test func lossChartSpanningTheLargestDoubles() {
        var chart = LineChart(series: [LineChart.Series(values: [-.greatestFiniteMagnitude, .greatestFiniteMagnitude], color: .default)],
                              yScale: .linear)
        chart.mark = LineChart.Mark(series: 0, step: 1)
        var frame = Frame(width: 40, height: 10)
        chart.draw(onto: &frame, in: Rect(col: 0, row: 0, width: 40, height: 10))
    }
}
