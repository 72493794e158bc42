/// One optimizer training a network's whole θ — the network counterpart of ``Runner``, with the
/// same rules (`torch.optim`'s, shared with the 2-D engine through ``UpdateRule``), gradient
/// transforms, schedules and stopping rules.
///
/// A step, as a PyTorch training loop takes it:
/// 1. the gradient: of the full training set (kept from the previous step), or of the next
///    minibatch (``MinibatchSampler``);
/// 2. the transforms (noise, `clip_grad_norm_` over all tensors, `clip_grad_value_`);
/// 3. the rule's update at this step's scheduled learning rate; Newton asks the objective — the
///    same rows the gradient came from — for the full Hessian;
/// 4. the full training-set loss and gradient at the new θ, which are what the trace reports.
///
/// Stops as a 2-D runner does (``RunnerStatus``): `diverged` on a non-finite gradient or update
/// or an element beyond the bound, `undefined`/`overflow` when the full loss or gradient at the
/// new θ is NaN/infinite, `stopped` when the rule cannot update (a singular Hessian), and
/// `converged`/`stalled` when ‖∇L‖ < tol (``classify(at:)``). A stopped runner keeps its last
/// finite state.
public struct NetworkRunner: Sendable {
    public let config: RunnerConfig
    public let batchOrder: BatchOrder
    public let rules: StoppingRules
    public let training: NetworkLoss
    public private(set) var rule: any UpdateRule<FlatVector>
    /// θ after ``step`` updates.
    public private(set) var theta: FlatVector
    /// The mean training loss at θ (all rows).
    public private(set) var loss: Double
    /// ∇L(θ) over all training rows (before noise, minibatching or clipping).
    public private(set) var gradient: FlatVector
    /// ‖∇L(θ)‖₂.
    public private(set) var gradientNorm: Double
    public private(set) var step = 0
    public private(set) var status: RunnerStatus = .running
    /// The learning rate of the last update (after the schedule).
    public private(set) var lastLearningRate: Double?
    private var rng: SeededRNG
    private var sampler: MinibatchSampler?
    private let objective: NetworkObjective
    /// The forward/backward scratch, kept between steps.
    private var workspace = NetworkWorkspace()
    /// Where a step writes the next θ and the full gradient there, swapped with ``theta`` and
    /// ``gradient`` when the step is kept: a full-batch step allocates nothing.
    private var nextTheta: FlatVector
    private var nextGradient: FlatVector

    /// A runner at θ₀. Its noise and its shuffles come from `seed` on streams of their own
    /// (`2·stream` and `2·stream + 1`), so runners never share random numbers.
    /// Throws (one line) for bad settings: transforms, schedule, a batch outside 1…n.
    public init(config: RunnerConfig, batchOrder: BatchOrder = .shuffle, training: NetworkLoss, theta: [Double],
                seed: UInt64, stream: Int, rules: StoppingRules = StoppingRules()) throws {
        try config.transforms.validate()
        try config.schedule.validate()
        let n = training.data.count
        if let b = config.batch {
            guard b >= 1 else { throw OptimizerError("--batch must be at least 1 (got \(b))") }
            guard b <= n else { throw OptimizerError("--batch \(b) is larger than the \(n) training rows of \(training.data.source)") }
        }
        let layout = training.spec.layout
        let start = FlatVector(theta, layout: layout)
        self.config = config
        self.batchOrder = batchOrder
        self.rules = rules
        self.training = training
        self.objective = NetworkObjective(training)
        self.rule = try config.optimizer.makeRule(like: start)
        self.theta = start
        rng = SeededRNG(seed: seed, stream: UInt64(2 * stream))
        sampler = config.batch.map { MinibatchSampler(rows: n, batch: $0, order: batchOrder, rng: SeededRNG(seed: seed, stream: UInt64(2 * stream + 1))) }
        let (v, g) = training.valueAndGradient(theta)
        loss = v
        gradient = FlatVector(g, layout: layout)
        nextTheta = start
        nextGradient = gradient
        gradientNorm = TorchOps.vectorNorm(count: g.count) { g[$0] }
        if let failure = Self.failure(at: start, loss: v, gradient: gradient, bound: rules.divergenceBound, step: 0) {
            status = failure
        } else if gradientNorm < rules.gradientTolerance {
            status = classify(at: 0)
        }
    }

    /// The learning rate the next update uses.
    public var nextLearningRate: Double {
        config.schedule.learningRate(base: rule.hyperparameters.lr, step: step)
    }

