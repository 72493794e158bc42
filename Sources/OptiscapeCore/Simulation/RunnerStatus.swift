/// Where a runner stands. Only `.running` runners take further steps.
public enum RunnerStatus: Hashable, Sendable {
    case running
    /// The true gradient norm fell below the tolerance at `step` at a point the landscape and
    /// the Hessian identify (see ``Runner/stop(at:loss:gradient:step:on:)``): a global or
    /// local minimum, a saddle or a maximum. `kind` is nil only for statuses made elsewhere.
    case converged(step: Int, kind: CriticalPoint.Kind?)
    /// The true gradient norm fell below the tolerance at `step`, but the point is not a
    /// critical point of any kind the Hessian can tell: a flat region, a saturated unit, a
    /// gradient that underflowed. A vanished gradient is not convergence; `reason` says why.
    case stalled(step: Int, reason: String)
    /// A coordinate beyond the bound, or an update that is not finite, at `step`.
    case diverged(step: Int, reason: String)
    /// The loss (or its gradient) is undefined (NaN) at the point `step` reached or started
    /// at: outside the domain of a logarithm, 0/0, ∞ − ∞.
    case undefined(step: Int, reason: String)
    /// The loss or its gradient is infinite at the finite point `step` reached or started at.
    case overflow(step: Int, reason: String)
    /// The optimizer could not compute an update (e.g. a singular Hessian) at `step`.
    case stopped(step: Int, reason: String)

    @inlinable public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }

    /// The step the runner stopped at and why, or nil while running. A converged runner's
    /// reason is the kind of point.
    public var stop: (step: Int, reason: String?)? {
        switch self {
        case .running: return nil
        case let .converged(step, kind): return (step, kind?.rawValue)
        case let .stalled(step, reason), let .diverged(step, reason), let .undefined(step, reason),
             let .overflow(step, reason), let .stopped(step, reason):
            return (step, reason)
        }
    }

    /// Whether the runner ran away or reached a point without a finite loss: diverged,
    /// undefined or overflow. Such a runner has no state after `stop.step`.
    public var isFailure: Bool {
        switch self {
        case .diverged, .undefined, .overflow: return true
        default: return false
        }
    }

    /// The word the CSV/JSON and legend use: `running`, `converged`, `stalled`, `diverged`,
    /// `undefined`, `overflow`, `stopped`.
    public var word: String {
        switch self {
        case .running: return "running"
        case .converged: return "converged"
        case .stalled: return "stalled"
        case .diverged: return "diverged"
        case .undefined: return "undefined"
        case .overflow: return "overflow"
        case .stopped: return "stopped"
        }
    }

    /// One line for people: `converged at 412 (saddle)`, `diverged at 37 (left |x|,|y| ≤ 1e6)`.
    public var text: String {
        switch self {
        case .running: return "running"
        case let .converged(step, kind):
            let k = kind.map { " (\($0.rawValue))" } ?? ""
            return "converged at \(step)\(k)"
        default:
            let (step, reason) = stop!
            return "\(word) at \(step)" + (reason.map { " (\($0))" } ?? "")
        }
    }
}
