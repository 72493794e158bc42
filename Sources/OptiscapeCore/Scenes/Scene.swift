/// Where a scene's landscape comes from.
public enum LandscapeSource: Hashable, Sendable {
    /// A catalogue landscape with parameter overrides.
    case builtIn(name: String, parameters: [String: Double])
    /// A typed expression in x and y with named parameters.
    case expression(source: String, parameters: [String: Double])
    /// A real network's loss on a plane through its weight space (``NetworkScene``).
    case network(NetworkScene)

    public var parameters: [String: Double] {
        switch self {
        case let .builtIn(_, p), let .expression(_, p): return p
        case .network: return [:]
        }
    }

    /// The same source with `name` set to `value` (a knob turned, or `--param`).
    public func setting(_ name: String, to value: Double) -> LandscapeSource {
        switch self {
        case let .builtIn(n, p): var q = p; q[name] = value; return .builtIn(name: n, parameters: q)
        case let .expression(s, p): var q = p; q[name] = value; return .expression(source: s, parameters: q)
        case .network: return self
        }
    }
}

/// How contour levels are spaced.
public enum LevelScale: String, Hashable, Sendable, CaseIterable {
    case log, linear
    /// The 0-1 loss of a classification landscape instead of its surrogate (§8.1.2).
    case zeroOne = "zero-one"
}

/// Contour levels: how many, their spacing, and where they stop.
public struct LevelSpec: Hashable, Sendable {
    public var count: Int
    public var scale: LevelScale
    /// The highest value the levels span (above it one top band): the view's maximum when nil.
    /// A landscape whose walls rise by orders of magnitude (Beale) clips them so the levels
    /// show the valley.
    public var max: Double?
    /// For `log`: how many decades below the top the lowest level sits (3 when nil).
    public var decades: Double?
    public init(count: Int = 14, scale: LevelScale = .log, max: Double? = nil, decades: Double? = nil) {
        self.count = count; self.scale = scale; self.max = max; self.decades = decades
    }
}

/// A landscape parameter a user may change live (`k` selects, `<`/`>` change it).
public struct Knob: Hashable, Sendable {
    public enum Change: Hashable, Sendable {
        case step(Double)
        case factor(Double)
    }
    public var parameter: String
    public var min: Double
    public var max: Double
    public var change: Change
    /// The parameter is a whole number (the RNN's T): a turn by a factor is rounded to one.
    public var whole: Bool
    public init(parameter: String, min: Double, max: Double, change: Change, whole: Bool = false) {
        self.parameter = parameter; self.min = min; self.max = max; self.change = change; self.whole = whole
    }

    /// The next value up (`up`) or down from `value`, clamped to [min, max] (and rounded to a
    /// whole number for a ``whole`` parameter).
    public func turned(_ value: Double, up: Bool) -> Double {
        var v: Double
        switch change {
        case let .step(s): v = up ? value + s : value - s
        case let .factor(f): v = up ? value * f : value / f
        }
        if whole { v = v.rounded() }
        return Swift.min(max, Swift.max(min, v))
    }
}

/// A lesson: a landscape, a view, runners, a text — and (see ``Claim``) the claims it makes.
/// Scene files (``SceneFile``) and command-line flags (``CommandLineScene``) both produce one.
public struct Scene: Hashable, Sendable {
    public var title: String
    public var section: String?
    public var description: String
    public var seed: UInt64
    /// The lesson's step budget (`trace SCENE` and `check --verify` run this many by default).
    public var steps: Int?
    public var landscape: LandscapeSource
    /// nil: the landscape's own view.
    public var view: ViewBox?
    public var levels: LevelSpec
    public var runners: [RunnerConfig]
    public var knobs: [Knob]
    public var claims: [Claim]
    /// Where the scene was read from, if from a file.
    public var path: String?

    public init(title: String, section: String? = nil, description: String = "", seed: UInt64 = 0,
                steps: Int? = nil, landscape: LandscapeSource, view: ViewBox? = nil,
                levels: LevelSpec = LevelSpec(), runners: [RunnerConfig], knobs: [Knob] = [],
                claims: [Claim] = [], path: String? = nil) {
        self.title = title; self.section = section; self.description = description; self.seed = seed
        self.steps = steps; self.landscape = landscape; self.view = view; self.levels = levels
        self.runners = runners; self.knobs = knobs; self.claims = claims; self.path = path
    }

    /// Builds the landscape (parameters validated); a network scene's once per process for the same
    /// inputs (``NetworkLandscapeCache``).
    public func makeLandscape() throws -> any Landscape {
        switch landscape {
        case let .builtIn(name, params):
            let entry = try LandscapeCatalog.entry(named: name)
            var p = params
            // A landscape built from data takes its dataset's seed from the scene unless told.
            if p["seed"] == nil, entry.parameters.contains(where: { $0.name == "seed" }) {
                p["seed"] = Double(seed % 4_294_967_296)
            }
            return try entry.instantiate(p)
        case let .expression(source, params):
            let e = try ExpressionLandscape(source: source, parameters: params, view: view)
            // A parameter the expression never uses is almost always a typo: say so.
            let used = e.usedParameters
            if let unused = params.keys.sorted().first(where: { !used.contains($0) }) {
                let uses = used.isEmpty ? "it uses no parameters" : "it uses " + used.sorted().joined(separator: ", ")
                throw LandscapeError("parameter \"\(unused)\" is not used by the expression \"\(source)\" (\(uses))")
            }
            return e
        case let .network(n):
            return try NetworkLandscapeCache.shared.landscape(for: networkLandscapeKey(n)) { try networkBuilder(n).landscape(view: view) }
        }
    }

    /// Everything a network scene's landscape is built from (``NetworkLandscapeCache``).
    func networkLandscapeKey(_ n: NetworkScene) -> NetworkLandscapeCache.Key {
        NetworkLandscapeCache.Key(network: n, seed: seed, steps: steps, view: view, runners: runners,
                                  files: NetworkLandscapeCache.stamps(n))
    }

    /// The default step budget of a network scene whose file gives none: where "trained" points
    /// of its plane are taken.
    public static let defaultNetworkSteps = 200

    /// The builder of a network scene's landscape, "trained" meaning after `steps` updates
    /// (each runner's own count when given, else the scene's budget).
    public func networkBuilder(_ n: NetworkScene, rules: StoppingRules = StoppingRules(),
                               steps: [String: Int] = [:]) throws(DataError) -> NetworkSceneBuilder {
        let budget = self.steps ?? Scene.defaultNetworkSteps
        return try NetworkSceneBuilder(scene: n, runners: runners, seed: seed, rules: rules) { steps[$0] ?? budget }
    }

    /// A fresh simulation of this scene (keeping every point unless told otherwise).
    ///
    /// A runner that starts outside the divergence bound is refused before anything runs: it
    /// would only report "diverged at step 0", and its loss there may not even be a number.
    public func makeSimulation(rules: StoppingRules = StoppingRules(),
                               trajectoryLimits: Trajectory.Limits = .unbounded) throws -> Simulation {
        let bound = rules.divergenceBound
        if let r = runners.first(where: { $0.start.isFinite && (Swift.abs($0.start.x) > bound || Swift.abs($0.start.y) > bound) }) {
            throw OptimizerError("\(r.label): start (\(r.start.x.compact), \(r.start.y.compact)) is outside "
                                 + "the bound |x|, |y| ≤ \(bound.compact) (--bound); move the start or raise --bound")
        }
        return try Simulation(landscape: makeLandscape(), runners: runners, seed: seed, rules: rules,
                       trajectoryLimits: trajectoryLimits)
    }
}
