/// Builds a network scene's landscape: the problem (network, data, θ₀), the plane its `plane:`
/// asks for — training the runners first, headless, where the plane goes through a trained point
/// or along a trajectory's principal components — and the ``SliceLandscape`` on it.
///
/// A trained point is where that runner itself goes: it is trained exactly as the simulation
/// will train it (same θ₀, seed and random stream), so the plane passes through its real path.
public struct NetworkSceneBuilder {
    public let scene: NetworkScene
    public let problem: NetworkProblem
    public let runners: [RunnerConfig]
    public let seed: UInt64
    public let rules: StoppingRules
    /// How many updates "trained" means for each runner, by label (the scene's steps at opening;
    /// the runner's current step when re-slicing).
    public let steps: (String) -> Int

    /// The largest network a scene trains (a lesson opens within a second; `trace --network`
    /// takes larger ones).
    public static let maxParameters = 20_000
    /// The most training rows a scene's data may have.
    public static let maxRows = 20_000
    /// The most work training for a plane may take before the scene opens: rows × N × steps.
    public static let maxPlaneWork = 4e9
    /// The most points of a trajectory its PCA keeps (evenly spaced, the end always).
    public static let maxPCARows = 250

    public init(scene: NetworkScene, runners: [RunnerConfig], seed: UInt64, rules: StoppingRules = StoppingRules(),
                steps: @escaping (String) -> Int) throws(DataError) {
        self.scene = scene
        let n = try scene.spec().parameterCount
        guard n <= Self.maxParameters else {
            throw DataError(description: "network \(scene.layers) has \(n) parameters; a scene trains at most \(Self.maxParameters) (use trace --network for larger ones)")
        }
        self.problem = try NetworkProblem(scene.flags(seed: seed))
        guard problem.training.data.count <= Self.maxRows else {
            throw DataError(description: "data has \(problem.training.data.count) training rows; a scene takes at most \(Self.maxRows)")
        }
        self.runners = runners
        self.seed = seed
        self.rules = rules
        self.steps = steps
    }

    /// The landscape on the scene's plane, with `view` (nil: a view around what the plane
    /// goes through).
    public func landscape(view: ViewBox?) throws(DataError) -> SliceLandscape {
        let made = try makePlane()
        let plane = made.plane
        let starts = runners.map { plane.project(start(for: $0)) }.map { Vec2($0.a, $0.b) }
        let box = view ?? Self.view(around: [Vec2(0, 0)] + made.keep + made.anchors.map(\.point) + starts)
        return SliceLandscape(loss: problem.training, plane: plane, view: box,
                              network: SliceLandscape.Network(problem: problem, note: made.note, initScale: scene.initScale,
                                                              anchors: made.anchors))
    }

    /// The smallest box with every anchor inside, padded by a quarter of its span (and at
    /// least [−1, 1] around its centre).
    static func view(around points: [Vec2]) -> ViewBox {
        let xs = points.map(\.x), ys = points.map(\.y)
        let x0 = xs.min()!, x1 = xs.max()!, y0 = ys.min()!, y1 = ys.max()!
        func padded(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
            let mid = (lo + hi) / 2, half = Swift.max(1, 0.75 * (hi - lo))
            return (mid - half)...(mid + half)
        }
        return ViewBox(x: padded(x0, x1), y: padded(y0, y1))
    }

    // MARK: The plane

