import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Scenes for whole-screen tests.
enum Screens {
    static let lesson = "On an ill-conditioned bowl the gradient points across the valley, not along it: "
        + "plain gradient descent zig-zags, momentum averages the zig-zag away."

    /// κ = 10 quadratic; SGD (lr 0.15) from (−2, 1.5) and momentum (lr 0.02, μ 0.9) from (2.5, 2),
    /// with a κ knob.
    static func quadratic(extra: [RunnerConfig] = []) throws -> AppState {
        let scene = Scene(
            title: "Ill-conditioning", section: "8.2.1", description: lesson,
            landscape: .builtIn(name: "quadratic", parameters: ["kappa": 10]),
            runners: [
                RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.15)), start: Vec2(-2, 1.5)),
                RunnerConfig(optimizer: OptimizerSpec(.momentum, Hyperparameters(lr: 0.02, momentum: 0.9)),
                             start: Vec2(2.5, 2)),
            ] + extra,
            knobs: [Knob(parameter: "kappa", min: 1, max: 100, change: .factor(2))])
        return try AppState(scene: scene)
    }

    /// The quadratic after `steps` steps, then `commands`.
    static func quadratic(steps: Int, _ commands: Command...) throws -> AppState {
        var s = try quadratic()
        s.reduce(.step(steps))
        for c in commands { s.reduce(c) }
        return s
    }

    /// The text of row `row` of a frame.
    static func row(_ f: Frame, _ row: Int) -> String {
        String((0..<f.width).map { f[$0, row].character })
    }
}

/// Whole screens compared with `Golden/screen-*.txt` (plain text). Rewrite with
/// `OPTISCAPE_UPDATE_GOLDEN=1 swift test --filter ScreenGoldenTests`, then look at them.
@Suite struct ScreenGoldenTests {
    static func render(_ s: AppState, _ w: Int, _ h: Int, _ mode: ColorMode = .full256) -> Frame {
        var r = Renderer(colorMode: mode)
        return r.render(s, width: w, height: h)
    }

    /// Two runners after 10 steps: SGD has zig-zagged across the valley, momentum swung wide.
    @Test func overlay() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10), 100, 30).plainText, "screen-overlay-100x30.txt")
    }

    /// 80 × 24 without colour: bands as shading, runners told apart by their head glyphs.
    @Test func overlayWithoutColour() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10), 80, 24, .none).plainText, "screen-overlay-80x24-nocolor.txt")
    }

    @Test func helpOverlay() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10, .toggleHelp), 80, 24).plainText, "screen-help-80x24.txt")
    }

    @Test func lossPanel() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10, .toggleLossPanel), 100, 30).plainText, "screen-loss-100x30.txt")
    }

    @Test func insidePanel() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10, .toggleInsidePanel), 100, 30).plainText,
                     "screen-inside-100x30.txt")
    }

    /// Explain mode on the momentum runner, three of its four sub-steps revealed.
    @Test func explain() throws {
        let s = try Screens.quadratic(steps: 10, .selectNext, .toggleExplain, .step(1), .step(1))
        #expect(s.explainRevealed == 3)
        expectGolden(Self.render(s, 100, 30).plainText, "screen-explain-100x30.txt")
    }

    /// Explain and inside open on the smallest screen: explain's sub-steps come first, inside
    /// has the rest (it once kept 12 rows and left explain only its heading).
    @Test func explainAndInsideAtTheSmallestSize() throws {
        let s = try Screens.quadratic(steps: 10, .selectNext, .toggleInsidePanel, .toggleExplain, .step(1))
        let text = Self.render(s, 60, 20).plainText
        #expect(text.contains("1 gradient"), "\(text)")
        #expect(text.contains("Inside · "), "\(text)")
        expectGolden(text, "screen-explain-inside-60x20.txt")
    }

    @Test func vectors() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10, .selectNext, .toggleVectors), 100, 30).plainText,
                     "screen-vectors-100x30.txt")
    }

    @Test func smallMultiples() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10, .toggleCompare), 100, 30).plainText,
                     "screen-multiples-100x30.txt")
    }

    @Test func tooSmall() throws {
        expectGolden(Self.render(try Screens.quadratic(steps: 10), 50, 12).plainText, "screen-too-small-50x12.txt")
    }
}

@Suite struct RendererTests {
    /// The numbers in the legend are the runners' own.
    @Test func legendShowsRunnerNumbers() throws {
        let s = try Screens.quadratic(steps: 10)
        let text = ScreenGoldenTests.render(s, 120, 40).plainText
        for (i, r) in s.simulation.runners.enumerated() {
            #expect(text.contains("\(i + 1) \(r.config.label)"))
            #expect(text.contains("f \(r.loss.significant(4))  ‖g‖ \(r.gradient.norm.significant(4))"))
            #expect(text.contains("step \(r.step) · running"))
        }
        #expect(text.contains("lr=0.15"))
        #expect(text.contains("lr=0.02 μ=0.9"))
    }

