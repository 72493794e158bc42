import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

@Suite struct LineChartTests {
    @Test func logScaleChartWithLabels() {
        let chart = LineChart(series: [LineChart.Series(values: [100, 10, 1, 0.1], color: .red)])
        var f = Frame(width: 14, height: 5)
        chart.draw(onto: &f, in: f.bounds)
        // A straight line on a log scale, from the top-left to the bottom-right.
        #expect(f.plainText == """
            100┤⠑⢄⡀
               │  ⠈⠢⢄
               │     ⠑⠢⡀
            0.1┤       ⠈⠒⢄
                0        3
            """)
        #expect(f[4, 0].foreground == .red)
    }

    /// A diverged series does not set the range, nor do values more than 12 decades below the
    /// top; both are drawn on the edge, whose label says so; every decade gets a tick.
    @Test func robustRangeWithDecadeTicks() {
        var blowUp = LineChart.Series(values: [10, 1e5, 1e12, 1e20], color: .magenta)
        blowUp.bounded = false
        let newton = LineChart.Series(values: [50, 1e-27, 1e-27, 1e-27], color: .yellow)
        let sgd = LineChart.Series(values: [50, 20, 5, 1], color: .red)
        let chart = LineChart(series: [blowUp, newton, sgd])
        let r = chart.yRange()!
        #expect(r.hi == Foundation.log10(50.0) && r.lo == r.hi - 12)
        var f = Frame(width: 30, height: 14)
        chart.draw(onto: &f, in: f.bounds)
        let text = f.plainText
        #expect(text.contains("≥100┤"))
        #expect(text.contains("≤1e-11┤"))
        for label in ["0.1┤", "1e-4┤", "1e-7┤"] { #expect(text.contains(label), "\(label) in \n\(text)") }
        // The old chart spanned 47 decades: 1e20 at the top, 1e-27 at the bottom.
        #expect(!text.contains("1e20") && !text.contains("1e-27"))
    }

    /// Where two series share a cell, their colours take turns along the x axis.
    @Test func overlappingSeriesKeepTheirColours() {
        let values = (0..<40).map { 100 * Foundation.pow(0.9, Double($0)) }
        let chart = LineChart(series: [LineChart.Series(values: values, color: .cyan),
                                       LineChart.Series(values: values, color: .magenta)])
        var f = Frame(width: 30, height: 8)
        chart.draw(onto: &f, in: f.bounds)
        let colours = Set(f.cells.filter { BrailleCanvas.bits(of: $0.character) != nil }.map(\.foreground))
        #expect(colours == [.cyan, .magenta])
    }

    @Test func unplottableValuesAreSkippedAndBreakTheLine() {
        let chart = LineChart(series: [LineChart.Series(values: [8, 4, 0, -1, .nan, .infinity, 2, 1], color: .red)])
        #expect(chart.yRange()! == (0, Foundation.log10(8)))
        var f = Frame(width: 20, height: 6)
        chart.draw(onto: &f, in: f.bounds)
        #expect(f.plainText.contains("8┤"))
        #expect(f.plainText.contains("1┤"))
        let linear = LineChart(series: [LineChart.Series(values: [-3, .nan, 3], color: .red)], yScale: .linear)
        #expect(linear.yRange()! == (-3, 3))
    }

    /// Newton landing exactly on a minimum has loss 0: on a log scale it is drawn on the bottom
    /// edge, marked ≤, instead of the whole panel going linear (a line along 0 under a spike).
    @Test func anExactZeroSitsOnTheLogScalesBottomEdge() {
        let newton = LineChart.Series(values: [752, 0, 0, 0], color: .yellow)
        let sgd = LineChart.Series(values: [12, 4, 2, 0.2], color: .red)
        let chart = LineChart(series: [newton, sgd])
        #expect(chart.yRange()! == (Foundation.log10(0.2), Foundation.log10(752)), "0 does not set the range")
        var f = Frame(width: 30, height: 10)
        chart.draw(onto: &f, in: f.bounds)
        let rows = f.plainText.split(separator: "\n").map(String.init)
        let bottom = try! #require(rows.last { $0.contains("┤") })
        #expect(bottom.hasPrefix("≤"), "\(bottom)")
        #expect(f.cells.contains { $0.foreground == .yellow && BrailleCanvas.bits(of: $0.character) != nil })
    }

    @Test func flatAndEmptySeriesAreFine() {
        var f = Frame(width: 12, height: 4)
        LineChart(series: [LineChart.Series(values: [5, 5, 5], color: .red)]).draw(onto: &f, in: f.bounds)
        #expect(f.plainText.contains("⠤"))
        var g = Frame(width: 12, height: 4)
        LineChart(series: []).draw(onto: &g, in: g.bounds)
        LineChart(series: [LineChart.Series(values: [0, -1, .nan], color: .red)]).draw(onto: &g, in: g.bounds)
        var h = Frame(width: 3, height: 1)
        LineChart(series: [LineChart.Series(values: [1, 2], color: .red)]).draw(onto: &h, in: h.bounds)
        #expect(h.cells.allSatisfy { $0.isBlank })
    }

    @Test func markShowsTheMinimum() {
        let s = LineChart.Series(values: [9, 3, 1, 2, 4, 8], color: .green)
        let mark = LineChart.minimumMark(of: s, index: 0)
        #expect(mark == LineChart.Mark(series: 0, step: 2))
        let chart = LineChart(series: [s], yScale: .linear, mark: mark)
        var f = Frame(width: 16, height: 6)
        chart.draw(onto: &f, in: f.bounds)
        let marked = f.cells.enumerated().filter { $0.element.character == "◆" }
        #expect(marked.count == 1)
        #expect(marked.first!.element.foreground == .green)
        #expect(marked.first!.offset / 16 == 4)   // on the bottom row of the plot
        #expect(LineChart.minimumMark(of: LineChart.Series(values: [.nan], color: .red), index: 0) == nil)
    }

    @Test func longSeriesStayInsideTheirRectangle() {
        var rng = TestRNG(state: 7)
        var values: [Double] = []
        var v = 100.0
        for _ in 0..<20_000 { v *= 0.9995 + 0.001 * rng.uniform() - 0.0004; values.append(v) }
        let chart = LineChart(series: [LineChart.Series(values: values, color: .red),
                                       LineChart.Series(values: values.map { $0 * 2 }, color: .blue)])
        var f = Frame(width: 40, height: 12)
        let rect = Rect(col: 5, row: 2, width: 30, height: 8)
        chart.draw(onto: &f, in: rect)
        for r in 0..<12 {
            for c in 0..<40 where !rect.contains(col: c, row: r) { #expect(f[c, r].isBlank) }
        }
        #expect(f.plainText.contains("19999"))
        // The decimated lines are continuous: nearly every column of the rectangle has dots.
        let columns = (rect.col..<rect.maxCol).filter { c in
            (rect.row..<rect.maxRow).contains { BrailleCanvas.bits(of: f[c, $0].character) != nil }
        }
        #expect(columns.count >= 20)
    }

    @Test func labelsAreShort() {
        #expect(LineChart.label(0.0342) == "0.0342")
        #expect(LineChart.label(1234) == "1234")
        #expect(LineChart.label(99999.4) == "99999")
        #expect(LineChart.label(2.5) == "2.5")
        #expect(LineChart.label(1.4e-10) == "1.4e-10")
        #expect(LineChart.label(8.9e119) == "8.9e119")
        #expect(LineChart.label(0) == "0")
    }
}
