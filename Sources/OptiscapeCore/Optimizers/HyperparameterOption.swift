/// One user-settable hyper-parameter, by the name users write on the command line and in
/// scene files (`weight-decay`; `weightDecay` and PyTorch's `weight_decay` are accepted too).
///
/// Which options a kind accepts (anything else is an error that names these):
///
/// | kind                 | options (besides `lr`)                                   |
/// |----------------------|----------------------------------------------------------|
/// | `sgd`                | momentum, dampening, nesterov, weight-decay              |
/// | `momentum`           | momentum, dampening, weight-decay                        |
/// | `nesterov`           | momentum, weight-decay                                   |
/// | `adagrad`            | lr-decay, weight-decay, initial-accumulator, eps         |
/// | `rmsprop`            | alpha, eps, weight-decay, momentum, centered             |
/// | `adadelta`           | rho, eps, weight-decay                                   |
/// | `adam`, `adamw`      | beta1, beta2, eps, weight-decay, amsgrad                 |
/// | `newton`             | weight-decay                                             |
/// | `saddle-free-newton` | weight-decay, damping                                    |
/// | `nadam`              | beta1, beta2, eps, weight-decay, momentum-decay, decoupled-weight-decay |
/// | `radam`              | beta1, beta2, eps, weight-decay, decoupled-weight-decay  |
/// | `adamax`             | beta1, beta2, eps, weight-decay                          |
/// | `asgd`               | lambd, alpha, t0, weight-decay                           |
/// | `rprop`              | eta-minus, eta-plus, step-size-min, step-size-max        |
/// | `adafactor`          | beta2-decay, d, eps1, eps2, weight-decay                 |
/// | `muon`               | weight-decay, momentum, nesterov, ns-a, ns-b, ns-c, eps, ns-steps, adjust-lr-fn; adamw-lr, beta1, beta2, adamw-eps, adamw-weight-decay (the AdamW of the biases) |
/// | `lbfgs`              | max-iter, max-eval, tolerance-grad, tolerance-change, history-size, line-search |
/// | `cg`, `bfgs`         | tolerance-grad, tolerance-change                         |
/// | `coordinate-descent` | max-iter, tolerance-grad                                 |
///
/// `momentum` and `nesterov` are `torch.optim.SGD` with the flag fixed, so they do not take
/// `nesterov` (and `nesterov` not `dampening`, which must be 0 for it); `sgd` takes them all.
public enum HyperparameterOption: String, CaseIterable, Codable, Sendable {
    case lr, momentum, dampening, nesterov, beta1, beta2, eps, alpha, rho
    case weightDecay = "weight-decay"
    case centered, amsgrad
    case initialAccumulator = "initial-accumulator"
    case lrDecay = "lr-decay"
    case damping
    // torch.optim additions (nadam … adafactor)
    case momentumDecay = "momentum-decay"
    case decoupledWeightDecay = "decoupled-weight-decay"
    case lambd, t0
    case etaMinus = "eta-minus"
    case etaPlus = "eta-plus"
    case stepSizeMin = "step-size-min"
    case stepSizeMax = "step-size-max"
    case beta2Decay = "beta2-decay"
    case d, eps1, eps2
    // muon (weight matrices; AdamW for the other tensors)
    case nsA = "ns-a"
    case nsB = "ns-b"
    case nsC = "ns-c"
    case nsSteps = "ns-steps"
    case adjustLrFn = "adjust-lr-fn"
    case adamwLr = "adamw-lr"
    case adamwWeightDecay = "adamw-weight-decay"
    case adamwEps = "adamw-eps"
    // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
    case maxIter = "max-iter"
    case maxEval = "max-eval"
    case toleranceGrad = "tolerance-grad"
    case toleranceChange = "tolerance-change"
    case historySize = "history-size"
    case lineSearch = "line-search"

    /// The name users write.
    public var name: String { rawValue }