    /// A stopped runner's legend says how and when it stopped.
    @Test func legendShowsStatus() throws {
        let wild = RunnerConfig(label: "wild", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.3)), start: Vec2(0.5, 0.5))
        var s = try Screens.quadratic(extra: [wild])
        s.reduce(.step(60))
        let r = s.simulation.runners[2]
        guard case .diverged = r.status else { Issue.record("expected divergence, got \(r.status)"); return }
        let text = ScreenGoldenTests.render(s, 130, 40).plainText
        #expect(text.contains("diverged at 21 (left |x|,|y| ≤"))
        #expect(text.contains(" 1.00e+06)"))
        #expect(r.status.text == "diverged at 21 (left |x|,|y| ≤ 1.00e+06)")
    }

    @Test func statusAndTitleBars() throws {
        var s = try Screens.quadratic(steps: 10)
        var r = Renderer(colorMode: .full256)
        var f = r.render(s, width: 120, height: 40)
        let status = Screens.row(f, 39)
        #expect(status.contains("Ill-conditioning"))
        #expect(status.contains("step 10"))
        #expect(status.contains("×1"))
        #expect(status.contains("paused"))
        #expect(status.contains("kappa=10"))
        #expect(status.contains("space run · s step · ? help · q quit"))
        let title = Screens.row(f, 0)
        #expect(title.contains("§8.2.1"))
        #expect(title.contains("quadratic"))
        #expect(title.contains("f = ½(u² + 10·v²)"))
        s.reduce(.faster); s.reduce(.toggleRun)
        s.reduce(.scaleLearningRate(2))
        f = r.render(s, width: 120, height: 40)
        let status2 = Screens.row(f, 39)
        #expect(status2.contains("×2"))
        #expect(status2.contains("running"))
        #expect(status2.contains("sgd: lr = 0.3 (restarted)"))
    }

    /// The contour field is computed once and reused while only the simulation moves; a
    /// new view, size or knob value computes a new one.
    @Test func contourFieldIsCachedAcrossSteps() throws {
        var s = try Screens.quadratic()
        var r = Renderer(colorMode: .full256)
        _ = r.render(s, width: 100, height: 30)
        #expect(r.fieldComputations == 1)
        for _ in 0..<5 {
            s.reduce(.step(3))
            _ = r.render(s, width: 100, height: 30)
        }
        s.reduce(.toggleVectors); s.reduce(.toggleInsidePanel); s.reduce(.selectNext)
        _ = r.render(s, width: 100, height: 30)
        #expect(r.fieldComputations == 1)
        #expect(r.overlayLayer?.lastSyncWasFull == true)  // the selection changed the drawing order
        s.reduce(.step(1))
        _ = r.render(s, width: 100, height: 30)
        #expect(r.overlayLayer?.lastSyncWasFull == false)
        #expect(r.overlayLayer?.pointsDrawnInLastSync == 2)

        s.reduce(.zoom(0.8))
        _ = r.render(s, width: 100, height: 30)
        #expect(r.fieldComputations == 2)
        _ = r.render(s, width: 101, height: 30)
        #expect(r.fieldComputations == 3)
        s.reduce(.turnKnob(up: true))  // κ 10 → 20: same name, new parameters
        _ = r.render(s, width: 101, height: 30)
        #expect(r.fieldComputations == 4)
        // The loss panel changes the plot's size; closing it brings back the cached field.
        s.reduce(.toggleLossPanel)
        _ = r.render(s, width: 101, height: 30)
        #expect(r.fieldComputations == 5)
        s.reduce(.toggleLossPanel)
        _ = r.render(s, width: 101, height: 30)
        #expect(r.fieldComputations == 5)
    }

    @Test func worldPointInvertsThePlotMapping() throws {
        let s = try Screens.quadratic(steps: 3)
        var r = Renderer(colorMode: .full256)
        _ = r.render(s, width: 120, height: 40)
        let vp = try #require(r.plotViewport)
        // The whole asked-for view is visible (equal aspect only grows the box).
        #expect(vp.box.xMin <= s.view.xMin && vp.box.xMax >= s.view.xMax)
        #expect(vp.box.yMin <= s.view.yMin && vp.box.yMax >= s.view.yMax)
        let perCell = (x: vp.box.width / Double(vp.rect.width), y: vp.box.height / Double(vp.rect.height))
        for p in [Vec2(0, 0), Vec2(-2.9, 2.9), Vec2(1.234, -0.5), Vec2(2.99, -2.99)] {
            let cell = try #require(vp.cell(of: p))
            let w = try #require(r.worldPoint(col: cell.col, row: cell.row))
            #expect(abs(w.x - p.x) <= perCell.x / 2 + 1e-12)
            #expect(abs(w.y - p.y) <= perCell.y / 2 + 1e-12)
            #expect(vp.cell(of: w)! == cell)
        }
        // Axes, legend and bars are not the plot.
        #expect(r.worldPoint(col: 0, row: 0) == nil)
        #expect(r.worldPoint(col: 119, row: 20) == nil)
        #expect(r.worldPoint(col: vp.rect.col - 1, row: vp.rect.row) == nil)
        #expect(r.worldPoint(col: vp.rect.col, row: vp.rect.maxRow) == nil)

        // Small multiples: a click in any pane maps through that pane.
        var m = s
        m.reduce(.toggleCompare)
        _ = r.render(m, width: 120, height: 40)
        #expect(r.plotViewport == nil)
        #expect(r.paneViewports.count == 2)
        for pane in r.paneViewports {
            let cell = try #require(pane.cell(of: Vec2(1, 1)))
            let w = try #require(r.worldPoint(col: cell.col, row: cell.row))
            #expect(abs(w.x - 1) <= pane.box.width / Double(pane.rect.width) / 2 + 1e-12)
            #expect(abs(w.y - 1) <= pane.box.height / Double(pane.rect.height) / 2 + 1e-12)
        }
    }

    /// Every size from 0 × 0 up renders without trapping, with every panel open, in both
    /// compare modes; below the minimum, the message says what is needed.
    @Test func anySizeRenders() throws {
        var s = try Screens.quadratic(steps: 7, .toggleLossPanel, .toggleInsidePanel, .toggleVectors, .toggleExplain, .toggleCursor)
        var r = Renderer(colorMode: .basic8)
        var sizes: [(Int, Int)] = []
        for w in 0...300 { for h in [0, 1, 2, 19, 20, 21, 24] { sizes.append((w, h)) } }
        for w in stride(from: 0, through: 300, by: 7) { sizes.append((w, 100)) }
        for h in 0...100 { for w in [0, 1, 2, 59, 60, 61, 80] { sizes.append((w, h)) } }
        for h in stride(from: 0, through: 100, by: 6) { sizes.append((300, h)) }
        var rng = TestRNG(state: 7)
        for _ in 0..<150 { sizes.append((Int(rng.next() % 301), Int(rng.next() % 101))) }
        for (k, (w, h)) in sizes.enumerated() {
            if k % 97 == 0 { s.reduce(.toggleCompare) }
            if k % 89 == 0 { s.reduce(.toggleHelp) }
            let f = r.render(s, width: w, height: h)
            #expect(f.width == w && f.height == h)
            if w < ScreenLayout.minimumWidth || h < ScreenLayout.minimumHeight {
                #expect(r.layout == nil && r.plotViewport == nil)
                if w >= 50 && h >= 1 {
                    #expect(f.plainText.contains("terminal too small: 60×20 needed, have \(w)×\(h)"))
                }
            } else {
                #expect(r.layout != nil)
            }
        }
    }

    /// A hidden runner has no trajectory, start, head or loss line; its legend row says hidden.
    @Test func hiddenRunnersAreNotDrawn() throws {
        let s = try Screens.quadratic(steps: 10, .toggleVisible(1), .toggleLossPanel, .toggleVectors)
        var r = Renderer(colorMode: .full256)
        let f = r.render(s, width: 120, height: 40)
        let second = RunnerStyle(index: 1, requested: nil, mode: .full256).color
        let red = RunnerStyle(index: 0, requested: nil, mode: .full256).color
        let layout = try #require(r.layout)
        var redCells = 0
        for row in 0..<f.height {
            for col in 0..<layout.side.col {
                #expect(f[col, row].foreground != second, "runner 2 drawn at (\(col), \(row))")
                #expect(f[col, row].character != "■")
                if f[col, row].foreground == red { redCells += 1 }
            }
        }
        #expect(redCells > 10)
        #expect(f.plainText.contains("■ 2 momentum (hidden)"))

        var m = s
        m.reduce(.toggleCompare)
        _ = r.render(m, width: 120, height: 40)
        #expect(r.paneViewports.count == 1)
    }

    /// The selected runner's head is emphasised (reverse video) and drawn on top.
    @Test func selectedRunnerIsEmphasised() throws {
        var s = try Screens.quadratic(steps: 10)
        var r = Renderer(colorMode: .none)
        for sel in 0..<2 {
            let f = r.render(s, width: 120, height: 40)
            let vp = try #require(r.plotViewport)
            for (i, runner) in s.simulation.runners.enumerated() {
                let cell = try #require(vp.cell(of: runner.position))
                let c = f[cell.col, cell.row]
                #expect(c.character == RunnerStyle.heads[i])
                #expect(c.attributes.contains(.reverse) == (i == sel))
            }
            s.reduce(.selectNext)
        }
    }

    /// A runner that left the view shows an arrow on the plot's border, in its colour.
    @Test func offViewRunnerShowsAnArrow() throws {
        let wild = RunnerConfig(label: "wild", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.25)), start: Vec2(0.5, 0.5))
        var s = try Screens.quadratic(extra: [wild])
        s.reduce(.step(8))
        let runner = s.simulation.runners[2]
        #expect(abs(runner.position.y) > 3)  // |1 − 0.25·10|⁸ · 0.5 ≈ 13
        var r = Renderer(colorMode: .full256)
        let f = r.render(s, width: 120, height: 40)
        let vp = try #require(r.plotViewport)
        let arrow = try #require(OffViewArrow(towards: runner.position, in: vp))
        #expect(f[arrow.col, arrow.row].character == arrow.glyph)
        #expect(f[arrow.col, arrow.row].foreground == RunnerStyle(index: 2, requested: nil, mode: .full256).color)
    }

    @Test func startCursorIsACrosshairWithAHint() throws {
        let s = try Screens.quadratic(steps: 2, .toggleCursor, .moveCursor(dx: 0.1, dy: 0))
        var r = Renderer(colorMode: .full256)
        let f = r.render(s, width: 120, height: 40)
        let vp = try #require(r.plotViewport)
        let c = try #require(s.cursor)
        let cell = try #require(vp.cell(of: c))
        #expect(f[cell.col, cell.row].character == "┼")
        #expect(f[cell.col - 1, cell.row].character == "─")
        #expect(f[cell.col, cell.row - 1].character == "│")
        #expect(Screens.row(f, 39).contains("arrows move · enter sets start · esc cancels"))
    }

    @Test func clippingShowsInTheLegend() throws {
        let s = try Screens.quadratic(steps: 2, .toggleClipping)
        let text = ScreenGoldenTests.render(s, 120, 40).plainText
        #expect(text.contains("lr=0.15 ‖g‖≤1"))
    }

    /// Without colour nothing carries a colour; runners keep distinct glyphs.
    @Test func noColourModeUsesNoColours() throws {
        let s = try Screens.quadratic(steps: 10, .toggleLossPanel, .toggleVectors, .toggleHelp)
        let f = ScreenGoldenTests.render(s, 120, 40, .none)
        #expect(f.cells.allSatisfy { $0.foreground == .default && $0.background == .default })
        let g8 = ScreenGoldenTests.render(s, 120, 40, .basic8)
        #expect(g8.cells.allSatisfy { ($0.foreground.index ?? 0) < 8 && ($0.background.index ?? 0) < 8 })
    }

    /// The Taylor terms shown are ε·gᵀg and ½ε²·gᵀHg at the selected runner, with ε its next
    /// learning rate; a step too large for the curvature is flagged.
    @Test func insidePanelTaylorTerms() throws {
        let s = try Screens.quadratic(steps: 10, .toggleInsidePanel)
        let runner = try #require(s.selectedRunner)
        let g = runner.gradient, h = s.landscape.hessian(at: runner.position)
        let eps = runner.nextLearningRate
        let first = eps * g.dot(g), second = 0.5 * eps * eps * h.quadraticForm(g)
        let text = ScreenGoldenTests.render(s, 120, 40).plainText
        let lines = text.split(separator: "\n").map(String.init)
        // The terms' own lines (the Δf ≈ line names them too, after "=").
        let firstLine = try #require(lines.first { $0.contains("│  −εgᵀg ") })
        let secondLine = try #require(lines.first { $0.contains("│  +½ε²gᵀHg ") })
        #expect(firstLine.hasSuffix(" −" + first.significant(4)))
        #expect(secondLine.hasSuffix(" +" + second.significant(4)))
        #expect(text.contains("1, 10"))
        #expect(!text.contains("this step goes up"))

        // lr 0.25 with κ = 10 at a point off the valley floor: the curvature term wins.
        let big = RunnerConfig(label: "big", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.25)), start: Vec2(0.2, 1))
        var t = try Screens.quadratic(extra: [big])
        t.reduce(.selectPrevious); t.reduce(.toggleInsidePanel)
        #expect(t.selectedRunner?.config.label == "big")
        let text2 = ScreenGoldenTests.render(t, 120, 40).plainText
        #expect(text2.contains("this step goes up"))
    }

    @Test func runnerStyles() {
        #expect(RunnerStyle.parse("196") == .indexed(196))
        #expect(RunnerStyle.parse(" Orange ") == .indexed(208))
        #expect(RunnerStyle.parse("chartreuse") == nil)
        #expect(RunnerStyle.parse("256") == nil)
        #expect(RunnerStyle(index: 0, requested: "cyan", mode: .full256).color == .indexed(51))
        #expect(RunnerStyle(index: 0, requested: "cyan", mode: .basic8).color == .indexed(6))
        #expect(RunnerStyle(index: 0, requested: "cyan", mode: .none).color == .default)
        #expect(RunnerStyle(index: 0, requested: nil, mode: .basic8).color == .red)
        #expect(RunnerStyle(index: 1, requested: nil, mode: .basic8).color == .cyan)
        let heads = (0..<9).map { RunnerStyle(index: $0, requested: nil, mode: .none).head }
        #expect(Set(heads).count == 9)
    }

    @Test func textWrapping() {
        #expect(Text.wrap("a bb ccc dddd", width: 6) == ["a bb", "ccc", "dddd"])
        #expect(Text.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(Text.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(Text.wrap("x", width: 0) == [])
        #expect(Text.fit("hello world", 6) == "hello…")
        #expect(Text.fit("hi", 6) == "hi")
    }

    @Test func multiplesGridShapes() {
        #expect(MultiplesGrid.shape(count: 1, width: 80, height: 30) == (1, 1))
        #expect(MultiplesGrid.shape(count: 2, width: 80, height: 30) == (2, 1))
        #expect(MultiplesGrid.shape(count: 4, width: 80, height: 30) == (2, 2))
        let s = MultiplesGrid.shape(count: 9, width: 150, height: 40)
        #expect(s.cols * s.rows >= 9)
    }
}

