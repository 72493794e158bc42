extension ResolvedHyperparameters {
    /// Every field 0 or false; the starting point for a kind's defaults.
    static let zero = ResolvedHyperparameters(
        lr: 0, momentum: 0, dampening: 0, nesterov: false, beta1: 0, beta2: 0, eps: 0, alpha: 0, rho: 0,
        weightDecay: 0, centered: false, amsgrad: false, initialAccumulator: 0, damping: 0, lrDecay: 0,
        // torch.optim additions (nadam … adafactor)
        momentumDecay: 0, decoupledWeightDecay: false, lambd: 0, t0: 0, etaMinus: 0, etaPlus: 0,
        stepSizeMin: 0, stepSizeMax: 0, beta2Decay: 0, d: 0, eps1: 0, eps2: 0,
        // muon (weight matrices; AdamW for the other tensors)
        nsA: 0, nsB: 0, nsC: 0, nsSteps: 0, adjustLrFn: false, adamwLr: 0, adamwWeightDecay: 0, adamwEps: 0,
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        maxIter: 0, maxEval: 0, toleranceGrad: 0, toleranceChange: 0, historySize: 0, lineSearch: false)

    /// A kind's defaults: PyTorch's for the `torch.optim` classes, the textbook's for Newton.
    ///
    /// | kind | defaults |
    /// |---|---|
    /// | `sgd` | lr 1e-3, momentum 0, dampening 0, nesterov false, weight decay 0 (`torch.optim.SGD`) |
    /// | `momentum` | as `sgd` with momentum 0.9 |
    /// | `nesterov` | as `sgd` with momentum 0.9, nesterov true |
    /// | `adagrad` | lr 1e-2, lr decay 0, weight decay 0, initial accumulator 0, eps 1e-10 |
    /// | `rmsprop` | lr 1e-2, alpha 0.99, eps 1e-8, weight decay 0, momentum 0, centered false |
    /// | `adadelta` | lr 1, rho 0.9, eps 1e-6, weight decay 0 |
    /// | `adam` | lr 1e-3, betas 0.9 / 0.999, eps 1e-8, weight decay 0, amsgrad false |
    /// | `adamw` | as `adam` with (decoupled) weight decay 1e-2 |
    /// | `newton` | lr 1, weight decay 0 |
    /// | `saddle-free-newton` | lr 1, weight decay 0, damping 1e-4 |
    /// | `nadam` | lr 2e-3, betas 0.9 / 0.999, eps 1e-8, weight decay 0, momentum decay 4e-3, not decoupled |
    /// | `radam` | lr 1e-3, betas 0.9 / 0.999, eps 1e-8, weight decay 0, not decoupled |
    /// | `adamax` | lr 2e-3, betas 0.9 / 0.999, eps 1e-8, weight decay 0 |
    /// | `asgd` | lr 1e-2, lambd 1e-4, alpha 0.75, t0 1e6, weight decay 0 |
    /// | `rprop` | lr 1e-2, etas 0.5 / 1.2, step sizes 1e-6 / 50 |
    /// | `adafactor` | lr 1e-2, beta2 decay −0.8, d 1, eps1 2⁻⁵² (torch's None: `finfo(float64).eps`), eps2 1e-3, weight decay 0 |
    /// | `muon` | lr 1e-3, weight decay 0.1, momentum 0.95, nesterov, ns coefficients 3.4445 / −4.775 / 2.0315, eps 1e-7, ns-steps 5, adjust-lr-fn original (`torch.optim.Muon`); biases: AdamW's lr 1e-3, betas 0.9 / 0.999, eps 1e-8, weight decay 1e-2 (`torch.optim.AdamW`) |
    /// | `lbfgs` | lr 1, max-iter 20, max-eval 25 (max-iter·5/4), tolerance-grad 1e-7, tolerance-change 1e-9, history 100, no line search (`torch.optim.LBFGS`) |
    /// | `cg`, `bfgs` | lr 1 (scales the first trial step), tolerance-grad 1e-10 (below the runner's convergence test, which speaks first), tolerance-change 1e-9 |
    /// | `coordinate-descent` | lr 1 (the exact 1-D minimiser), max-iter 20, tolerance-grad 1e-12 |
    public static func defaults(for kind: OptimizerKind) -> ResolvedHyperparameters {
        var h = ResolvedHyperparameters.zero
        switch kind {
        case .sgd:
            h.lr = 1e-3
        case .momentum:
            h.lr = 1e-3; h.momentum = 0.9
        case .nesterov:
            h.lr = 1e-3; h.momentum = 0.9; h.nesterov = true
        case .adagrad:
            h.lr = 1e-2; h.eps = 1e-10
        case .rmsprop:
            h.lr = 1e-2; h.alpha = 0.99; h.eps = 1e-8
        case .adadelta:
            h.lr = 1; h.rho = 0.9; h.eps = 1e-6
        case .adam:
            h.lr = 1e-3; h.beta1 = 0.9; h.beta2 = 0.999; h.eps = 1e-8
        case .adamw:
            h.lr = 1e-3; h.beta1 = 0.9; h.beta2 = 0.999; h.eps = 1e-8; h.weightDecay = 1e-2
        case .newton:
            h.lr = 1
        case .saddleFreeNewton:
            h.lr = 1; h.damping = 1e-4
        // torch.optim additions (nadam … adafactor)
        case .nadam:
            h.lr = 2e-3; h.beta1 = 0.9; h.beta2 = 0.999; h.eps = 1e-8; h.momentumDecay = 4e-3
        case .radam:
            h.lr = 1e-3; h.beta1 = 0.9; h.beta2 = 0.999; h.eps = 1e-8
        case .adamax:
            h.lr = 2e-3; h.beta1 = 0.9; h.beta2 = 0.999; h.eps = 1e-8
        case .asgd:
            h.lr = 1e-2; h.lambd = 1e-4; h.alpha = 0.75; h.t0 = 1e6
        case .rprop:
            h.lr = 1e-2; h.etaMinus = 0.5; h.etaPlus = 1.2; h.stepSizeMin = 1e-6; h.stepSizeMax = 50
        case .adafactor:
            h.lr = 1e-2; h.beta2Decay = -0.8; h.d = 1; h.eps1 = Double.ulpOfOne; h.eps2 = 1e-3
        // muon (weight matrices; AdamW for the other tensors)
        case .muon:
            h.lr = 1e-3; h.weightDecay = 0.1; h.momentum = 0.95; h.nesterov = true
            h.nsA = 3.4445; h.nsB = -4.7750; h.nsC = 2.0315; h.eps = 1e-7; h.nsSteps = 5
            h.adamwLr = 1e-3; h.beta1 = 0.9; h.beta2 = 0.999; h.adamwEps = 1e-8; h.adamwWeightDecay = 1e-2
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .lbfgs:
            h.lr = 1; h.maxIter = 20; h.maxEval = 25; h.toleranceGrad = 1e-7; h.toleranceChange = 1e-9
            h.historySize = 100
        case .cg, .bfgs:
            h.lr = 1; h.toleranceGrad = 1e-10; h.toleranceChange = 1e-9
        case .coordinateDescent:
            h.lr = 1; h.maxIter = 20; h.toleranceGrad = 1e-12
        }
        return h
    }

    /// The numeric value of an option (flags as 0 or 1).
    func number(_ option: HyperparameterOption) -> Double {
        switch option {
        case .lr: return lr
        case .momentum: return momentum
        case .dampening: return dampening
        case .nesterov: return nesterov ? 1 : 0
        case .beta1: return beta1
        case .beta2: return beta2
        case .eps: return eps
        case .alpha: return alpha
        case .rho: return rho
        case .weightDecay: return weightDecay
        case .centered: return centered ? 1 : 0
        case .amsgrad: return amsgrad ? 1 : 0
        case .initialAccumulator: return initialAccumulator
        case .lrDecay: return lrDecay
        case .damping: return damping
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: return momentumDecay
        case .decoupledWeightDecay: return decoupledWeightDecay ? 1 : 0
        case .lambd: return lambd
        case .t0: return t0
        case .etaMinus: return etaMinus
        case .etaPlus: return etaPlus
        case .stepSizeMin: return stepSizeMin
        case .stepSizeMax: return stepSizeMax
        case .beta2Decay: return beta2Decay
        case .d: return d
        case .eps1: return eps1
        case .eps2: return eps2
        // muon (weight matrices; AdamW for the other tensors)
        case .nsA: return nsA
        case .nsB: return nsB
        case .nsC: return nsC
        case .nsSteps: return nsSteps
        case .adjustLrFn: return adjustLrFn ? 1 : 0
        case .adamwLr: return adamwLr
        case .adamwWeightDecay: return adamwWeightDecay
        case .adamwEps: return adamwEps
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: return maxIter
        case .maxEval: return maxEval
        case .toleranceGrad: return toleranceGrad
        case .toleranceChange: return toleranceChange
        case .historySize: return historySize
        case .lineSearch: return lineSearch ? 1 : 0
        }
    }

    /// A short text for the legend, e.g. `lr=0.001 μ=0.9`: the learning rate always, then the
    /// options that differ from the kind's defaults — what one would have to spell out when
    /// constructing the `torch.optim` object. `momentum` and `nesterov` always show μ, since
    /// `torch.optim.SGD`'s own default is 0; a kind's fixed flag (nesterov) is implied by its name.
    public func summary(for kind: OptimizerKind) -> String {
        let defaults = ResolvedHyperparameters.defaults(for: kind)
        var parts = ["lr=\(lr.shortLabel)"]
        for option in kind.options where option != .lr {
            let value = number(option)
            let forced = option == .momentum && (kind == .momentum || kind == .nesterov)
            guard forced || value != defaults.number(option) else { continue }
            if option.isFlag {
                if value != 0 { parts.append(option.symbol) } else { parts.append("no-" + option.symbol) }
            } else {
                parts.append("\(option.symbol)=\(value.shortLabel)")
            }
        }
        return parts.joined(separator: " ")
    }
}