    /// Whether the option is a true/false flag (`nesterov`, `centered`, `amsgrad`,
    /// `decoupled-weight-decay`; the two-way choices ``choices`` too).
    public var isFlag: Bool {
        self == .nesterov || self == .centered || self == .amsgrad || self == .decoupledWeightDecay || choices != nil
    }

    /// The two words of a flag that is a choice between two named values, as torch names them
    /// (with `-` for `_`): `line-search` strong-wolfe (true) or none (false), `adjust-lr-fn`
    /// match-rms-adamw (true) or original (false, torch's None). Users write these words
    /// (true/false are accepted too); `list`, JSON and scene files show them.
    public var choices: (on: String, off: String)? {
        switch self {
        case .lineSearch: return ("strong-wolfe", "none")
        case .adjustLrFn: return ("match-rms-adamw", "original")
        default: return nil
        }
    }

    /// The flag a choice word (or true/false/yes/no/on/off/1/0) stands for, `_` read as `-`;
    /// nil for any other text.
    public func flagValue(_ text: String) -> Bool? {
        let word = text.lowercased().replacingOccurrences(of: "_", with: "-")
        switch word {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default:
            guard let c = choices else { return nil }
            return word == c.on ? true : word == c.off ? false : nil
        }
    }

    /// Whether the option takes whole numbers only (`max-iter`, `max-eval`, `history-size`,
    /// `ns-steps`).
    public var isCount: Bool { self == .maxIter || self == .maxEval || self == .historySize || self == .nsSteps }

    /// A phrase for messages: "learning rate", "weight decay".
    public var label: String {
        switch self {
        case .lr: return "learning rate"
        case .weightDecay: return "weight decay"
        case .initialAccumulator: return "initial accumulator"
        case .lrDecay: return "lr decay"
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: return "momentum decay"
        case .etaMinus: return "eta-minus"
        case .etaPlus: return "eta-plus"
        case .stepSizeMin: return "minimum step size"
        case .stepSizeMax: return "maximum step size"
        case .beta2Decay: return "beta2 decay"
        case .d: return "clipping threshold d"
        // muon (weight matrices; AdamW for the other tensors)
        case .nsSteps: return "ns-steps"
        case .adamwLr: return "adamw learning rate"
        case .adamwWeightDecay: return "adamw weight decay"
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: return "max-iter"
        case .maxEval: return "max-eval"
        case .toleranceGrad: return "gradient tolerance"
        case .toleranceChange: return "change tolerance"
        case .historySize: return "history size"
        default: return rawValue
        }
    }

    /// The short symbol used in legends (`μ=0.9`).
    public var symbol: String {
        switch self {
        case .lr: return "lr"
        case .momentum: return "μ"
        case .dampening: return "dampening"
        case .nesterov: return "nesterov"
        case .beta1: return "β₁"
        case .beta2: return "β₂"
        case .eps: return "ε"
        case .alpha: return "α"
        case .rho: return "ρ"
        case .weightDecay: return "wd"
        case .centered: return "centered"
        case .amsgrad: return "amsgrad"
        case .initialAccumulator: return "acc₀"
        case .lrDecay: return "lr-decay"
        case .damping: return "δ"
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: return "ψ"
        case .decoupledWeightDecay: return "decoupled"
        case .lambd: return "lambd"
        case .t0: return "t₀"
        case .etaMinus: return "η₋"
        case .etaPlus: return "η₊"
        case .stepSizeMin: return "Γmin"
        case .stepSizeMax: return "Γmax"
        case .beta2Decay: return "c"
        case .d: return "d"
        case .eps1: return "ε₁"
        case .eps2: return "ε₂"
        // muon (weight matrices; AdamW for the other tensors)
        case .nsA: return "a"
        case .nsB: return "b"
        case .nsC: return "c"
        case .nsSteps: return "ns"
        case .adjustLrFn: return "rms-adamw"
        case .adamwLr: return "adamw-lr"
        case .adamwWeightDecay: return "adamw-wd"
        case .adamwEps: return "adamw-ε"
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: return "iters"
        case .maxEval: return "evals"
        case .toleranceGrad: return "tol-g"
        case .toleranceChange: return "tol-Δ"
        case .historySize: return "m"
        case .lineSearch: return "wolfe"
        }
    }

