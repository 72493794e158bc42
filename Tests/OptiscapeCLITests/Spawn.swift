import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with `posix_spawn` (not `Foundation.Process`: a daemonizing child such as a
/// tmux server keeps Foundation's pipes open and hangs the call; see NCURSES_NOTES.md) with an
/// empty signal mask, collecting stdout and stderr through files.
struct Spawned {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Spawn {
    /// The `optiscape` binary built next to the test bundle.
    static let optiscape: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner is …/debug/optiscapePackageTests.xctest (a file on Linux).
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("optiscape").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/optiscape").path
    }()

    /// The package root (for scenes/ and golden files).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// With `timeout`, a child still running after that many seconds is killed and reported
    /// with status -2 (so a wrongly accepted option cannot hang the suite).
    static func run(_ path: String, _ args: [String], stdin: String? = nil,
                    environment: [String: String]? = nil, timeout: Double? = nil) -> Spawned {
        let tmp = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let outPath = tmp.appendingPathComponent("spawn-\(id).out").path
        let errPath = tmp.appendingPathComponent("spawn-\(id).err").path
        let inPath = tmp.appendingPathComponent("spawn-\(id).in").path
        FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        defer { for p in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: p) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var dfl = sigset_t()
        sigemptyset(&dfl)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&dfl, s) }
        posix_spawnattr_setsigdefault(&attr, &dfl)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil { env["NO_COLOR"] = nil }
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, envp)
        guard rc == 0 else { return Spawned(status: -1, stdout: "", stderr: "spawn failed: \(rc)") }
        var st: Int32 = 0
        var timedOut = false
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while waitpid(pid, &st, WNOHANG) == 0 {
                if Date() > deadline { kill(pid, SIGKILL); timedOut = true; while waitpid(pid, &st, 0) < 0 && errno == EINTR {}; break }
                usleep(5_000)
            }
        } else {
            while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        }
        let code: Int32 = timedOut ? -2 : (st & 0x7f) == 0 ? (st >> 8) & 0xff : 128 + (st & 0x7f)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Spawned(status: code, stdout: out, stderr: err)
    }

    /// Runs `optiscape ARGS`.
    static func optiscape(_ args: String..., stdin: String? = nil) -> Spawned {
        run(optiscape, args, stdin: stdin)
    }
    static func optiscape(args: [String], environment: [String: String]? = nil, timeout: Double? = nil) -> Spawned {
        run(optiscape, args, environment: environment, timeout: timeout)
    }

    /// Starts `optiscape ARGS` in the background (stdin, stdout and stderr on /dev/null); the
    /// caller kills and reaps it.
    static func launch(_ args: [String]) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), dfl = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&dfl)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&dfl, s) }
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &dfl)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([optiscape] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, optiscape, &actions, &attr, argv, environ) == 0 else { return -1 }
        return pid
    }
}
