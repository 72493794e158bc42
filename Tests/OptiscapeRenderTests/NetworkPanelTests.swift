import Foundation
import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

/// What the side panel says of a network runner is measured on all its weights: the inside
/// panel's index and λ's and the spectrum panel's histogram come from the full Hessian at θ.
@Suite struct NetworkPanelTests {
    static func state() throws -> AppState {
        let text = """
            title: t
            steps: 30
            network: {layers: 2-6-2}
            data: "moons:n=60"
            plane: {kind: pca}
            runners: [{label: adam, optimizer: adam, lr: 0.05}]
            """
        var s = try AppState(scene: SceneFile.parse(text, path: "n.yaml"))
        s.reduce(.step(30))
        s.reduce(.toggleSpectrum)
        s.reduce(.toggleInsidePanel)
        return s
    }

    @Test func spectrumAndInsideAgreeWithTheHessian() throws {
        let s = try Self.state()
        let r = try #require(s.selectedRunner)
        let engine = try #require(r.network)
        let values = try engine.runner.training.spectrum(engine.runner.theta.storage)
        let negative = NetworkStepAnalysis.Spectrum(step: 30, eigenvalues: values).negativeCount
        let text = ScreenGoldenTests.render(s, 160, 60).plainText
        #expect(text.contains("Spectrum · adam"))
        #expect(text.contains("\(values.count) eigenvalues, \(negative) < 0"), "\(text)")
        #expect(text.contains("\(negative) of \(values.count) λ < 0"))
        #expect(text.contains(Text.num(values[0])) && text.contains(Text.num(values.last!)))
        // Adam has no gradient-descent stability limit to compare λmax with.
        #expect(!text.contains("2/lr"))
    }

    /// Two scenes whose runners are configured alike are two runs: each panel shows its own
    /// network's spectrum (the cache knows a runner by its config on its landscape), and a
    /// running scene's spectrum says the step it was taken at, never a later one.
    @Test func aSpectrumIsOfItsOwnNetwork() throws {
        func scene(_ layers: String) throws -> AppState {
            try AppState(scene: SceneFile.parse("""
                title: t
                network: {layers: \(layers)}
                data: "moons:n=40"
                plane: {kind: random}
                runners: [{label: adam, optimizer: adam, lr: 0.05}]
                """, path: "n.yaml"))
        }
        for (layers, n) in [("2-6-2", 32), ("2-4-2", 22), ("2-6-2", 32)] {
            let s = try scene(layers)
            let r = try #require(s.selectedRunner)
            let a = try #require(NetworkAnalysisCache.shared.analysis(of: r, on: s.landscape))
            #expect(a.spectrum?.eigenvalues.count == n && a.spectrum?.step == 0, "\(layers)")
        }
        var s = try scene("2-6-2")
        s.reduce(.step(12))
        let r = try #require(s.selectedRunner)
        let a = try #require(NetworkAnalysisCache.shared.analysis(of: r, on: s.landscape, running: true))
        #expect((a.spectrum?.step ?? 99) <= 12)
    }

    /// Explain mode breaks a 2-D update down; it says so for a network runner instead of
    /// calling a running runner stopped, and s takes a step.
    @Test func explainSaysItIsForTwoDimensionalUpdates() throws {
        var s = try Self.state()
        s.reduce(.toggleExplain)
        let text = ScreenGoldenTests.render(s, 160, 60).plainText
        #expect(text.contains("updates all 32 weights") && !text.contains("has stopped"), "\(text)")
        #expect(text.contains("s step · x leave") && !text.contains("s next sub-step"))
        s.reduce(.step(1))
        #expect(s.simulation.runners[0].step == 31)
    }

    /// The loss panel of a network scene charts ‖g‖ of all the weights beside the loss (Fig. 8.1
    /// of the book): the runner's full-θ gradient norm at every step; a 2-D scene's and a
    /// narrow panel's show the loss alone.
    @Test func theLossPanelChartsTheGradientNormBesideTheLoss() throws {
        var s = try Self.state()
        s.reduce(.toggleSpectrum)
        s.reduce(.toggleInsidePanel)
        s.reduce(.toggleLossPanel)
        let text = ScreenGoldenTests.render(s, 160, 48).plainText
        #expect(text.contains("loss · log scale") && text.contains("‖g‖ of all 32 weights · log"), "\(text)")
        let norms = try #require(s.simulation.gradientNormTrajectories[0]).losses
        let chart = try #require(PlotContent.gradientNorm(s, mode: .full256)).chart
        #expect(chart.series.map(\.points.count) == [31] && chart.series[0].points.map(\.value) == norms)
        #expect(chart.yScale == .log)
        #expect(!ScreenGoldenTests.render(s, 70, 40).plainText.contains("‖g‖ of all"))
        var flat = try AppState(scene: SceneFile.parse("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\n", path: "q.yaml"))
        flat.reduce(.toggleLossPanel)
        #expect(PlotContent.gradientNorm(flat, mode: .full256) == nil)
        #expect(!ScreenGoldenTests.render(flat, 160, 48).plainText.contains("‖g‖ of all"))
    }

    /// A points plane's three weight vectors are marked A, B, C on the plot where they project,
    /// and the legend says what each is; a runner's head covers the one it sits on.
    @Test func thePlotMarksThePointsThePlaneGoesThrough() throws {
        let text = """
            title: t
            steps: 20
            network: {layers: 2-4-2}
            data: "moons:n=40"
            plane: {kind: points, points: [end, {swap: [0, 1]}, start]}
            runners: [{label: adam, optimizer: adam, lr: 0.05}]
            """
        var s = try AppState(scene: SceneFile.parse(text, path: "n.yaml"))
        s.reduce(.step(5))
        var r = Renderer(colorMode: .full256)
        let f = r.render(s, width: 160, height: 48)
        let vp = try #require(r.plotViewport)
        let b = try #require(vp.cell(of: Vec2(1, 0)))
        #expect(f[b.col, b.row].character == "B")
        let anchors = PlotContent.anchors(s)
        let c = try #require(vp.cell(of: anchors[2].point))
        #expect(f[c.col, c.row].character == "○")   // the runners' start is C, θ₀
        let plain = f.plainText
        #expect(plain.contains("A (0, 0) the trained end") && plain.contains("B (1, 0) the trained end with hidden"), "\(plain)")
        #expect(plain.contains("C (\(anchors[2].point.x.significant(3)), 1) θ₀"))
    }

    @Test func theSpectrumPanelSaysWhatItIsForOnA2DLandscape() throws {
        var s = try AppState(scene: SceneFile.parse("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\n", path: "q.yaml"))
        s.reduce(.toggleSpectrum)
        let text = ScreenGoldenTests.render(s, 160, 48).plainText
        #expect(text.contains("the spectrum is of a network's Hessian"))
    }
}
