import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapeTerminal

/// Runs `body`, turning user errors (bad scene, bad landscape, bad optimizer settings) into one
/// line on stderr and exit status 1, per the conventions in DESIGN.md.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as Interrupted {
        // The defers between here and the UI have run: terminal restored, recordings closed.
        e.exit()
    } catch let e as ValidationError {
        throw e
    } catch let e as SceneFileError {
        // The first error, and how many more `optiscape check` would list.
        FileHandle.standardError.write(Data("optiscape: \(e.withCount)\n".utf8))
        throw ExitCode(1)
    } catch let e as ExpressionError {
        // The three-line form: message, the expression echoed, a caret under the column.
        FileHandle.standardError.write(Data("optiscape: \(e.rendered)\n".utf8))
        throw ExitCode(1)
    } catch {
        FileHandle.standardError.write(Data("optiscape: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// The scene a command works on: a scene file, or the ad-hoc scene of the flags.
func loadScene(path: String?, options: SimulationOptions, defaultOptimizers: [String] = ["sgd"]) throws -> Scene {
    if let path {
        let flags = options.simulationFlagsGiven
        guard flags.isEmpty else {
            throw ValidationError("a scene file states its landscape and runners; drop \(flags.joined(separator: ", ")) or the scene file (only --seed, --tol, --bound go with a scene)")
        }
        var scene = try SceneFile.load(path: path)
        if let seed = options.seed { scene.seed = seed }
        return scene
    }
    return try options.scene(defaultOptimizers: defaultOptimizers)
}

/// A user error that is not about one option's syntax: `failing` prints it as one line on
/// stderr and exits 1 (a `ValidationError` would be status 2, bad usage).
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
