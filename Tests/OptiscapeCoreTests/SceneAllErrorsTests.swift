import Foundation
import Testing
@testable import OptiscapeCore

/// Validation goes on past an error: a file's every mistake is reported at once, each with
/// file:line:column and field (it stopped at the first).
@Suite struct SceneAllErrorsTests {
    static let text = """
        title: Several mistakes
        seed: -3
        landscape: quadratic
        levels: {count: 0}
        runners:
          - optimizer: adamm
          - optimizer: sgd
            lr: -1
            color: blu
        expect:
          - runner: sgdd
            loss_below: 0.1
            within: 10
          - runner: adamm
            loss_below: x
            within: 10
        """

    @Test func everyErrorIsReported() throws {
        do {
            _ = try SceneFile.parse(Self.text, path: "m.yaml")
            Issue.record("parsed")
        } catch let e as SceneFileError {
            let lines = e.all.map(\.description)
            #expect(lines == [
                "m.yaml:2:7: seed: expected a whole number from 0 to 18446744073709551615, got the number -3",
                "m.yaml:4:17: levels.count: 0 is out of range (a whole number from 1 to 64)",
                #"m.yaml:6:16: runners[0].optimizer: unknown optimizer "adamm" (did you mean "adam"?); known: sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, newton, saddle-free-newton, nadam, radam, adamax, asgd, rprop, adafactor, muon, lbfgs, cg, bfgs, coordinate-descent"#,
                "m.yaml:8:9: runners[1].lr: invalid learning rate -1.0: must be ≥ 0",
                #"m.yaml:9:12: runners[1].color: unknown colour "blu" (did you mean "blue"?); use a name (red, magenta, pink, white, orange, cyan, green, yellow, blue, purple, lavender, grey, gray) or a 256-colour index 0…255"#,
                #"m.yaml:11:13: expect[0].runner: no runner is labelled "sgdd" (did you mean "sgd"?); runners: adamm, sgd"#,
                #"m.yaml:15:17: expect[1].loss_below: expected a number, got the text "x""#,
            ], "\(lines.joined(separator: "\n"))")
            // One line for the UI and trace: the first error and how many more.
            #expect(e.withCount == lines[0] + " (and 6 more errors: optiscape check m.yaml lists them)")
        }
    }

    @Test func checkPrintsEveryError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-all-\(getpid()).yaml").path
        try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = SceneCheck.report(path: path, verify: false)
        #expect(!report.passed)
        #expect(report.lines.count == 7)
        #expect(report.lines.allSatisfy { $0.hasPrefix(path + ":") })
    }

    /// A file with one mistake reads as before: one error, nothing further.
    @Test func oneMistakeIsOneError() {
        #expect(throws: SceneFileError(file: "o.yaml", location: SceneFileLocation(line: 1, column: 7), field: "title",
                                       message: "expected text, got nothing")) {
            try SceneFile.parse("title: \nlandscape: saddle\nrunners: [{optimizer: sgd}]\n", path: "o.yaml")
        }
    }
}
