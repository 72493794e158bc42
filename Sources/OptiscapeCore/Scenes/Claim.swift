/// A claim a scene makes about what one of its runners does, checked by
/// `optiscape check --verify` (see ``ClaimCheck``) and documented in `scenes/README.md`.
///
/// The vocabulary is small on purpose. Every claim names one runner and one thing measured on
/// its trajectory, over a window of steps that is always concrete here (the loader fills in the
/// scene's `steps` where a claim leaves its window out):
///
/// - *events* happen at some step ≤ N (`diverges_within`, `converges_within`,
///   `stalls_within`, `reaches`, `loss_below`, and `strays_beyond`, at a step from M on);
/// - *bounds* hold at every step ≤ N (`stays_within`, `max_step_at_most`, both optionally
///   only from step M on: the runner has settled) or over the steps ≤ N taken together
///   (`max_step_ratio_at_least`);
/// - *states* are read at step N (`loss_above`, `ends_in`, and the comparisons with another
///   runner, `loss_below_runner` and `path_longer_than_runner`);
/// - *held-out* claims, on a landscape built from data, read the held-out (validation) loss
///   along the path up to step N (`held_out_minimum_before`, `held_out_above_minimum`): the
///   early-stopping lesson.
///
/// With ``average`` a claim reads the runner's averaged iterate x̄ (``RunnerConfig/average``,
/// §8.7.3) instead of its iterates: its points and f(x̄); a comparison's other runner is still
/// read by its iterates, so `{runner: sgd, average: true, loss_below_runner: sgd}` compares
/// the average with the iterate itself.
public struct Claim: Hashable, Sendable {
    /// The label of the runner the claim is about.
    public var runner: String
    public var kind: Kind
    /// Where the claim is written in its scene file (nil for scenes built in code).
    public var location: SceneFileLocation?
    /// Whether the claim is about the runner's averaged iterate rather than its iterates.
    public var average: Bool

    public init(runner: String, _ kind: Kind, location: SceneFileLocation? = nil, average: Bool = false) {
        self.runner = runner; self.kind = kind; self.location = location; self.average = average
    }

    /// What a claim asserts. Step counts are global steps (step 0 is the start).
    public enum Kind: Hashable, Sendable {
        /// The runner diverges (a coordinate beyond the bound, an update or a loss that
        /// overflows) at a step ≤ N.
        case divergesWithin(Int)
        /// The true gradient norm falls below the tolerance at a step ≤ N at a critical point
        /// (of the given kind when `to` is given; see ``RunnerStatus/converged(step:kind:)``).
        case convergesWithin(Int, to: Target?)
        /// The true gradient norm falls below the tolerance at a step ≤ N at a point that is not
        /// a critical point of any kind (``RunnerStatus/stalled(step:reason:)``): the gradient
        /// vanished on a flat region, not at a minimum.
        case stallsWithin(Int)
        /// Some point at a step ≤ `within` lies within `tol` of `point` (Euclidean distance).
        case reaches(Vec2, within: Int, tol: Double)
        /// The loss is below `value` at some step ≤ `within`.
        case lossBelow(Double, within: Int)
        /// The loss at step `at` is above `value` (the last loss of a runner that stopped moving
        /// earlier; broken if it diverged).
        case lossAbove(Double, at: Int)
        /// The point at step `at` lies in the box (inclusive).
        case endsIn(ViewBox, at: Int)
        /// Every point of steps `from`…`for` lies within `radius` of `center` (from 0 unless
        /// given: a later `from` asks whether the runner has settled there).
        case staysWithin(Double, of: Vec2, from: Int = 0, for: Int)
        /// Some point of steps `from`…`within` lies farther than `radius` from `center`: the
        /// runner has not settled there (the complement of `staysWithin`).
        case straysBeyond(Double, of: Vec2, from: Int, within: Int)
        /// Every step of 1…`for` is at most this long (Euclidean length of the displacement).
        /// (From step `from` + 1 on, when given: the runner has settled and barely moves.)
        case maxStepAtMost(Double, from: Int = 0, for: Int)
        /// Over steps 1…`for`, the longest step is at least `ratio` times the median step.
        case maxStepRatioAtLeast(Double, for: Int)
        /// At step `at`, this runner's loss is below the other runner's.
        case lossBelowRunner(String, at: Int)
        /// At step `at`, this runner has travelled further (sum of step lengths) than the other.
        case pathLongerThanRunner(String, at: Int)
        /// Over steps 0…`at`, the held-out loss is lowest at a step before this one.
        case heldOutMinimumBefore(Int, at: Int)
        /// At step `at`, the held-out loss is more than this above its lowest value over 0…`at`.
        case heldOutAboveMinimum(Double, at: Int)
        /// A claim about the whole θ of a network runner (network scenes only).
        case network(NetworkClaim)

