import ArgumentParser
import Foundation
import OptiscapeCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scene files; with --verify, also run them and check their claims.",
        discussion: """
            Prints `ok  FILE` for each valid scene, or its error as FILE:LINE:COL: FIELD: MESSAGE. \
            With --verify each scene is run for its step budget (or as far as its claims look) and \
            every claim under `expect` is reported as held or broken with what was measured. \
            Exit status 1 if any file is invalid or any claim broken. The format and the claims \
            are documented in scenes/README.md. Example:
              optiscape check --verify scenes/*.yaml
            """)

    @Argument(help: ArgumentHelp("Scene files.", valueName: "scene.yaml"))
    var files: [String]

    @Flag(help: "Run each scene and check its claims (expect).") var verify = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scene file") }
    }

    func run() throws {
        var out = Output()
        var passed = true
        for file in files {
            let report = SceneCheck.report(path: file, verify: verify)
            for line in report.lines { out.write(line + "\n") }
            passed = passed && report.passed
        }
        out.flush()
        if !passed { throw ExitCode(1) }
    }
}
