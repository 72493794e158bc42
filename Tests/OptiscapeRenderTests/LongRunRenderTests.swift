import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Drawing bounded trajectories (``Trajectory/Limits/display`` in the UI): every new segment
/// exactly while running, the decimated path after a full redraw, a loss chart of bounded size.
@Suite struct LongRunRenderTests {
    let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 3, row: 1, width: 30, height: 12))
    static let small = Trajectory.Limits(exact: 8, decimated: 6, recent: 50)

    static func bounded(_ points: [Vec2], limits: Trajectory.Limits = small) -> Trajectory {
        var t = Trajectory(limits: limits)
        for (i, p) in points.enumerated() { t.append(p, loss: Double(i)) }
        return t
    }

    func canvas(_ series: [some TrajectorySource]) -> BrailleCanvas {
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync(series, colors: [.red])
        return layer.canvas
    }

    /// Synced every few steps (fewer than the recent points hold), the layer has drawn every
    /// segment of the run, though the trajectory kept only a few dozen points.
    @Test func whileRunningEverySegmentIsDrawnExactly() {
        let walk = TrajectoryLayerTests.walks(count: 1, length: 3_000, seed: 11)[0]
        var t = Trajectory(limits: Self.small)
        var layer = TrajectoryLayer(viewport: vp)
        var rng = TestRNG(state: 4)
        var i = 0
        while i < walk.count {
            let chunk = 1 + Int(rng.uniform() * 49)
            for p in walk[i..<Swift.min(i + chunk, walk.count)] { t.append(p, loss: 1) }
            i += chunk
            layer.sync([t], colors: [.red])
        }
        #expect(!t.isComplete)
        #expect(layer.canvas == canvas([walk]))
    }

    /// The layer skips segments that cannot change the canvas (within one dot, or a repeat of
    /// a line just drawn, as a runner caught in a cycle makes, renewed at its latest step); the
    /// picture — dots and the step each cell shows — is the same as drawing every segment and
    /// every iterate.
    @Test func skippingRepeatsChangesNothing() {
        var cycle: [Vec2] = [Vec2(0, 0)]
        for i in 0..<500 { cycle.append(i % 2 == 0 ? Vec2(-1.9, 1.5 + 1e-9 * Double(i)) : Vec2(1.8, -1.7)) }
        for (k, walk) in [cycle, TrajectoryLayerTests.walks(count: 1, length: 2_000, seed: 14)[0]].enumerated() {
            var reference = BrailleCanvas(viewport: vp)
            var prev: Vec2?
            for (step, p) in walk.map(vp.dot(of:)).enumerated() {
                let priority = TrajectoryLayer.priority(series: 0, step: step, running: true)
                if let q = prev, !q.x.isNaN, !q.y.isNaN { reference.line(from: q, to: p, color: .default, priority: priority) }
                reference.setBlock(dot: p, priority: priority)
                prev = p
            }
            #expect(canvas([walk]) == reference, "walk \(k)")
        }
    }

    /// A full redraw (after zoom or pan) draws the kept points: the decimated path.
    @Test func aFullRedrawDrawsTheDecimatedPath() {
        let walk = TrajectoryLayerTests.walks(count: 1, length: 3_000, seed: 12)[0]
        let t = Self.bounded(walk)
        var kept: [Vec2] = []
        t.forEachPoint(after: -1) { _, p in kept.append(p) }
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync([t], colors: [.red])
        #expect(layer.lastSyncWasFull)
        #expect(layer.canvas.bits == canvas([kept]).bits)  // the same dots (at other steps)
        #expect(layer.canvas.bits != canvas([walk]).bits)  // the kept points are not the whole path
        #expect(layer.pointsDrawnInLastSync == kept.count)
        #expect(layer.drawnSteps == [2_999])
    }

    /// More steps between two syncs than the recent points hold: the gap is drawn from what is
    /// kept, and a trajectory restarted from scratch is redrawn.
    @Test func aGapOrARestartIsNeverDrawnWrong() {
        let walk = TrajectoryLayerTests.walks(count: 1, length: 2_000, seed: 13)[0]
        var t = Self.bounded(Array(walk[0..<100]))
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync([t], colors: [.red])
        for (i, p) in walk[100...].enumerated() { t.append(p, loss: Double(100 + i)) }
        layer.sync([t], colors: [.red])
        #expect(layer.drawnSteps == [1_999])
        let restarted = Self.bounded(Array(walk[0..<30].reversed()))
        layer.sync([restarted], colors: [.red])
        #expect(layer.lastSyncWasFull)
        #expect(layer.canvas == canvas([Array(walk[0..<30].reversed())]))
    }

    /// The loss chart's series of a long run is bounded, ends at the latest step and keeps the
    /// highest loss.
    @Test func theLossSeriesOfALongRunIsBounded() {
        var t = Trajectory(limits: Self.small)
        for s in 0...100_000 { t.append(Vec2(0, 0), loss: s == 55_555 ? 1e9 : 1 / Double(s + 1)) }
        let series = LineChart.Series(t, color: .red)
        #expect(series.points.count <= Self.small.exact + 2 * Self.small.decimated + 1)
        #expect(series.points.last == LineChart.Point(step: 100_000, value: 1 / 100_001))
        #expect(series.points.map(\.value).max() == 1e9)
    }

    /// A long session (small limits, top speed) renders with the loss panel open, and its x axis
    /// ends at the step reached.
    @Test func aLongSessionRendersTheStepItReached() throws {
        let scene = Scene(title: "long", landscape: .builtIn(name: "rosenbrock", parameters: [:]),
                          runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2)),
                                    RunnerConfig(optimizer: OptimizerSpec(.adam), start: Vec2(-1.5, 2))])
        var driver = SessionDriver(try AppState(scene: scene, rules: StoppingRules(gradientTolerance: 0),
                                                trajectoryLimits: Self.small))
        for _ in 0..<20 { driver.apply(.faster) }
        driver.apply(.toggleLossPanel)
        driver.apply(.toggleRun)
        var renderer = Renderer(colorMode: .full256)
        for _ in 0..<3 {
            driver.advanceFrame()
            _ = renderer.render(driver.state, width: 120, height: 40)
        }
        let frame = renderer.render(driver.state, width: 120, height: 40)
        #expect(driver.state.simulation.step == 3 * AppState.maximumStepsPerFrame)
        #expect(frame.plainText.contains(String(3 * AppState.maximumStepsPerFrame)))
    }
}
