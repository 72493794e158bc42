import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

@Suite struct ClassificationViewTests {
    func state(_ scale: LevelScale) throws -> AppState {
        var s = try AppState(scene: Scene(title: "t", landscape: .builtIn(name: "logistic", parameters: ["n": 60]),
                                          levels: OptiscapeCore.LevelSpec(count: 6, scale: scale),
                                          runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(-3, 3))]))
        s.reduce(.step(40))
        s.reduce(.toggleLossPanel)
        return s
    }

    @Test func zeroOneLevelsContourTheZeroOneLoss() throws {
        let ctx = RenderContext(state: try state(.zeroOne), mode: .none)
        #expect(ctx.surface is ZeroOneSurface)
        #expect(RenderContext(state: try state(.log), mode: .none).surface is Logistic)
    }

    @Test func theLossPanelShowsHeldOutLossWithItsMinimumMarked() throws {
        let s = try state(.log)
        var r = Renderer(colorMode: .none)
        let text = r.render(s, width: 110, height: 34).plainText
        #expect(text.contains("dashed: held-out, ✱ its minimum"))
        #expect(text.contains("✱"))
        let curves = ValidationCurve.series(RenderContext(state: s, mode: .none), order: [0])
        let data = s.landscape as! Logistic
        #expect(curves[0].series.points.first!.value == data.validationLoss(at: Vec2(-3, 3)))
        #expect(curves[0].series.points.last!.step == 40)
    }

    /// Each runner's held-out curve is dashed, in a lighter shade of its own colour.
    @Test func heldOutCurvesTakeTheirRunnersColour() throws {
        let s = try state(.log)
        let ctx = RenderContext(state: s, mode: .full256)
        let curve = ValidationCurve.series(ctx, order: [0])[0].series
        #expect(curve.dashed)
        #expect(curve.color == RunnerPalette.lighter(ctx.style(0).color))
        #expect(curve.color != ctx.style(0).color && curve.color != ctx.theme.dimText)
    }
}
