/// The rows a trace records: each runner's start (step 0), then every `every`-th step, each
/// runner's last step and the final step; a runner that stops records its last finite point
/// and nothing after. CSV and JSON both walk a simulation through this.
public enum TraceWalk {
    /// Advances `simulation` up to `steps` global steps, calling `record(i, runner)` for each
    /// recorded row in order (by step, then runner), and returns the simulation at the end.
    ///
    /// The walk streams: it does not append to the trajectories (memory stays flat however
    /// many steps), so the returned simulation's trajectories hold only what they held before.
    @discardableResult
    public static func run(_ simulation: Simulation, steps: Int, every: Int = 1,
                           afterStep: () -> Void = {}, record: (Int, Runner) -> Void) -> Simulation {
        var sim = simulation
        sim.recordsTrajectories = false
        let n = sim.runners.count
        var lastWritten = [Int](repeating: -1, count: n)
        for i in 0..<n {
            sim.runners.withUnsafeBufferPointer { record(i, $0[i]) }
            lastWritten[i] = sim.runners[i].step
        }
        var t = 0
        while t < steps && !sim.isFinished {
            sim.advance(steps: 1)
            t += 1
            // The runners are read in place, never copied out (a Runner is large: copying one
            // per row cost as much as the step).
            sim.runners.withUnsafeBufferPointer { runners in
                for i in 0..<n where lastWritten[i] < runners[i].step {
                    if records(step: runners[i].step, every: every, running: runners[i].status.isRunning, last: t == steps) {
                        record(i, runners[i])
                        lastWritten[i] = runners[i].step
                    }
                }
            }
            afterStep()
        }
        sim.recordsTrajectories = simulation.recordsTrajectories
        return sim
    }

    /// Whether a runner that has just reached `step` gets a row: every `every`-th step, the step
    /// it stopped at, and the walk's last step (the rule `trace` applies to 2-D runners and to
    /// networks alike).
    @inline(__always)
    public static func records(step: Int, every: Int, running: Bool, last: Bool) -> Bool {
        step % every == 0 || !running || last
    }
}
