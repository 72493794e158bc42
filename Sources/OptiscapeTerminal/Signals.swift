import CNcursesw
import Glibc
import Synchronization

/// The last terminating signal received (0: none). Set from the handler, polled by the loop,
/// which then restores the terminal and exits 128 + signal: `endwin()` is not
/// async-signal-safe, so the handler does nothing else.
let pendingSignal = Atomic<Int32>(0)

enum Signals {
    /// Installs handlers for SIGINT, SIGTERM and SIGHUP, after unblocking them (a process
    /// started from a Swift-concurrency thread inherits them blocked).
    static func install() {
        osc_unblock_signals()
        for s in [SIGINT, SIGTERM, SIGHUP] {
            signal(s) { sig in pendingSignal.store(sig, ordering: .relaxed) }
        }
    }

    static var pending: Int32 { pendingSignal.load(ordering: .relaxed) }
}
