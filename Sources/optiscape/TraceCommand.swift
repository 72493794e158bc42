import ArgumentParser
import Foundation
import OptiscapeCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run optimizers headless and print their trajectories (CSV or JSON).",
        discussion: """
            CSV columns: runner,step,x,y,loss,grad_norm — one row per runner per recorded step, \
            step 0 being the start; grad_norm is the landscape's true gradient norm (before noise \
            or clipping); numbers in shortest round-trip form. A runner that stops prints no \
            further rows. Examples:
              optiscape trace --landscape rosenbrock --optimizer adam:lr=0.01 --start=-1.5,2 --steps 500
              optiscape trace scenes/cliff.yaml --format json

            With --network (and the model flags, as for hessian and slice) it trains a network's \
            whole weight vector instead: CSV runner,step,loss,grad_norm (+ val_loss with a \
            validation set), row k being θ after k updates, with the loss and gradient norm of \
            the whole training set (also with --batch). The optimizers, transforms, schedules, \
            --tol and --bound are the 2-D engine's (--bound: any |θᵢ|). Example:
              optiscape trace --network 2-16-16-2 --activation relu --data moons:n=200,noise=0.2 --optimizer adam:lr=0.01 --steps 500 --every 50 --save-weights w.safetensors

            \(SimulationOptions.expressionSyntax)
            """)

    @Argument(help: ArgumentHelp("A scene file (instead of the flags below).", valueName: "scene.yaml"))
    var scene: String?

    @OptionGroup(title: "Simulation") var options: SimulationOptions

    // .unconditional: `--steps -5` is a negative count to reject by name, not a missing value.
    @Option(parsing: .unconditional, help: "Global steps to run (default: the scene's budget, else 100).") var steps: Int?
    @Option(parsing: .unconditional, help: "Print only every k-th step (and each runner's last).") var every: Int = 1
    @Option(help: "Output format: csv or json.") var format: TraceFormat = .csv

    @Option(help: ArgumentHelp("Replay a recording headless and print the trajectories it ends with (CSV; the runners as the session showed them).", valueName: "file.jsonl"))
    var recording: String?

    @OptionGroup(title: "Network (instead of a landscape)") var network: NetworkModelOptions

    @Option(help: "Minibatch order with --network --batch: shuffle (a seeded permutation each epoch, as DataLoader(shuffle=True); optiscape's generator, not torch's) or sequential (file order, wrapping; the last partial batch kept) (default: shuffle).")
    var batchOrder: BatchOrder?

    @Option(help: ArgumentHelp("With --network: write the final weights here (safetensors F64, the state_dict's names; one --optimizer).", valueName: "file.safetensors"))
    var saveWeights: String?

    @Option(help: ArgumentHelp("With --network: write θ at every printed row here (safetensors F64 tensor 'trajectory' [rows, N], and 'steps'), for slice --directions pca --trajectory (one --optimizer).", valueName: "file.safetensors"))
    var saveTrajectory: String?

    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if let s = steps, s < 0 { throw ValidationError("--steps must be ≥ 0 (got \(s))") }
        if every < 1 { throw ValidationError("--every must be ≥ 1 (got \(every))") }
    }

    func run() throws {
        try failing {
            if let recording {
                guard scene == nil, !options.describesSimulation, options.seed == nil, steps == nil, every == 1, format == .csv else {
                    throw ValidationError("--recording replays a recorded session; it takes no scene, simulation flags, --steps, --every or --format")
                }
                let r = try Recording.load(path: recording)
                for w in r.warnings { FileHandle.standardError.write(Data("optiscape: warning: \(w)\n".utf8)) }
                var out = try output.open(.atomic)
                let state = try Playback.finalState(of: r)
                out.write(TraceCSV.trajectories(state.simulation))
                try out.finish()
                return
            }
            if network.network != nil { return try runNetwork() }
            let networkOnly = network.given + [("--batch-order", batchOrder != nil), ("--save-weights", saveWeights != nil),
                                               ("--save-trajectory", saveTrajectory != nil)].filter(\.1).map(\.0)
            if let flag = networkOnly.first { throw ValidationError("\(flag) goes with --network") }
            let scene = try loadScene(path: scene, options: options)
            let sim = try scene.makeSimulation(rules: options.rules)
            let n = steps ?? scene.steps ?? 100
            // CSV rows are streamed (a crash leaves complete rows); a JSON document appears whole or not at all.
            var out = try output.open(format == .csv ? .streamed : .atomic)
            switch format {
            case .csv: TraceCSV.streamBytes(sim, steps: n, every: every) { out.write($0) }
            case .json: out.write(TraceJSON.document(sim, steps: n, every: every))
            }
            try out.finish()
        }
    }
}

enum TraceFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json
}
