import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct MarkerTests {
    /// A square view: 20 × 10 cells of a 2:1 font.
    let vp = Viewport(box: ViewBox(x: -1...1, y: -1...1), rect: Rect(col: 0, row: 0, width: 20, height: 10))

    @Test func glyphsAreOneColumnSymbols() {
        #expect(Marker(.globalMinimum).glyph == "★")
        #expect(Marker(.localMinimum).glyph == "◆")
        #expect(Marker(.saddle).glyph == "✕")
        #expect(Marker(.maximum).glyph == "▲")
        #expect(Marker.start.glyph == "○")
        #expect(Marker.head.glyph == "●")
        #expect(Marker.custom("x").glyph == "x")
    }

    @Test func placeKeepsTheBackground() {
        var f = Frame(width: 20, height: 10, fill: Cell(" ", background: .indexed(236)))
        let cell = Marker.globalMinimum.place(at: Vec2(0, 0), in: vp, onto: &f, color: .indexed(231))
        #expect(cell! == (10, 5))
        #expect(f[10, 5] == Cell("★", foreground: .indexed(231), background: .indexed(236), attributes: .bold))
        #expect(Marker.head.place(at: Vec2(2, 0), in: vp, onto: &f) == nil)
        #expect(Marker.head.place(at: Vec2(.nan, 0), in: vp, onto: &f) == nil)
    }

    @Test func arrowsPointTowardsTheOffViewPoint() {
        let cases: [(Vec2, Character, Int, Int)] = [
            (Vec2(5, 0), "→", 19, 5), (Vec2(-5, 0), "←", 0, 5),
            (Vec2(0, 5), "↑", 10, 0), (Vec2(0, -5), "↓", 10, 9),
            (Vec2(5, 5), "↗", 19, 0), (Vec2(-5, 5), "↖", 0, 0),
            (Vec2(-5, -5), "↙", 0, 9), (Vec2(5, -5), "↘", 19, 9),
            (Vec2(1e300, -1e300), "↘", 19, 9), (Vec2(.infinity, 0), "→", 19, 5),
            (Vec2(-.infinity, .infinity), "↖", 0, 0), (Vec2(3, 0.2), "→", 19, 4),
            (Vec2(1.5, 100), "↑", 10, 0),
        ]
        for (p, glyph, col, row) in cases {
            let a = OffViewArrow(towards: p, in: vp)
            #expect(a == OffViewArrow(col: col, row: row, glyph: glyph), "towards \(p)")
        }
    }

    @Test func noArrowForInsideOrNaNPoints() {
        #expect(OffViewArrow(towards: Vec2(0.5, 0.5), in: vp) == nil)
        #expect(OffViewArrow(towards: Vec2(1, 1), in: vp) == nil)
        #expect(OffViewArrow(towards: Vec2(.nan, 5), in: vp) == nil)
        #expect(OffViewArrow(towards: Vec2(5, .nan), in: vp) == nil)
        #expect(OffViewArrow(towards: Vec2(5, 5), in: vp.with(rect: Rect(col: 0, row: 0, width: 0, height: 3))) == nil)
    }

    @Test func arrowsRespectTheScreenAspect() {
        // A wide screen (60 × 10 cells = 60 × 20 column-widths) over a square box: a point at
        // 30° above "right" in the world leaves through the right edge, and on screen is only
        // about 11° above the horizontal: "→".
        let wide = Viewport(box: ViewBox(x: -1...1, y: -1...1), rect: Rect(col: 0, row: 0, width: 60, height: 10))
        let a = OffViewArrow(towards: Vec2(10, 5.7), in: wide)!
        #expect(a.col == 59)
        #expect(a.glyph == "→")
        var f = Frame(width: 60, height: 10)
        a.draw(onto: &f, color: .red)
        #expect(f[a.col, a.row] == Cell("→", foreground: .red, attributes: .bold))
    }

    /// Two runners off the same edge at nearly the same place (the saddle lesson's "sgd +4.2"
    /// and "saddle-free newton +1.3e+06"): their labels must not share a cell, and the first
    /// (the selected runner) keeps its place.
    @Test func offViewLabelsDoNotOverlap() {
        let rect = Rect(col: 0, row: 0, width: 40, height: 10)
        let a = OffViewArrow(col: 39, row: 4, glyph: "→"), b = OffViewArrow(col: 39, row: 4, glyph: "↗")
        let c = OffViewArrow(col: 10, row: 0, glyph: "↑"), d = OffViewArrow(col: 14, row: 0, glyph: "↑")
        let items = [(a, "sgd +4.2"), (b, "saddle-free newton +1.3e+06"), (c, "adam +2"), (d, "momentum +3")]
        let placed = OffViewArrow.separate(items.map { (arrow: $0.0, label: $0.1) }, in: rect)
        #expect(placed[0] == a)
        var f = Frame(width: 40, height: 10)
        var owner: [Int: Int] = [:]
        for (k, (arrow, item)) in zip(placed, items).enumerated() {
            #expect(rect.contains(col: arrow.col, row: arrow.row))
            #expect(arrow.col == item.0.col, "moves along the edge only")
            let span = arrow.labelSpan(item.1, in: rect)!
            for col in Swift.min(arrow.col, span.col)..<Swift.max(arrow.col + 1, span.col + span.text.count) {
                #expect(owner[arrow.row * 100 + col] == nil, "label \(k) overlaps label \(owner[arrow.row * 100 + col] ?? -1)")
                owner[arrow.row * 100 + col] = k
            }
            arrow.draw(onto: &f, label: item.1, in: rect)
        }
        #expect(placed[3].row == 1, "the top edge's second label moves inwards")
        // Cut to fit, the name gives way and the distance stays whole.
        #expect(OffViewArrow.cut("saddle-free newton +1.3e+06", to: 20) == "saddle-fre… +1.3e+06")
        #expect(OffViewArrow.cut("sgd +4.2", to: 20) == "sgd +4.2")
        #expect(OffViewArrow.cut("saddle-free newton +1.3e+06", to: 9) == "saddle-f…")
    }
}
