/// The optimizers optiscape knows, by their command-line names.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, newton
    case saddleFreeNewton = "saddle-free-newton"
    // torch.optim additions (nadam … adafactor)
    case nadam, radam, adamax, asgd, rprop, adafactor
    // muon (weight matrices; AdamW for the other tensors)
    case muon
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    case lbfgs, cg, bfgs
    case coordinateDescent = "coordinate-descent"

    /// Parses a name, with a "did you mean" in the error.
    public static func parse(_ name: String) throws -> OptimizerKind {
        if let k = OptimizerKind(rawValue: name) { return k }
        var msg = "unknown optimizer \"\(name)\""
        if let s = Suggest.closest(to: name, in: allCases.map(\.rawValue)) { msg += " (did you mean \"\(s)\"?)" }
        msg += "; known: " + allCases.map(\.rawValue).joined(separator: ", ")
        throw OptimizerError(msg)
    }

    /// The update rule, for `optiscape list` and the README.
    public var rule: String {
        switch self {
        case .sgd: return "x ← x − lr·g"
        case .momentum: return "b ← μ·b + g;  x ← x − lr·b"
        case .nesterov: return "b ← μ·b + g;  x ← x − lr·(g + μ·b)"
        case .adagrad: return "s ← s + g²;  x ← x − lr·g/(√s + ε)"
        case .rmsprop: return "v ← α·v + (1−α)·g²;  x ← x − lr·g/(√v + ε)"
        case .adadelta: return "v ← ρv + (1−ρ)g²;  Δ = √(u+ε)/√(v+ε)·g;  u ← ρu + (1−ρ)Δ²;  x ← x − lr·Δ"
        case .adam: return "m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  x ← x − lr·m̂/(√v̂ + ε)"
        case .adamw: return "x ← x·(1 − lr·λ);  then Adam's update"
        case .newton: return "x ← x − lr·H⁻¹g"
        case .saddleFreeNewton: return "x ← x − lr·|H|⁻¹g,  |H| = V·max(|Λ|, δ)·Vᵀ"
        // torch.optim additions (nadam … adafactor)
        case .nadam: return "μₜ = β₁(1 − ½·0.96^(tψ));  m, v as adam;  x ← x − lr·(μₜ₊₁m/(1 − Πμ₁..ₜ₊₁) + (1 − μₜ)g/(1 − Πμ₁..ₜ))/(√v̂ + ε)"
        case .radam: return "m, v as adam;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ);  ρₜ > 5: x ← x − lr·m̂·rₜ·√(1 − β₂ᵗ)/(√v + ε),  else x ← x − lr·m̂"
        case .adamax: return "m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + ε);  x ← x − lr/(1 − β₁ᵗ)·m/u"
        case .asgd: return "x ← x·(1 − λη) − η·g;  ax ← ax + μ(x − ax);  η ← lr/(1 + λ·lr·t)^α,  μ ← 1/max(1, t − t₀)"
        case .rprop: return "Γ ← clamp(Γ·η₊ or Γ·η₋ by sign(g·g_prev), Γmin, Γmax);  x ← x − Γ·sign(g)  (g ← 0 after a sign change)"
        case .adafactor: return "V̂ ← lerp(V̂, g², t^c) (row/column factors for matrices);  U = g/√V̂ scaled to RMS ≤ d;  x ← x − max(ε₂, RMS(x))·min(lr, 1/√t)·U"
        // muon (weight matrices; AdamW for the other tensors)
        case .muon: return "networks only: per weight matrix B ← μB + (1−μ)g;  O = Newton–Schulz(g + μB) ≈ UVᵀ;  W ← W(1 − lr·λ) − lr′·O;  other tensors: adamw"
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .lbfgs: return "up to max-iter inner steps x ← x + t·d, d = −Hₖg from the last history-size (s, y) pairs"
        case .cg: return "d ← −g + β·d, β = max(0, gᵀ(g − g₋)/g₋ᵀg₋);  x ← x + t·d, t by strong Wolfe"
        case .bfgs: return "d = −Hₖg;  x ← x + t·d, t by strong Wolfe;  Hₖ ← (I − ρsyᵀ)Hₖ(I − ρysᵀ) + ρssᵀ"
        case .coordinateDescent: return "x_i ← argmin f along coordinate i = step mod n (1-D Newton)"
        }
    }
}

extension OptimizerKind {
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    /// The methods that evaluate the loss beyond the gradient they are handed (line searches,
    /// inner iterations, Hessians): not element-wise rules.
    public var evaluatesObjective: Bool {
        switch self {
        case .newton, .saddleFreeNewton, .lbfgs, .cg, .bfgs, .coordinateDescent: return true
        default: return false
        }
    }

