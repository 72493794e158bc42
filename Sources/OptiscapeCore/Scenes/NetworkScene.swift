/// A scene whose landscape is a real network's loss on a plane through its weight space (a
/// scene file's `network:`, `data:`, `weights:` and `plane:` sections): the contours are the
/// slice L(θ₀ + a·dx + b·dy), and every runner trains the *whole* network, drawn projected onto
/// the plane (see ``NetworkSceneBuilder``).
public struct NetworkScene: Hashable, Sendable {
    /// Layer sizes, `2-16-2`.
    public var layers: String
    public var activation: Activation
    public var loss: NetworkLossKind
    /// The training data: a generator (`moons:n=200,noise=0.2`) or a CSV path (already resolved
    /// against the scene's directory).
    public var data: String
    /// A validation set (generator or CSV path), or …
    public var validation: String?
    /// … the fraction of the training rows held out for validation.
    public var validationSplit: Double?
    /// θ₀ from a safetensors file (resolved path); nil: PyTorch's default initialisation from
    /// the scene's seed.
    public var weights: String?
    public var plane: Plane
    /// θ₀ (every runner's) multiplied by this: a start near the all-zero weights (§8.2.3).
    public var initScale: Double?

    public init(layers: String, activation: Activation = .tanh, loss: NetworkLossKind = .crossEntropy, data: String,
                validation: String? = nil, validationSplit: Double? = nil, weights: String? = nil, plane: Plane = .random()) {
        self.layers = layers; self.activation = activation; self.loss = loss; self.data = data
        self.validation = validation; self.validationSplit = validationSplit; self.weights = weights; self.plane = plane
    }

    /// Every field that may name a file: the data and validation set (unless they are
    /// generators), the weights, a `file` plane's directions.
    public var paths: [String] {
        var paths = [data] + [validation, weights].compactMap { $0 }
        if case let .file(path, _) = plane { paths.append(path) }
        return paths
    }

    /// How the plane is chosen.
    public enum Plane: Hashable, Sendable {
        /// Two seeded Gaussian directions (filter-normalised unless told), through a point.
        case random(around: PlanePoint = .start, normalize: DirectionNormalization = .filter)
        /// The top two Hessian eigenvectors at a point, through it.
        case hessian(at: PlanePoint = .start)
        /// Li et al. 2018 §7: through a runner's end point θ_T, along the two leading principal
        /// components of θ_k − θ_T over its trajectory (the first runner's when nil).
        case pca(runner: String?)
        /// Garipov et al. 2018: through three weight vectors, w₁ at (0, 0), w₂ at (1, 0).
        case points(PlanePoint, PlanePoint, PlanePoint)
        /// Directions `x` and `y` from a safetensors file (resolved path), through a point.
        case file(String, around: PlanePoint = .start)

        /// Whether building it needs training first (a trained point, or a trajectory's PCA).
        public var needsTraining: Bool {
            switch self {
            case .pca: return true
            case let .random(p, _), let .hessian(p), let .file(_, p): return p.needsTraining
            case let .points(a, b, c): return a.needsTraining || b.needsTraining || c.needsTraining
            }
        }

        /// The plane a re-slice takes: one through θ₀ goes through `runner`'s θ at `step` instead
        /// (its trained points and PCA follow the runners' current steps by themselves).
        public func through(_ runner: String, step: Int) -> Plane {
            let here = PlanePoint.trained(runner: runner, step: step)
            switch self {
            case let .random(.start, how): return .random(around: here, normalize: how)
            case .hessian(.start): return .hessian(at: here)
            case let .file(path, .start): return .file(path, around: here)
            default: return self
            }
        }

        /// One line for the panel: "random plane through θ₀ (filter-normalised)".
        public var summary: String {
            switch self {
            case let .random(p, n): return "random plane through \(p.summary)" + (n == .filter ? " (filter-normalised)" : "")
            case let .hessian(p): return "plane of the top two Hessian eigenvectors at \(p.summary)"
            case let .pca(r): return "PCA plane of \(r ?? "the first runner")'s path, through its end"
            case let .points(a, b, c): return "plane through \(a.summary), \(b.summary) and \(c.summary)"
            case let .file(path, p): return "plane from \(path) through \(p.summary)"
            }
        }
    }

    /// A point in weight space a plane is built from.
    public indirect enum PlanePoint: Hashable, Sendable {
        /// The scene's θ₀ (the weights file, or the default initialisation from the seed).
        case start
        /// Where a runner is after `step` updates (the scene's steps when nil; the first runner
        /// when `runner` is nil).
        case trained(runner: String?, step: Int?)
        /// A point with hidden units p and q of hidden layer `layer` swapped: the same function,
        /// another point of weight space (§8.2.2).
        case swapped(PlanePoint, layer: Int, p: Int, q: Int)

        public var needsTraining: Bool {
            switch self {
            case .start: return false
            case let .trained(_, step): return step != 0
            case let .swapped(p, _, _, _): return p.needsTraining
            }
        }

        public var summary: String {
            switch self {
            case .start: return "θ₀"
            case let .trained(r, s):
                let who = r.map { "\($0)'s" } ?? "the trained"
                return s.map { $0 == 0 ? "\(who) start" : "\(who) θ at step \($0)" } ?? "\(who) end"
            case let .swapped(p, l, a, b): return "\(p.summary) with hidden units \(a) and \(b) of layer \(l) swapped"
            }
        }
    }

    /// The network spec (throws the spec's one-line error).
    public func spec() throws(DataError) -> NetworkSpec {
        do { return try NetworkSpec(parsing: layers, activation: activation, loss: loss) } catch {
            throw DataError(description: "network.layers: \(error.description)")
        }
    }

    /// The model flags the network commands share, for ``NetworkProblem``.
    public func flags(seed: UInt64) -> NetworkProblem.Flags {
        var f = NetworkProblem.Flags(network: layers, data: data)
        f.activation = activation; f.loss = loss; f.validation = validation; f.validationSplit = validationSplit
        f.weights = weights; f.seed = seed
        return f
    }
}
