import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct BrailleCanvasTests {
    /// The dot at (dx, dy) within a cell and its bit, from the braille standard.
    static let layout: [(dx: Int, dy: Int, bit: UInt8)] = [
        (0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08),
        (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80),
    ]

    /// The canvas as text: a braille character per cell with dots, a space otherwise.
    static func text(_ c: BrailleCanvas) -> String {
        var f = Frame(width: c.width, height: c.height)
        c.compose(onto: &f, col: 0, row: 0)
        return f.plainText
    }

    @Test func everySingleDotHasItsBit() {
        for (dx, dy, bit) in Self.layout {
            #expect(BrailleCanvas.bit(dx: dx, dy: dy) == bit)
            var c = BrailleCanvas(width: 2, height: 2)
            c.set(dotX: 2 + dx, dotY: 4 + dy, color: .red)   // in cell (1, 1)
            #expect(c.bits == [0, 0, 0, bit])
            #expect(c.colors[3] == .red)
            #expect(c.isSet(dotX: 2 + dx, dotY: 4 + dy))
            var f = Frame(width: 2, height: 2)
            c.compose(onto: &f, col: 0, row: 0)
            #expect(f[1, 1].character == Character(Unicode.Scalar(0x2800 + UInt32(bit))!))
            #expect(f[1, 1].foreground == .red)
            #expect(f[0, 0] == .blank)
        }
    }

    @Test func allDotsMakeTheFullCell() {
        var c = BrailleCanvas(width: 1, height: 1)
        for x in 0..<2 { for y in 0..<4 { c.set(dotX: x, dotY: y, color: .default) } }
        #expect(c.bits == [0xFF])
        #expect(Self.text(c) == "⣿")
        #expect(BrailleCanvas.bits(of: "⣿") == 0xFF)
        #expect(BrailleCanvas.bits(of: "a") == nil)
    }

    @Test func dotsOutsideAreIgnored() {
        var c = BrailleCanvas(width: 2, height: 1)
        for (x, y) in [(-1, 0), (0, -1), (4, 0), (0, 4), (Int.min, Int.max), (Int.max, Int.min)] {
            c.set(dotX: x, dotY: y, color: .red)
        }
        for p in [Vec2(-0.01, 0), Vec2(4, 0), Vec2(.nan, 1), Vec2(1, .infinity), Vec2(1e300, 1)] {
            c.set(dot: p, color: .red)
        }
        #expect(c.bits == [0, 0])
        c.set(dot: Vec2(3.99, 3.99), color: .red)
        #expect(c.bits == [0, 0x80])
    }

    @Test func horizontalLine() {
        var c = BrailleCanvas(width: 4, height: 1)
        c.line(from: Vec2(0.5, 1.5), to: Vec2(7.5, 1.5), color: .red)
        #expect(c.bits == [0x12, 0x12, 0x12, 0x12])
        #expect(Self.text(c) == "⠒⠒⠒⠒")
    }

    @Test func verticalLine() {
        var c = BrailleCanvas(width: 1, height: 2)
        c.line(from: Vec2(1.5, 0.2), to: Vec2(1.5, 7.9), color: .red)
        #expect(c.bits == [0xB8, 0xB8])
        #expect(Self.text(c) == "⢸\n⢸")
    }

    @Test func diagonalLine() {
        var c = BrailleCanvas(width: 2, height: 1)
        c.line(from: Vec2(0.5, 0.5), to: Vec2(3.5, 3.5), color: .red)
        // Dots (0,0) (1,1) in cell 0 and (2,2) (3,3) in cell 1.
        #expect(c.bits == [0x01 | 0x10, 0x04 | 0x80])
        #expect(Self.text(c) == "⠑⢄")
    }

    @Test func lineDirectionDoesNotMatter() {
        var a = BrailleCanvas(width: 5, height: 3), b = BrailleCanvas(width: 5, height: 3)
        a.line(from: Vec2(0.3, 11.2), to: Vec2(9.1, 0.4), color: .red)
        b.line(from: Vec2(9.1, 0.4), to: Vec2(0.3, 11.2), color: .red)
        #expect(a.bits == b.bits)
        #expect(a.bits.contains { $0 != 0 })
    }

    @Test func linesAreClippedToTheCanvas() {
        var c = BrailleCanvas(width: 2, height: 1)
        c.line(from: Vec2(-10, 1.5), to: Vec2(10, 1.5), color: .red)
        #expect(c.bits == [0x12, 0x12])
        var d = BrailleCanvas(width: 2, height: 1)
        d.line(from: Vec2(-10, -10), to: Vec2(-1, 20), color: .red)    // entirely left
        d.line(from: Vec2(0, 5), to: Vec2(4, 9), color: .red)          // entirely below
        #expect(d.bits == [0, 0])
    }

    @Test func hugeAndInfiniteEndsDrawOnlyTheVisiblePart() {
        // From inside towards (1e300, −1e300): a 45° ray up and right from dot (1, 3).
        var c = BrailleCanvas(width: 2, height: 1)
        c.line(from: Vec2(1.5, 3.5), to: Vec2(1e300, -1e300), color: .red)
        var expected = BrailleCanvas(width: 2, height: 1)
        expected.line(from: Vec2(1.5, 3.5), to: Vec2(4.5, 0.5), color: .red)
        #expect(c.bits == expected.bits)

        var h = BrailleCanvas(width: 3, height: 1)
        h.line(from: Vec2(2.5, 2.5), to: Vec2(.infinity, 2.5), color: .red)
        #expect(Self.text(h) == " ⠤⠤")
        var v = BrailleCanvas(width: 3, height: 1)
        v.line(from: Vec2(-.greatestFiniteMagnitude, 1.5), to: Vec2(.greatestFiniteMagnitude, 1.5), color: .red)
        #expect(Self.text(v) == "⠒⠒⠒")
    }

    @Test func nanEndsDrawNothingAndNeverTrap() {
        var c = BrailleCanvas(width: 3, height: 2)
        let odd: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e300, .greatestFiniteMagnitude,
                             -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 0, 2.5, 1e-300]
        for a in odd { for b in odd { for d in odd {
            c.line(from: Vec2(a, b), to: Vec2(d, 1), color: .red)
            c.line(from: Vec2(1, a), to: Vec2(b, d), color: .red)
        } } }
        var n = BrailleCanvas(width: 3, height: 2)
        n.line(from: Vec2(1, 1), to: Vec2(.nan, 2), color: .red)
        n.line(from: Vec2(.nan, .nan), to: Vec2(2, 2), color: .red)
        #expect(n.bits.allSatisfy { $0 == 0 })
    }

    @Test func aClippedSegmentOfAHugeLineIsFast() {
        var c = BrailleCanvas(width: 200, height: 60)
        for k in 0..<10_000 {
            let t = Double(k)
            c.line(from: Vec2(-1e300 + t, 1e299), to: Vec2(1e300, -1e299 - t), color: .red)
        }
        #expect(c.width == 200)
    }

    @Test func lastWriterWinsUnlessOutranked() {
        var c = BrailleCanvas(width: 1, height: 1)
        c.set(dotX: 0, dotY: 0, color: .red)
        c.set(dotX: 1, dotY: 0, color: .blue)
        #expect(c.colors == [.blue])
        c.set(dotX: 0, dotY: 1, color: .green, priority: 3)
        c.set(dotX: 0, dotY: 2, color: .yellow, priority: 1)
        #expect(c.colors == [.green])
        #expect(c.bits == [0x01 | 0x08 | 0x02 | 0x04])
        c.clear()
        #expect(c.bits == [0] && c.colors == [.default] && c.priorities == [0])
    }

    @Test func composeKeepsWhatIsBelowEmptyCellsAndTheBackground() {
        var f = Frame(width: 4, height: 1, fill: Cell("x", foreground: .red, background: .indexed(236)))
        var c = BrailleCanvas(width: 2, height: 1)
        c.set(dotX: 0, dotY: 0, color: .indexed(231))
        c.compose(onto: &f, col: 1, row: 0, attributes: .bold)
        #expect(f[0, 0].character == "x")
        #expect(f[1, 0] == Cell("⠁", foreground: .indexed(231), background: .indexed(236), attributes: .bold))
        #expect(f[2, 0].character == "x")
        c.compose(onto: &f, col: -1000, row: Int.max)
        c.compose(onto: &f, col: Int.min, row: 0)
    }

    @Test func composeCanMergeWithBrailleBelow() {
        var f = Frame(width: 1, height: 1)
        f[0, 0] = Cell("⠉")
        var c = BrailleCanvas(width: 1, height: 1)
        c.set(dotX: 0, dotY: 3, color: .red)
        var merged = f
        c.compose(onto: &merged, col: 0, row: 0, mergeDots: true)
        #expect(merged[0, 0].character == "⡉")
        c.compose(onto: &f, col: 0, row: 0)
        #expect(f[0, 0].character == "⡀")
    }
}
