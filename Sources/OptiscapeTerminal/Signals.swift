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

/// SIGINT, SIGTERM or SIGHUP arrived while the UI ran; the terminal is already restored.
public struct Interrupted: Error, Sendable {
    public let signal: Int32

    /// Dies of the signal, as if it had not been caught, so a calling shell or script sees
    /// the interrupt (a loop over `optiscape` stops on Ctrl-C); the status is 128 + signal.
    public func exit() -> Never {
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
        Glibc.exit(128 + signal)
    }
}
