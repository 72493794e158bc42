import ArgumentParser
import OptiscapeCore

struct HessianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian",
        abstract: "The eigenvalues of a network's training-loss Hessian, exact in float64 (CSV or JSON).",
        discussion: """
            CSV: rank,eigenvalue — every eigenvalue, descending (LAPACK dsyevd on the full \
            Hessian, built from N exact Hessian-vector products), or the top K with --top \
            (Lanczos on HVPs). JSON adds the loss, gradient norm, λ_max, λ_min, the number of \
            negative eigenvalues, the index (their fraction) and the trace. Example:
              optiscape hessian --network 2-16-16-2 --activation relu --data moons:n=200,noise=0.2 --format json
            """)

    @OptionGroup(title: "Model") var model: NetworkOptions

    @Option(parsing: .unconditional, help: "Only the K largest eigenvalues (Lanczos), for large networks.")
    var top: Int?

    @Option(help: "Output format: csv or json.") var format: TraceFormat = .csv

    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if let k = top, k < 1 { throw ValidationError("--top must be ≥ 1 (got \(k))") }
    }

    func run() throws {
        try failing {
            let problem = try model.problem()
            var out = try output.open(.atomic)
            let report = try HessianReport(problem: problem, top: top)
            out.write(format == .csv ? report.csv : report.json)
            try out.finish()
        }
    }
}
