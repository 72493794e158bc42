import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct TrajectoryLayerTests {
    let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 3, row: 1, width: 30, height: 12))
    let colors: [Color] = [.indexed(196), .indexed(231), .indexed(201)]

    /// Random walks that sometimes jump far, to 1e300, to ±∞ or to NaN.
    static func walks(count: Int, length: Int, seed: UInt64) -> [[Vec2]] {
        var rng = TestRNG(state: seed)
        return (0..<count).map { _ in
            var p = Vec2(0, 0)
            var out: [Vec2] = []
            for _ in 0..<length {
                let u = rng.uniform()
                switch u {
                case ..<0.01: out.append(Vec2(1e300, -1e300))
                case ..<0.015: out.append(Vec2(.nan, 1))
                case ..<0.02: out.append(Vec2(-.infinity, 0.5))
                case ..<0.05: p = Vec2(rng.uniform() * 8 - 4, rng.uniform() * 8 - 4); out.append(p)
                default:
                    p = p + Vec2(rng.uniform() * 0.4 - 0.2, rng.uniform() * 0.4 - 0.2)
                    out.append(p)
                }
            }
            return out
        }
    }

    func fullRedraw(_ series: [[Vec2]]) -> BrailleCanvas {
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync(series, colors: colors)
        return layer.canvas
    }

    @Test func incrementalSyncEqualsAFullRedraw() {
        let all = Self.walks(count: 3, length: 600, seed: 42)
        var rng = TestRNG(state: 1)
        var layer = TrajectoryLayer(viewport: vp)
        var shown = [0, 0, 0]
        var syncs = 0
        while shown != [600, 600, 600] {
            // Series grow unevenly, sometimes not at all, sometimes by many points.
            for k in 0..<3 where rng.uniform() < 0.7 {
                shown[k] = min(600, shown[k] + Int(rng.uniform() * 12))
            }
            let visible = (0..<3).map { Array(all[$0].prefix(shown[$0])) }
            layer.sync(visible, colors: colors)
            syncs += 1
            if syncs > 1 { #expect(!layer.lastSyncWasFull) }
            let full = fullRedraw(visible)
            #expect(layer.canvas == full)
        }
        #expect(syncs > 50)
    }

    @Test func convergingRunnersSyncedStepByStepEqualAFullRedraw() {
        // Spirals into a point: most late steps stay inside one dot.
        let spirals: [[Vec2]] = (0..<2).map { k in
            (0..<400).map { i in
                let r = 1.5 * pow(0.985, Double(i)), a = Double(i) * 0.3 + Double(k)
                return Vec2(0.3 * Double(k) + r * cos(a), r * sin(a))
            }
        }
        var layer = TrajectoryLayer(viewport: vp)
        for n in 1...400 {
            layer.sync(spirals.map { Array($0.prefix(n)) }, colors: colors)
        }
        #expect(layer.canvas == fullRedraw(spirals))
    }

    @Test func aSteadyFrameDrawsOnlyTheNewSegments() {
        var series = Self.walks(count: 2, length: 2000, seed: 3)
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync(series, colors: colors)
        #expect(layer.lastSyncWasFull)
        #expect(layer.pointsDrawnInLastSync == 4000)
        series[0].append(Vec2(0.1, 0.1))
        layer.sync(series, colors: colors)
        #expect(!layer.lastSyncWasFull)
        #expect(layer.pointsDrawnInLastSync == 1)
        layer.sync(series, colors: colors)
        #expect(layer.pointsDrawnInLastSync == 0)
        #expect(layer.drawnSteps == [2000, 1999])
    }

    @Test func redrawsWhenTheViewOrTheSeriesChange() {
        var series = Self.walks(count: 2, length: 50, seed: 5)
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync(series, colors: colors)

        layer.setViewport(vp)                        // same view: nothing to do
        layer.sync(series, colors: colors)
        #expect(!layer.lastSyncWasFull)

        layer.setViewport(vp.zoomed(by: 2))
        layer.sync(series, colors: colors)
        #expect(layer.lastSyncWasFull)
        var fresh = TrajectoryLayer(viewport: vp.zoomed(by: 2))
        fresh.sync(series, colors: colors)
        #expect(layer.canvas == fresh.canvas)

        layer.invalidate()
        layer.sync(series, colors: colors)
        #expect(layer.lastSyncWasFull)

        layer.sync(series, colors: [.green, .blue])    // new colours
        #expect(layer.lastSyncWasFull)

        series[1].removeLast(10)                      // a runner was reset
        layer.sync(series, colors: [.green, .blue])
        #expect(layer.lastSyncWasFull)

        series[1][series[1].count - 1] = Vec2(1, 1)   // same length, different last point
        layer.sync(series, colors: [.green, .blue])
        #expect(layer.lastSyncWasFull)

        series.append([Vec2(0, 0)])                   // a runner was added
        layer.sync(series, colors: [.green, .blue])
        #expect(layer.lastSyncWasFull)
        #expect(layer.colors == [.green, .blue, .default])
    }

    @Test func aNaNLastPointDoesNotForceRedraws() {
        let series = [[Vec2(0, 0), Vec2(0.5, 0.5), Vec2(.nan, .nan)]]
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync(series, colors: colors)
        layer.sync(series, colors: colors)
        #expect(!layer.lastSyncWasFull)
    }

    @Test func aLongJumpIsDrawnToTheBorder() {
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync([[Vec2(0, 0), Vec2(1e300, 0)]], colors: colors)
        let c = layer.canvas
        // Every dot on the row of y = 0 from the centre to the right edge.
        let y = Int(vp.dot(of: Vec2(0, 0)).y)
        for x in 30..<60 { #expect(c.isSet(dotX: x, dotY: y)) }
        var f = Frame(width: 40, height: 15)
        layer.compose(onto: &f)
        #expect(BrailleCanvas.bits(of: f[32, 1 + y / 4].character) != nil)
        #expect(f[32, 1 + y / 4].foreground == colors[0])
    }

    @Test func lonePointsAndSlicesAreDrawn() {
        var layer = TrajectoryLayer(viewport: vp)
        let walk = Self.walks(count: 1, length: 20, seed: 9)[0]
        layer.sync([walk[0..<1]], colors: colors)
        #expect(layer.canvas.bits.contains { $0 != 0 })
        layer.sync([walk[0..<20]], colors: colors)
        #expect(!layer.lastSyncWasFull)
        #expect(layer.canvas == fullRedraw([walk]))
    }

    /// The colour of the composed cell showing world point `p`.
    func composedColor(_ layer: TrajectoryLayer, at p: Vec2) -> Color {
        var f = Frame(width: 40, height: 15)
        layer.compose(onto: &f)
        let cell = vp.cell(of: p)!
        return f[cell.col, cell.row].foreground
    }

    @Test func higherSeriesWinSharedCellsAtTheSameStep() {
        var layer = TrajectoryLayer(viewport: vp)
        let a = [Vec2(-2, 0), Vec2(2, 0)], b = [Vec2(0, -2), Vec2(0, 2)]
        layer.sync([a, b], colors: [.red, .blue])
        #expect(composedColor(layer, at: .zero) == .blue)
        var swapped = TrajectoryLayer(viewport: vp)
        swapped.sync([b, a], colors: [.blue, .red])
        #expect(composedColor(swapped, at: .zero) == .red)
    }

    /// The later step wins a shared cell, whichever series drew it; a diverging series loses
    /// every shared cell and draws no step that leaves the view.
    @Test func laterStepsWinAndDivergingTrailsGoUnderneath() {
        let late = [Vec2(-2, 1), Vec2(-2, 0.5), Vec2(-2, 0), Vec2(2, 0)]   // crosses the origin at step 3
        let early = [Vec2(0, -2), Vec2(0, 0.5)]                           // crosses it at step 1
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync([late, early], colors: [.red, .blue])
        #expect(composedColor(layer, at: .zero) == .red)
        let away = [Vec2(0, -1.5), Vec2(0, 0.5), Vec2(1e6, 1e6)]
        var under = TrajectoryLayer(viewport: vp)
        under.sync([late, away], styles: [TrailStyle(color: .red), TrailStyle(color: .blue, faded: .cyan, diverged: true)])
        #expect(composedColor(under, at: .zero) == .red)
        #expect(composedColor(under, at: Vec2(0, -1)) == .cyan)          // its own steps, faded
        #expect(composedColor(under, at: Vec2(1, 1.5)) == .default)      // not its jump out of the view
    }

    /// Iterates are 2 × 2 blocks; the last `recentSteps` steps are bold in the colour, older
    /// ones plain in the faded colour.
    @Test func oldStepsFade() {
        var layer = TrajectoryLayer(viewport: vp)
        layer.recentSteps = 2
        let path = [Vec2(-1.5, -1), Vec2(-0.75, -1), Vec2(0, -1), Vec2(0.75, -1), Vec2(1.5, -1)]
        layer.sync([path], styles: [TrailStyle(color: .red, faded: .yellow)])
        var f = Frame(width: 40, height: 15)
        layer.compose(onto: &f, attributes: .bold)
        let old = vp.cell(of: Vec2(-1.5, -1))!, new = vp.cell(of: Vec2(1.5, -1))!
        #expect(f[old.col, old.row].foreground == .yellow && f[old.col, old.row].attributes == [])
        #expect(f[new.col, new.row].foreground == .red && f[new.col, new.row].attributes == .bold)
        let d = vp.dot(of: Vec2(1.5, -1))
        #expect(layer.canvas.isSet(dotX: Int(d.x), dotY: Int(d.y)) && layer.canvas.isSet(dotX: Int(d.x), dotY: Int(d.y) + 1))
    }
}
