/// Where a runner stands. Only `.running` runners take further steps.
public enum RunnerStatus: Hashable, Sendable {
    case running
    /// The true gradient norm fell below the tolerance at `step`; `kind` classifies the point
    /// by the Hessian's eigenvalues there (nil when degenerate or unknown).
    case converged(step: Int, kind: CriticalPoint.Kind?)
    /// A non-finite value or a coordinate beyond the bound appeared at `step`.
    case diverged(step: Int, reason: String)
    /// The optimizer could not compute an update (e.g. a singular Hessian) at `step`.
    case stopped(step: Int, reason: String)

    @inlinable public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }

    /// The word the CSV/JSON and legend use: `running`, `converged`, `diverged`, `stopped`.
    public var word: String {
        switch self {
        case .running: return "running"
        case .converged: return "converged"
        case .diverged: return "diverged"
        case .stopped: return "stopped"
        }
    }

    /// One line for people: `converged at 412 (saddle)`, `diverged at 37 (loss is inf)`.
    public var text: String {
        switch self {
        case .running: return "running"
        case let .converged(step, kind):
            let k = kind.map { " (\($0.rawValue))" } ?? ""
            return "converged at \(step)\(k)"
        case let .diverged(step, reason): return "diverged at \(step) (\(reason))"
        case let .stopped(step, reason): return "stopped at \(step) (\(reason))"
        }
    }
}
