import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Whole small pictures compared with files under `Golden/`. To rewrite them after an
/// intended change: `OPTISCAPE_UPDATE_GOLDEN=1 swift test --filter GoldenFrameTests`, then
/// look at the new files (they must look right) before committing them.
@Suite struct GoldenFrameTests {
    /// A 40 × 12 screen: axes, the contours of an ill-conditioned bowl, a zig-zagging
    /// gradient-descent trajectory, its start and head, and the minimum.
    static func quadraticScene(mode: ColorMode) -> Frame {
        let landscape = Quadratic(kappa: 5, angle: 30)
        var frame = Frame(width: 40, height: 12)
        let axes = Axes()
        let vp = axes.viewport(fitting: landscape.view, in: frame.bounds)
        ContourField(landscape: landscape, viewport: vp, levels: LevelSpec(count: 5))
            .compose(onto: &frame, mode: mode)
        axes.draw(onto: &frame, viewport: vp)
        let path = descend(landscape, from: Vec2(-2.5, 2), rate: 0.36, steps: 6)
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync([path], colors: [.indexed(196)])
        layer.compose(onto: &frame, attributes: .bold)
        for c in landscape.criticalPoints {
            Marker(c.kind).place(at: c.point, in: vp, onto: &frame, color: .indexed(231))
        }
        Marker.start.place(at: path[0], in: vp, onto: &frame, color: .indexed(196))
        Marker.head.place(at: path.last!, in: vp, onto: &frame, color: .indexed(196))
        return frame
    }

    @Test func quadraticIn256Colours() {
        expectGolden(Self.quadraticScene(mode: .full256).plainText, "quadratic-40x12.txt")
    }

    @Test func quadraticWithoutColour() {
        expectGolden(Self.quadraticScene(mode: .none).plainText, "quadratic-40x12-nocolor.txt")
    }

    /// A saddle, a trajectory sliding off it, and an arrow where it left the view.
    @Test func saddleWithOffViewArrow() {
        let landscape = SaddleSurface()
        var frame = Frame(width: 30, height: 10)
        let vp = Viewport.fitting(landscape.view, in: frame.bounds)
        ContourField(landscape: landscape, viewport: vp, levels: LevelSpec(count: 6, spacing: .linear))
            .compose(onto: &frame, mode: .none)
        let path = (0...12).map { Vec2(1.8 - 0.15 * Double($0), 0.05 * pow(1.6, Double($0))) }
        var layer = TrajectoryLayer(viewport: vp)
        layer.sync([path], colors: [.red])
        layer.compose(onto: &frame)
        Marker(.saddle).place(at: .zero, in: vp, onto: &frame)
        OffViewArrow(towards: path.last!, in: vp)?.draw(onto: &frame)
        expectGolden(frame.plainText, "saddle-30x10-nocolor.txt")
    }

    /// A domain boundary: the left half is undefined (hatched).
    @Test func undefinedHalf() {
        var frame = Frame(width: 24, height: 6)
        let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: frame.bounds)
        ContourField(landscape: HalfDefined(), viewport: vp).compose(onto: &frame, mode: .basic8)
        expectGolden(frame.plainText, "half-defined-24x6.txt")
    }

    /// The exact escape sequences of a small frame, composed and written for each colour
    /// mode (ESC written as `\e`).
    @Test func ansiOfASmallFrame() {
        for mode in ColorMode.allCases {
            var frame = Frame(width: 16, height: 4)
            let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 0, row: 0, width: 16, height: 4))
            let field = ContourField(landscape: Bowl(), viewport: vp, levels: LevelSpec(count: 3, spacing: .linear))
            field.compose(onto: &frame, mode: mode)
            var layer = TrajectoryLayer(viewport: vp)
            layer.sync([[Vec2(-1.8, 1.5), Vec2(0, 0)]], colors: [.indexed(196)])
            layer.compose(onto: &frame, attributes: .bold)
            Marker.head.place(at: Vec2(0, 0), in: vp, onto: &frame, color: .indexed(196))
            let text = frame.ansi(mode: mode).replacingOccurrences(of: "\u{1B}", with: "\\e")
            expectGolden(text, "bowl-16x4-\(mode).ansi.txt")
        }
    }
}

import Foundation
