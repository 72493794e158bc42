import Glibc

/// Figures of `optiscape trace`, measured on the real command in a child process (so that its
/// peak memory is its own): rows per second writing CSV to /dev/null, and peak resident memory
/// for two step counts, which must be about the same (the trace streams; nothing grows).
enum TraceFigures {
    static func arguments(steps: Int) -> [String] {
        ["trace", "--landscape", "rosenbrock", "--optimizer", "sgd", "--start=-1.5,2", "--tol", "0",
         "--steps", String(steps)]
    }

    /// Runs one trace: wall seconds, and (when `watchMemory`) its peak resident memory in MiB.
    ///
    /// The peak is the child's own `VmHWM` (/proc/PID/status), read every millisecond while it
    /// runs, the last reading being the peak up to a millisecond before it exits. Not `wait4`'s
    /// `ru_maxrss`: `posix_spawn` starts the child in this process's memory, and the kernel
    /// carries that memory's high-water mark over `exec` into the child's `ru_maxrss` — it
    /// would report this benchmark's own peak (the million-point trajectories of the frame
    /// figures), not the trace's.
    static func run(_ executable: String, steps: Int, watchMemory: Bool) throws -> (seconds: Double, peakMiB: Double) {
        let child = try ChildProcess.spawn(executable, arguments(steps: steps), environment: currentEnvironment(),
                                           stdin: .path("/dev/null", flags: O_RDONLY),
                                           stdout: .path("/dev/null", flags: O_WRONLY),
                                           stderr: .path("/dev/null", flags: O_WRONLY))
        var peakKiB = 0.0
        if watchMemory {
            while true {
                if let kib = child.peakResidentKiB() { peakKiB = Swift.max(peakKiB, kib) }
                // Not reaped: the exit is noticed without disturbing the `wait()` below.
                var info = siginfo_t()
                if waitid(P_PID, id_t(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == child.pid {
                    break
                }
                usleep(1000)
            }
        }
        let (status, _) = child.wait()
        let seconds = Measure.seconds(since: child.started)
        guard status == 0 else { throw BenchError("optiscape \(arguments(steps: steps).joined(separator: " ")) exited \(status)") }
        return (seconds, peakKiB / 1024)
    }

    static func figures(_ w: Workload, executable: String) throws -> [Figure] {
        let large = w.traceSteps, small = w.traceStepsSmall
        var rates: [Double] = [], rssLarge: [Double] = [], rssSmall: [Double] = []
        for _ in 0..<Swift.min(w.repetitions, 3) {
            rates.append(Double(large + 1) / (try run(executable, steps: large, watchMemory: false).seconds))
            rssLarge.append(try run(executable, steps: large, watchMemory: true).peakMiB)
            rssSmall.append(try run(executable, steps: small, watchMemory: true).peakMiB)
        }
        let cmd = "trace --landscape rosenbrock --optimizer sgd"
        return [
            Figure("trace.rows_per_s", Measure.median(rates), "rows/s",
                   detail: "\(cmd) --steps \(large) > /dev/null, whole process", target: .atLeast(2e6)),
            Figure("trace.maxrss.small", Measure.median(rssSmall), "MiB", detail: "peak resident memory (VmHWM), --steps \(small)"),
            Figure("trace.maxrss.large", Measure.median(rssLarge), "MiB", detail: "peak resident memory (VmHWM), --steps \(large)"),
        ]
    }
}
