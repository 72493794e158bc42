import Testing
@testable import OptiscapeCore

@Suite struct CommandLineSceneTests {
    func scene(landscape: String? = nil, params: [String] = [], optimizers: [String] = ["sgd"],
               start: String? = nil, hyper: Hyperparameters = Hyperparameters()) throws -> Scene {
        try CommandLineScene(landscape: landscape, expression: nil, parameters: params, optimizers: optimizers,
                             start: start, seed: 0, hyper: hyper, transforms: GradientTransforms(), batch: nil,
                             schedule: ("constant", nil, nil, nil, nil)).scene()
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return "\(error)" }
    }

    @Test func inlineSettingsAndGlobalFlagsCombine() throws {
        let s = try scene(optimizers: ["adam:lr=0.01,amsgrad", "sgd"], hyper: Hyperparameters(lr: 0.5, beta1: 0.8))
        #expect(s.runners[0].optimizer.hyper.lr == 0.01) // inline wins
        #expect(s.runners[0].optimizer.hyper.beta1 == 0.8)
        #expect(s.runners[0].optimizer.hyper.amsgrad == true)
        #expect(s.runners[1].optimizer.hyper.lr == 0.5)
        #expect(s.runners[1].optimizer.hyper.beta1 == nil) // sgd does not take beta1
    }

    @Test func repeatedKindsGetNumberedLabels() throws {
        let s = try scene(optimizers: ["sgd:lr=0.01", "sgd:lr=0.02", "adam"])
        #expect(s.runners.map(\.label) == ["sgd #1", "sgd #2", "adam"])
    }

    @Test func startParsesNegativeNumbersAndRejectsBadOnes() throws {
        #expect(try scene(start: "-1.5,2").runners[0].start == Vec2(-1.5, 2))
        #expect(message { _ = try scene(start: "1") }.contains("two finite numbers"))
        #expect(message { _ = try scene(start: "1,nan") }.contains("two finite numbers"))
    }

    @Test func errorsSayWhatIsAllowed() {
        #expect(message { _ = try scene(landscape: "rosenbrok") }.contains("did you mean \"rosenbrock\""))
        #expect(message { _ = try scene(params: ["kappa=3"]) }.contains("allowed: a, b"))
        #expect(message { _ = try scene(params: ["a"]) }.contains("name=value"))
        #expect(message { _ = try scene(optimizers: ["adamm"]) }.contains("did you mean \"adam\""))
        #expect(message { _ = try scene(hyper: Hyperparameters(beta1: 0.5)) }.contains("does not apply to sgd"))
        #expect(message { _ = try scene(hyper: Hyperparameters(lr: -0.1)) }.contains("learning rate"))
        #expect(message { _ = try scene(optimizers: ["adam:beta9=1"]) }.contains("unknown optimizer option"))
    }
}
