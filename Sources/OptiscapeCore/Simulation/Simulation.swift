/// A landscape, its runners and their trajectories, stepped together.
///
/// Deterministic: the same landscape, runner configs, seed and sequence of calls give
/// bit-identical trajectories. Each runner draws its randomness from its own stream of the
/// seed (stream = its index), so adding, hiding or stopping one runner never changes another.
public struct Simulation: Sendable {
    public let landscape: any Landscape
    public let seed: UInt64
    public let rules: StoppingRules
    /// How much of each trajectory is kept: every point by default; the interactive UI keeps
    /// a bounded history (``Trajectory/Limits/display``) so that long runs fit in memory.
    public let trajectoryLimits: Trajectory.Limits
    public private(set) var runners: [Runner]
    public private(set) var trajectories: [Trajectory]
    /// The path of each runner's averaged iterate x̄ (nil for a runner without averaging).
    public private(set) var averageTrajectories: [Trajectory?]
    /// Each network runner's validation loss at every step, on its projected path (nil for a
    /// runner without validation data: 2-D landscapes keep their held-out loss in the landscape).
    public private(set) var validationTrajectories: [Trajectory?]
    /// Each network runner's ‖∇L(θ)‖ over the whole training set (all N weights, not the
    /// plane's part) at every step, kept as a trajectory's "loss" on its projected path (nil
    /// for a 2-D runner, whose gradient norm the loss panel does not chart).
    public private(set) var gradientNormTrajectories: [Trajectory?]
    /// Global steps taken (each running runner takes one per global step).
    public private(set) var step: Int = 0
    /// Whether ``advance(steps:)`` appends to the trajectories. Off for walks that stream each
    /// step as it is taken (``TraceWalk``), so that their memory does not grow with the steps.
    var recordsTrajectories = true

    public init(landscape: any Landscape, runners configs: [RunnerConfig], seed: UInt64 = 0,
                rules: StoppingRules = StoppingRules(), trajectoryLimits: Trajectory.Limits = .unbounded) throws {
        try Simulation.checkLabels(configs)
        self.landscape = landscape
        self.seed = seed
        self.rules = rules
        self.trajectoryLimits = trajectoryLimits
        runners = try configs.enumerated().map {
            try Runner(config: $0.element, landscape: landscape, seed: seed, stream: $0.offset, rules: rules)
        }
        trajectories = runners.map { Trajectory(start: $0.position, loss: $0.loss, limits: trajectoryLimits) }
        averageTrajectories = runners.map { Simulation.averageTrajectory(of: $0, limits: trajectoryLimits) }
        validationTrajectories = runners.map { Simulation.validationTrajectory(of: $0, limits: trajectoryLimits) }
        gradientNormTrajectories = runners.map { Simulation.gradientNormTrajectory(of: $0, limits: trajectoryLimits) }
    }

    static func averageTrajectory(of r: Runner, limits: Trajectory.Limits) -> Trajectory? {
        guard let a = r.average, let f = r.averageLoss else { return nil }
        return Trajectory(start: a, loss: f, limits: limits)
    }

    static func validationTrajectory(of r: Runner, limits: Trajectory.Limits) -> Trajectory? {
        r.validationLoss.map { Trajectory(start: r.position, loss: $0, limits: limits) }
    }

    static func gradientNormTrajectory(of r: Runner, limits: Trajectory.Limits) -> Trajectory? {
        r.network == nil ? nil : Trajectory(start: r.position, loss: r.gradientNorm, limits: limits)
    }

    /// Appends runner i's new point (it just moved) to each of its trajectories.
    private mutating func record(_ i: Int) {
        let r = runners[i]
        trajectories[i].append(r.position, loss: r.loss)
        if let a = r.average, let f = r.averageLoss { averageTrajectories[i]?.append(a, loss: f) }
        if let v = r.validationLoss { validationTrajectories[i]?.append(r.position, loss: v) }
        gradientNormTrajectories[i]?.append(r.position, loss: r.gradientNorm)
    }

    /// Whether the runners train a network (a network scene).
    public var isNetwork: Bool { (landscape as? SliceLandscape)?.network != nil }

    public var configs: [RunnerConfig] { runners.map(\.config) }