    /// The plane, a note for the panel, other plane coordinates worth keeping in view, and the
    /// points it was built through (marked on the plot).
    func makePlane() throws(DataError) -> (plane: SlicePlane, note: String, keep: [Vec2], anchors: [SliceLandscape.Anchor]) {
        let spec = problem.spec
        let n = spec.parameterCount
        switch scene.plane {
        case let .random(around, how):
            let origin = try point(around)
            let (x, y) = SliceDirections.gaussian(count: n, seed: seed)
            return (try directions(x, y, origin: origin, how, "random"), scene.plane.summary, [], [.init("A", Vec2(0, 0), around.summary)])
        case let .hessian(at):
            guard n >= 2 else { throw DataError(description: "plane: hessian needs at least 2 parameters") }
            let origin = try point(at)
            let h: (x: [Double], y: [Double], values: [Double])
            do { h = try SliceDirections.hessian(problem.training, theta: origin, seed: seed) } catch {
                throw DataError(description: "plane: hessian: \(error)")
            }
            let note = scene.plane.summary + " (λ₁ \(h.values[0].significant(4)), λ₂ \(h.values[1].significant(4)))"
            return (SlicePlane(origin: origin, dx: h.x, dy: h.y), note, [], [.init("A", Vec2(0, 0), at.summary)])
        case let .pca(label):
            let config = try runner(label)
            let rows = try trajectory(of: config, steps: steps(config.label))
            let pca = try TrajectoryPCA(rows: rows, count: n)
            let end = Array(rows[(rows.count - n)...])
            let plane = SlicePlane(origin: end, dx: pca.x, dy: pca.y)
            let (e1, e2) = pca.explained
            let note = scene.plane.summary + ": explained variance \(Self.percent(e1)) + \(Self.percent(e2))"
                + " (a random walk's first component alone explains ≈\u{A0}61\u{A0}%)"  // no-break spaces: a wrap keeps "≈ 61 %" whole
            // The whole path, sampled, stays in view.
            let t = rows.count / n
            let every = Swift.max(1, t / 64)
            let path = stride(from: 0, to: t, by: every).map { k -> Vec2 in
                let p = plane.project(Array(rows[(k * n)..<((k + 1) * n)]))
                return Vec2(p.a, p.b)
            }
            return (plane, note, path, [.init("A", Vec2(0, 0), "the end of \(config.label)'s path")])
        case let .points(p1, p2, p3):
            let w1 = try point(p1), w2 = try point(p2), w3 = try point(p3)
            guard let plane = SlicePlane.through(w1, w2, w3) else {
                throw DataError(description: "plane: the three points \(p1.summary), \(p2.summary) and \(p3.summary) are (nearly) on one line; no plane goes through them")
            }
            let c = plane.project(w3)
            return (plane, "plane through A, B and C: a along B − A, b along the rest of C − A", [],
                    [.init("A", Vec2(0, 0), p1.summary), .init("B", Vec2(1, 0), p2.summary), .init("C", Vec2(c.a, c.b), p3.summary)])
        case let .file(path, around):
            let origin = try point(around)
            let (x, y) = try NetworkWeights.directions(SafeTensors.load(path: path), count: n, path: path)
            return (try directions(x, y, origin: origin, .none, path), scene.plane.summary, [], [.init("A", Vec2(0, 0), around.summary)])
        }
    }

    static func percent(_ f: Double) -> String { (100 * f).significant(3) + "\u{A0}%" }

    func directions(_ x: [Double], _ y: [Double], origin: [Double], _ how: DirectionNormalization, _ name: String) throws(DataError) -> SlicePlane {
        let dx = SliceDirections.normalized(x, how, theta: origin, spec: problem.spec)
        let dy = SliceDirections.normalized(y, how, theta: origin, spec: problem.spec)
        guard dx.contains(where: { $0 != 0 }), dy.contains(where: { $0 != 0 }) else {
            throw DataError(description: "plane: a \(name) direction is zero (filter normalisation through all-zero weights gives zero rows; use normalize: none)")
        }
        return SlicePlane(origin: origin, dx: dx, dy: dy)
    }

    /// The runner a plane names (the first when nil).
    func runner(_ label: String?) throws(DataError) -> RunnerConfig {
        guard let label else {
            guard let first = runners.first else { throw DataError(description: "plane: a trained point needs a runner") }
            return first
        }
        guard let c = runners.first(where: { $0.label == label }) else {
            var msg = "plane: no runner is labelled \"\(label)\""
            if let s = Suggest.closest(to: label, in: runners.map(\.label)) { msg += " (did you mean \"\(s)\"?)" }
            throw DataError(description: msg + "; runners: " + runners.map(\.label).joined(separator: ", "))
        }
        return c
    }

