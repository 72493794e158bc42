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
        #expect(text.contains("grey: held-out, ✱ its minimum"))
        #expect(text.contains("✱"))
        let curves = ValidationCurve.series(RenderContext(state: s, mode: .none), order: [0])
        let data = s.landscape as! Logistic
        #expect(curves[0].series.points.first!.value == data.validationLoss(at: Vec2(-3, 3)))
        #expect(curves[0].series.points.last!.step == 40)
    }
}
