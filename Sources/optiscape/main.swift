import ArgumentParser
import Foundation

/// `optiscape`: loss landscapes and optimizers in the terminal.
struct Optiscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optiscape",
        abstract: "Loss landscapes and deep-learning optimizers, drawn in your terminal.",
        discussion: "Run `optiscape list` for the landscapes and optimizers. Chapter 8 of Deep Learning (Goodfellow et al.) in motion.",
        version: OptiscapeVersion.string,
        subcommands: [TraceCommand.self, ListCommand.self])
}

// SIGPIPE (e.g. `optiscape trace | head`) ends output quietly instead of killing us mid-write.
signal(SIGPIPE, SIG_IGN)
Optiscape.main()
