import ArgumentParser
import OptiscapeCore

/// The flags that describe a simulation, shared by `trace`, `render` and the interactive UI.
/// Only parsing lives here; every rule and default comes from OptiscapeCore.
struct SimulationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Built-in landscape (see `optiscape list`).", valueName: "name"))
    var landscape: String?

    @Option(help: ArgumentHelp("Your own landscape as an expression in x and y, e.g. \"x^2 - 5*y^2\".", valueName: "expr"))
    var expr: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("Set a landscape parameter (repeatable).", valueName: "name=value"))
    var params: [String] = []

    @Option(name: .customLong("optimizer"),
            help: ArgumentHelp("Optimizer, optionally with settings: adam or adam:lr=0.01,beta1=0.8 (repeatable: one runner each).", valueName: "name[:k=v,...]"))
    var optimizers: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Start point for every runner (default: the landscape's).", valueName: "x,y"))
    var start: String?

    @Option(help: "Random seed for gradient noise and minibatches.")
    var seed: UInt64 = 0

    @Option(help: "Learning rate (default: each optimizer's PyTorch default).") var lr: Double?
    @Option(help: "Momentum μ (sgd, momentum, nesterov, rmsprop).") var momentum: Double?
    @Option(help: "Dampening of the SGD momentum buffer.") var dampening: Double?
    @Flag(help: "Nesterov momentum (sgd).") var nesterov = false
    @Option(help: "Adam's β₁.") var beta1: Double?
    @Option(help: "Adam's β₂.") var beta2: Double?
    @Option(help: "ε added to denominators.") var eps: Double?
    @Option(help: "RMSProp's smoothing constant α.") var alpha: Double?
    @Option(help: "AdaDelta's decay ρ.") var rho: Double?
    @Option(help: "Weight decay λ (decoupled for adamw).") var weightDecay: Double?
    @Flag(help: "Centered RMSProp.") var centered = false
    @Flag(help: "AMSGrad variant of Adam/AdamW.") var amsgrad = false
    @Option(help: "AdaGrad's initial accumulator value.") var initialAccumulator: Double?
    @Option(help: "Saddle-free Newton's eigenvalue floor δ.") var damping: Double?

    @Option(help: "Gaussian noise σ added to each gradient component (minibatch simulation).") var noise: Double?
    @Option(help: "Clip the gradient to this norm (torch.nn.utils.clip_grad_norm_).") var clipNorm: Double?
    @Option(help: "Clamp each gradient component to [−v, v].") var clipValue: Double?
    @Option(help: "Minibatch size, for landscapes built from data.") var batch: Int?

    @Option(help: "Learning-rate schedule: constant, linear, step, cosine.") var schedule: String = "constant"
    @Option(help: "Final learning rate of linear/cosine schedules.") var lrEnd: Double?
    @Option(help: "Steps over which the schedule decays (step: the period).") var decaySteps: Int?
    @Option(help: "Factor per period of the step schedule.") var gamma: Double?
    @Option(help: "Linear warm-up steps.") var warmup: Int?

    @Option(help: "Converged when the gradient norm falls below this.") var tol: Double = StoppingRules().gradientTolerance
    @Option(help: "Diverged when |x| or |y| exceeds this.") var bound: Double = StoppingRules().divergenceBound

    /// Whether any flag that describes a simulation was given (so a scene file is not mixed with them).
    var describesSimulation: Bool {
        landscape != nil || expr != nil || !params.isEmpty || !optimizers.isEmpty || start != nil
    }

    var rules: StoppingRules { StoppingRules(gradientTolerance: tol, divergenceBound: bound) }

    /// The ad-hoc scene these flags describe.
    func scene(defaultOptimizers: [String] = ["sgd"]) throws -> Scene {
        let flags = CommandLineScene(
            landscape: landscape, expression: expr, parameters: params,
            optimizers: optimizers.isEmpty ? defaultOptimizers : optimizers, start: start, seed: seed,
            hyper: Hyperparameters(lr: lr, momentum: momentum, dampening: dampening, nesterov: nesterov ? true : nil,
                                   beta1: beta1, beta2: beta2, eps: eps, alpha: alpha, rho: rho,
                                   weightDecay: weightDecay, centered: centered ? true : nil,
                                   amsgrad: amsgrad ? true : nil, initialAccumulator: initialAccumulator,
                                   damping: damping),
            transforms: GradientTransforms(noise: noise, clipNorm: clipNorm, clipValue: clipValue),
            batch: batch,
            schedule: (schedule, lrEnd, decaySteps, gamma, warmup))
        return try flags.scene()
    }
}