    /// ``summary``, said for `kind` where the option means something else there: the line-search
    /// methods' `lr` is no learning rate.
    public func summary(for kind: OptimizerKind) -> String {
        if kind == .muon {  // muon (weight matrices; AdamW for the other tensors)
            switch self {
            case .lr: return "learning rate of the weight matrices (≥ 0), scaled per shape by adjust-lr-fn"
            case .weightDecay: return "decoupled weight decay λ of the weight matrices (≥ 0): W ← W·(1 − lr·λ)"
            case .momentum: return "momentum factor μ of the matrices' buffer B ← μB + (1−μ)g (≥ 0)"
            case .nesterov: return "orthogonalise g + μB (Nesterov) instead of B"
            case .eps: return "ε (≥ 0): Newton–Schulz starts from X/max(‖X‖_F, ε)"
            case .beta1: return "β₁ of the AdamW that Muon's biases get [0, 1)"
            case .beta2: return "β₂ of the AdamW that Muon's biases get [0, 1)"
            default: return summary
            }
        }
        guard self == .lr else { return summary }
        switch kind {
        case .cg, .bfgs: return "the first trial step of each line search (≥ 0); strong Wolfe then picks the step"
        case .lbfgs: return "step size t (≥ 0): lr without a line search (the first step min(1, 1/‖g‖₁)·lr), the first trial with one"
        case .coordinateDescent: return "fraction of the exact 1-D step taken (≥ 0; 1 = the minimiser along the coordinate)"
        default: return summary
        }
    }

