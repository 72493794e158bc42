import Testing
@testable import OptiscapeCore

@Suite struct HyperparameterTests {
    func resolved(_ kind: OptimizerKind, _ h: Hyperparameters = Hyperparameters()) throws -> ResolvedHyperparameters {
        try OptimizerSpec(kind, h).resolved()
    }

    func expectError(_ kind: OptimizerKind, _ h: Hyperparameters, _ message: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: OptimizerError(message), sourceLocation: sourceLocation) {
            try OptimizerSpec(kind, h).resolved()
        }
    }

    @Test func pytorchDefaults() throws {
        let sgd = try resolved(.sgd)
        #expect(sgd.lr == 1e-3 && sgd.momentum == 0 && sgd.dampening == 0 && !sgd.nesterov && sgd.weightDecay == 0)
        let mom = try resolved(.momentum)
        #expect(mom.lr == 1e-3 && mom.momentum == 0.9 && mom.dampening == 0 && !mom.nesterov)
        let nes = try resolved(.nesterov)
        #expect(nes.lr == 1e-3 && nes.momentum == 0.9 && nes.dampening == 0 && nes.nesterov)
        let ada = try resolved(.adagrad)
        #expect(ada.lr == 1e-2 && ada.eps == 1e-10 && ada.initialAccumulator == 0 && ada.lrDecay == 0 && ada.weightDecay == 0)
        let rms = try resolved(.rmsprop)
        #expect(rms.lr == 1e-2 && rms.alpha == 0.99 && rms.eps == 1e-8 && rms.momentum == 0 && !rms.centered && rms.weightDecay == 0)
        let delta = try resolved(.adadelta)
        #expect(delta.lr == 1 && delta.rho == 0.9 && delta.eps == 1e-6 && delta.weightDecay == 0)
        let adam = try resolved(.adam)
        #expect(adam.lr == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.eps == 1e-8 && !adam.amsgrad && adam.weightDecay == 0)
        let adamw = try resolved(.adamw)
        #expect(adamw.lr == 1e-3 && adamw.beta1 == 0.9 && adamw.beta2 == 0.999 && adamw.eps == 1e-8 && !adamw.amsgrad && adamw.weightDecay == 1e-2)
        let newton = try resolved(.newton)
        #expect(newton.lr == 1 && newton.weightDecay == 0)
        let sfn = try resolved(.saddleFreeNewton)
        #expect(sfn.lr == 1 && sfn.weightDecay == 0 && sfn.damping == 1e-4)
    }

    @Test func userValuesOverrideDefaults() throws {
        let h = try resolved(.adam, Hyperparameters(lr: 0.1, beta1: 0.5, beta2: 0.6, eps: 0, weightDecay: 0.2, amsgrad: true))
        #expect(h.lr == 0.1 && h.beta1 == 0.5 && h.beta2 == 0.6 && h.eps == 0 && h.weightDecay == 0.2 && h.amsgrad)
        // Boundaries that PyTorch accepts.
        _ = try resolved(.sgd, Hyperparameters(lr: 0, momentum: 0, dampening: 1))
        _ = try resolved(.adadelta, Hyperparameters(rho: 1))
        _ = try resolved(.adadelta, Hyperparameters(rho: 0))
        _ = try resolved(.rmsprop, Hyperparameters(alpha: 0))
        _ = try resolved(.adam, Hyperparameters(beta1: 0, beta2: 0))
        _ = try resolved(.sgd, Hyperparameters(momentum: 0.5, nesterov: true))
    }

    @Test func validationErrors() {
        expectError(.sgd, Hyperparameters(lr: -0.1), "invalid learning rate -0.1: must be ≥ 0")
        expectError(.adam, Hyperparameters(lr: .nan), "invalid learning rate nan: must be a finite number ≥ 0")
        expectError(.adam, Hyperparameters(lr: .infinity), "invalid learning rate inf: must be a finite number ≥ 0")
        expectError(.momentum, Hyperparameters(momentum: -0.5), "invalid momentum -0.5: must be ≥ 0")
        expectError(.rmsprop, Hyperparameters(momentum: -1), "invalid momentum -1.0: must be ≥ 0")
        expectError(.momentum, Hyperparameters(dampening: 1.5), "invalid dampening 1.5: must be in [0, 1]")
        expectError(.adam, Hyperparameters(beta1: 1), "invalid beta1 1.0: must be in [0, 1)")
        expectError(.adamw, Hyperparameters(beta1: -0.1), "invalid beta1 -0.1: must be in [0, 1)")
        expectError(.adam, Hyperparameters(beta2: 1), "invalid beta2 1.0: must be in [0, 1)")
        expectError(.adam, Hyperparameters(eps: -1e-8), "invalid eps -1e-08: must be ≥ 0")
        expectError(.adagrad, Hyperparameters(eps: -1), "invalid eps -1.0: must be ≥ 0")
        expectError(.adam, Hyperparameters(weightDecay: -0.01), "invalid weight decay -0.01: must be ≥ 0")
        expectError(.newton, Hyperparameters(weightDecay: -1), "invalid weight decay -1.0: must be ≥ 0")
        expectError(.adadelta, Hyperparameters(rho: 1.1), "invalid rho 1.1: must be in [0, 1]")
        expectError(.adadelta, Hyperparameters(rho: -0.1), "invalid rho -0.1: must be in [0, 1]")
        expectError(.rmsprop, Hyperparameters(alpha: -0.1), "invalid alpha -0.1: must be in [0, 1]")
        expectError(.rmsprop, Hyperparameters(alpha: 1.01), "invalid alpha 1.01: must be in [0, 1]")
        expectError(.adagrad, Hyperparameters(initialAccumulator: -1), "invalid initial accumulator -1.0: must be ≥ 0")
        expectError(.adagrad, Hyperparameters(lrDecay: -0.5), "invalid lr decay -0.5: must be ≥ 0")
        expectError(.saddleFreeNewton, Hyperparameters(damping: 0), "invalid damping 0.0: must be a finite number > 0")
        expectError(.saddleFreeNewton, Hyperparameters(damping: -1), "invalid damping -1.0: must be a finite number > 0")
        expectError(.sgd, Hyperparameters(nesterov: true),
                    "nesterov requires momentum > 0 and dampening = 0 (got momentum 0, dampening 0)")
        expectError(.sgd, Hyperparameters(momentum: 0.9, dampening: 0.1, nesterov: true),
                    "nesterov requires momentum > 0 and dampening = 0 (got momentum 0.9, dampening 0.1)")
        expectError(.nesterov, Hyperparameters(momentum: 0),
                    "nesterov requires momentum > 0 and dampening = 0 (got momentum 0, dampening 0)")
    }

    @Test func optionsThatDoNotApplyAreErrors() {
        expectError(.sgd, Hyperparameters(beta1: 0.9),
                    "sgd does not take beta1 (it takes lr, momentum, dampening, nesterov, weight-decay; beta1 is for adam, adamw, nadam, radam, adamax, muon)")
        expectError(.rmsprop, Hyperparameters(amsgrad: true),
                    "rmsprop does not take amsgrad (it takes lr, alpha, eps, weight-decay, momentum, centered; amsgrad is for adam, adamw)")
        expectError(.adam, Hyperparameters(momentum: 0.9),
                    "adam does not take momentum (it takes lr, beta1, beta2, eps, weight-decay, amsgrad; momentum is for sgd, momentum, nesterov, rmsprop, muon)")
        expectError(.newton, Hyperparameters(damping: 0.1),
                    "newton does not take damping (it takes lr, weight-decay; damping is for saddle-free-newton)")
        expectError(.momentum, Hyperparameters(nesterov: true),
                    "momentum does not take nesterov (it takes lr, momentum, dampening, weight-decay; nesterov is for sgd, muon)")
        // Even a value equal to the default is refused: it signals a misunderstanding.
        expectError(.adagrad, Hyperparameters(centered: false),
                    "adagrad does not take centered (it takes lr, lr-decay, weight-decay, initial-accumulator, eps; centered is for rmsprop)")
    }

    @Test func everyOptionAppliesToSomeKindAndEveryKindTakesLr() {
        for option in HyperparameterOption.allCases {
            #expect(OptimizerKind.allCases.contains { $0.options.contains(option) }, "\(option)")
        }
        for kind in OptimizerKind.allCases { #expect(kind.options.first == .lr) }
    }

    @Test func legendSummary() throws {
        func summary(_ kind: OptimizerKind, _ h: Hyperparameters = Hyperparameters()) throws -> String {
            try OptimizerSpec(kind, h).resolved().summary(for: kind)
        }
        #expect(try summary(.sgd) == "lr=0.001")
        #expect(try summary(.momentum) == "lr=0.001 μ=0.9")
        #expect(try summary(.nesterov, Hyperparameters(lr: 0.01)) == "lr=0.01 μ=0.9")
        #expect(try summary(.sgd, Hyperparameters(momentum: 0.5, nesterov: true, weightDecay: 1e-4))
                == "lr=0.001 μ=0.5 nesterov wd=0.0001")
        #expect(try summary(.adam) == "lr=0.001")
        #expect(try summary(.adamw) == "lr=0.001")
        #expect(try summary(.adamw, Hyperparameters(weightDecay: 0)) == "lr=0.001 wd=0")
        #expect(try summary(.adam, Hyperparameters(beta2: 0.99, amsgrad: true)) == "lr=0.001 β₂=0.99 amsgrad")
        #expect(try summary(.rmsprop, Hyperparameters(momentum: 0.5, centered: true)) == "lr=0.01 μ=0.5 centered")
        #expect(try summary(.adagrad, Hyperparameters(initialAccumulator: 0.1, lrDecay: 0.01)) == "lr=0.01 lr-decay=0.01 acc₀=0.1")
        #expect(try summary(.adadelta, Hyperparameters(eps: 1e-4)) == "lr=1 ε=0.0001")
        #expect(try summary(.saddleFreeNewton, Hyperparameters(damping: 0.01)) == "lr=1 δ=0.01")
        #expect(OptimizerSpec(.momentum).summary == "momentum lr=0.001 μ=0.9")
        #expect(OptimizerSpec(.momentum, Hyperparameters(lr: -1)).summary == "momentum")
    }

    @Test func optionNames() throws {
        #expect(try HyperparameterOption.parse("weight-decay") == .weightDecay)
        #expect(try HyperparameterOption.parse("weight_decay") == .weightDecay)
        #expect(try HyperparameterOption.parse("weightDecay") == .weightDecay)
        #expect(try HyperparameterOption.parse("initial_accumulator_value") == .initialAccumulator)
        #expect(try HyperparameterOption.parse("lr_decay") == .lrDecay)
        #expect(throws: OptimizerError(
            "unknown optimizer option \"momentun\" (did you mean \"momentum\"?); known: "
                + HyperparameterOption.allCases.map(\.rawValue).joined(separator: ", "))) {
            try HyperparameterOption.parse("momentun")
        }
    }

    @Test func settingOptionsFromText() throws {
        var h = Hyperparameters()
        try h.set(.lr, from: "0.05")
        try h.set(.nesterov, from: "true")
        try h.set(.weightDecay, from: "1e-4")
        #expect(h == Hyperparameters(lr: 0.05, nesterov: true, weightDecay: 1e-4))
        #expect(h.isSet(.lr) && h.isSet(.nesterov) && !h.isSet(.momentum))
        #expect(throws: OptimizerError("invalid value \"fast\" for lr: expected a number")) { try h.set(.lr, from: "fast") }
        #expect(throws: OptimizerError("invalid value \"maybe\" for amsgrad: expected true or false")) {
            try h.set(.amsgrad, from: "maybe")
        }
    }

    /// The line-search methods' `lr` is no learning rate, and `list` says what it is.
    @Test func lrIsSaidForWhatItIsPerMethod() {
        #expect(HyperparameterOption.lr.summary(for: .sgd) == HyperparameterOption.lr.summary)
        for kind in [OptimizerKind.cg, .bfgs, .lbfgs] {
            #expect(HyperparameterOption.lr.summary(for: kind).contains("trial"), "\(kind)")
            #expect(!HyperparameterOption.lr.summary(for: kind).contains("learning rate"))
        }
        #expect(HyperparameterOption.lr.summary(for: .coordinateDescent).contains("fraction"))
        #expect(Catalogue.text().contains("the first trial step of each line search"))
    }
}
