/// A runner's next update analysed to second order (Deep Learning §8.2.1, eq. 8.10): what the
/// inside panel shows. The step Δx is the one the runner will really take — its optimizer's
/// update on a copy (``Runner/peekUpdate(on:)``), with the gradient it will be handed (noise,
/// minibatch, clipping included) and the scheduled learning rate — never a rule written again.
///
///     f(x + Δx) ≈ f(x) + gᵀΔx + ½ ΔxᵀHΔx
///
/// with g and H the true gradient and Hessian at x. For plain SGD on the true gradient
/// Δx = −εg and the terms are the book's −ε gᵀg and ½ε² gᵀHg. ``plain`` is that plain
/// gradient step of the same ε, for comparison with what the runner does instead.
public struct StepAnalysis: Sendable {
    /// The runner's point, loss, true gradient and the Hessian there.
    public var position: Vec2
    public var loss: Double
    public var gradient: Vec2
    public var hessian: Mat2
    /// The gradient the optimizer is handed (after noise, minibatch and clipping).
    public var usedGradient: Vec2
    /// The learning rate of this step (after the schedule), ε.
    public var learningRate: Double
    /// The update: Δx and the analysis of it, or why the optimizer takes none.
    public var update: Result<Update, Failure>
    /// The optimizer's state once this step is taken: the velocity that moves it, the moments,
    /// the per-coordinate effective rates of this step.
    public var after: OptimizerInspection
    /// −εg of the same ε, analysed the same way.
    public var plain: Update

    /// Why the optimizer takes no step (e.g. a singular Hessian).
    public struct Failure: Error, Equatable, Sendable { public var reason: String }

    /// One step Δx from x with its Taylor terms and the true change.
    public struct Update: Equatable, Sendable {
        public var step: Vec2
        /// gᵀΔx.
        public var firstOrder: Double
        /// ½ ΔxᵀHΔx.
        public var secondOrder: Double
        /// f(x + Δx) − f(x), NaN or infinite where f(x + Δx) is.
        public var exact: Double

        /// The second-order prediction of the change, gᵀΔx + ½ΔxᵀHΔx.
        public var predicted: Double { firstOrder + secondOrder }
        /// The curvature term outweighs the first-order decrease: the prediction goes up.
        public var curvatureWins: Bool { firstOrder < 0 ? secondOrder > -firstOrder : predicted > 0 }
        /// The step increases the loss (exactly), or lands where it is not finite.
        public var goesUp: Bool { !(exact <= 0) }

        init(_ step: Vec2, from x: Vec2, to next: Vec2, loss: Double, gradient g: Vec2, hessian h: Mat2, landscape: any Landscape) {
            self.step = step
            firstOrder = g.dot(step)
            secondOrder = 0.5 * h.quadraticForm(step)
            exact = landscape.value(at: next) - loss
        }
    }

    /// Whether the update is exactly −εg (SGD without momentum or weight decay, on the true
    /// gradient): then its terms are the book's −ε gᵀg and ½ε² gᵀHg, and ``plain`` is the same step.
    public var isPlainGradientStep: Bool

    /// The step's direction per unit of learning rate, −Δx/ε: H⁻¹g for Newton, |H|⁻¹g for
    /// saddle-free Newton, the velocity (or Nesterov's g + μb) for momentum.
    public var direction: Vec2? {
        guard case let .success(u) = update, learningRate != 0 else { return nil }
        return u.step * (-1 / learningRate)
    }

    /// The best ε along −g on the local quadratic, gᵀg / gᵀHg (nil unless gᵀHg > 0).
    public var bestPlainRate: Double? {
        let gHg = hessian.quadraticForm(gradient)
        return gHg > 0 ? gradient.dot(gradient) / gHg : nil
    }

    /// The analysis of `runner`'s next step on `landscape`, or nil when it has stopped.
    public init?(of runner: Runner, on landscape: any Landscape) {
        guard runner.status.isRunning, let peek = runner.peekUpdate(on: landscape) else { return nil }
        let x = runner.position
        position = x
        loss = runner.loss
        gradient = runner.gradient
        hessian = landscape.hessian(at: x)
        usedGradient = peek.gradient
        learningRate = peek.learningRate
        after = peek.optimizer.inspection
        let (f, g, h) = (loss, gradient, hessian)
        switch peek.outcome {
        case let .moved(next):
            update = .success(Update(next - x, from: x, to: next, loss: f, gradient: g, hessian: h, landscape: landscape))
        case let .failed(reason):
            update = .failure(Failure(reason: reason))
        }
        let plainNext = x - learningRate * g
        plain = Update(plainNext - x, from: x, to: plainNext, loss: f, gradient: g, hessian: h, landscape: landscape)
        let hp = runner.hyperparameters
        isPlainGradientStep = runner.config.optimizer.kind.isSGDFamily && hp.momentum == 0 && hp.weightDecay == 0
            && peek.gradient == g
    }
}

extension OptimizerKind {
    /// `sgd`, `momentum`, `nesterov`: `torch.optim.SGD` with different defaults.
    public var isSGDFamily: Bool { self == .sgd || self == .momentum || self == .nesterov }
}