    /// θ at a plane point.
    func point(_ p: NetworkScene.PlanePoint) throws(DataError) -> [Double] {
        switch p {
        case .start:
            return problem.theta.map { $0 * (scene.initScale ?? 1) }
        case let .trained(label, step):
            let config = try runner(label)
            let rows = try trajectory(of: config, steps: step ?? steps(config.label), keepAll: false)
            return rows
        case let .swapped(base, layer, a, b):
            let spec = problem.spec
            guard layer >= 0, layer + 1 < spec.layerCount else {
                throw DataError(description: "plane: swap: layer \(layer) is not a hidden layer of \(spec.sizesText) (hidden layers 0…\(spec.layerCount - 2))")
            }
            let width = spec.sizes[layer + 1]
            guard (0..<width).contains(a), (0..<width).contains(b), a != b else {
                throw DataError(description: "plane: swap: units \(a) and \(b) must be two different units of hidden layer \(layer) (0…\(width - 1))")
            }
            return spec.swappingHiddenUnits(try point(base), layer: layer, a, b)
        }
    }

    /// The runner's θ after each of its first `steps` updates, one after another (θ₀ first); only
    /// the last when `keepAll` is false. A runner that stops early ends where it stopped.
    func trajectory(of config: RunnerConfig, steps: Int, keepAll: Bool = true) throws(DataError) -> [Double] {
        let work = Double(problem.training.data.count) * Double(problem.spec.parameterCount) * Double(steps)
        guard work <= Self.maxPlaneWork else {
            throw DataError(description: "training \(config.label) for \(steps) steps to place the plane would take too long (rows × weights × steps = \(work.significant(2)), at most \(Self.maxPlaneWork.significant(2))); use fewer steps or a plane through the start")
        }
        // At most maxPCARows points of the path, evenly spaced (θ₀ and the end always).
        let every = keepAll ? Swift.max(1, (steps + Self.maxPCARows - 1) / Self.maxPCARows) : 1
        let stream = runners.firstIndex(where: { $0.label == config.label }) ?? 0
        var r: NetworkRunner
        do {
            r = try NetworkRunner(config: config, training: problem.training, theta: start(for: config),
                                  seed: seed, stream: stream, rules: rules)
        } catch { throw DataError(description: "runner \"\(config.label)\": \(error)") }
        var rows = keepAll ? r.theta.storage : []
        var kept = 0
        let reportEvery = Swift.max(1, steps / 40)
        for _ in 0..<Swift.max(0, steps) {
            guard r.advance() else { break }
            if keepAll && r.step % every == 0 { rows += r.theta.storage; kept = r.step }
            if r.step % reportEvery == 0 {
                SceneProgress.report("training \(config.label) for \(steps) steps to place the plane", Double(r.step) / Double(steps))
            }
        }
        if keepAll && kept != r.step { rows += r.theta.storage }
        return keepAll ? rows : r.theta.storage
    }

    /// A runner's θ₀ (``SliceLandscape/Network/start(for:)``).
    func start(for config: RunnerConfig) -> [Double] { SliceLandscape.Network.start(for: config, problem, scale: scene.initScale) }
}

extension SliceLandscape.Network {
    /// A runner's θ₀: the default initialisation from its own `init_seed` when it has one, else
    /// the problem's; times the scene's `init_scale`.
    public func start(for config: RunnerConfig) -> [Double] { Self.start(for: config, problem, scale: initScale) }

    static func start(for config: RunnerConfig, _ problem: NetworkProblem, scale: Double?) -> [Double] {
        let theta = config.initSeed.map { NetworkInitialization.torchDefault(problem.spec, seed: $0) } ?? problem.theta
        guard let s = scale else { return theta }
        return theta.map { $0 * s }
    }
}
