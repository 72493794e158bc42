/// Everything that defines one runner: which optimizer, from where, with which gradient
/// transforms and learning-rate schedule. A scene's runner list and the CLI's flags both
/// produce these.
public struct RunnerConfig: Hashable, Sendable {
    /// Unique within a simulation; the CSV `runner` column.
    public var label: String
    public var optimizer: OptimizerSpec
    public var start: Vec2
    public var transforms: GradientTransforms
    public var schedule: Schedule
    /// Minibatch size for landscapes built from data (nil: the full gradient).
    public var batch: Int?
    /// A colour name or 256-colour index chosen by the scene (nil: the palette's next colour).
    public var color: String?
    /// The learning rate as a fraction of the stability limit 2/λ_max of the Hessian at the
    /// start (a scene's `lr: {limit: f}`): each new runner takes lr = f · 2/λ_max on its own
    /// landscape, so a knob that sharpens the curvature lowers the rate with it. Overrides the
    /// optimizer's `lr`; nil: the optimizer's `lr` as given.
    public var lrOfLimit: Double?
    /// Iterate averaging (§8.7.3): the runner also keeps x̄, drawn as a second path and traced
    /// as `avg_x,avg_y,avg_loss` (nil: none).
    public var average: Averaging?
    /// On a network scene: this runner's θ₀ is PyTorch's default initialisation from this seed
    /// instead of the scene's θ₀ (several initialisations, §8.2.2). nil: the scene's θ₀.
    public var initSeed: UInt64?

    public init(label: String? = nil, optimizer: OptimizerSpec, start: Vec2,
                transforms: GradientTransforms = GradientTransforms(), schedule: Schedule = Schedule(),
                batch: Int? = nil, color: String? = nil, lrOfLimit: Double? = nil, average: Averaging? = nil,
                initSeed: UInt64? = nil) {
        self.initSeed = initSeed
        self.label = label ?? optimizer.kind.rawValue
        self.optimizer = optimizer; self.start = start; self.transforms = transforms
        self.schedule = schedule; self.batch = batch; self.color = color; self.lrOfLimit = lrOfLimit
        self.average = average
    }
}

extension RunnerConfig {
    /// The stability limit 2/λ_max of plain gradient descent at `start` on `landscape`: the
    /// learning rate above which a step overshoots along the steepest curvature there.
    /// Throws when the Hessian there has no positive eigenvalue (no limit to be a fraction of).
    public static func stabilityLimit(at start: Vec2, on landscape: any Landscape) throws -> Double {
        let h = landscape.hessian(at: start)
        let large = h.isFinite ? h.symmetricEigen.large : .nan
        guard large.isFinite, large > 0, (2 / large).isFinite else {
            throw OptimizerError("lr {limit: …} needs positive curvature at the start (\(start.x), \(start.y)); "
                                 + "the Hessian's largest eigenvalue there is \(large)")
        }
        return 2 / large
    }

    /// The optimizer spec with `lr` resolved: ``lrOfLimit`` × the stability limit at the start,
    /// or the spec as given.
    public func resolvedOptimizer(on landscape: any Landscape) throws -> OptimizerSpec {
        guard let f = lrOfLimit else { return optimizer }
        var spec = optimizer
        spec.hyper.lr = f * (try RunnerConfig.stabilityLimit(at: start, on: landscape))
        return spec
    }
}

/// When a runner stops by itself.
public struct StoppingRules: Hashable, Sendable, Codable {
    /// Converged when the landscape's true gradient norm falls below this.
    public var gradientTolerance: Double
    /// Diverged when a coordinate's magnitude exceeds this.
    public var divergenceBound: Double

    public init(gradientTolerance: Double = 1e-8, divergenceBound: Double = 1e6) {
        self.gradientTolerance = gradientTolerance; self.divergenceBound = divergenceBound
    }
}
