import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

/// The averaged iterate's path (§8.7.3) is a dashed line without iterate dots, its dash pattern
/// carried across steps and syncs.
@Suite struct DashedTrailTests {
    // 40 × 10 dots for x, y ∈ [0, 40] × [0, 10]: one unit per dot.
    let vp = Viewport(box: ViewBox(x: 0...40, y: 0...10), rect: Rect(col: 0, row: 0, width: 20, height: 3))

    func dotsOfRow(_ layer: TrajectoryLayer, _ y: Int) -> [Int] {
        (0..<layer.canvas.dotWidth).filter { layer.canvas.isSet(dotX: $0, dotY: y) }
    }

    @Test func threeOnThreeOffAlongThePathAcrossStepsAndSyncs() {
        // A horizontal path in steps of 2 dots: dashes do not restart at each step.
        let path = (0...12).map { Vec2(0.5 + 2 * Double($0), 5) }
        var whole = TrajectoryLayer(viewport: vp)
        whole.sync([path], styles: [TrailStyle(color: .default, dashed: true)])
        let row = Int(vp.dot(of: path[0]).y)
        #expect(dotsOfRow(whole, row) == [0, 1, 2, 6, 7, 8, 12, 13, 14, 18, 19, 20])
        // The same canvas when the path arrives a few steps at a time.
        var growing = TrajectoryLayer(viewport: vp)
        for n in [1, 4, 5, 9, 13] {
            growing.sync([Array(path.prefix(n))], styles: [TrailStyle(color: .default, dashed: true)])
            #expect(!growing.lastSyncWasFull || n == 1)
        }
        #expect(dotsOfRow(growing, row) == dotsOfRow(whole, row))
        // Without dashes every dot along it is set, with a 2 × 2 block per iterate.
        var solid = TrajectoryLayer(viewport: vp)
        solid.sync([path], styles: [TrailStyle(color: .default)])
        #expect(dotsOfRow(solid, row) == Array(0...25))
    }
}