extension OptimizerSpec {
    /// The hyper-parameters with the kind's defaults (``ResolvedHyperparameters/defaults(for:)``)
    /// filled in and validated like `torch.optim` validates them.
    ///
    /// Errors (one line, saying what is allowed):
    /// - an option the kind does not take (``OptimizerKind/options``), naming the ones it takes;
    /// - a value that is not a finite number;
    /// - learning rate, momentum, eps, weight decay, initial accumulator, lr decay < 0;
    /// - beta1, beta2 outside [0, 1); rho outside [0, 1];
    /// - alpha and dampening outside [0, 1] (PyTorch only rejects alpha < 0 and does not check
    ///   dampening, but a weight above 1 makes the running average negative and its square
    ///   root NaN, and a dampening above 1 turns the gradient around);
    /// - damping ≤ 0;
    /// - nesterov without momentum > 0 and dampening 0.
    public func resolved() throws(OptimizerError) -> ResolvedHyperparameters {
        let accepted = kind.options
        for option in HyperparameterOption.allCases where hyper.isSet(option) && !accepted.contains(option) {
            let users = OptimizerKind.allCases.filter { $0.options.contains(option) }.map(\.rawValue)
            throw OptimizerError(
                "\(kind.rawValue) does not take \(option.name) (it takes "
                    + accepted.map(\.name).joined(separator: ", ") + "; \(option.name) is for "
                    + users.joined(separator: ", ") + ")")
        }

        var h = ResolvedHyperparameters.defaults(for: kind)
        if let v = hyper.lr { h.lr = try Self.check(.lr, v, atLeast: 0) }
        if let v = hyper.momentum { h.momentum = try Self.check(.momentum, v, atLeast: 0) }
        if let v = hyper.dampening { h.dampening = try Self.check(.dampening, v, in: 0, 1, upperOpen: false) }
        if let v = hyper.nesterov { h.nesterov = v }
        if let v = hyper.beta1 { h.beta1 = try Self.check(.beta1, v, in: 0, 1, upperOpen: true) }
        if let v = hyper.beta2 { h.beta2 = try Self.check(.beta2, v, in: 0, 1, upperOpen: true) }
        if let v = hyper.eps { h.eps = try Self.check(.eps, v, atLeast: 0) }
        if let v = hyper.alpha {
            // ASGD's alpha is the power of its η decay, not an averaging weight.
            h.alpha = try kind == .asgd ? Self.check(.alpha, v, atLeast: 0) : Self.check(.alpha, v, in: 0, 1, upperOpen: false)
        }
        if let v = hyper.rho { h.rho = try Self.check(.rho, v, in: 0, 1, upperOpen: false) }
        if let v = hyper.weightDecay { h.weightDecay = try Self.check(.weightDecay, v, atLeast: 0) }
        if let v = hyper.centered { h.centered = v }
        if let v = hyper.amsgrad { h.amsgrad = v }
        if let v = hyper.initialAccumulator { h.initialAccumulator = try Self.check(.initialAccumulator, v, atLeast: 0) }
        if let v = hyper.lrDecay { h.lrDecay = try Self.check(.lrDecay, v, atLeast: 0) }
        if let v = hyper.damping {
            guard v.isFinite, v > 0 else {
                throw OptimizerError("invalid damping \(v): must be a finite number > 0")
            }
            h.damping = v
        }
        // torch.optim additions (nadam … adafactor)
        if let v = hyper.momentumDecay { h.momentumDecay = try Self.check(.momentumDecay, v, atLeast: 0) }
        if let v = hyper.decoupledWeightDecay { h.decoupledWeightDecay = v }
        if let v = hyper.lambd { h.lambd = try Self.check(.lambd, v, atLeast: 0) }
        if let v = hyper.t0 { h.t0 = try Self.check(.t0, v, atLeast: 0) }
        if let v = hyper.etaMinus {
            guard v.isFinite, v > 0, v < 1 else { throw OptimizerError("invalid eta-minus \(v): must be in (0, 1)") }
            h.etaMinus = v
        }
        if let v = hyper.etaPlus {
            guard v.isFinite, v > 1 else { throw OptimizerError("invalid eta-plus \(v): must be a finite number > 1") }
            h.etaPlus = v
        }
        if let v = hyper.stepSizeMin { h.stepSizeMin = try Self.check(.stepSizeMin, v, atLeast: 0) }
        if let v = hyper.stepSizeMax {
            guard v.isFinite, v > 0 else { throw OptimizerError("invalid maximum step size \(v): must be a finite number > 0") }
            h.stepSizeMax = v
        }
        if kind == .rprop && h.stepSizeMin > h.stepSizeMax {
            throw OptimizerError("step-size-min \(h.stepSizeMin.compact) is larger than step-size-max \(h.stepSizeMax.compact)")
        }
        if let v = hyper.beta2Decay {
            guard v.isFinite, v <= 0 else { throw OptimizerError("invalid beta2 decay \(v): must be a finite number ≤ 0") }
            h.beta2Decay = v
        }
        if let v = hyper.d { h.d = try Self.check(.d, v, atLeast: 1) }
        if let v = hyper.eps1 { h.eps1 = try Self.check(.eps1, v, atLeast: 0) }
        if let v = hyper.eps2 { h.eps2 = try Self.check(.eps2, v, atLeast: 0) }
        // muon (weight matrices; AdamW for the other tensors)
        for option in [HyperparameterOption.nsA, .nsB, .nsC] {
            guard let v = hyper.setting(option) else { continue }
            guard v.isFinite else { throw OptimizerError("invalid \(option.label) \(v): must be a finite number") }
        }
        if let v = hyper.nsA { h.nsA = v }
        if let v = hyper.nsB { h.nsB = v }
        if let v = hyper.nsC { h.nsC = v }
        if let v = hyper.nsSteps {
            // torch: "Number of steps must be less than 100 for computational efficiency".
            guard v.isFinite, v >= 0, v == v.rounded(), v < 100 else {
                throw OptimizerError("invalid ns-steps \(v): must be a whole number from 0 to 99")
            }
            h.nsSteps = v
        }
        if let v = hyper.adjustLrFn { h.adjustLrFn = v }
        if let v = hyper.adamwLr { h.adamwLr = try Self.check(.adamwLr, v, atLeast: 0) }
        if let v = hyper.adamwWeightDecay { h.adamwWeightDecay = try Self.check(.adamwWeightDecay, v, atLeast: 0) }
        if let v = hyper.adamwEps { h.adamwEps = try Self.check(.adamwEps, v, atLeast: 0) }
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        for option in [HyperparameterOption.maxIter, .maxEval, .historySize] {
            guard let v = hyper.setting(option) else { continue }
            guard v.isFinite, v >= 1, v == v.rounded(), v <= 1e9 else {
                throw OptimizerError("invalid \(option.label) \(v): must be a whole number ≥ 1")
            }
        }
        if let v = hyper.maxIter {
            h.maxIter = v
            if hyper.maxEval == nil { h.maxEval = (v * 5 / 4).rounded(.down) }  // torch: max_iter * 5 // 4
        }
        if let v = hyper.maxEval { h.maxEval = v }
        if let v = hyper.historySize { h.historySize = v }
        if let v = hyper.toleranceGrad { h.toleranceGrad = try Self.check(.toleranceGrad, v, atLeast: 0) }
        if let v = hyper.toleranceChange { h.toleranceChange = try Self.check(.toleranceChange, v, atLeast: 0) }
        if let v = hyper.lineSearch { h.lineSearch = v }
        // torch.optim.Muon's nesterov needs no momentum (with μ = 0 it orthogonalises g).
        if h.nesterov && kind != .muon && (h.momentum <= 0 || h.dampening != 0) {
            throw OptimizerError(
                "nesterov requires momentum > 0 and dampening = 0 (got momentum \(h.momentum.compact), "
                    + "dampening \(h.dampening.compact))")
        }
        return h
    }

