import Foundation
import Testing

/// `optiscape check` and scene files given to `trace`, run as a user would.
@Suite struct SceneCommandTests {
    static let illConditioning = Spawn.packageRoot.appendingPathComponent("scenes/ill-conditioning.yaml").path

    /// Writes `text` to a fresh temporary file and returns its path.
    func temporaryScene(_ text: String, name: String = "scene.yaml") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let valid = """
        title: bowl
        steps: 10
        landscape: {name: quadratic, params: {kappa: 1}}
        start: [1, 0]
        runners: [{label: half, optimizer: sgd, lr: 0.5}]
        expect:
          - {runner: half, loss_below: 0.001, within: 5}
          - {runner: half, loss_above: 0.001, at: 5}

        """

    @Test func checkSaysOkForAValidScene() throws {
        let r = Spawn.optiscape("check", Self.illConditioning)
        #expect(r.status == 0)
        #expect(r.stdout == "ok  \(Self.illConditioning)\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func checkLocatesTheErrorOfAnInvalidSceneAndExitsOne() throws {
        let bad = try temporaryScene("title: t\nlandscape: quadratic\nrunners:\n  - optimizer: sgd\n  - optimizer: adamm\n")
        let r = Spawn.optiscape("check", Self.illConditioning, bad)
        #expect(r.status == 1)
        #expect(r.stdout == """
            ok  \(Self.illConditioning)
            \(bad):5:16: runners[1].optimizer: unknown optimizer "adamm" (did you mean "adam"?); known: sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, newton, saddle-free-newton, nadam, radam, adamax, asgd, rprop, adafactor, muon, lbfgs, cg, bfgs, coordinate-descent

            """)
    }

    @Test func checkReportsAMissingFile() {
        let r = Spawn.optiscape("check", "/nonexistent/scene.yaml")
        #expect(r.status == 1)
        #expect(r.stdout == "/nonexistent/scene.yaml: no such file\n")
    }

    @Test func verifyReportsEveryClaimHeld() {
        let r = Spawn.optiscape("check", "--verify", Self.illConditioning)
        #expect(r.status == 0, "\(r.stdout)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ok  \(Self.illConditioning) (") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  held    ") })
        #expect(r.stdout.contains("  held    newton comes within 1e-09 of (0, 0) within 1 step: distance"))
    }

    @Test func verifyReportsABrokenClaimWithItsMeasurementAndLocation() throws {
        let path = try temporaryScene(Self.valid)
        let r = Spawn.optiscape("check", "--verify", path)
        #expect(r.status == 1)
        #expect(r.stdout == """
            broken  \(path) (1 of 2 claims broken)
              held    half's loss falls below 0.001 within 5 steps: 4.88e-04 at step 5
              broken  \(path):8:5: expect[1]: half's loss at step 5 is above 0.001: it is 4.88e-04

            """)
        // Without --verify the same file is valid.
        #expect(Spawn.optiscape("check", path).status == 0)
    }

    @Test func traceRunsASceneWithItsLabelsAndBudget() {
        let r = Spawn.optiscape("trace", Self.illConditioning)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "runner,step,x,y,loss,grad_norm,status")
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }) == ["sgd", "sgd too fast", "momentum", "newton"])
        #expect(lines.contains { $0.hasPrefix("sgd,30,") })
        #expect(lines.contains { $0.hasPrefix("sgd,0,-2.9,-1.0,") })
        #expect(lines.contains { $0.hasPrefix("newton,1,") })
        #expect(!lines.contains { $0.hasPrefix("sgd,31,") })
        // --steps overrides the scene's budget.
        let short = Spawn.optiscape("trace", Self.illConditioning, "--steps", "3")
        #expect(short.stdout.split(separator: "\n").last?.hasPrefix("momentum,3,") == true)
    }

    @Test func aSceneGoesWithSeedButNotWithSimulationFlags() {
        #expect(Spawn.optiscape("trace", Self.illConditioning, "--seed", "7", "--steps", "2").status == 0)
        let r = Spawn.optiscape("trace", Self.illConditioning, "--lr", "0.1")
        #expect(r.status == 2)
        #expect(r.stderr.contains("drop --lr"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func anInvalidSceneIsAOneLineUserError() throws {
        let bad = try temporaryScene("title: t\nlandscape: quadratc\nrunners: [{optimizer: sgd}]\n")
        for sub in ["trace", "render"] {
            let r = Spawn.optiscape(sub, bad)
            #expect(r.status == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("optiscape: \(bad):2:12: landscape: unknown landscape \"quadratc\" (did you mean \"quadratic\"?)"))
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func renderDrawsAScene() {
        let r = Spawn.optiscape("render", Self.illConditioning, "--size", "80x24", "--steps", "10")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 24)
    }

    @Test func checkHasHelpAndNeedsAFile() {
        let help = Spawn.optiscape("check", "--help")
        #expect(help.status == 0 && help.stdout.contains("--verify"))
        #expect(Spawn.optiscape("check").status == 2)
    }
}
