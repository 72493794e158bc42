/// What a ``Runner`` on a network scene holds: the ``NetworkRunner`` training the whole θ, and
/// the plane it is drawn on. The runner's `position` is θ projected onto the plane (least
/// squares), its `loss` the true training loss at θ (never the slice's), its `gradient` the true
/// ∇L(θ) projected onto the plane (its plane coordinates, so −lr·gradient is the projection of
/// a plain gradient step).
public struct NetworkEngine: Sendable {
    public private(set) var runner: NetworkRunner
    public let plane: SlicePlane
    public let validation: NetworkLoss?
    /// The held-out pass's arrays, kept between steps: a validation set of a few hundred rows
    /// allocated afresh every step faulted its pages in again (most of a step's time).
    private var validationWorkspace = NetworkWorkspace()

    init(config: RunnerConfig, slice: SliceLandscape, network: SliceLandscape.Network, seed: UInt64, stream: Int,
         rules: StoppingRules) throws {
        if config.average != nil {
            throw OptimizerError("\(config.label): average is not available on network runners yet (it is on 2-D landscapes)")
        }
        if config.lrOfLimit != nil {
            throw OptimizerError("\(config.label): lr {limit: …} is not available on network runners yet; give lr as a number")
        }
        runner = try NetworkRunner(config: config, training: slice.loss, theta: network.start(for: config),
                                   seed: seed, stream: stream, rules: rules)
        plane = slice.plane
        validation = network.problem.validation
    }

    /// Where θ is now, as the runner shows it.
    struct Snapshot {
        var position: Vec2
        var projection: SlicePlane.Projection
        var loss: Double
        var gradient: Vec2
        var validationLoss: Double?
    }

    mutating func snapshot() -> Snapshot {
        let theta = runner.theta.storage
        let p = plane.project(theta)
        let g = runner.gradient.storage
        let held = validation.map { $0.value(theta, workspace: &validationWorkspace) }
        return Snapshot(position: Vec2(p.a, p.b), projection: p, loss: runner.loss,
                        gradient: plane.coordinates(ofDirection: g), validationLoss: held)
    }

    /// One update; whether θ moved.
    mutating func advance() -> Bool { runner.advance() }
}
