import ArgumentParser
import Foundation
import OptiscapeCore

extension TraceCommand {
    /// `trace --network`: trains the network with every `--optimizer` from the same θ₀.
    func runNetwork() throws {
        guard scene == nil, recording == nil else {
            throw ValidationError("--network trains a network; it takes no scene file or --recording")
        }
        if let flag = options.landscapeFlagsGiven.first { throw ValidationError("\(flag) is for landscapes; --network starts from its weights (--weights, else the seeded init)") }
        if options.average != nil { throw ValidationError("--average is for 2-D runners for now; a network's averaged weights are not kept") }
        if batchOrder != nil && options.batch == nil { throw ValidationError("--batch-order goes with --batch") }
        let problem = try network.problem(seed: options.seed ?? 0)
        let configs = try options.networkRunners()
        if (saveWeights != nil || saveTrajectory != nil) && configs.count != 1 {
            throw UserError("--save-weights and --save-trajectory save one run; give one --optimizer (got \(configs.count))")
        }
        let training = try NetworkTraining(problem: problem, runners: configs, batchOrder: batchOrder ?? .shuffle,
                                           rules: options.rules, keepTrajectories: saveTrajectory != nil)
        // Every output is claimed before the first step: an existing file fails now, not after training.
        let weightsFile = try saveWeights.map { try OutputFile(path: $0, force: output.force, mode: .atomic) }
        let trajectoryFile = try saveTrajectory.map { try OutputFile(path: $0, force: output.force, mode: .atomic) }
        var out = try output.open(format == .csv ? .streamed : .atomic)
        let n = steps ?? 100
        let done: NetworkTraining
        switch format {
        case .csv: done = NetworkTrace.csv(training, steps: n, every: every) { out.write($0) }
        case .json:
            let (text, t) = NetworkTrace.json(training, steps: n, every: every)
            out.write(text)
            done = t
        }
        let runner = done.runners[0]
        if let weightsFile {
            NetworkWeights.encode(runner.theta.storage, spec: problem.spec).withUnsafeBytes { weightsFile.write($0) }
            try weightsFile.commit()
        }
        if let trajectoryFile {
            TrajectoryFile.encode(rows: done.trajectories[0], count: problem.spec.parameterCount, steps: done.trajectorySteps[0])
                .withUnsafeBytes { trajectoryFile.write($0) }
            try trajectoryFile.commit()
        }
        try out.finish()
        for r in done.runners where r.status.isFailure || r.status.word == "stopped" {
            FileHandle.standardError.write(Data("optiscape: \(r.config.label): \(r.status.text)\n".utf8))
        }
    }
}
