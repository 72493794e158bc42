import ArgumentParser
import OptiscapeCore

/// The flags that describe a simulation, shared by `trace`, `render` and the interactive UI.
/// Only parsing lives here; every rule and default comes from OptiscapeCore.
struct SimulationOptions: ParsableArguments {
    /// Where `--expr`'s syntax is documented, for the discussions of the commands that take it.
    static let expressionSyntax = """
        --expr syntax: numbers, x, y, pi, e and --param names; + - * / ^ (^ binds tighter than \
        unary minus); sin cos tan exp log sqrt tanh sigmoid softplus abs, min max pow. The full \
        reference is the README's section "Your own landscape: expressions".
        """

    @Option(parsing: .unconditional, help: ArgumentHelp("Built-in landscape, see `optiscape list` (default: rosenbrock).", valueName: "name"))
    var landscape: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Your own landscape as an expression in x and y, e.g. \"x^2 - 5*y^2\" (default: none; syntax: see below).", valueName: "expr"))
    var expr: String?

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Set a landscape parameter, repeatable (default: the landscape's, see `optiscape list`).", valueName: "name=value"))
    var params: [String] = []

    @Option(name: .customLong("optimizer"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Optimizer, optionally with settings: adam or adam:lr=0.01,beta1=0.8 (repeatable: one runner each; default: sgd). One of " + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ") + " (muon: networks only); their options: `optiscape list`.", valueName: "name[:k=v,...]"))
    var optimizers: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Start point for every runner (default: the landscape's).", valueName: "x,y"))
    var start: String?

    @Option(parsing: .unconditional, help: "Random seed for gradient noise and minibatches (default: the scene's, else 0; allowed with a scene file).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Learning rate (default: each optimizer's PyTorch default).") var lr: Double?
    @Option(parsing: .unconditional, help: "Momentum μ: sgd, momentum, nesterov, rmsprop (default: the optimizer's).") var momentum: Double?
    @Option(parsing: .unconditional, help: "Dampening of the SGD momentum buffer (default: 0).") var dampening: Double?
    @Option(parsing: .unconditional, help: "AdaGrad's learning-rate decay (default: 0).") var lrDecay: Double?
    @Flag(help: "Nesterov momentum (sgd).") var nesterov = false
    @Option(parsing: .unconditional, help: "β₁ of the Adam family (default: 0.9).") var beta1: Double?
    @Option(parsing: .unconditional, help: "β₂ of the Adam family (default: 0.999).") var beta2: Double?
    @Option(parsing: .unconditional, help: "ε added to denominators (default: the optimizer's).") var eps: Double?
    @Option(parsing: .unconditional, help: "RMSProp's smoothing constant α (default: 0.99); ASGD's power α (default: 0.75).") var alpha: Double?
    @Option(parsing: .unconditional, help: "AdaDelta's decay ρ (default: 0.9).") var rho: Double?
    @Option(parsing: .unconditional, help: "Weight decay λ, decoupled for adamw, adafactor and muon (default: 0; adamw 0.01, muon 0.1).") var weightDecay: Double?
    @Flag(help: "Centered RMSProp.") var centered = false
    @Flag(help: "AMSGrad variant of Adam/AdamW.") var amsgrad = false
    @Option(parsing: .unconditional, help: "AdaGrad's initial accumulator value (default: 0).") var initialAccumulator: Double?
    @Option(parsing: .unconditional, help: "Saddle-free Newton's eigenvalue floor δ (default: 1e-4).") var damping: Double?

    @Option(parsing: .unconditional, help: "Gaussian noise σ added to each gradient component (default: none).") var noise: Double?
    @Option(parsing: .unconditional, help: "Clip the gradient to this norm, as torch.nn.utils.clip_grad_norm_ (default: none).") var clipNorm: Double?
    @Option(parsing: .unconditional, help: "Clamp each gradient component to [−v, v] (default: none).") var clipValue: Double?
    @Option(parsing: .unconditional, help: "Minibatch size, for landscapes built from data and networks (default: full batch).") var batch: Int?

    @Option(parsing: .unconditional, help: "Learning-rate schedule: constant, linear, step, cosine.") var schedule: String = "constant"
    @Option(parsing: .unconditional, help: "Final learning rate of linear/cosine schedules (default: lr/100 linear, 0 cosine).") var lrEnd: Double?
    @Option(parsing: .unconditional, help: "Steps over which the schedule decays; step: the period (default: 100).") var decaySteps: Int?
    @Option(parsing: .unconditional, help: "Factor per period of the step schedule (default: 0.1).") var gamma: Double?
    @Option(parsing: .unconditional, help: "Linear warm-up steps (default: 0).") var warmup: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Iterate averaging for every runner, drawn as a second path and traced as avg_x,avg_y,avg_loss: polyak (the mean of x₀…x_k) or ema:β (x̄ ← βx̄ + (1−β)x) (default: none).", valueName: "polyak|ema:β"))
    var average: String?

    @Option(parsing: .unconditional, help: "Converged when the (full-set) gradient norm falls below this.") var tol: Double = StoppingRules().gradientTolerance
    @Option(parsing: .unconditional, help: "Diverged when |x| or |y| (a network: any |θᵢ|) exceeds this.") var bound: Double = StoppingRules().divergenceBound

    /// Whether any flag that describes a simulation was given (so a scene file is not mixed with
    /// them: a scene states its landscape, runners and hyper-parameters, and a flag that silently
    /// changed them would make its claims lie). `--seed`, `--tol` and `--bound` are not among
    /// them: they go with a scene file (a new noise draw; the stopping rules).
    var describesSimulation: Bool { !simulationFlagsGiven.isEmpty }

    /// The simulation-describing flags given, by name.
    var simulationFlagsGiven: [String] {
        let given: [(String, Bool)] = [
            ("--landscape", landscape != nil), ("--expr", expr != nil), ("--param", !params.isEmpty),
            ("--optimizer", !optimizers.isEmpty), ("--start", start != nil), ("--lr", lr != nil),
            ("--momentum", momentum != nil), ("--dampening", dampening != nil), ("--lr-decay", lrDecay != nil),
            ("--nesterov", nesterov), ("--beta1", beta1 != nil), ("--beta2", beta2 != nil), ("--eps", eps != nil),
            ("--alpha", alpha != nil), ("--rho", rho != nil), ("--weight-decay", weightDecay != nil),
            ("--centered", centered), ("--amsgrad", amsgrad), ("--initial-accumulator", initialAccumulator != nil),
            ("--damping", damping != nil), ("--noise", noise != nil), ("--clip-norm", clipNorm != nil),
            ("--clip-value", clipValue != nil), ("--batch", batch != nil), ("--schedule", schedule != "constant"),
            ("--lr-end", lrEnd != nil), ("--decay-steps", decaySteps != nil), ("--gamma", gamma != nil),
            ("--warmup", warmup != nil), ("--average", average != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    var rules: StoppingRules { StoppingRules(gradientTolerance: tol, divergenceBound: bound) }

    /// The stopping rules are checked here (the other flags are checked by OptiscapeCore as the
    /// scene is built): a NaN tolerance would never converge and a negative bound would stop
    /// every runner at step 0, both silently.
    func validate() throws {
        if !(tol.isFinite && tol >= 0) { throw ValidationError("--tol must be a finite number ≥ 0 (got \(tol))") }
        if !(bound.isFinite && bound > 0) { throw ValidationError("--bound must be a finite number > 0 (got \(bound))") }
    }

    /// The ad-hoc scene these flags describe.
    func scene(defaultOptimizers: [String] = ["sgd"]) throws -> Scene {
        try commandLineScene(defaultOptimizers: defaultOptimizers).scene()
    }

    /// The runners these flags describe, for a network (no landscape, no start point).
    func networkRunners() throws -> [RunnerConfig] {
        try commandLineScene(defaultOptimizers: ["sgd"]).runners(start: .zero)
    }

    /// The 2-D-only flags given (a network has no landscape and starts at θ₀, not a point).
    var landscapeFlagsGiven: [String] {
        [("--landscape", landscape != nil), ("--expr", expr != nil), ("--param", !params.isEmpty), ("--start", start != nil)]
            .filter(\.1).map(\.0)
    }

    private func commandLineScene(defaultOptimizers: [String]) -> CommandLineScene {
        CommandLineScene(
            landscape: landscape, expression: expr, parameters: params,
            optimizers: optimizers.isEmpty ? defaultOptimizers : optimizers, start: start, seed: seed ?? 0,
            hyper: Hyperparameters(lr: lr, momentum: momentum, dampening: dampening, nesterov: nesterov ? true : nil,
                                   beta1: beta1, beta2: beta2, eps: eps, alpha: alpha, rho: rho,
                                   weightDecay: weightDecay, centered: centered ? true : nil,
                                   amsgrad: amsgrad ? true : nil, initialAccumulator: initialAccumulator,
                                   damping: damping, lrDecay: lrDecay),
            transforms: GradientTransforms(noise: noise, clipNorm: clipNorm, clipValue: clipValue),
            batch: batch,
            schedule: (schedule, lrEnd, decaySteps, gamma, warmup),
            average: average)
    }
}
