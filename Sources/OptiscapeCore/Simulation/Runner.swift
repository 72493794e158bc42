/// One optimizer on one landscape: its state, where it is, and whether it is still going.
///
/// A step: draw the gradient (full, or a minibatch's), apply the transforms (noise, clip by
/// norm, clip by value), ask the optimizer for the new point at this step's scheduled learning
/// rate, then evaluate the landscape there. A coordinate beyond the bound or a non-finite update
/// marks the runner diverged, a NaN or infinite loss there undefined or overflow; a true
/// gradient norm below the tolerance marks it converged or stalled (``stop(at:loss:gradient:step:on:)``).
/// A stopped runner never moves again, and no NaN leaves it: `position`, `loss` and `gradient`
/// always hold the last finite state (exports read ``reportedLoss``).
public struct Runner: Sendable {
    public let config: RunnerConfig
    public let rules: StoppingRules
    /// The 2-D optimizer (nil for a network runner, whose rule acts on the whole θ: ``network``).
    public private(set) var optimizer: (any Optimizer)?
    /// On a network scene: the network being trained, and the plane `position` is its
    /// projection onto (nil on a 2-D landscape).
    public private(set) var network: NetworkEngine?
    /// Where θ is relative to the plane: its distance from it (network runners only).
    public private(set) var projection: SlicePlane.Projection?
    /// The validation loss at θ (network runners on a scene with validation data).
    public private(set) var validationLoss: Double?
    public private(set) var position: Vec2
    /// f at `position`.
    public private(set) var loss: Double
    /// The landscape's true gradient at `position` (before noise, minibatching or clipping).
    public private(set) var gradient: Vec2
    /// The gradient the optimizer was given on the last step (after transforms).
    public private(set) var usedGradient: Vec2?
    /// The displacement of the last step.
    public private(set) var lastStep: Vec2?
    /// Updates taken.
    public private(set) var step: Int
    public private(set) var status: RunnerStatus
    /// The learning rate the last step used (after the schedule).
    public private(set) var lastLearningRate: Double?
    /// The averaged iterate x̄ of x₀ … x_step (``RunnerConfig/average``; nil without averaging).
    public private(set) var average: Vec2?
    /// f at ``average`` (nil without averaging).
    public private(set) var averageLoss: Double?
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    /// Every point the steps so far evaluated on their way (line-search trials, L-BFGS's inner
    /// iterates, coordinate descent's 1-D trials), the latest ``maxTrialPoints``, for drawing.
    public private(set) var trialPoints: [Vec2] = []
    /// How many trial points a runner keeps.
    public static let maxTrialPoints = 4096
    /// Whether the optimizer is a line-search method (whose trials are kept).
    private let keepsTrials: Bool
    private var rng: SeededRNG
    /// The optimizer's learning rate before the schedule (hyper-parameters never change).
    private let baseLearningRate: Double
    /// The schedule is constant without warm-up: every step uses the base rate.
    private let constantRate: Bool
    /// No minibatch and no transform: the optimizer gets the true gradient and no random
    /// number is drawn, so ``drawGradient`` need not run.
    private let plainGradient: Bool
    /// The true loss and gradient norm at a start where one of them is not finite.
    private var startValues: (loss: Double, gradientNorm: Double)?

