#if canImport(Glibc)
import Glibc
#endif

/// Removes an atomic output's temporary file when the process is interrupted (Ctrl-C, SIGTERM,
/// SIGHUP), then dies of the signal as it would have. `kill -9` cannot be caught; its temporary
/// stays, hidden beside the target, and the target itself is untouched.
enum TemporaryCleanup {
    /// The temporary's path as a C string: read by the signal handler, which may not allocate.
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    /// Sets (or with nil clears) the file to remove on a signal.
    static func pending(_ p: String?) {
        if !installed { install() }
        let old = path
        path = p.map { strdup($0) }
        free(old)
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
                if let p = TemporaryCleanup.path { unlink(p) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
