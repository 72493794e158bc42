import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Scenes for whole-screen tests.
enum Screens {
    /// κ = 10 quadratic; SGD from (−2, 1.5) and momentum from (2.5, 2).
    static func quadratic(section: String? = "8.2.1") throws -> AppState {
        let scene = Scene(
            title: "Ill-conditioning", section: section,
            description: "On an ill-conditioned bowl the gradient points across the valley, not along it: "
                + "plain gradient descent zig-zags, momentum averages the zig-zag away.",
            landscape: .builtIn(name: "quadratic", parameters: ["kappa": 10]),
            runners: [
                RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.15)), start: Vec2(-2, 1.5)),
                RunnerConfig(optimizer: OptimizerSpec(.momentum, Hyperparameters(lr: 0.02, momentum: 0.9)),
                             start: Vec2(2.5, 2)),
            ],
            knobs: [Knob(parameter: "kappa", min: 1, max: 100, change: .factor(2))])
        return try AppState(scene: scene)
    }

    /// The quadratic after `steps` steps.
    static func quadratic(steps: Int) throws -> AppState {
        var s = try quadratic()
        s.reduce(.step(steps))
        return s
    }
}

@Suite struct RendererTests {
    @Test func printFrames() throws {
        var state = try Screens.quadratic(steps: 10)
        var r = Renderer(colorMode: .full256)
        print(r.render(state, width: 120, height: 40).plainText)
        state.reduce(.toggleInsidePanel)
        state.reduce(.toggleLossPanel)
        state.reduce(.toggleVectors)
        print(r.render(state, width: 120, height: 40).plainText)
        print(r.render(state, width: 80, height: 24).plainText)
        state.reduce(.toggleExplain)
        state.reduce(.step(1))
        state.reduce(.step(1))
        print(r.render(state, width: 100, height: 30).plainText)
        state.reduce(.toggleCompare)
        print(r.render(state, width: 100, height: 30).plainText)
        state.reduce(.toggleHelp)
        print(r.render(state, width: 100, height: 30).plainText)
        print(r.render(state, width: 50, height: 10).plainText)
    }
}
