import ArgumentParser
import OptiscapeCore

/// `-o FILE` and `--force`, for the commands that print a result (`trace`, `render`).
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (- is standard output). Never half-written: see README, Files.", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite an existing output file.") var force = false

    /// Claims the output before any work starts (an existing or unwritable file fails here).
    func open(_ mode: OutputFile.Mode) throws(OutputError) -> Output {
        try Output(path: output, force: force, mode: mode)
    }
}