    private static func check(_ option: HyperparameterOption, _ v: Double, atLeast low: Double) throws(OptimizerError) -> Double {
        guard v.isFinite else { throw OptimizerError("invalid \(option.label) \(v): must be a finite number ≥ \(low.compact)") }
        guard v >= low else { throw OptimizerError("invalid \(option.label) \(v): must be ≥ \(low.compact)") }
        return v
    }

    private static func check(_ option: HyperparameterOption, _ v: Double, in low: Double, _ high: Double,
                              upperOpen: Bool) throws(OptimizerError) -> Double {
        let range = "[\(low.compact), \(high.compact)\(upperOpen ? ")" : "]")"
        guard v.isFinite, v >= low, upperOpen ? v < high : v <= high else {
            throw OptimizerError("invalid \(option.label) \(v): must be in \(range)")
        }
        return v
    }

    /// A fresh rule (no state) for this spec, for parameters shaped like `template` (a
    /// network's θ; its values are not read): the same rule the 2-D engine runs.
    public func makeRule<P: ParameterVector>(like template: P) throws(OptimizerError) -> any UpdateRule<P> {
        let h = try resolved()
        switch kind {
        case .sgd, .momentum, .nesterov: return SGDRule<P>(h, kind: kind)
        case .adagrad: return AdagradRule(h, like: template)
        case .rmsprop: return RMSpropRule(h, like: template)
        case .adadelta: return AdadeltaRule(h, like: template)
        case .adam, .adamw: return AdamRule(h, decoupledWeightDecay: kind == .adamw, like: template)
        case .newton: return NewtonRule<P>(h, saddleFree: false)
        case .saddleFreeNewton: return NewtonRule<P>(h, saddleFree: true)
        // torch.optim additions (nadam … adafactor)
        case .nadam: return NAdamRule(h, like: template)
        case .radam: return RAdamRule(h, like: template)
        case .adamax: return AdamaxRule(h, like: template)
        case .asgd: return ASGDRule(h, like: template)
        case .rprop: return RpropRule(h, like: template)
        case .adafactor: return AdafactorRule(h, like: template)
        // muon (weight matrices; AdamW for the other tensors)
        case .muon: return try MuonRule(h, like: template)
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .lbfgs: return LBFGSRule<P>(h)
        case .cg: return ConjugateGradientRule<P>(h)
        case .bfgs: return BFGSRule<P>(h)
        case .coordinateDescent: return CoordinateDescentRule<P>(h)
        }
    }

    /// A fresh 2-D optimizer (no state) for this spec.
    public func make() throws(OptimizerError) -> any Optimizer {
        guard kind.runsOnPoints else { throw OptimizerError(kind.refusalOnPoints) }
        // Every rule is an Optimizer when its parameters are a Vec2 (a conditional conformance).
        return try makeRule(like: Vec2.zero) as! any Optimizer
    }

    /// The legend text: the kind's name and ``ResolvedHyperparameters/summary(for:)``, or the
    /// name alone if the settings are invalid.
    public var summary: String {
        guard let h = try? resolved() else { return kind.rawValue }
        return kind.rawValue + " " + h.summary(for: kind)
    }
}
