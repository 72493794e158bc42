import ArgumentParser
import Foundation
import OptiscapeCore

/// `optiscape`: loss landscapes and optimizers in the terminal.
struct Optiscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optiscape",
        abstract: "Loss landscapes and deep-learning optimizers, drawn in your terminal.",
        discussion: "Run `optiscape list` for the landscapes and optimizers. Chapter 8 of Deep Learning (Goodfellow et al.) in motion.\n\n" + SimulationOptions.expressionSyntax,
        version: OptiscapeVersion.string,
        subcommands: [UICommand.self, RecordCommand.self, PlayCommand.self, TraceCommand.self, HessianCommand.self, SliceCommand.self, RenderCommand.self, CheckCommand.self, ListCommand.self, BenchCommand.self],
        defaultSubcommand: UICommand.self)
}

// SIGPIPE (e.g. `optiscape trace | head`) ends output quietly instead of killing us mid-write.
signal(SIGPIPE, SIG_IGN)
// OpenBLAS's kernels chosen while this is the only thread (see BLASKernels).
BLASKernels.prepare()

// Exit status per DESIGN.md: 0 success (and --help/--version), 1 a user error (already printed
// as one line by the command), 2 bad usage — printed as one line plus a pointer to --help,
// instead of ArgumentParser's multi-line block and its status 64.
do {
    var command = try Optiscape.parseAsRoot()
    try command.run()
} catch {
    let code = Optiscape.exitCode(for: error)
    if code == .success {
        Optiscape.exit(withError: error)
    } else if let e = error as? ExitCode {
        Glibc.exit(e.rawValue)
    } else {
        let message = Optiscape.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        FileHandle.standardError.write(Data("optiscape: \(message) (see --help)\n".utf8))
        Glibc.exit(code == .validationFailure ? 2 : 1)
    }
}