    /// True when no runner can move any more.
    public var isFinished: Bool {
        // Indices, not `contains(where:)`: iterating the array copies each (large) Runner out,
        // which cost more than the step itself (see `optiscape bench`).
        for i in runners.indices where runners[i].status.isRunning { return false }
        return true
    }

    /// Advances every running runner `count` times.
    public mutating func advance(steps count: Int = 1) {
        for _ in 0..<max(0, count) {
            if isFinished { return }
            step += 1
            for i in runners.indices where runners[i].advance(on: landscape) && recordsTrajectories { record(i) }
        }
    }

    /// Back to step 0 with the same runners.
    public mutating func reset() {
        // Cannot throw: every config here already built a runner on this landscape with these
        // rules, and building is deterministic.
        self = try! Simulation(landscape: landscape, runners: configs, seed: seed, rules: rules,
                               trajectoryLimits: trajectoryLimits)
    }

    /// Replaces runner `index` by a new config, restarting it from its start at step 0 of its own
    /// trajectory (others keep going). The new config must be valid.
    public mutating func replaceRunner(at index: Int, with config: RunnerConfig) throws {
        var cs = configs
        cs[index] = config
        try Simulation.checkLabels(cs)
        runners[index] = try Runner(config: config, landscape: landscape, seed: seed, stream: index, rules: rules)
        trajectories[index] = Trajectory(start: runners[index].position, loss: runners[index].loss, limits: trajectoryLimits)
        averageTrajectories[index] = Simulation.averageTrajectory(of: runners[index], limits: trajectoryLimits)
        validationTrajectories[index] = Simulation.validationTrajectory(of: runners[index], limits: trajectoryLimits)
        gradientNormTrajectories[index] = Simulation.gradientNormTrajectory(of: runners[index], limits: trajectoryLimits)
    }

    /// Adds a runner (restarted from its start), e.g. a duplicate to compare one change.
    public mutating func addRunner(_ config: RunnerConfig) throws {
        try Simulation.checkLabels(configs + [config])
        let r = try Runner(config: config, landscape: landscape, seed: seed, stream: runners.count, rules: rules)
        runners.append(r)
        trajectories.append(Trajectory(start: r.position, loss: r.loss, limits: trajectoryLimits))
        averageTrajectories.append(Simulation.averageTrajectory(of: r, limits: trajectoryLimits))
        validationTrajectories.append(Simulation.validationTrajectory(of: r, limits: trajectoryLimits))
        gradientNormTrajectories.append(Simulation.gradientNormTrajectory(of: r, limits: trajectoryLimits))
    }

    /// A new simulation with every runner started from `start`.
    public func restarted(from start: Vec2) throws -> Simulation {
        try Simulation(landscape: landscape, runners: configs.map { var c = $0; c.start = start; return c },
                       seed: seed, rules: rules, trajectoryLimits: trajectoryLimits)
    }

    /// A new simulation on another landscape (e.g. a knob changed), same runners.
    public func restarted(on landscape: any Landscape) throws -> Simulation {
        try Simulation(landscape: landscape, runners: configs, seed: seed, rules: rules, trajectoryLimits: trajectoryLimits)
    }

    /// The same runners on another plane of the same network (a re-slice): each trained again,
    /// deterministically, to the step it had reached, so the paths are the same θs drawn on the
    /// new plane.
    public func resliced(on landscape: SliceLandscape) throws -> Simulation {
        var s = try Simulation(landscape: landscape, runners: configs, seed: seed, rules: rules, trajectoryLimits: trajectoryLimits)
        for i in runners.indices {
            // A runner that had stopped is replayed until it stops again (at the same step).
            let target = runners[i]
            while s.runners[i].status.isRunning && s.runners[i].step <= target.step
                    && (s.runners[i].step < target.step || !target.status.isRunning) {
                if s.runners[i].advance(on: landscape) { s.record(i) }
            }
        }
        s.step = step
        return s
    }

    static func checkLabels(_ configs: [RunnerConfig]) throws {
        var seen = Set<String>()
        for c in configs where !seen.insert(c.label).inserted {
            throw OptimizerError("runner label \"\(c.label)\" is used twice; labels must be unique")
        }
    }
}
