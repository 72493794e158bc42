import ArgumentParser
import OptiscapeCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the built-in landscapes and the optimizers with their defaults.")

    func run() throws {
        var out = Output()
        out.write(Catalogue.text())
        out.flush()
    }
}
