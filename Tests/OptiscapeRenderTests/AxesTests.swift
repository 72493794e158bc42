import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct AxesTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(Ticks.step(span: 10, maxCount: 5) == 2)
        #expect(Ticks.step(span: 1, maxCount: 4) == 0.5)
        #expect(Ticks.step(span: 7, maxCount: 10) == 1)
        #expect(Ticks.step(span: 3e-6, maxCount: 3) == 1e-6)
        #expect(Ticks.step(span: 4500, maxCount: 5) == 1000)
        #expect(Ticks.step(span: 0, maxCount: 5) == nil)
        #expect(Ticks.step(span: .nan, maxCount: 5) == nil)
        #expect(Ticks.step(span: .infinity, maxCount: 5) == nil)
    }

    @Test func tickValuesAreMultiplesInsideTheRange() {
        #expect(Ticks.values(from: -3, to: 3, maxCount: 6) == [-3, -2, -1, 0, 1, 2, 3])
        #expect(Ticks.values(from: 0.1, to: 0.95, maxCount: 4) == [0.5])
        #expect(Ticks.values(from: 1, to: 1, maxCount: 4) == [1])
        #expect(Ticks.values(from: 2, to: 1, maxCount: 4) == [])
        #expect(Ticks.values(from: .nan, to: 1, maxCount: 4) == [])
        #expect(Ticks.values(from: -.greatestFiniteMagnitude, to: .greatestFiniteMagnitude, maxCount: 4).count <= 5)
        #expect(!Ticks.values(from: -0.3, to: 0.3, maxCount: 6).contains { $0 == 0 && $0.sign == .minus })
    }

    @Test func labelsAreCompact() {
        #expect(Ticks.label(0.5, step: 0.5) == "0.5")
        #expect(Ticks.label(-2, step: 1) == "-2")
        #expect(Ticks.label(150, step: 50) == "150")
        #expect(Ticks.label(0, step: 0.1) == "0")
        #expect(Ticks.label(0.30000000000000004, step: 0.1) == "0.3")
        #expect(Ticks.label(-0.25, step: 0.05) == "-0.25")
        #expect(Ticks.label(2e-5, step: 1e-5) == "2e-5")
        #expect(Ticks.label(1.5e6, step: 5e5) == "1.5e6")
        #expect(Ticks.label(3e8, step: 1e8) == "3e8")
        #expect(Ticks.label(1.25, step: 0.25) == "1.25")
        #expect(Ticks.label(.nan, step: 1) == "nan")
    }

    @Test func axesAreDrawnLeftOfAndBelowThePlot() {
        let axes = Axes()
        let vp = axes.viewport(fitting: ViewBox(x: -2...2, y: -2...2), in: Rect(col: 0, row: 0, width: 30, height: 8),
                               cellAspect: nil)
        #expect(vp.rect == Rect(col: 4, row: 0, width: 26, height: 6))
        var f = Frame(width: 30, height: 8)
        axes.draw(onto: &f, viewport: vp)
        #expect(f.plainText == """
             2 ┤
               │
               │
             0 ┤
               │
            -2 ┤
               └┬────────────┬───────────┬
                -2           0           2
            """)
    }

    @Test func layoutMakesRoomForTheWidestLabel() {
        let axes = Axes()
        let vp = axes.viewport(fitting: ViewBox(x: 0...1, y: -1000...1000), in: Rect(col: 2, row: 1, width: 60, height: 20))
        let width = axes.labelWidth(for: vp)
        #expect(width == 5)   // "-1000"
        #expect(vp.rect.col == 2 + width + 2)
        #expect(vp.rect.height == 18)
        var f = Frame(width: 62, height: 21)
        axes.draw(onto: &f, viewport: vp)
        #expect(f.plainText.contains("-1000 ┤"))
    }

    @Test func drawingOffFrameIsSafe() {
        var f = Frame(width: 10, height: 4)
        let vp = Viewport(box: ViewBox(x: 0...1, y: 0...1), rect: Rect(col: -50, row: Int.max - 10, width: 5, height: 5))
        Axes().draw(onto: &f, viewport: vp)
        #expect(f.cells.allSatisfy { $0.isBlank })
    }
}
