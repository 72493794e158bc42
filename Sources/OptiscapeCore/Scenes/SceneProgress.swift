import Glibc
import Synchronization

/// What a scene is doing before it can be shown — training a runner for its plane
/// (``NetworkSceneBuilder``), reading a scene library — for a UI to say while it waits. A UI
/// wraps opening a scene in ``reporting(to:_:)``; the work calls ``report(_:_:)`` a few dozen
/// times at most, and only calls on the thread that wrapped it reach the reporter (none from
/// worker threads, nothing in headless commands).
///
/// (Not a `@TaskLocal`: binding one from synchronous code crashed the runtime here, in
/// `swift_task_localValuePush`, on the second binding.)
public enum SceneProgress {
    public typealias Reporter = (_ what: String, _ done: Double) -> Void

    private final class Binding: @unchecked Sendable {
        let thread: pthread_t
        let reporter: Reporter
        init(_ reporter: @escaping Reporter) { thread = pthread_self(); self.reporter = reporter }
    }
    private static let current = Mutex<Binding?>(nil)

    /// Runs `body` with progress on this thread going to `reporter` (the one before restored after).
    public static func reporting<T>(to reporter: @escaping Reporter, _ body: () throws -> T) rethrows -> T {
        let binding = Binding(reporter)
        let outer = current.withLock { c in defer { c = binding }; return c }
        defer { current.withLock { $0 = outer } }
        return try body()
    }

    /// Says what is going on now and how far it has got (0…1), if this thread is reporting.
    public static func report(_ what: @autoclosure () -> String, _ done: Double) {
        here()?.reporter(what(), done)
    }

    /// The binding, if it is this thread's.
    private static func here() -> Binding? {
        let me = pthread_self()
        return current.withLock { c in c.flatMap { pthread_equal($0.thread, me) != 0 ? $0 : nil } }
    }
}
