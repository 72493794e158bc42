import Foundation
import OptiscapeCore
import OptiscapeRender
import Testing
@testable import OptiscapePicture

@Suite struct RasterTests {
    /// `0xRRGGBB` of a terminal colour.
    static func hex(_ c: Color) -> UInt32 {
        let v = c.rgb!
        return UInt32(v.r) << 16 | UInt32(v.g) << 8 | UInt32(v.b)
    }

    @Test func aPNGHasItsSignatureSizeAndAFigureInIt() throws {
        let s = try state("ill-conditioning.yaml", steps: 20)
        let png = try render(s, .png, 480, 300)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16…23.
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(w == 480 && h == 300)
        let image = try #require(decodePNG(png))
        #expect(image.width == 480 && image.height == 300)
        let colors = Set(image.pixels)
        #expect(colors.count > 50, "not blank: \(colors.count) colours")
        // The page, the darkest band and the first runner's red are all there, exactly.
        #expect(colors.contains(Self.hex(.indexed(234))))
        let red = Self.hex(RunnerStyle(index: 0, requested: s.simulation.runners[0].config.color, mode: .full256).color)
        #expect(image.pixels.filter { $0 == red }.count > 10, "the first runner's path")
    }

    @Test func theRasterIsThePNG() throws {
        let s = try state("saddle.yaml", steps: 10)
        var r = FigureRenderer()
        let image = try Picture.raster(s, width: 200, height: 120, renderer: &r)
        #expect(decodePNG(try render(s, .png, 200, 120)) == image)
    }

    @Test func aPDFIsOnePageOfItsSizeWithoutADate() throws {
        let s = try state("saddle.yaml", steps: 10)
        let pdf = try render(s, .pdf, 300, 200)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        #expect(text.hasSuffix("%%EOF\n"))
        #expect(text.contains("/MediaBox [ 0 0 300 200 ]"))
        #expect(text.contains("/Count 1"))
        #expect(!text.contains("CreationDate"))
        #expect(pdf.count > 5000, "not blank: \(pdf.count) bytes")
        #expect(try render(s, .pdf, 300, 200) == pdf, "reproducible")
    }

    @Test func stepsChangeThePicture() throws {
        var r = FigureRenderer()
        let a = try Picture.raster(try state("rosenbrock.yaml", steps: 5), width: 200, height: 120, renderer: &r)
        let b = try Picture.raster(try state("rosenbrock.yaml", steps: 50), width: 200, height: 120, renderer: &r)
        #expect(a != b)
        #expect(r.geometryComputations == 1, "the contours are computed once for one view")
    }
}

@Suite struct ContourGeometryTests {
    /// f = x² + y²: the level-L line is the circle of radius √L, and the region f ≥ L covers
    /// the box minus that disc.
    @Test func aBowlsLinesAreCircles() throws {
        let l = try LandscapeCatalog.make("quadratic", parameters: ["kappa": 1])
        let box = ViewBox(xMin: -2, xMax: 2, yMin: -2, yMax: 2)
        let plot = Box(x: 0, y: 0, width: 200, height: 200)
        let g = ContourGeometry(landscape: l, box: box, plot: plot, levels: LevelSpec(count: 4, spacing: .linear))
        #expect(g.levels.values.count == 4)
        for (k, level) in g.levels.values.enumerated() {
            // ½(x² + y²) = level: radius √(2·level) in world units, 50 points per unit.
            let radius = (2 * level).squareRoot() * 50
            let points = g.lines[k].flatMap { $0 }
            #expect(!points.isEmpty)
            for p in points {
                let r = ((p.x - 100) * (p.x - 100) + (p.y - 100) * (p.y - 100)).squareRoot()
                #expect(Swift.abs(r - radius) < 0.2, "level \(level): \(r) vs \(radius)")
            }
            if radius < 95 {
                #expect(g.lines[k].count == 1, "one closed line")
                #expect(g.lines[k][0].first == g.lines[k][0].last)
                // The region's area: the box minus the disc (shoelace over its polygons).
                let area = g.regions[k].reduce(0.0) { sum, poly in
                    sum + Swift.abs(zip(poly, poly.dropFirst() + [poly[0]]).reduce(0.0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }) / 2
                }
                let expected = 200 * 200 - Double.pi * radius * radius
                #expect(Swift.abs(area - expected) / expected < 0.01, "area \(area) vs \(expected)")
            }
        }
    }

