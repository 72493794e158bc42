import Foundation

/// What one update did: the new point, or why no update was possible
/// (e.g. Newton's method at a singular Hessian). Never a NaN in disguise.
public enum StepOutcome: Equatable, Sendable {
    case moved(Vec2)
    case failed(reason: String)
}

/// The live internals of an optimizer, for the inside panel and the vector overlay.
/// Fields an optimizer does not have are nil.
public struct OptimizerInspection: Equatable, Sendable {
    /// Momentum buffer / velocity (SGD momentum and Nesterov, RMSProp momentum).
    public var velocity: Vec2?
    /// Accumulated squared gradient per axis (AdaGrad's sum, RMSProp's and Adam's second moment,
    /// AdaDelta's running average, Adafactor's V) — for Adamax its infinity norm u, not a square.
    public var squaredGradient: Vec2?
    /// Adam's first moment.
    public var firstMoment: Vec2?
    /// Per-coordinate effective learning rate of the last step (the factor that multiplied the
    /// gradient or first moment), for the adaptive methods.
    public var effectiveLearningRate: Vec2?
    /// Number of updates taken.
    public var steps: Int
    // torch.optim additions (nadam … adafactor)
    /// ASGD's averaged iterate ax.
    public var average: Vec2?
    /// Rprop's per-coordinate step sizes Γ (what multiplies sign(g)).
    public var stepSize: Vec2?
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    /// The points the last step passed through before its end point (L-BFGS's inner iterates).
    public var innerIterates: [Vec2]
    /// The points the last step's line searches evaluated (drawn dimmed).
    public var trialPoints: [Vec2]
    /// BFGS's current approximation Hₖ of the inverse Hessian.
    public var inverseHessianApproximation: Mat2?
    /// Why the last step ended where it did, for methods with their own stopping tests (L-BFGS's
    /// tolerances; CG and BFGS at max|gᵢ| ≤ tolerance-grad). A runner whose step did not move
    /// stops with it.
    public var stopReason: String?

    public init(velocity: Vec2? = nil, squaredGradient: Vec2? = nil, firstMoment: Vec2? = nil,
                effectiveLearningRate: Vec2? = nil, steps: Int = 0, average: Vec2? = nil, stepSize: Vec2? = nil,
                innerIterates: [Vec2] = [], trialPoints: [Vec2] = [], inverseHessianApproximation: Mat2? = nil,
                stopReason: String? = nil) {
        self.velocity = velocity; self.squaredGradient = squaredGradient; self.firstMoment = firstMoment
        self.effectiveLearningRate = effectiveLearningRate; self.steps = steps
        self.average = average; self.stepSize = stepSize
        self.innerIterates = innerIterates; self.trialPoints = trialPoints
        self.inverseHessianApproximation = inverseHessianApproximation
        self.stopReason = stopReason
    }
}

/// One sub-step of an update, for explain mode: a line of text and the vector it contributes
/// (in parameter space), if it moves something that can be drawn.
public struct UpdateTerm: Equatable, Sendable {
    public var text: String
    public var vector: Vec2?
    public init(_ text: String, vector: Vec2? = nil) { self.text = text; self.vector = vector }
}

/// A 2-D optimizer: a value type holding its own state. Update rules and defaults follow
/// PyTorch's `torch.optim` documentation (float64); the Newton family follows the textbook.
///
/// Every optimizer is an ``UpdateRule`` on ``Vec2`` (``Adam`` is `AdamRule<Vec2>`, …), the same
/// implementation networks run on ``FlatVector``; this protocol adds what the 2-D engine shows.
public protocol Optimizer: Sendable {
    /// The resolved hyper-parameters this optimizer runs with.
    var hyperparameters: ResolvedHyperparameters { get }

    /// One update from `x`, given the (transformed) gradient there and this step's learning
    /// rate (after any schedule). Second-order methods read the Hessian from `landscape`.
    ///
    /// The first-order methods compute exactly what PyTorch computes, also when that overflows
    /// or meets a NaN: the runner sees a non-finite point and reports divergence. `.failed`
    /// means the update is undefined (Newton at a singular or non-finite Hessian); the state
    /// is then unchanged.
    mutating func step(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> StepOutcome

    /// The current internal state.
    var inspection: OptimizerInspection { get }

    /// The next update broken into its sub-steps, without changing state. The first term is
    /// the gradient; the last is the step `step` would take (its vector is new x − x) or, when
    /// `step` would fail, the reason (no vector).
    func explain(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> [UpdateTerm]
}
