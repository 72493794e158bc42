import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct ContourFieldTests {
    @Test func samplesSitAtDotCentresAndCellsAtCellCentres() {
        let vp = Viewport(box: ViewBox(x: 0...1, y: 0...1), rect: Rect(col: 3, row: 2, width: 5, height: 2))
        let fx = ContourField(landscape: XProbe(), viewport: vp)
        #expect(fx.sampleWidth == 10 && fx.sampleHeight == 8)
        #expect(fx.samples.count == 80 && fx.cellValues.count == 10)
        for i in 0..<10 { #expect(abs(fx.samples[i] - (Double(i) + 0.5) / 10) < 1e-12) }
        for c in 0..<5 { #expect(abs(fx.cellValues[c] - (Double(c) + 0.5) / 5) < 1e-12) }
        let fy = ContourField(landscape: YProbe(), viewport: vp)
        for j in 0..<8 { #expect(abs(fy.samples[j * 10] - (1 - (Double(j) + 0.5) / 8)) < 1e-12) }
        #expect(abs(fy.cellValues[0] - 0.75) < 1e-12 && abs(fy.cellValues[5] - 0.25) < 1e-12)
        #expect(fx.value(col: 3, row: 2) == fx.cellValues[0])
        #expect(fx.value(col: 2, row: 2) == nil)
    }

    @Test func aFullScreenPlotHasBrailleResolution() {
        let vp = Viewport(box: Bowl().view, rect: Rect(col: 0, row: 0, width: 200, height: 60))
        let f = ContourField(landscape: Bowl(), viewport: vp)
        #expect(f.sampleWidth == 400 && f.sampleHeight == 240)
        #expect(f.samples.count == 96_000)
        #expect(f.bands.count == 12_000 && f.isoBits.count == 12_000)
    }

    @Test func bandsRiseAwayFromTheMinimum() {
        let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 0, row: 0, width: 21, height: 11))
        let f = ContourField(landscape: Bowl(), viewport: vp)
        #expect(f.minimum! >= 0 && f.minimum! < 0.01)
        #expect(abs(f.maximum! - 8) < 0.5)
        #expect(f.levels.values.count == 10)
        #expect(f.band(col: 10, row: 5) == 0)
        #expect(f.band(col: 0, row: 0) == 10)
        for c in 10..<20 { #expect(f.band(col: c, row: 5)! <= f.band(col: c + 1, row: 5)!) }
        #expect(f.band(col: 99, row: 0) == nil)
        #expect(f.undefinedCount == 0)
    }

    @Test func isoDotsLieOnTheLowSideOfALevel() {
        let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 0, row: 0, width: 30, height: 12))
        let f = ContourField(landscape: SaddleSurface(), viewport: vp, levels: LevelSpec(count: 6, spacing: .linear))
        let sw = f.sampleWidth, sh = f.sampleHeight
        func band(_ i: Int, _ j: Int) -> Int? {
            guard i >= 0, i < sw, j >= 0, j < sh else { return nil }
            return f.levels.band(of: f.samples[j * sw + i])
        }
        var dots = 0
        for j in 0..<sh {
            for i in 0..<sw {
                let set = f.isoBits[(j / 4) * 30 + i / 2] & BrailleCanvas.bit(dx: i % 2, dy: j % 4) != 0
                let b = band(i, j)!
                let higher = [band(i + 1, j), band(i - 1, j), band(i, j + 1), band(i, j - 1)]
                    .contains { $0 != nil && $0! > b }
                // A dot exactly where a 4-neighbour is in a higher band.
                #expect(set == higher)
                if set { dots += 1 }
            }
        }
        #expect(dots > 100)
    }

    @Test func undefinedRegionsAreTheirOwnBand() {
        let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 0, row: 0, width: 8, height: 4))
        let f = ContourField(landscape: HalfDefined(), viewport: vp)
        #expect(f.undefinedCount == 16 * 8 + 4 * 4)   // the left half of dots and of cell centres
        #expect(f.minimum! >= 0)
        #expect(!f.levels.values.isEmpty)
        for r in 0..<4 {
            for c in 0..<4 {
                #expect(f.band(col: c, row: r) == nil)
                #expect(f.isoBits[r * 8 + c] == 0)
            }
            for c in 4..<8 { #expect(f.band(col: c, row: r) != nil) }
        }
        for mode in ColorMode.allCases {
            var frame = Frame(width: 8, height: 4)
            f.compose(onto: &frame, mode: mode)
            #expect(frame[0, 0].character == "╱")
            #expect(frame[0, 0].attributes == .dim)
            #expect(frame[7, 0].character != "╱")
        }
    }

    @Test func aNowhereDefinedLandscapeIsAllHatch() {
        let vp = Viewport(box: ViewBox(x: -1...1, y: -1...1), rect: Rect(col: 0, row: 0, width: 4, height: 2))
        let f = ContourField(landscape: Nowhere(), viewport: vp)
        #expect(f.minimum == nil && f.maximum == nil)
        #expect(f.levels.values.isEmpty)
        var frame = Frame(width: 4, height: 2)
        f.compose(onto: &frame, mode: .full256)
        #expect(frame.plainText == "╱╱╱╱\n╱╱╱╱")
    }

    @Test func aFlatLandscapeIsOneBand() {
        struct Flat: FormulaLandscape {
            var name: String { "flat" }
            var formula: String { "1" }
            var view: ViewBox { ViewBox(x: 0...1, y: 0...1) }
            func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { S(1) }
        }
        let vp = Viewport(box: ViewBox(x: 0...1, y: 0...1), rect: Rect(col: 0, row: 0, width: 3, height: 2))
        let f = ContourField(landscape: Flat(), viewport: vp)
        #expect(f.levels.values.isEmpty)
        #expect(f.bands.allSatisfy { $0 == 0 })
        #expect(f.isoBits.allSatisfy { $0 == 0 })
    }

    @Test func composeUsesThePaletteForEachMode() {
        let vp = Viewport(box: ViewBox(x: -2...2, y: -2...2), rect: Rect(col: 1, row: 1, width: 21, height: 11))
        let f = ContourField(landscape: Bowl(), viewport: vp)
        let p = ContourPalette.standard
        var full = Frame(width: 23, height: 13)
        f.compose(onto: &full, mode: .full256)
        // Centre: band 0 → darkest grey; corner: top band → lightest.
        #expect(full[11, 6].background == p.bands256.first!)
        #expect(full[1, 1].background == p.bands256.last!)
        #expect(full[0, 0] == .blank)      // outside the plot: untouched
        // Every cell with iso dots shows them in its band's line colour.
        var lineCells = 0
        for r in 0..<11 {
            for c in 0..<21 where f.isoBits[r * 21 + c] != 0 {
                let cell = full[c + 1, r + 1]
                #expect(BrailleCanvas.bits(of: cell.character) == f.isoBits[r * 21 + c])
                #expect(cell.foreground == p.lineColor(at: f.levels.position(ofBand: Int(f.bands[r * 21 + c])), mode: .full256))
                lineCells += 1
            }
        }
        #expect(lineCells > 20)

        var basic = Frame(width: 23, height: 13)
        f.compose(onto: &basic, mode: .basic8)
        #expect(basic.cells.allSatisfy { $0.background == .default })
        #expect(basic.cells.allSatisfy { $0.foreground.index.map { $0 < 8 } ?? true })
        #expect(basic[1, 1] == Cell(":", attributes: .dim))

        var mono = Frame(width: 23, height: 13)
        f.compose(onto: &mono, mode: .none)
        #expect(mono.cells.allSatisfy { $0.foreground == .default && $0.background == .default })
        for r in 0..<11 {
            for c in 0..<21 where f.isoBits[r * 21 + c] == 0 {
                #expect(mono[c + 1, r + 1] == Cell(" "))
            }
        }
        // Without colour, iso-lines are dim `·`, never braille: trajectories are braille.
        #expect(!mono.cells.contains { BrailleCanvas.bits(of: $0.character) != nil })
        let lineCell = mono.cells.first { $0.character == "·" }!
        #expect(lineCell.attributes == .dim)

        var bare = Frame(width: 23, height: 13)
        f.compose(onto: &bare, mode: .full256, bands: false, isoLines: true)
        #expect(bare.cells.allSatisfy { $0.background == .default })
        var none = Frame(width: 23, height: 13)
        f.compose(onto: &none, mode: .full256, isoLines: false)
        #expect(!none.cells.contains { BrailleCanvas.bits(of: $0.character) != nil })
    }

    @Test func reuseAndDegenerateViewports() {
        let vp = Viewport(box: ViewBox(x: 0...1, y: 0...1), rect: Rect(col: 0, row: 0, width: 4, height: 2))
        let f = ContourField(landscape: Bowl(), viewport: vp)
        #expect(f.matches(viewport: vp, levels: .default))
        #expect(!f.matches(viewport: vp.zoomed(by: 2), levels: .default))
        #expect(!f.matches(viewport: vp, levels: LevelSpec(count: 3)))
        let empty = ContourField(landscape: Bowl(), viewport: vp.with(rect: Rect(col: 0, row: 0, width: 0, height: 5)))
        #expect(empty.samples.isEmpty)
        var frame = Frame(width: 2, height: 2)
        empty.compose(onto: &frame, mode: .full256)
        let far = ContourField(landscape: Bowl(), viewport: vp.with(rect: Rect(col: -100, row: Int.max - 3, width: 4, height: 2)))
        far.compose(onto: &frame, mode: .full256)
        #expect(frame.cells.allSatisfy { $0.isBlank })
        // A view far out where x⁴ overflows to +inf: undefined, not a trap.
        struct Quartic: FormulaLandscape {
            var name: String { "quartic" }
            var formula: String { "x⁴" }
            var view: ViewBox { ViewBox(x: 0...1, y: 0...1) }
            func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x * x * x }
        }
        let huge = ContourField(landscape: Quartic(), viewport: Viewport(box: ViewBox(x: 1e100...2e100, y: 0...1), rect: vp.rect))
        #expect(huge.undefinedCount == 8 * 8 + 4 * 2)   // every sample
        #expect(huge.levels.values.isEmpty)
    }
}
