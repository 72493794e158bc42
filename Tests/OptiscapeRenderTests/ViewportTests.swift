import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct ViewportTests {
    /// x ∈ [0, 10], y ∈ [0, 8] in 10 × 4 cells at (2, 1): 20 × 16 dots, one dot = 0.5 world units.
    let vp = Viewport(box: ViewBox(x: 0...10, y: 0...8), rect: Rect(col: 2, row: 1, width: 10, height: 4))

    @Test func dotsAreTwoByFourPerCell() {
        #expect(vp.dotWidth == 20)
        #expect(vp.dotHeight == 16)
        #expect(vp.worldPerDot == (0.5, 0.5))
    }

    @Test func worldYGrowsUpScreenYGrowsDown() {
        #expect(vp.dot(of: Vec2(0, 8)) == Vec2(0, 0))      // top-left corner
        #expect(vp.dot(of: Vec2(10, 0)) == Vec2(20, 16))   // bottom-right corner
        #expect(vp.dot(of: Vec2(5, 6)) == Vec2(10, 4))
        #expect(vp.world(ofDot: Vec2(10, 4)) == Vec2(5, 6))
    }

    @Test func cellsAreInFrameCoordinates() {
        #expect(vp.cell(of: Vec2(0.1, 7.9))! == (2, 1))
        #expect(vp.cell(of: Vec2(9.9, 0.1))! == (11, 4))
        #expect(vp.cell(of: Vec2(5, 4))! == (7, 3))
        #expect(vp.world(ofCell: 2, row: 1) == Vec2(0.5, 7))   // centre of the top-left cell
        #expect(vp.world(ofCell: 11, row: 4) == Vec2(9.5, 1))
    }

    @Test func boxEdgesBelongToTheLastCell() {
        #expect(vp.cell(of: Vec2(10, 0))! == (11, 4))
        #expect(vp.cell(of: Vec2(0, 8))! == (2, 1))
        #expect(vp.dotIndex(of: Vec2(10, 0))! == (19, 15))
    }

    @Test func outsideOrNonFinitePointsHaveNoCell() {
        for p in [Vec2(-0.1, 4), Vec2(10.1, 4), Vec2(5, 8.1), Vec2(5, -1), Vec2(.nan, 4), Vec2(4, .nan),
                  Vec2(.infinity, 4), Vec2(4, -.infinity), Vec2(1e300, -1e300), Vec2(-.greatestFiniteMagnitude, 0)] {
            #expect(vp.cell(of: p) == nil)
            #expect(vp.dotIndex(of: p) == nil)
        }
    }

    @Test func hugeCoordinatesMapWithoutTrapping() {
        let tiny = Viewport(box: ViewBox(x: 0...1e-10, y: 0...1e-10), rect: Rect(col: 0, row: 0, width: 10, height: 5))
        let d = tiny.dot(of: Vec2(1e300, .greatestFiniteMagnitude))
        #expect(d.x == .infinity)
        #expect(d.y == -.infinity)
        #expect(tiny.dot(of: Vec2(.nan, 0)).x.isNaN)
    }

    @Test func panMovesByAFractionOfTheView() {
        let p = vp.panned(dx: 0.1, dy: 0.25)
        #expect(p.box == ViewBox(x: 1...11, y: 2...10))
        #expect(p.rect == vp.rect)
        #expect(vp.panned(dx: .nan, dy: 1) == vp)
    }

    @Test func zoomKeepsTheAnchorInPlace() {
        let anchor = Vec2(2, 6)
        let z = vp.zoomed(by: 2, around: anchor)
        #expect(z.box.width == 5)
        #expect(z.box.height == 4)
        #expect(z.dot(of: anchor) == vp.dot(of: anchor))
        #expect(vp.zoomed(by: 2).box == ViewBox(x: 2.5...7.5, y: 2...6))
        #expect(vp.zoomed(by: 0.5).box == ViewBox(x: -5...15, y: -4...12))
        for bad in [0.0, -1, .nan, .infinity] { #expect(vp.zoomed(by: bad) == vp) }
        #expect(vp.zoomed(by: 2, around: Vec2(.nan, 0)) == vp.zoomed(by: 2))
    }

    @Test func zoomingForeverStaysUsable() {
        var v = vp
        for _ in 0..<200 { v = v.zoomed(by: 10, around: Vec2(3, 3)) }
        #expect(v.box.width > 0 && v.box.height > 0)
        #expect(v.cell(of: Vec2(3, 3)) != nil)
        for _ in 0..<400 { v = v.zoomed(by: 0.1) }
        #expect(v.box.xMin >= -Viewport.maxCoordinate && v.box.xMax <= Viewport.maxCoordinate)
        #expect(v.box.width.isFinite)
    }

    @Test func degenerateBoxesAreRepaired() {
        let r = Rect(col: 0, row: 0, width: 4, height: 4)
        for box in [ViewBox(xMin: 1, xMax: 1, yMin: 0, yMax: 1),
                    ViewBox(xMin: 2, xMax: 1, yMin: 0, yMax: 1),
                    ViewBox(xMin: .nan, xMax: .nan, yMin: -.infinity, yMax: .infinity),
                    ViewBox(xMin: 1e300, xMax: 1e300, yMin: 0, yMax: 0)] {
            let b = Viewport(box: box, rect: r).box
            #expect(b.xMin.isFinite && b.xMax.isFinite && b.yMin.isFinite && b.yMax.isFinite)
            #expect(b.xMax > b.xMin && b.yMax > b.yMin)
        }
        #expect(Viewport(box: ViewBox(xMin: 2, xMax: 1, yMin: 0, yMax: 1), rect: r).box.xMin == 1)
    }

    @Test func equalAspectGrowsTheShortSide() {
        // 40 × 10 cells, cells twice as tall as wide: the screen is 40 × 20 column-widths.
        let r = Rect(col: 0, row: 0, width: 40, height: 10)
        let wide = Viewport.fitting(ViewBox(x: -1...1, y: -1...1), in: r)
        #expect(wide.box == ViewBox(x: -2...2, y: -1...1))
        let tall = Viewport.fitting(ViewBox(x: -1...1, y: -5...5), in: r)
        #expect(tall.box == ViewBox(x: -10...10, y: -5...5))
        // World distances look equal: a column is half a row.
        let perCol = wide.box.width / 40, perRow = wide.box.height / 10
        #expect(perRow == 2 * perCol)
    }

    @Test func emptyRectIsHarmless() {
        let e = Viewport(box: ViewBox(x: 0...1, y: 0...1), rect: Rect(col: 0, row: 0, width: 0, height: 0))
        #expect(e.cell(of: Vec2(0.5, 0.5)) == nil)
        #expect(e.withEqualAspect() == e)
        _ = e.dot(of: Vec2(0.5, 0.5))
        _ = e.world(ofCell: 3, row: 3)
    }
}