        /// The largest step the claim looks at (so the check runs that many).
        public var horizon: Int {
            switch self {
            case let .divergesWithin(n), let .convergesWithin(n, _), let .stallsWithin(n): return n
            case let .reaches(_, n, _), let .lossBelow(_, n), let .lossAbove(_, n), let .endsIn(_, n): return n
            case let .staysWithin(_, _, _, n), let .straysBeyond(_, _, _, n), let .maxStepAtMost(_, _, n),
                 let .maxStepRatioAtLeast(_, n): return n
            case let .lossBelowRunner(_, n), let .pathLongerThanRunner(_, n): return n
            case let .heldOutMinimumBefore(_, n), let .heldOutAboveMinimum(_, n): return n
            case let .network(c): return c.horizon
            }
        }

        /// The other runner a comparison names, if any.
        public var otherRunner: String? {
            switch self {
            case let .lossBelowRunner(b, _), let .pathLongerThanRunner(b, _): return b
            case let .network(c): return c.otherRunner
            default: return nil
            }
        }

        /// The claim's key in a scene file (`loss_below`, …).
        public var key: String {
            switch self {
            case .divergesWithin: return "diverges_within"
            case .convergesWithin: return "converges_within"
            case .stallsWithin: return "stalls_within"
            case .reaches: return "reaches"
            case .lossBelow: return "loss_below"
            case .lossAbove: return "loss_above"
            case .endsIn: return "ends_in"
            case .staysWithin: return "stays_within"
            case .straysBeyond: return "strays_beyond"
            case .maxStepAtMost: return "max_step_at_most"
            case .maxStepRatioAtLeast: return "max_step_ratio_at_least"
            case .lossBelowRunner: return "loss_below_runner"
            case .pathLongerThanRunner: return "path_longer_than_runner"
            case .heldOutMinimumBefore: return "held_out_minimum_before"
            case .heldOutAboveMinimum: return "held_out_above_minimum"
            case let .network(c): return c.key
            }
        }
    }

    /// The kind of point `converges_within … to:` asks for.
    public enum Target: String, Hashable, Sendable, CaseIterable {
        /// A global or a local minimum.
        case minimum
        case globalMinimum = "global_minimum"
        case localMinimum = "local_minimum"
        case saddle
        case maximum

        /// Whether a converged runner's classification satisfies this target.
        public func matches(_ kind: CriticalPoint.Kind?) -> Bool {
            switch (self, kind) {
            case (.minimum, .globalMinimum?), (.minimum, .localMinimum?): return true
            case (.globalMinimum, .globalMinimum?), (.localMinimum, .localMinimum?): return true
            case (.saddle, .saddle?), (.maximum, .maximum?): return true
            default: return false
            }
        }

        /// Words for reports: "a saddle point", "a minimum".
        public var phrase: String {
            switch self {
            case .minimum: return "a minimum"
            case .globalMinimum: return "a global minimum"
            case .localMinimum: return "a local minimum"
            case .saddle: return "a saddle point"
            case .maximum: return "a maximum"
            }
        }
    }
}

/// A line and column in a scene file, both counted from 1 (columns in Unicode scalars).
public struct SceneFileLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}
