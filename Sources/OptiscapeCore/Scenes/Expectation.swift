/// A claim a scene makes about what happens, checked by `optiscape check --verify`.
public enum Expectation: Hashable, Sendable {
    /// The runner diverges within this many steps.
    case divergesWithin(runner: String, steps: Int)
    /// The runner is within `tol` of `point` at or before step `within`.
    case reaches(runner: String, point: Vec2, within: Int, tol: Double)
    /// Every step's length is at most this.
    case maxStepAtMost(runner: String, length: Double)
    /// The loss falls below `value` within `within` steps.
    case lossBelow(runner: String, value: Double, within: Int)
    /// At step `at`, this runner's loss is lower than `other`'s.
    case finalLossLessThan(runner: String, other: String, at: Int)
}
