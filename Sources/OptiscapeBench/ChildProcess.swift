import CPseudoTerminal
import Glibc

/// A child process started with `posix_spawn` (never `fork` from a Swift process), with an
/// empty signal mask and default dispositions, so that it behaves as if started from a shell.
struct ChildProcess {
    let pid: pid_t
    /// When it was started (``Measure/now()``), just before `posix_spawn`.
    let started: UInt64

    /// What happens to the child's standard streams.
    enum Stream {
        /// Opened on a path (e.g. /dev/null, or a pseudo-terminal's slave).
        case path(String, flags: Int32)
        /// A copy of the child's own descriptor (e.g. 2 → 1).
        case same(as: Int32)
    }

    /// Starts `executable` with `arguments`; `environment` replaces the parent's.
    /// `newSession`: `setsid` in the child, so a terminal it opens becomes its controlling one.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                      stdin: Stream, stdout: Stream, stderr: Stream, newSession: Bool = false,
                      closing: [Int32] = []) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }
        for (fd, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case let .path(p, flags): posix_spawn_file_actions_addopen(&actions, fd, p, flags, 0o600)
            case let .same(other): posix_spawn_file_actions_adddup2(&actions, other, fd)
            }
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        let setsid = optiscape_spawn_setsid_flag()
        posix_spawnattr_setflags(&attr, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | (newSession ? setsid : 0)))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        let started = Measure.now()
        let rc = posix_spawn(&pid, executable, &actions, &attr, argv, envp)
        guard rc == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(rc)))") }
        return ChildProcess(pid: pid, started: started)
    }

    /// Waits for the child to end: its exit status (128 + signal if killed) and resource usage.
    func wait() -> (status: Int32, usage: rusage) {
        var st: Int32 = 0
        var usage = rusage()
        while wait4(pid, &st, 0, &usage) < 0 && errno == EINTR {}
        return (Self.status(st), usage)
    }

    /// Waits at most `seconds` for the child to end: its exit status, or nil if it was still
    /// running (it is then killed with SIGKILL and reaped).
    func wait(timeout seconds: Double) -> Int32? {
        let deadline = Measure.now() + UInt64(max(0, seconds) * 1e9)
        var st: Int32 = 0
        while true {
            let r = waitpid(pid, &st, WNOHANG)
            if r == pid { return Self.status(st) }
            if r < 0 && errno != EINTR { return nil }
            if Measure.now() > deadline {
                kill(SIGKILL)
                _ = wait()
                return nil
            }
            usleep(5_000)
        }
    }

    /// A `wait` status as a shell reports it: the exit status, or 128 + signal if killed.
    private static func status(_ st: Int32) -> Int32 { (st & 0x7f) == 0 ? (st >> 8) & 0xff : 128 + (st & 0x7f) }

    /// CPU time the child has used so far, in seconds (`/proc/PID/schedstat`: nanoseconds;
    /// falling back to `/proc/PID/stat`'s clock ticks).
    func cpuSeconds() -> Double? {
        if let s = try? readText("/proc/\(pid)/schedstat"),
           let first = s.split(separator: " ").first, let ns = Double(first) {
            return ns / 1e9
        }
        guard let s = try? readText("/proc/\(pid)/stat"), let close = s.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3; utime and stime are 14 and 15.
        let fields = s[s.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let u = Double(fields[11]), let k = Double(fields[12]) else { return nil }
        return (u + k) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The child's peak resident memory so far (`VmHWM` in /proc/PID/status), in KiB; nil once
    /// it has exited.
    func peakResidentKiB() -> Double? { processStatusKiB("VmHWM", pid: String(pid)) }

    /// Sends `signal` to the child.
    func kill(_ signal: Int32 = SIGTERM) { _ = Glibc.kill(pid, signal) }
}

/// The parent's environment, for children to start from.
func currentEnvironment() -> [String: String] {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        p += 1
    }
    return env
}
