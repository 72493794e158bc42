import ArgumentParser
import Foundation
import OptiscapeCore

struct SliceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slice",
        abstract: "A network's loss on a 2-D plane through its weights: L(θ + a·dx + b·dy) on a grid (CSV).",
        discussion: """
            CSV: a,b,loss — one grid row (fixed b, a ascending) after another, b ascending. \
            Directions: random (seeded Gaussian; --normalize filter by default: each weight row \
            scaled to the norm of θ's row, biases zeroed, as Li et al. 2018), hessian (the top \
            two eigenvectors), pca (of --trajectory, a file of θ along a training run, from trace --network --save-trajectory), or a \
            safetensors file with F64 tensors x and y of length N in θ order. The cosine between \
            the two directions goes to standard error. Example:
              optiscape slice --network 2-16-2 --data moons --weights w.safetensors --grid 51x51 --range=-1:1
            """)

    @OptionGroup(title: "Model") var model: NetworkOptions

    @Option(help: ArgumentHelp("random, hessian, pca, or a safetensors file with tensors x and y.", valueName: "random|hessian|pca|file"))
    var directions: String = "random"

    @Option(help: "Direction scaling: filter or none (default: filter for random directions, none for the others).")
    var normalize: DirectionNormalization?

    @Option(help: ArgumentHelp("For --directions pca: a trajectory file (safetensors tensor 'trajectory', shape [rows, N], one θ per row), as trace --network --save-trajectory writes it.", valueName: "file.safetensors"))
    var trajectory: String?

    @Option(help: ArgumentHelp("Grid points: columns x rows, e.g. 51x51 (or 51).", valueName: "CxR"))
    var grid: String = "51x51"

    @Option(help: ArgumentHelp("Coordinate ranges: lo:hi for both axes, or lo:hi,lo:hi (write --range=-1:1).", valueName: "range"))
    var range: String = "-1:1"

    @Option(help: "Output format: csv.") var format: SliceFormat = .csv

    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        guard SliceGrid.size(parsing: grid) != nil else { throw ValidationError("--grid '\(grid)' is not COLUMNSxROWS (each 1…10000, at most 4000000 points)") }
        guard SliceGrid.ranges(parsing: range) != nil else { throw ValidationError("--range '\(range)' is not lo:hi or lo:hi,lo:hi with lo < hi") }
        if directions == "pca" && trajectory == nil { throw ValidationError("--directions pca needs --trajectory FILE") }
        if directions != "pca" && trajectory != nil { throw ValidationError("--trajectory goes with --directions pca") }
    }

    func run() throws {
        try failing {
            let (columns, rows) = SliceGrid.size(parsing: grid)!
            let (a, b) = SliceGrid.ranges(parsing: range)!
            let problem = try model.problem()
            let source: SliceSetup.Source
            switch directions {
            case "random": source = .random
            case "hessian": source = .hessian
            case "pca": source = .pca(trajectory: trajectory!)
            default: source = .file(directions)
            }
            var out = try output.open(.streamed)
            let setup = try SliceSetup(problem: problem, source: source, normalize: normalize)
            FileHandle.standardError.write(Data("optiscape: \(setup.note)\n".utf8))
            SliceSetup.csv(problem.training, plane: setup.plane, grid: SliceGrid(columns: columns, rows: rows, a: a, b: b)) { out.write($0) }
            try out.finish()
        }
    }
}

enum SliceFormat: String, ExpressibleByArgument, CaseIterable {
    case csv
}