@Suite struct PlotAspectTests {
    /// A square view is shown at equal aspect (grown a little to fill the plot); a view
    /// much flatter than the plot is stretched to fill it, and the plot says so.
    @Test func equalAspectUnlessFarOff() throws {
        var s = try Screens.quadratic(steps: 2)
        var r = Renderer(colorMode: .full256)
        var f = r.render(s, width: 120, height: 40)
        var vp = try #require(r.plotViewport)
        #expect(abs(PlotAspect.stretch(vp) - 1) < 1e-9)
        #expect(!f.plainText.contains("stretched"))

        // Zoom into a thin horizontal strip: 6 wide, 0.3 tall.
        let scene = Scene(title: "strip", landscape: .builtIn(name: "quadratic", parameters: ["kappa": 10]),
                          view: ViewBox(x: -3...3, y: -0.15...0.15),
                          runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.15)), start: Vec2(-2, 0.1))])
        s = try AppState(scene: scene)
        f = r.render(s, width: 120, height: 40)
        vp = try #require(r.plotViewport)
        #expect(vp.box == s.view)
        #expect(PlotAspect.stretch(vp) > 5)
        #expect(f.plainText.contains("y stretched ×"))
    }
}

@Suite struct EdgeScreenTests {
    /// A scene without runners still draws a whole screen with every panel open.
    @Test func noRunners() throws {
        let scene = Scene(title: "empty", landscape: .builtIn(name: "rosenbrock", parameters: [:]), runners: [])
        var s = try AppState(scene: scene)
        for c: Command in [.toggleLossPanel, .toggleInsidePanel, .toggleVectors, .toggleExplain, .step(3)] { s.reduce(c) }
        var r = Renderer(colorMode: .full256)
        var text = r.render(s, width: 100, height: 30).plainText
        #expect(text.contains("no runners"))
        #expect(text.contains("no runner selected"))
        s.reduce(.toggleCompare)
        text = r.render(s, width: 100, height: 30).plainText
        #expect(text.contains("all runners hidden"))
    }

    /// The smallest screen keeps plot, legend and bars legible.
    @Test func minimumSize() throws {
        let s = try Screens.quadratic(steps: 10, .toggleLossPanel, .toggleInsidePanel)
        var r = Renderer(colorMode: .full256)
        let f = r.render(s, width: 60, height: 20)
        let vp = try #require(r.plotViewport)
        #expect(vp.rect.width >= 20 && vp.rect.height >= 6)
        #expect(f.plainText.contains("1 sgd"))
        #expect(f.plainText.contains("step 10"))
    }
}
