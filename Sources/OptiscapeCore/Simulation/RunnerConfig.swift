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

    public init(label: String? = nil, optimizer: OptimizerSpec, start: Vec2,
                transforms: GradientTransforms = GradientTransforms(), schedule: Schedule = Schedule(),
                batch: Int? = nil, color: String? = nil) {
        self.label = label ?? optimizer.kind.rawValue
        self.optimizer = optimizer; self.start = start; self.transforms = transforms
        self.schedule = schedule; self.batch = batch; self.color = color
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
