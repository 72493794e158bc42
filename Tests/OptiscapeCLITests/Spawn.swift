import Foundation
@testable import OptiscapeBench
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with `posix_spawn` (not `Foundation.Process`: a daemonizing child such as a
/// tmux server keeps Foundation's pipes open and hangs the call; see NCURSES_NOTES.md) through
/// the bench's ``ChildProcess`` (empty signal mask, default dispositions), collecting stdout and
/// stderr through files.
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
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        defer { for p in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: p) } }

        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil { env["NO_COLOR"] = nil }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(path, args, environment: env, stdin: .path(inPath, flags: O_RDONLY),
                                           stdout: .path(outPath, flags: O_WRONLY | O_CREAT | O_TRUNC),
                                           stderr: .path(errPath, flags: O_WRONLY | O_CREAT | O_TRUNC))
        } catch {
            return Spawned(status: -1, stdout: "", stderr: "spawn failed: \(error)")
        }
        let code: Int32 = timeout.map { child.wait(timeout: $0) ?? -2 } ?? child.wait().status
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
        let null = ChildProcess.Stream.path("/dev/null", flags: O_RDWR)
        let child = try? ChildProcess.spawn(optiscape, args, environment: currentEnvironment(), stdin: null, stdout: null, stderr: null)
        return child?.pid ?? -1
    }
}
