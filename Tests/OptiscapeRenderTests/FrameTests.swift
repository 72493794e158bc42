import Testing
@testable import OptiscapeRender

@Suite struct FrameTests {
    @Test func newFrameIsBlank() {
        let f = Frame(width: 3, height: 2)
        #expect(f.cells.count == 6)
        #expect(f.cells.allSatisfy { $0.isBlank })
        #expect(f.plainText == "\n")
    }

    @Test func sizesAreClamped() {
        #expect(Frame(width: -5, height: 3).width == 0)
        #expect(Frame(width: -5, height: 3).cells.isEmpty)
        #expect(Frame(width: Int.max, height: 1).width == Frame.maxDimension)
    }

    @Test func textIsClippedAtEveryEdge() {
        var f = Frame(width: 5, height: 2)
        #expect(f.put("hello world", col: 2, row: 0) == 6)
        #expect(f.put("abcdef", col: -3, row: 1) == 3)
        #expect(f.plainText == "  hel\ndef")
    }

    @Test func anyCoordinatesAreSafe() {
        var f = Frame(width: 4, height: 2)
        let extremes = [Int.min, Int.min + 1, -1_000_000, -1, 0, 3, 4, 1_000_000, Int.max - 1, Int.max]
        for c in extremes {
            for r in extremes {
                f.put("xyz", col: c, row: r)
                f.put("★", col: c, row: r)
                f[c, r] = Cell("q")
                _ = f[c, r]
                f.fill(Rect(col: c, row: r, width: 3, height: 3), with: Cell("#"))
                f.fill(Rect(col: c, row: r, width: Int.max, height: Int.max), with: Cell("#"))
                f.box(Rect(col: c, row: r, width: Int.max, height: 3), title: "t")
                f.draw(Frame(width: 2, height: 2, fill: Cell("o")), col: c, row: r)
            }
        }
        #expect(f.width == 4 && f.height == 2)
    }

    @Test func putReturnsSaturatedColumnForHugeStarts() {
        var f = Frame(width: 4, height: 1)
        #expect(f.put("ab", col: Int.max, row: 0) == Int.max)
        #expect(f.put("ab", col: Int.max - 1, row: 5) == Int.max)
    }

    @Test func controlCharactersNeverReachTheOutput() {
        var f = Frame(width: 6, height: 1)
        f.put("a\u{1B}[31m", col: 0, row: 0)
        #expect(f.plainText == "a?[31m")
        f[0, 0] = Cell("\u{7}")
        f[1, 0] = Cell("\u{9B}")
        #expect(f.plainText == "??[31m")
        #expect(!f.ansi(mode: .full256).contains("\u{7}"))
    }

    @Test func putKeepsBackgroundUnlessGiven() {
        var f = Frame(width: 3, height: 1, fill: Cell(" ", background: .indexed(236)))
        f.put("a", col: 0, row: 0, foreground: .red)
        f.put("b", col: 1, row: 0, foreground: .red, background: .blue)
        #expect(f[0, 0] == Cell("a", foreground: .red, background: .indexed(236)))
        #expect(f[1, 0] == Cell("b", foreground: .red, background: .blue))
        #expect(f[9, 9] == .blank)
    }

    @Test func plainTextTrimsTrailingSpacesOnly() {
        var f = Frame(width: 6, height: 3)
        f.put(" a b", col: 0, row: 0)
        f.put("c", col: 5, row: 2)
        #expect(f.plainText == " a b\n\n     c")
    }

    @Test func fillDrawAndBox() {
        var f = Frame(width: 8, height: 4)
        f.box(Rect(col: 0, row: 0, width: 8, height: 4), title: "plot")
        f.fill(Rect(col: 1, row: 1, width: 2, height: 2), with: Cell("#"))
        f.draw(Frame(width: 2, height: 1, fill: Cell("@")), col: 5, row: 2)
        #expect(f.plainText == """
            ┌ plot ┐
            │##    │
            │##  @@│
            └──────┘
            """)
        var g = Frame(width: 7, height: 3)
        g.box(g.bounds, title: "a long title")
        #expect(g.plainText.split(separator: "\n")[0] == "┌ a… ─┐")
    }

    /// A 4×2 frame with colours and attributes, and its SGR text in each mode.
    static func styled() -> Frame {
        var f = Frame(width: 4, height: 2)
        f[0, 0] = Cell("a", foreground: .indexed(196))
        f[1, 0] = Cell("b", foreground: .indexed(196), attributes: .bold)
        f[2, 0] = Cell("c")
        f[0, 1] = Cell(" ", background: .indexed(21))
        f[1, 1] = Cell("x", background: .indexed(21))
        f[2, 1] = Cell("y", attributes: .reverse)
        return f
    }

    @Test func ansi256EmitsOnlyChangesAndResetsAtLineEnd() {
        let esc = "\u{1B}["
        #expect(FrameTests.styled().ansi(mode: .full256) ==
                "\(esc)38;5;196ma\(esc)1mb\(esc)0mc\n\(esc)48;5;21m x\(esc)7;49my\(esc)0m")
    }

    @Test func ansi8UsesBasicCodes() {
        let esc = "\u{1B}["
        #expect(FrameTests.styled().ansi(mode: .basic8) ==
                "\(esc)31ma\(esc)1mb\(esc)0mc\n\(esc)44m x\(esc)7;49my\(esc)0m")
    }

    @Test func ansiNoneKeepsAttributesOnly() {
        let esc = "\u{1B}["
        #expect(FrameTests.styled().ansi(mode: .none) == "a\(esc)1mb\(esc)0mc\n x\(esc)7my\(esc)0m")
    }

    @Test func ansiTurnsAttributesOffPrecisely() {
        var f = Frame(width: 4, height: 1)
        f[0, 0] = Cell("a", attributes: [.bold, .dim, .underline])
        f[1, 0] = Cell("b", attributes: [.dim])          // bold and underline off: 22 clears dim too
        f[2, 0] = Cell("c", foreground: .indexed(3), attributes: [.dim])
        f[3, 0] = Cell("d", foreground: .indexed(3))
        let esc = "\u{1B}["
        #expect(f.ansi(mode: .full256) ==
                "\(esc)1;2;4ma\(esc)22;24;2mb\(esc)38;5;3mc\(esc)22md\(esc)0m")
        #expect(f.ansi(mode: .basic8) ==
                "\(esc)1;2;4ma\(esc)22;24;2mb\(esc)33mc\(esc)22md\(esc)0m")
    }

    @Test func ansiKeepsColouredTrailingSpaces() {
        var f = Frame(width: 3, height: 1)
        f[1, 0] = Cell(" ", background: .indexed(236))
        #expect(f.ansi(mode: .full256) == " \u{1B}[48;5;236m \u{1B}[0m")
        #expect(f.ansi(mode: .none) == "")
    }
}