    /// A runner at its start. `stream` picks its own random stream from the simulation's seed,
    /// so one runner's noise never depends on another's.
    public init(config: RunnerConfig, landscape: any Landscape, seed: UInt64, stream: Int,
                rules: StoppingRules = StoppingRules()) throws {
        self.config = config
        self.rules = rules
        if let slice = landscape as? SliceLandscape, let net = slice.network {
            var engine = try NetworkEngine(config: config, slice: slice, network: net, seed: seed, stream: stream, rules: rules)
            let now = engine.snapshot()
            network = engine
            projection = now.projection
            validationLoss = now.validationLoss
            baseLearningRate = engine.runner.rule.hyperparameters.lr
            constantRate = false
            plainGradient = false
            keepsTrials = false
            rng = SeededRNG(seed: seed, stream: UInt64(stream))
            position = now.position
            loss = now.loss
            gradient = now.gradient
            step = 0
            status = engine.runner.status
            return
        }
        let optimizer = try config.resolvedOptimizer(on: landscape).make()
        self.optimizer = optimizer
        baseLearningRate = optimizer.hyperparameters.lr
        constantRate = config.schedule.kind == .constant && (config.schedule.warmup ?? 0) <= 0
        plainGradient = config.batch == nil && config.transforms.isIdentity
        keepsTrials = config.optimizer.kind.isLineSearchMethod
        try config.transforms.validate()
        try config.schedule.validate()
        if let b = config.batch {
            guard b >= 1 else { throw OptimizerError("batch must be at least 1 (got \(b))") }
            guard landscape is any StochasticLandscape else {
                throw OptimizerError("batch needs a landscape built from data (e.g. logistic); \"\(landscape.name)\" has no examples")
            }
        }
        // A non-finite start has no loss and no place on the screen; refuse it here, so that every
        // position a runner or its trajectory holds is finite.
        guard config.start.isFinite else {
            throw OptimizerError("start (\(config.start.x), \(config.start.y)) is not a finite point")
        }
        rng = SeededRNG(seed: seed, stream: UInt64(stream))
        position = config.start
        if config.average != nil {
            average = config.start
            averageLoss = landscape.value(at: config.start)
        }
        step = 0
        status = .running
        let (v, g) = landscape.valueAndGradient(at: config.start)
        loss = v
        gradient = g
        if let failure = Runner.failure(at: config.start, loss: v, gradient: g, bound: rules.divergenceBound, step: 0) {
            // Keep finite stand-ins so nothing downstream sees NaN or infinity (the status says
            // why): the largest finite loss, with the overflow's sign. Exports write the true
            // values instead (``reportedLoss``).
            if !v.isFinite || !g.isFinite { startValues = (v, g.norm) }
            if !loss.isFinite { loss = loss < 0 ? -.greatestFiniteMagnitude : .greatestFiniteMagnitude }
            if !gradient.isFinite { gradient = .zero }
            status = failure
        } else if g.norm < rules.gradientTolerance {
            status = Runner.stop(at: config.start, loss: v, gradient: g, step: 0, on: landscape)
        }
    }

    /// The loss at `position` as the landscape gave it, for exports: NaN or infinite for a
    /// runner that starts where the loss is undefined or overflows (``loss`` then holds a finite
    /// stand-in for drawing; an export writes no number).
    public var reportedLoss: Double { startValues?.loss ?? loss }
    /// The true gradient norm at `position` for exports: NaN or infinite where the landscape's
    /// gradient is, and NaN wherever the loss itself is not finite (a gradient at a point with
    /// no loss means nothing).
    public var reportedGradientNorm: Double {
        if let n = network { return n.runner.gradientNorm }
        guard let s = startValues else { return gradient.norm }
        return s.loss.isFinite ? s.gradientNorm : .nan
    }

    /// ‖∇L‖ of the true gradient: of the whole θ for a network runner (``gradient`` holds only
    /// its part along the plane), of the point otherwise.
    public var gradientNorm: Double { network?.runner.gradientNorm ?? gradient.norm }

    /// The hyper-parameters the runner's rule runs with.
    public var hyperparameters: ResolvedHyperparameters {
        network?.runner.rule.hyperparameters ?? optimizer!.hyperparameters
    }

    /// The 2-D optimizer's state (all nil but the step count for a network runner, whose
    /// state lives in ℝᴺ).
    public var inspection: OptimizerInspection {
        optimizer?.inspection ?? OptimizerInspection(steps: step)
    }

    /// The gradient the next step would hand the optimizer, without consuming randomness.
    public func peekGradient(on landscape: any Landscape) -> Vec2 {
        var r = rng
        return Runner.drawGradient(config: config, at: position, trueGradient: gradient, landscape: landscape, rng: &r)
    }

    /// The update ``advance(on:)`` would make next, made on a copy of the optimizer: the
    /// gradient it is handed, the learning rate, the outcome, and the optimizer's state after
    /// it. Nothing changes and no randomness is consumed. (The same inputs as `advance`: the
    /// true gradient when there is no minibatch and no transform, ``peekGradient(on:)`` gives
    /// exactly that.)
    /// Nil for a network runner (its update is not a 2-D one).
    public func peekUpdate(on landscape: any Landscape) -> (gradient: Vec2, learningRate: Double, outcome: StepOutcome,
                                                           optimizer: any Optimizer)? {
        guard var copy = optimizer else { return nil }
        let g = peekGradient(on: landscape)
        let lr = nextLearningRate
        let outcome = copy.step(from: position, gradient: g, lr: lr, landscape: landscape)
        return (g, lr, outcome, copy)
    }

    /// The learning rate the next step will use.
    public var nextLearningRate: Double {
        if let n = network { return n.runner.nextLearningRate }
        return constantRate ? baseLearningRate : config.schedule.learningRate(base: baseLearningRate, step: step)
    }