    /// One line for `--help` and `optiscape list`.
    public var summary: String {
        switch self {
        case .lr: return "learning rate (≥ 0)"
        case .momentum: return "momentum factor μ (≥ 0)"
        case .dampening: return "dampening τ of the momentum: b ← μb + (1−τ)g (0…1)"
        case .nesterov: return "Nesterov momentum (needs momentum > 0, dampening 0)"
        case .beta1: return "decay rate β₁ of the first moment [0, 1)"
        case .beta2: return "decay rate β₂ of the second moment [0, 1)"
        case .eps: return "ε added to the denominator for stability (≥ 0)"
        case .alpha: return "smoothing constant α of the squared-gradient average (0…1)"
        case .rho: return "decay rate ρ of the running averages (0…1)"
        case .weightDecay: return "weight decay λ (≥ 0): L2 penalty λ·x added to g; x ← x·(1 − lr·λ) in adamw, adafactor, muon, with decoupled-weight-decay"
        case .centered: return "divide by the estimated variance of g instead of its second moment"
        case .amsgrad: return "AMSGrad: use the running maximum of the second moment"
        case .initialAccumulator: return "starting value of AdaGrad's sum of squares (≥ 0)"
        case .lrDecay: return "AdaGrad's learning-rate decay: lr/(1 + (t−1)·decay) (≥ 0)"
        case .damping: return "saddle-free Newton's eigenvalue floor δ (> 0): |λ| ← max(|λ|, δ)"
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: return "NAdam's momentum decay ψ (≥ 0): μₜ = β₁(1 − ½·0.96^(tψ))"
        case .decoupledWeightDecay: return "decay x ← x·(1 − lr·λ) (AdamW-style) instead of adding λ·x to g"
        case .lambd: return "ASGD's decay term λ (≥ 0): x ← x·(1 − λη) and η ← lr/(1 + λ·lr·t)^α"
        case .t0: return "ASGD's averaging start t₀ (≥ 0): ax averages the iterates after step t₀"
        case .etaMinus: return "Rprop's step-size factor after a sign change, in (0, 1)"
        case .etaPlus: return "Rprop's step-size factor while the sign holds (> 1)"
        case .stepSizeMin: return "Rprop's smallest step size Γmin (≥ 0, ≤ step-size-max)"
        case .stepSizeMax: return "Rprop's largest step size Γmax (> 0)"
        case .beta2Decay: return "Adafactor's decay exponent c (≤ 0): the second moment's weight on g² is t^c"
        case .d: return "Adafactor's clipping threshold d (≥ 1): RMS of the update ≤ d"
        case .eps1: return "Adafactor's ε₁ (≥ 0) in the denominator max(√V̂, ε₁); torch's None is float64's ε"
        case .eps2: return "Adafactor's ε₂ (≥ 0): the step is at least ε₂·min(lr, 1/√t)"
        // muon (weight matrices; AdamW for the other tensors)
        case .nsA: return "Muon's Newton–Schulz coefficient a: X ← aX + (bA + cA²)X, A = XXᵀ"
        case .nsB: return "Muon's Newton–Schulz coefficient b"
        case .nsC: return "Muon's Newton–Schulz coefficient c"
        case .nsSteps: return "Muon's Newton–Schulz iterations (0 … 99)"
        case .adjustLrFn: return "Muon's lr per matrix A×B: original lr·√max(1, A/B), or match-rms-adamw 0.2·lr·√max(A, B)"
        case .adamwLr: return "learning rate of the AdamW that Muon's biases get (≥ 0; follows lr's schedule)"
        case .adamwWeightDecay: return "decoupled weight decay of the AdamW that Muon's biases get (≥ 0)"
        case .adamwEps: return "ε of the AdamW that Muon's biases get (≥ 0)"
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: return "inner iterations per step (L-BFGS; 1-D Newton in coordinate descent) (≥ 1)"
        case .maxEval: return "L-BFGS's function evaluations per step (≥ 1; default max-iter·5/4)"
        case .toleranceGrad: return "no further iteration once max |gᵢ| ≤ this (≥ 0)"
        case .toleranceChange: return "stop when the loss or step changes less than this (≥ 0)"
        case .historySize: return "L-BFGS's number of (s, y) pairs kept (≥ 1)"
        case .lineSearch: return "L-BFGS's line search: strong-wolfe or none"
        }
    }

    /// Parses an option name. Accepts `weight-decay`, `weight_decay`, `weightDecay`, and
    /// PyTorch's `initial_accumulator_value`; the error suggests the closest name.
    public static func parse(_ name: String) throws(OptimizerError) -> HyperparameterOption {
        if let o = HyperparameterOption(rawValue: name) { return o }
        // camelCase and snake_case to kebab-case.
        var kebab = ""
        for ch in name {
            if ch.isUppercase { kebab += "-" + ch.lowercased() } else if ch == "_" { kebab += "-" } else { kebab.append(ch) }
        }
        if let o = HyperparameterOption(rawValue: kebab) { return o }
        if kebab == "initial-accumulator-value" { return .initialAccumulator }
        if kebab == "learning-rate" { return .lr }
        // torch.optim's internal names of the tuple parts (Rprop's `etaminus`, `etaplus`).
        if kebab == "etaminus" { return .etaMinus }
        if kebab == "etaplus" { return .etaPlus }
        if kebab == "line-search-fn" { return .lineSearch }
        // torch's tuple `ns_coefficients` is split into its parts.
        if kebab == "ns-coefficients" {
            throw OptimizerError("ns-coefficients is a tuple in torch: give its parts ns-a, ns-b, ns-c")
        }
        var msg = "unknown optimizer option \"\(name)\""
        if let s = Suggest.closest(to: kebab, in: allCases.map(\.rawValue)) { msg += " (did you mean \"\(s)\"?)" }
        msg += "; known: " + allCases.map(\.rawValue).joined(separator: ", ")
        throw OptimizerError(msg)
    }
}
