/// Several optimizers training the same network from the same θ₀ (`trace --network`): one
/// ``NetworkRunner`` each, advanced together, with the rows a trace records.
public struct NetworkTraining: Sendable {
    public let problem: NetworkProblem
    public private(set) var runners: [NetworkRunner]
    /// θ at every recorded row of each runner, row after row (only with `keepsTrajectories`).
    public private(set) var trajectories: [[Double]]
    /// The step of each of those rows.
    public private(set) var trajectorySteps: [[Int]]
    public let keepsTrajectories: Bool

    /// One runner per config, all from `problem.theta`; stream i for runner i.
    public init(problem: NetworkProblem, runners configs: [RunnerConfig], batchOrder: BatchOrder = .shuffle,
                rules: StoppingRules = StoppingRules(), keepTrajectories: Bool = false) throws {
        self.problem = problem
        runners = try configs.enumerated().map { i, c in
            try NetworkRunner(config: c, batchOrder: batchOrder, training: problem.training, theta: problem.theta,
                              seed: problem.seed, stream: i, rules: rules)
        }
        keepsTrajectories = keepTrajectories
        trajectories = Array(repeating: [], count: configs.count)
        trajectorySteps = Array(repeating: [], count: configs.count)
    }

    /// One recorded row: the runner (its index and state) and the validation loss at its θ.
    public struct Row {
        public let index: Int
        public let runner: NetworkRunner
        /// The mean validation loss at θ, when there is a validation set.
        public let validationLoss: Double?
    }

    /// Trains for up to `steps` updates, calling `record` for each recorded row (by step, then
    /// runner) under ``TraceWalk/records(step:every:running:last:)``: every runner's start, every
    /// `every`-th step, the step it stops at, and the last.
    public mutating func run(steps: Int, every: Int = 1, record: (Row) -> Void) {
        var lastWritten = [Int](repeating: -1, count: runners.count)
        var held = NetworkWorkspace()  // the validation pass's arrays, kept from row to row
        func emit(_ i: Int) {
            let r = runners[i]
            let val = problem.validation.map { $0.value(r.theta.storage, workspace: &held) }
            if keepsTrajectories {
                trajectories[i].append(contentsOf: r.theta.storage)
                trajectorySteps[i].append(r.step)
            }
            record(Row(index: i, runner: r, validationLoss: val))
            lastWritten[i] = r.step
        }
        for i in runners.indices { emit(i) }
        var t = 0
        while t < steps && runners.contains(where: { $0.status.isRunning }) {
            t += 1
            for i in runners.indices { runners[i].advance() }
            for i in runners.indices where lastWritten[i] < runners[i].step {
                if TraceWalk.records(step: runners[i].step, every: every, running: runners[i].status.isRunning, last: t == steps) {
                    emit(i)
                }
            }
        }
    }
}