    /// Takes one update if running; returns whether θ moved.
    @discardableResult
    public mutating func advance() -> Bool {
        guard status.isRunning else { return false }
        let next = step + 1
        var g: FlatVector
        let batchObjective: NetworkObjective
        if var s = sampler {
            let rows = s.next()
            sampler = s
            batchObjective = NetworkObjective(training.restricted(to: rows))
            var bg: [Double] = []
            _ = batchObjective.loss.valueAndGradient(theta.storage, gradient: &bg, workspace: &workspace)
            g = FlatVector(bg, layout: theta.layout)
        } else {
            batchObjective = objective
            g = gradient
        }
        if !config.transforms.isIdentity { g = config.transforms.apply(to: g, rng: &rng) }
        // The kept full gradient passed `failure` (finite) when it was computed.
        if sampler != nil || !config.transforms.isIdentity {
            guard g.isFinite else {
                status = .diverged(step: next, reason: "gradient is not finite")
                return false
            }
        }
        let lr = nextLearningRate
        nextTheta.storage.withUnsafeMutableBufferPointer { d in
            theta.storage.withUnsafeBufferPointer { d.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
        }
        do throws(StepFailure) {
            try rule.step(&nextTheta, gradient: g, lr: lr, objective: batchObjective)
        } catch {
            status = .stopped(step: next, reason: error.reason)
            return false
        }
        // One pass for the common case: every |θᵢ| within a finite bound (so finite, too).
        let bound = rules.divergenceBound
        let inBound = bound.isFinite && nextTheta.storage.allSatisfy { Swift.abs($0) <= bound }
        guard inBound || nextTheta.isFinite else {
            status = .diverged(step: next, reason: "update is not finite")
            return false
        }
        let v = training.valueAndGradient(nextTheta.storage, gradient: &nextGradient.storage, workspace: &workspace)
        let norm = nextGradient.storage.withUnsafeBufferPointer { full in TorchOps.vectorNorm(count: full.count) { full[$0] } }
        // A finite norm means a finite gradient; otherwise look element by element.
        if !(v.isFinite && norm.isFinite),
           let failure = Self.failure(at: nextTheta, loss: v, gradient: nextGradient, bound: .infinity, step: next) {
            status = failure
            return false
        }
        swap(&theta, &nextTheta)
        swap(&gradient, &nextGradient)
        loss = v
        gradientNorm = norm
        step = next
        lastLearningRate = lr
        // The loss and gradient passed above: only the bound is left to check.
        if !inBound, let failure = Self.failure(at: theta, loss: v, gradient: gradient, bound: bound, step: next) {
            status = failure
        } else if gradientNorm < rules.gradientTolerance {
            status = classify(at: next)
        }
        return true
    }

    /// Why training cannot go on from θ (nil if it can): a NaN loss or gradient (undefined), an
    /// infinite one (overflow), an element beyond `bound` (diverged).
    static func failure(at theta: FlatVector, loss: Double, gradient: FlatVector, bound: Double, step: Int) -> RunnerStatus? {
        // The common case in one pass each: everything finite, nothing beyond the bound.
        if loss.isFinite && gradient.storage.allSatisfy(\.isFinite)
            && (!bound.isFinite || theta.storage.allSatisfy({ Swift.abs($0) <= bound })) { return nil }
        if loss.isNaN { return .undefined(step: step, reason: "training loss undefined") }
        if !loss.isFinite { return .overflow(step: step, reason: "training loss is \(loss < 0 ? "−" : "+")∞") }
        if let i = (0..<gradient.count).first(where: { gradient[$0].isNaN }) {
            return .undefined(step: step, reason: "gradient undefined (\(theta.elementName(i)))")
        }
        if let i = (0..<gradient.count).first(where: { !gradient[$0].isFinite }) {
            return .overflow(step: step, reason: "gradient is infinite (\(theta.elementName(i)))")
        }
        if bound.isFinite, let i = (0..<theta.count).first(where: { Swift.abs(theta[$0]) > bound }) {
            return .diverged(step: step, reason: "left |θᵢ| ≤ \(bound.significant(3)) (\(theta.elementName(i)) = \(theta[i].significant(3)))")
        }
        return nil
    }

    /// The largest N whose Hessian ``classify(at:)`` decomposes to name a critical point.
    public static let classificationLimit = 4000

    /// What ‖∇L‖ < tol reached, from the full Hessian's extreme eigenvalues (as ``Runner`` does
    /// in 2-D; no global minimum value is known for a network): λmin > 0 a local minimum,
    /// λmax < 0 a maximum, both signs a saddle — each sign beyond 1e-9 of the largest |λ|.
    /// A Hessian that is singular there (λmin ≈ 0, as along the rescaling symmetries of ReLU
    /// nets) is `stalled`: a degenerate minimum or a flat region, which the gradient alone cannot
    /// tell apart. Above ``classificationLimit`` parameters, `converged` without a kind.
    func classify(at step: Int) -> RunnerStatus {
        let n = theta.count
        guard n <= Self.classificationLimit else { return .converged(step: step, kind: nil) }
        let h = training.hessian(theta.storage)
        guard let values = try? DenseEigen.eigenvalues(h, n: n), let large = values.first, let small = values.last else {
            return .stalled(step: step, reason: "‖g‖ ≈ 0 where the Hessian cannot be decomposed")
        }
        let size = Swift.max(Swift.abs(small), Swift.abs(large))
        let flat = Swift.max(Runner.degenerateCurvature * size, Runner.absoluteFlatCurvature)
        if small < -flat { return .converged(step: step, kind: large < -flat ? .maximum : .saddle) }
        if small > flat { return .converged(step: step, kind: .localMinimum) }
        return .stalled(step: step, reason: "‖g‖ ≈ 0 where H is singular (λmin = \(small.significant(2)), λmax = \(large.significant(2))): a degenerate minimum or a flat region")
    }
}

extension NetworkLoss {
    /// The same network's mean loss over some of the rows (a minibatch), in the order given.
    public func restricted<C: Collection>(to rows: C) -> NetworkLoss where C.Element == Int {
        NetworkLoss(checked: spec, data: data.rows(Array(rows)))
    }
}

extension FlatVector {
    /// `0.weight[3]`: the tensor holding flat element `i` and the index within it.
    public func elementName(_ i: Int) -> String {
        guard let t = layout.tensors.last(where: { $0.offset <= i }) else { return "θ[\(i)]" }
        return "\(t.name)[\(i - t.offset)]"
    }
}
