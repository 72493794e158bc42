import Foundation
import Testing
@testable import OptiscapeCore

/// What lets a scene state its lesson: learning rates relative to the stability limit, whole
/// factor knobs, held-out claims and clipped contour levels.
@Suite struct LessonSettingsTests {
    static let relative = """
        title: t
        landscape: {name: quadratic, params: {kappa: 16, angle: 30}}
        start: [-2.9, -1]
        runners:
          - {label: sgd, optimizer: sgd, lr: {limit: 0.95}}
          - {label: fixed, optimizer: sgd, lr: 0.1}
        knobs:
          - {param: kappa, min: 1, max: 1024, factor: 2}
        """

    /// lr = f × 2/λ_max at the start, worked out again when the knob changes the curvature, so
    /// turning κ up slows gradient descent down instead of making it diverge.
    @Test func aRelativeRateFollowsTheKnob() throws {
        let scene = try SceneFile.parse(Self.relative, path: "s.yaml")
        var state = try AppState(scene: scene)
        #expect(state.simulation.runners[0].hyperparameters.lr == 0.95 * 2 / 16)
        state.reduce(.turnKnob(up: true))
        #expect(state.knobValue(scene.knobs[0]) == 32)
        #expect(state.simulation.runners[0].hyperparameters.lr == 0.95 * 2 / 32)
        #expect(state.simulation.runners[1].hyperparameters.lr == 0.1)
        // At κ = 32 the fixed rate 0.1 is beyond 2/κ and diverges; the relative one does not.
        state.reduce(.step(200))
        if case .diverged = state.simulation.runners[1].status {} else { Issue.record("fixed lr did not diverge") }
        #expect(state.simulation.runners[0].status.isRunning || state.simulation.runners[0].loss < 1e-6)
        // `]` doubles the fraction, and it stays relative.
        state.reduce(.scaleLearningRate(2))
        #expect(state.simulation.runners[0].config.lrOfLimit == 1.9)
        // Written as JSON and read back, the scene keeps the relative rate.
        let again = try SceneFile.parse(SceneJSON.text(scene), path: "s.yaml")
        #expect(again.runners[0].lrOfLimit == 0.95)
        #expect(again.runners[0].optimizer.hyper.lr == nil)
    }

    @Test func aRelativeRateNeedsPositiveCurvature() {
        let text = "title: t\nlandscape: {expr: \"-(x^2) - y^2\"}\nrunners: [{optimizer: sgd, lr: {limit: 0.5}, start: [1, 1]}]\n"
        #expect(throws: SceneFileError.self) { try SceneFile.parse(text, path: "s.yaml") }
        do { _ = try SceneFile.parse(text, path: "s.yaml") } catch {
            #expect("\(error)".contains("runners[0].lr.limit: lr {limit: …} needs positive curvature at the start"))
        }
    }

    /// A whole-number parameter turns by a whole factor, rounding on the way down.
    @Test func wholeFactorKnobs() throws {
        let text = "title: t\nlandscape: {name: rnn-cliff, params: {T: 3}}\nrunners: [{optimizer: sgd}]\nknobs: [{param: T, min: 1, max: 256, factor: 2}]\n"
        let k = try SceneFile.parse(text, path: "s.yaml").knobs[0]
        #expect(k.whole)
        #expect(k.turned(3, up: false) == 2)
        #expect(k.turned(2, up: false) == 1)
        #expect(k.turned(1, up: false) == 1)
        #expect(k.turned(128, up: true) == 256)
        #expect(k.turned(256, up: true) == 256)
        let scene = try SceneFile.load(path: SceneLibraryTests.directory.appendingPathComponent("long-term-dependencies.yaml").path)
        var state = try AppState(scene: scene)
        var seen: [Double] = [state.knobValue(scene.knobs[0])]
        for _ in 0..<8 { state.reduce(.turnKnob(up: false)); seen.append(state.knobValue(scene.knobs[0])) }
        #expect(seen == [128, 64, 32, 16, 8, 4, 2, 1, 1])
    }

    /// The held-out claims read the validation loss along the path.
    @Test func heldOutClaims() throws {
        let scene = try SceneFile.load(path: SceneLibraryTests.directory.appendingPathComponent("surrogate-loss.yaml").path)
        let results = try ClaimCheck.run(scene)
        let heldOut = results.filter { $0.claim.kind.key.hasPrefix("held_out") }
        #expect(heldOut.count == 4)
        #expect(heldOut.allSatisfy { $0.held }, "\(heldOut.map(\.text))")
        // The same claims are broken where the held-out loss only falls: a run stopped early.
        var early = scene
        early.claims = [Claim(runner: "sgd", .heldOutMinimumBefore(10, at: 20)),
                        Claim(runner: "sgd", .heldOutAboveMinimum(0.01, at: 20))]
        let broken = try ClaimCheck.run(early)
        #expect(broken.allSatisfy { !$0.held }, "\(broken.map(\.text))")
        #expect(broken[0].text.contains("lowest"))
    }

    @Test func clippedLevelsReadBack() throws {
        let text = "title: t\nlandscape: beale\nlevels: {count: 14, scale: log, max: 500, decades: 4}\nrunners: [{optimizer: sgd}]\n"
        let s = try SceneFile.parse(text, path: "s.yaml")
        #expect(s.levels == LevelSpec(count: 14, scale: .log, max: 500, decades: 4))
        let again = try SceneFile.parse(SceneJSON.text(s), path: "s.yaml")
        #expect(again.levels == s.levels)
    }
}
