/// Claims only a network scene makes: about the whole θ a runner trains, measured in weight
/// space (never on the projected point), documented in `scenes/README.md`.
public enum NetworkClaim: Hashable, Sendable {
    /// ‖∇L‖ at step `at` is at least `factor` × ‖∇L‖ at step `from` (§8.2.1, Fig. 8.1).
    case gradientNormGrows(Double, from: Int, at: Int)
    /// gᵀHg at step `at` is at least `factor` × gᵀHg at step `from` (which must be positive).
    case curvatureGrows(Double, from: Int, at: Int)
    /// At step `at` more than k eigenvalues of the Hessian are negative (beyond rounding).
    case indexAbove(Int, at: Int)
    /// At step `at` at most k eigenvalues of the Hessian are negative.
    case indexAtMost(Int, at: Int)
    /// At step `at` the Hessian's smallest eigenvalue is above v (v < 0: what negative curvature
    /// is left is weaker than −v).
    case lambdaMinAbove(Double, at: Int)
    /// The training loss along the straight line from θ₀ to θ at step `at`, sampled at this many
    /// evenly spaced points, never rises (Goodfellow et al. 2015).
    case straightLineDecreases(Int, at: Int)
    /// Swapping hidden units 0 and 1 of the first hidden layer of θ at step `at` changes the
    /// training loss by at most `tol` (§8.2.2: the same function at another point).
    case swapKeepsLoss(Double, at: Int)
    /// On the straight line from θ at step `at` to that swapped copy, the midpoint's loss is more
    /// than this above θ's: a barrier between the two equal minima.
    case swapBarrierAbove(Double, at: Int)
    /// At step `at`, |L − the other runner's L| ≤ tol.
    case lossNearRunner(String, tol: Double, at: Int)
    /// At step `at`, ‖θ − the other runner's θ‖ > by: different points of weight space.
    case weightsApartFromRunner(String, by: Double, at: Int)

    /// The scene-file keys and the options each takes.
    static let verbs: [(verb: String, options: [String])] = [
        ("gradient_norm_grows", ["from", "at"]),
        ("curvature_grows", ["from", "at"]),
        ("index_above", ["at"]),
        ("index_at_most", ["at"]),
        ("lambda_min_above", ["at"]),
        ("straight_line_decreases", ["at"]),
        ("swap_keeps_loss", ["at"]),
        ("swap_barrier_above", ["at"]),
        ("loss_near_runner", ["tol", "at"]),
        ("weights_apart_from_runner", ["by", "at"]),
    ]

    public var key: String {
        switch self {
        case .gradientNormGrows: return "gradient_norm_grows"
        case .curvatureGrows: return "curvature_grows"
        case .indexAbove: return "index_above"
        case .indexAtMost: return "index_at_most"
        case .lambdaMinAbove: return "lambda_min_above"
        case .straightLineDecreases: return "straight_line_decreases"
        case .swapKeepsLoss: return "swap_keeps_loss"
        case .swapBarrierAbove: return "swap_barrier_above"
        case .lossNearRunner: return "loss_near_runner"
        case .weightsApartFromRunner: return "weights_apart_from_runner"
        }
    }

    /// The steps whose θ the check needs.
    public var steps: [Int] {
        switch self {
        case let .gradientNormGrows(_, a, b), let .curvatureGrows(_, a, b): return [a, b]
        case let .indexAbove(_, n), let .indexAtMost(_, n), let .lambdaMinAbove(_, n), let .straightLineDecreases(_, n),
             let .swapKeepsLoss(_, n), let .swapBarrierAbove(_, n), let .lossNearRunner(_, _, n),
             let .weightsApartFromRunner(_, _, n): return [0, n]
        }
    }

    public var horizon: Int { steps.max() ?? 0 }

    public var otherRunner: String? {
        switch self {
        case let .lossNearRunner(b, _, _), let .weightsApartFromRunner(b, _, _): return b
        default: return nil
        }
    }

    /// The claim's fields after its verb, for ``SceneJSON``.
    var jsonFields: [(String, JSONValue)] {
        func n(_ d: Double) -> JSONValue { .number(JSONText.number(d)) }
        func i(_ k: Int) -> JSONValue { .number(String(k)) }
        switch self {
        case let .gradientNormGrows(f, a, b), let .curvatureGrows(f, a, b): return [(key, n(f)), ("from", i(a)), ("at", i(b))]
        case let .indexAbove(k, at), let .indexAtMost(k, at), let .straightLineDecreases(k, at): return [(key, i(k)), ("at", i(at))]
        case let .swapKeepsLoss(v, at), let .swapBarrierAbove(v, at), let .lambdaMinAbove(v, at): return [(key, n(v)), ("at", i(at))]
        case let .lossNearRunner(b, tol, at): return [(key, .string(b)), ("tol", n(tol)), ("at", i(at))]
        case let .weightsApartFromRunner(b, by, at): return [(key, .string(b)), ("by", n(by)), ("at", i(at))]
        }
    }
}

/// What a claim check records of each network runner as the scene runs: ‖∇L‖ and ‖Δθ‖ at every
/// step, and θ at the steps the claims look at.
public struct NetworkRecords: Sendable {
    public private(set) var gradientNorms: [[Double]]
    /// ‖θₖ − θₖ₋₁‖ for k = 1, 2, …
    public private(set) var stepLengths: [[Double]]
    public private(set) var thetas: [[Int: [Double]]]
    private var last: [[Double]]
    private let wanted: [Set<Int>]

    init(_ sim: Simulation, claims: [Claim]) {
        let labels = sim.runners.map(\.config.label)
        wanted = labels.map { label in
            Set(claims.flatMap { c -> [Int] in
                guard case let .network(n) = c.kind else { return [] }
                return c.runner == label || n.otherRunner == label ? n.steps : []
            })
        }
        gradientNorms = sim.runners.map { [$0.gradientNorm] }
        stepLengths = sim.runners.map { _ in [] }
        last = sim.runners.map { $0.network?.runner.theta.storage ?? [] }
        thetas = last.map { [0: $0] }
    }

    mutating func note(_ sim: Simulation) {
        for (i, r) in sim.runners.enumerated() where r.step > gradientNorms[i].count - 1 {
            guard let theta = r.network?.runner.theta.storage else { continue }
            gradientNorms[i].append(r.gradientNorm)
            var s = 0.0
            for k in theta.indices { let d = theta[k] - last[i][k]; s += d * d }
            stepLengths[i].append(s.squareRoot())
            last[i] = theta
            if wanted[i].contains(r.step) { thetas[i][r.step] = theta }
        }
    }

    /// θ at step n (at the last step taken, for a runner that stopped before n).
    func theta(_ i: Int, at n: Int) -> [Double] {
        let k = Swift.min(n, gradientNorms[i].count - 1)
        return thetas[i][k] ?? last[i]
    }
}