    @Test func undefinedCellsAreListedNotFilled() throws {
        let l = try ExpressionLandscape(source: "log(x)")
        let g = ContourGeometry(landscape: l, box: ViewBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1),
                                plot: Box(x: 0, y: 0, width: 100, height: 100), levels: LevelSpec(count: 3))
        let undefinedArea = g.undefined.reduce(0) { $0 + $1.width * $1.height }
        // The left half, and the column of cells whose left corners sit on x = 0 (log 0 = −∞).
        #expect(undefinedArea == 5000 + 2 * 100, "the left half: \(undefinedArea)")
        for p in g.lines.flatMap({ $0 }).flatMap({ $0 }) { #expect(p.x >= 49) }
    }
}

/// What a figure shows beyond the plot's box: off-view heads named, and the loss chart's
/// content shared with the terminal (robust range, held-out curves).
@Suite struct FigureContentTests {
    /// The saddle lesson's two escaping runners leave through the top edge side by side: in a
    /// figure each gets an arrow inside the plot and a label of its own that overlaps no other.
    @Test func offViewHeadsAreNamedWithoutOverlap() throws {
        let s = try state("saddle.yaml", steps: 200)
        let plot = Box(x: 40, y: 30, width: 400, height: 300)
        let map = PlotMapping(box: s.view, plot: plot)
        let places = OffViewPlacement.layout(s, order: PlotContent.drawingOrder(s), map: map, unit: 12, textSize: 9) {
            Double($0.count) * 5.5
        }
        #expect(Set(places.map(\.label)) == ["sgd +1.0e+06", "saddle-free newton +1.3e+06"], "\(places.map(\.label))")
        for p in places {
            #expect(plot.contains(p.arrow) && plot.contains(Point(p.labelBox.x, p.labelBox.y))
                    && plot.contains(Point(p.labelBox.maxX, p.labelBox.maxY)), "\(p)")
            #expect(Swift.abs(p.angle + Double.pi / 2) < 0.05, "points up: \(p.angle)")
        }
        #expect(places.count == 2 && !places[0].labelBox.overlaps(places[1].labelBox))
        // Nothing off view, nothing placed.
        let calm = try state("saddle.yaml", steps: 0)
        #expect(OffViewPlacement.layout(calm, order: PlotContent.drawingOrder(calm), map: map, unit: 12, textSize: 9) { _ in 50 }.isEmpty)
    }

    /// A network scene's loss panel charts ‖g‖ of all the weights beside the loss, as the
    /// terminal does, when the figure is wide enough for two charts; a 2-D scene's does not.
    @Test func aNetworkFiguresLossPanelChartsTheGradientNorm() throws {
        let net = try state("network-gradient-norm.yaml", steps: 50)
        let norms = try #require(PlotContent.gradientNorm(net, mode: .full256))
        #expect(norms.chart.series.count == 1 && norms.chart.series[0].points.count == 51)
        func boxes(_ w: Double, _ h: Double) throws -> [Box] {
            let style = FigureStyle(width: w, height: h)
            return LossChart.boxes(try #require(FigureLayout(style, showLoss: true).loss), style, hasGradientNorm: true)
        }
        let wide = try boxes(1600, 1000)
        #expect(wide.count == 2 && wide[0].maxX < wide[1].x && wide[0].width > wide[1].width, "\(wide)")
        #expect(try boxes(200, 150).count == 1, "a thumbnail has room for one chart")
        #expect(PlotContent.gradientNorm(try state("saddle.yaml", steps: 50), mode: .full256) == nil)
    }

    /// The figure's loss chart is the terminal's: a diverging runner does not set the range,
    /// and a classification scene adds dashed held-out curves with their minima marked.
    @Test func theLossChartIsTheTerminals() throws {
        let ill = PlotContent.loss(try state("ill-conditioning.yaml", steps: 30), mode: .full256)
        let range = try #require(ill.chart.displayRange())
        #expect(range.hi < 3, "sgd too fast at 1e11 does not set the top: \(range)")
        let held = PlotContent.loss(try state("surrogate-loss.yaml", steps: 400), mode: .full256)
        #expect(held.hasHeldOut && held.chart.series.count == 2 * held.runners.count)
        #expect(held.chart.series.suffix(held.runners.count).allSatisfy { $0.dashed })
        #expect(held.chart.marks.filter { $0.glyph == "✱" }.count == held.runners.count)
    }
}