    /// Takes one step if running. Returns whether the runner moved to a new recorded point.
    ///
    /// This is the hot loop of the app and of `trace` (see `optiscape bench`): the common case
    /// — true gradient, constant rate, inside the bound — reads only cached flags; the general
    /// code (transforms, schedules, the wording of a divergence) runs only when needed.
    @discardableResult
    public mutating func advance(on landscape: any Landscape) -> Bool {
        guard case .running = status else { return false }
        if network != nil { return advanceNetwork() }
        let g = plainGradient ? gradient
            : Runner.drawGradient(config: config, at: position, trueGradient: gradient, landscape: landscape, rng: &rng)
        let lr = nextLearningRate
        let next = step + 1
        guard g.isFinite else {
            status = .diverged(step: next, reason: "gradient is not finite")
            return false
        }
        switch optimizer!.step(from: position, gradient: g, lr: lr, landscape: landscape) {
        case let .failed(reason):
            status = .stopped(step: next, reason: reason)
            return false
        case let .moved(p):
            // A method with its own stopping tests (L-BFGS, CG, BFGS) that did not move: it has
            // stopped, and would not move again from here.
            if p == position, let reason = optimizer!.inspection.stopReason {
                status = .stopped(step: next, reason: config.optimizer.kind.rawValue + ": " + reason)
                return false
            }
            guard p.isFinite else {
                status = .diverged(step: next, reason: "update is not finite")
                return false
            }
            let (v, grad) = landscape.valueAndGradient(at: p)
            if !v.isFinite || !grad.isFinite {
                status = Runner.failure(at: p, loss: v, gradient: grad, bound: .infinity, step: next)!
                return false
            }
            if keepsTrials {
                let inspection = optimizer!.inspection
                trialPoints += inspection.trialPoints.filter(\.isFinite)
                trialPoints += inspection.innerIterates.dropLast().filter(\.isFinite)
                if trialPoints.count > Runner.maxTrialPoints { trialPoints.removeFirst(trialPoints.count - Runner.maxTrialPoints) }
            }
            lastStep = p - position
            usedGradient = g
            lastLearningRate = lr
            position = p
            loss = v
            gradient = grad
            step = next
            if let a = config.average, let mean = average {
                // x₀ … x_{next−1} are averaged so far: `next` points.
                let updated = a.updated(mean, with: p, count: next)
                average = updated
                averageLoss = landscape.value(at: updated)
            }
            // p, v and grad are finite here, so only the bound can make it diverge.
            let bound = rules.divergenceBound
            if Swift.abs(p.x) > bound || Swift.abs(p.y) > bound,
               let failure = Runner.failure(at: p, loss: v, gradient: grad, bound: bound, step: next) {
                status = failure
            } else if grad.norm < rules.gradientTolerance {
                status = Runner.stop(at: p, loss: v, gradient: grad, step: next, on: landscape)
            }
            return true
        }
    }

    /// A network runner's update: the whole θ moves; the runner shows its projection.
    private mutating func advanceNetwork() -> Bool {
        let moved = network!.advance()
        status = network!.runner.status
        guard moved else { return false }
        let now = network!.snapshot()
        lastStep = now.position - position
        lastLearningRate = network!.runner.lastLearningRate
        position = now.position
        projection = now.projection
        loss = now.loss
        gradient = now.gradient
        validationLoss = now.validationLoss
        step = network!.runner.step
        return true
    }

    static func drawGradient(config: RunnerConfig, at p: Vec2, trueGradient: Vec2,
                             landscape: any Landscape, rng: inout SeededRNG) -> Vec2 {
        var g = trueGradient
        if let b = config.batch, let data = landscape as? any StochasticLandscape {
            g = data.minibatchGradient(at: p, batch: b, rng: &rng)
        }
        return config.transforms.apply(to: g, rng: &rng)
    }

    /// Why a runner cannot go on from `p` (nil if it can): a non-finite position or one beyond
    /// `bound` (diverged), a NaN loss or gradient (undefined), an infinite one (overflow).
    static func failure(at p: Vec2, loss: Double, gradient: Vec2, bound: Double, step: Int) -> RunnerStatus? {
        if !p.isFinite { return .diverged(step: step, reason: "position is not finite") }
        let at = "at (\(p.x.significant()), \(p.y.significant()))"
        if loss.isNaN { return .undefined(step: step, reason: "loss undefined \(at)") }
        if !loss.isFinite { return .overflow(step: step, reason: "loss is \(loss < 0 ? "−" : "+")∞ \(at)") }
        if gradient.x.isNaN || gradient.y.isNaN { return .undefined(step: step, reason: "gradient undefined \(at)") }
        if !gradient.isFinite { return .overflow(step: step, reason: "gradient is infinite \(at)") }
        if Swift.abs(p.x) > bound || Swift.abs(p.y) > bound {
            return .diverged(step: step, reason: "left |x|,|y| ≤ \(bound.significant(3))")
        }
        return nil
    }
}