    // muon (weight matrices; AdamW for the other tensors)
    /// Whether the kind runs on 2-D points (``Vec2``). Muon does not: it orthogonalises weight
    /// matrices, and a point has none (`torch.optim.Muon` refuses parameters that are not 2-D
    /// matrices); it trains networks only.
    public var runsOnPoints: Bool { self != .muon }

    /// The one-line error for a kind that does not run on points (see ``runsOnPoints``).
    public var refusalOnPoints: String {
        "\(rawValue) updates the weight matrices of a network (torch.optim.Muon takes only 2-D matrices) "
            + "and a point of the plane has none: use it with trace --network"
    }

    /// The line-search methods, whose steps evaluate trial points (drawn dimmed).
    public var isLineSearchMethod: Bool { self == .lbfgs || self == .cg || self == .bfgs || self == .coordinateDescent }
}

/// A user error in optimizer settings.
public struct OptimizerError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Hyper-parameters as a user gives them: every field optional; unset ones take the
/// optimizer's PyTorch default when resolved.
public struct Hyperparameters: Codable, Hashable, Sendable {
    public var lr: Double?
    public var momentum: Double?
    public var dampening: Double?
    public var nesterov: Bool?
    public var beta1: Double?
    public var beta2: Double?
    public var eps: Double?
    public var alpha: Double?
    public var rho: Double?
    public var weightDecay: Double?
    public var centered: Bool?
    public var amsgrad: Bool?
    public var initialAccumulator: Double?
    /// Saddle-free Newton's eigenvalue floor δ.
    public var damping: Double?
    /// AdaGrad's learning-rate decay (`lr_decay`): step t uses lr / (1 + (t − 1)·lrDecay).
    public var lrDecay: Double?
    // torch.optim additions (nadam … adafactor)
    /// NAdam's `momentum_decay` ψ.
    public var momentumDecay: Double?
    /// NAdam's and RAdam's `decoupled_weight_decay` (AdamW-style x ← x·(1 − lr·λ)).
    public var decoupledWeightDecay: Bool?
    /// ASGD's decay term `lambd` λ.
    public var lambd: Double?
    /// ASGD's averaging start `t0`.
    public var t0: Double?
    /// Rprop's `etas` = (eta-minus, eta-plus).
    public var etaMinus: Double?
    public var etaPlus: Double?
    /// Rprop's `step_sizes` = (step-size-min, step-size-max).
    public var stepSizeMin: Double?
    public var stepSizeMax: Double?
    /// Adafactor's `beta2_decay` c, clipping threshold `d`, and `eps` = (eps1, eps2).
    public var beta2Decay: Double?
    public var d: Double?
    public var eps1: Double?
    public var eps2: Double?
    // muon (weight matrices; AdamW for the other tensors)
    /// Muon's Newton–Schulz coefficients `ns_coefficients` = (ns-a, ns-b, ns-c).
    public var nsA: Double?
    public var nsB: Double?
    public var nsC: Double?
    /// Muon's number of Newton–Schulz iterations `ns_steps`.
    public var nsSteps: Double?
    /// Muon's `adjust_lr_fn`: true for `match_rms_adamw`, false for `original` (None).
    public var adjustLrFn: Bool?
    /// The AdamW that Muon's non-matrix tensors (biases) get: its lr, weight decay and eps
    /// (its betas are `beta1`, `beta2`).
    public var adamwLr: Double?
    public var adamwWeightDecay: Double?
    public var adamwEps: Double?
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    /// L-BFGS's inner iterations per step (`max_iter`); coordinate descent's 1-D Newton iterations.
    public var maxIter: Double?
    /// L-BFGS's function evaluations per step (`max_eval`, default max-iter·5/4).
    public var maxEval: Double?
    /// Stop when max |gᵢ| ≤ this (`tolerance_grad`).
    public var toleranceGrad: Double?
    /// Stop when the loss or the step changes less than this (`tolerance_change`).
    public var toleranceChange: Double?
    /// L-BFGS's number of (s, y) pairs kept (`history_size`).
    public var historySize: Double?
    /// L-BFGS's `line_search_fn`: true for `strong_wolfe`, false for None.
    public var lineSearch: Bool?

