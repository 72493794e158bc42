/// The rows a trace records: each runner's start (step 0), then every `every`-th step, each
/// runner's last step and the final step; a runner that stops records its last finite point
/// and nothing after. CSV and JSON both walk a simulation through this.
public enum TraceWalk {
    /// Advances `simulation` up to `steps` global steps, calling `record(i, runner)` for each
    /// recorded row in order (by step, then runner), and returns the simulation at the end.
    @discardableResult
    public static func run(_ simulation: Simulation, steps: Int, every: Int = 1,
                           afterStep: () -> Void = {}, record: (Int, Runner) -> Void) -> Simulation {
        var sim = simulation
        let n = sim.runners.count
        var lastWritten = [Int](repeating: -1, count: n)
        for i in 0..<n {
            record(i, sim.runners[i])
            lastWritten[i] = sim.runners[i].step
        }
        var t = 0
        while t < steps && !sim.isFinished {
            sim.advance(steps: 1)
            t += 1
            for i in 0..<n where lastWritten[i] < sim.runners[i].step {
                let r = sim.runners[i]
                if r.step % every == 0 || !r.status.isRunning || t == steps {
                    record(i, r)
                    lastWritten[i] = r.step
                }
            }
            afterStep()
        }
        return sim
    }
}
