#if canImport(Glibc)
import Glibc
#endif

/// Removes atomic outputs' temporary files when the process is interrupted (Ctrl-C, SIGTERM,
/// SIGHUP), then dies of the signal as it would have. `kill -9` cannot be caught; its temporary
/// stays, hidden beside the target, and the target itself is untouched.
enum TemporaryCleanup {
    /// The temporaries' paths as C strings (a command may write several atomic files, e.g.
    /// `trace --network --save-weights`): read by the signal handler, which may not allocate.
    static let capacity = 8
    nonisolated(unsafe) private static var paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var installed = false

    /// Adds a file to remove on a signal (beyond ``capacity`` files, the oldest is forgotten).
    static func add(_ p: String) {
        if !installed {
            paths.initialize(repeating: nil, count: capacity)
            install()
        }
        let slot = (0..<capacity).first { paths[$0] == nil } ?? 0
        let old = paths[slot]
        paths[slot] = strdup(p)
        free(old)
    }

    /// Forgets a file added with ``add(_:)`` (committed or discarded).
    static func remove(_ p: String) {
        guard installed else { return }
        for i in 0..<capacity where paths[i].map({ String(cString: $0) == p }) == true {
            let old = paths[i]
            paths[i] = nil
            free(old)
        }
    }

    private static func install() {
        installed = true
        for s in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            sigaction(s, nil, &current)
            // Only signals left at their default (SIG_DFL is nil here): an ignored one (nohup, a
            // background job) stays ignored, and someone else's handler stays theirs.
            guard current.__sigaction_handler.sa_handler == nil else { continue }
            signal(s) { sig in
                for i in 0..<TemporaryCleanup.capacity { if let p = TemporaryCleanup.paths[i] { unlink(p) } }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