    public init(lr: Double? = nil, momentum: Double? = nil, dampening: Double? = nil, nesterov: Bool? = nil,
                beta1: Double? = nil, beta2: Double? = nil, eps: Double? = nil, alpha: Double? = nil,
                rho: Double? = nil, weightDecay: Double? = nil, centered: Bool? = nil, amsgrad: Bool? = nil,
                initialAccumulator: Double? = nil, damping: Double? = nil, lrDecay: Double? = nil,
                // torch.optim additions (nadam … adafactor)
                momentumDecay: Double? = nil, decoupledWeightDecay: Bool? = nil, lambd: Double? = nil,
                t0: Double? = nil, etaMinus: Double? = nil, etaPlus: Double? = nil, stepSizeMin: Double? = nil,
                stepSizeMax: Double? = nil, beta2Decay: Double? = nil, d: Double? = nil, eps1: Double? = nil,
                eps2: Double? = nil,
                // muon (weight matrices; AdamW for the other tensors)
                nsA: Double? = nil, nsB: Double? = nil, nsC: Double? = nil, nsSteps: Double? = nil,
                adjustLrFn: Bool? = nil, adamwLr: Double? = nil, adamwWeightDecay: Double? = nil,
                adamwEps: Double? = nil,
                // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
                maxIter: Double? = nil, maxEval: Double? = nil, toleranceGrad: Double? = nil,
                toleranceChange: Double? = nil, historySize: Double? = nil, lineSearch: Bool? = nil) {
        self.lr = lr; self.momentum = momentum; self.dampening = dampening; self.nesterov = nesterov
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.alpha = alpha; self.rho = rho
        self.weightDecay = weightDecay; self.centered = centered; self.amsgrad = amsgrad
        self.initialAccumulator = initialAccumulator; self.damping = damping; self.lrDecay = lrDecay
        // torch.optim additions (nadam … adafactor)
        self.momentumDecay = momentumDecay; self.decoupledWeightDecay = decoupledWeightDecay
        self.lambd = lambd; self.t0 = t0; self.etaMinus = etaMinus; self.etaPlus = etaPlus
        self.stepSizeMin = stepSizeMin; self.stepSizeMax = stepSizeMax
        self.beta2Decay = beta2Decay; self.d = d; self.eps1 = eps1; self.eps2 = eps2
        // muon (weight matrices; AdamW for the other tensors)
        self.nsA = nsA; self.nsB = nsB; self.nsC = nsC; self.nsSteps = nsSteps; self.adjustLrFn = adjustLrFn
        self.adamwLr = adamwLr; self.adamwWeightDecay = adamwWeightDecay; self.adamwEps = adamwEps
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        self.maxIter = maxIter; self.maxEval = maxEval; self.toleranceGrad = toleranceGrad
        self.toleranceChange = toleranceChange; self.historySize = historySize; self.lineSearch = lineSearch
    }
}

/// Every hyper-parameter with its value for one optimizer (defaults filled in, validated).
/// Made by ``OptimizerSpec/resolved()``. Fields the kind does not use (see
/// ``OptimizerKind/options``) are 0 or false.
public struct ResolvedHyperparameters: Hashable, Sendable, Codable {
    public var lr: Double
    public var momentum: Double
    public var dampening: Double
    public var nesterov: Bool
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var alpha: Double
    public var rho: Double
    public var weightDecay: Double
    public var centered: Bool
    public var amsgrad: Bool
    public var initialAccumulator: Double
    public var damping: Double
    public var lrDecay: Double
    // torch.optim additions (nadam … adafactor)
    public var momentumDecay: Double
    public var decoupledWeightDecay: Bool
    public var lambd: Double
    public var t0: Double
    public var etaMinus: Double
    public var etaPlus: Double
    public var stepSizeMin: Double
    public var stepSizeMax: Double
    public var beta2Decay: Double
    public var d: Double
    public var eps1: Double
    public var eps2: Double
    // muon (weight matrices; AdamW for the other tensors)
    public var nsA: Double
    public var nsB: Double
    public var nsC: Double
    public var nsSteps: Double
    public var adjustLrFn: Bool
    public var adamwLr: Double
    public var adamwWeightDecay: Double
    public var adamwEps: Double
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    public var maxIter: Double
    public var maxEval: Double
    public var toleranceGrad: Double
    public var toleranceChange: Double
    public var historySize: Double
    public var lineSearch: Bool
}

/// An optimizer choice: its kind plus the user's hyper-parameters.
public struct OptimizerSpec: Hashable, Sendable, Codable {
    public var kind: OptimizerKind
    public var hyper: Hyperparameters
    public init(_ kind: OptimizerKind, _ hyper: Hyperparameters = Hyperparameters()) {
        self.kind = kind; self.hyper = hyper
    }
}
