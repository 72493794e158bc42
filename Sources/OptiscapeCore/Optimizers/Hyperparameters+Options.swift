// Which options each optimizer takes, and reading and writing them on ``Hyperparameters`` and
// ``ResolvedHyperparameters`` by ``HyperparameterOption``.

extension OptimizerKind {
    /// The options this kind accepts, `lr` first (see ``HyperparameterOption`` for the table).
    public var options: [HyperparameterOption] {
        switch self {
        case .sgd: return [.lr, .momentum, .dampening, .nesterov, .weightDecay]
        case .momentum: return [.lr, .momentum, .dampening, .weightDecay]
        case .nesterov: return [.lr, .momentum, .weightDecay]
        case .adagrad: return [.lr, .lrDecay, .weightDecay, .initialAccumulator, .eps]
        case .rmsprop: return [.lr, .alpha, .eps, .weightDecay, .momentum, .centered]
        case .adadelta: return [.lr, .rho, .eps, .weightDecay]
        case .adam, .adamw: return [.lr, .beta1, .beta2, .eps, .weightDecay, .amsgrad]
        case .newton: return [.lr, .weightDecay]
        case .saddleFreeNewton: return [.lr, .weightDecay, .damping]
        // torch.optim additions (nadam … adafactor)
        case .nadam: return [.lr, .beta1, .beta2, .eps, .weightDecay, .momentumDecay, .decoupledWeightDecay]
        case .radam: return [.lr, .beta1, .beta2, .eps, .weightDecay, .decoupledWeightDecay]
        case .adamax: return [.lr, .beta1, .beta2, .eps, .weightDecay]
        case .asgd: return [.lr, .lambd, .alpha, .t0, .weightDecay]
        case .rprop: return [.lr, .etaMinus, .etaPlus, .stepSizeMin, .stepSizeMax]
        case .adafactor: return [.lr, .beta2Decay, .d, .eps1, .eps2, .weightDecay]
        // muon (weight matrices; AdamW for the other tensors)
        case .muon: return [.lr, .weightDecay, .momentum, .nesterov, .nsA, .nsB, .nsC, .eps, .nsSteps, .adjustLrFn,
                            .adamwLr, .beta1, .beta2, .adamwEps, .adamwWeightDecay]
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .lbfgs: return [.lr, .maxIter, .maxEval, .toleranceGrad, .toleranceChange, .historySize, .lineSearch]
        case .cg, .bfgs: return [.lr, .toleranceGrad, .toleranceChange]
        case .coordinateDescent: return [.lr, .maxIter, .toleranceGrad]
        }
    }
}

extension Hyperparameters {
    /// Whether the user gave `option`.
    public func isSet(_ option: HyperparameterOption) -> Bool { setting(option) != nil }

    /// The value the user gave for `option` (a flag as 1 or 0), or nil.
    public func setting(_ option: HyperparameterOption) -> Double? {
        func flag(_ b: Bool?) -> Double? { b.map { $0 ? 1 : 0 } }
        switch option {
        case .lr: return lr
        case .momentum: return momentum
        case .dampening: return dampening
        case .nesterov: return flag(nesterov)
        case .beta1: return beta1
        case .beta2: return beta2
        case .eps: return eps
        case .alpha: return alpha
        case .rho: return rho
        case .weightDecay: return weightDecay
        case .centered: return flag(centered)
        case .amsgrad: return flag(amsgrad)
        case .initialAccumulator: return initialAccumulator
        case .lrDecay: return lrDecay
        case .damping: return damping
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: return momentumDecay
        case .decoupledWeightDecay: return flag(decoupledWeightDecay)
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
        case .adjustLrFn: return flag(adjustLrFn)
        case .adamwLr: return adamwLr
        case .adamwWeightDecay: return adamwWeightDecay
        case .adamwEps: return adamwEps
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: return maxIter
        case .maxEval: return maxEval
        case .toleranceGrad: return toleranceGrad
        case .toleranceChange: return toleranceChange
        case .historySize: return historySize
        case .lineSearch: return flag(lineSearch)
        }
    }

    /// Sets an option from text, as in `--opt momentum=0.9` or `--opt nesterov=true`.
    /// Numbers are any Swift `Double` literal; flags take `true`/`false`/`yes`/`no`/`1`/`0`.
    /// Only the syntax is checked here; ranges are checked by ``OptimizerSpec/resolved()``.
    public mutating func set(_ option: HyperparameterOption, from text: String) throws(OptimizerError) {
        if option.isFlag {
            guard let flag = option.flagValue(text) else {
                throw OptimizerError("invalid value \"\(text)\" for \(option.name): expected "
                                         + (option.choices.map { "\($0.on) or \($0.off)" } ?? "true or false"))
            }
            switch option {
            case .nesterov: nesterov = flag
            case .centered: centered = flag
            case .decoupledWeightDecay: decoupledWeightDecay = flag
            case .lineSearch: lineSearch = flag
            case .adjustLrFn: adjustLrFn = flag
            default: amsgrad = flag
            }
            return
        }
        guard let v = Double(text) else {
            throw OptimizerError("invalid value \"\(text)\" for \(option.name): expected a number")
        }
        switch option {
        case .lr: lr = v
        case .momentum: momentum = v
        case .dampening: dampening = v
        case .beta1: beta1 = v
        case .beta2: beta2 = v
        case .eps: eps = v
        case .alpha: alpha = v
        case .rho: rho = v
        case .weightDecay: weightDecay = v
        case .initialAccumulator: initialAccumulator = v
        case .lrDecay: lrDecay = v
        case .damping: damping = v
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: momentumDecay = v
        case .lambd: lambd = v
        case .t0: t0 = v
        case .etaMinus: etaMinus = v
        case .etaPlus: etaPlus = v
        case .stepSizeMin: stepSizeMin = v
        case .stepSizeMax: stepSizeMax = v
        case .beta2Decay: beta2Decay = v
        case .d: d = v
        case .eps1: eps1 = v
        case .eps2: eps2 = v
        // muon (weight matrices; AdamW for the other tensors)
        case .nsA: nsA = v
        case .nsB: nsB = v
        case .nsC: nsC = v
        case .nsSteps: nsSteps = v
        case .adamwLr: adamwLr = v
        case .adamwWeightDecay: adamwWeightDecay = v
        case .adamwEps: adamwEps = v
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: maxIter = v
        case .maxEval: maxEval = v
        case .toleranceGrad: toleranceGrad = v
        case .toleranceChange: toleranceChange = v
        case .historySize: historySize = v
        case .nesterov, .centered, .amsgrad, .decoupledWeightDecay, .lineSearch, .adjustLrFn: break
        }
    }
}

extension ResolvedHyperparameters {
    /// Each option `kind` takes with its value as text (`lr` → `0.001`, `amsgrad` → `false`),
    /// for `optiscape list` and JSON.
    public func settings(for kind: OptimizerKind) -> [(option: HyperparameterOption, text: String)] {
        kind.options.map { o in
            if let c = o.choices { return (o, number(o) != 0 ? c.on : c.off) }
            if o.isCount { return (o, Int(number(o)).description) }
            return (o, o.isFlag ? (number(o) != 0 ? "true" : "false") : number(o).description)
        }
    }
}
