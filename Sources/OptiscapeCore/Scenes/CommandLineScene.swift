/// The ad-hoc scene that command-line flags describe (`--landscape`, `--optimizer`, …).
/// Parsing of the flags' text and every rule about them lives here, so the CLI only wires.
public struct CommandLineScene: Sendable {
    public var landscape: String?
    public var expression: String?
    /// `name=value` texts.
    public var parameters: [String]
    /// `name` or `name:option=value,option=value` texts, one runner each.
    public var optimizers: [String]
    /// `x,y` text.
    public var start: String?
    public var seed: UInt64
    /// Settings for every runner whose optimizer takes them.
    public var hyper: Hyperparameters
    public var transforms: GradientTransforms
    public var batch: Int?
    public var schedule: (kind: String, lrEnd: Double?, decaySteps: Int?, gamma: Double?, warmup: Int?)
    /// `--average` text (`polyak`, `ema:0.99`) for every runner, or nil.
    public var average: String?

    public init(landscape: String?, expression: String?, parameters: [String], optimizers: [String],
                start: String?, seed: UInt64, hyper: Hyperparameters, transforms: GradientTransforms,
                batch: Int?, schedule: (kind: String, lrEnd: Double?, decaySteps: Int?, gamma: Double?, warmup: Int?),
                average: String? = nil) {
        self.landscape = landscape; self.expression = expression; self.parameters = parameters
        self.optimizers = optimizers; self.start = start; self.seed = seed; self.hyper = hyper
        self.transforms = transforms; self.batch = batch; self.schedule = schedule; self.average = average
    }

    /// The default landscape when neither `--landscape` nor `--expr` is given.
    public static let defaultLandscape = "rosenbrock"

    public func scene() throws -> Scene {
        if landscape != nil && expression != nil {
            throw LandscapeError("give either --landscape or --expr, not both")
        }
        let params = try parameters.map(CommandLineScene.parseParameter)
        var paramDict: [String: Double] = [:]
        for (k, v) in params { paramDict[k] = v }
        let source: LandscapeSource = expression.map { .expression(source: $0, parameters: paramDict) }
            ?? .builtIn(name: landscape ?? CommandLineScene.defaultLandscape, parameters: paramDict)
        var scene = Scene(title: "", landscape: source, runners: [])
        let land = try scene.makeLandscape()
        scene.title = expression.map { "f(x, y) = \($0)" } ?? land.name
        scene.seed = seed
        let startPoint = try start.map(CommandLineScene.parsePoint) ?? land.defaultStart

        scene.runners = try runners(start: startPoint)
        if let refused = scene.runners.first(where: { !$0.optimizer.kind.runsOnPoints }) {
            throw OptimizerError(refused.optimizer.kind.refusalOnPoints)
        }
        return scene
    }

    /// The runners the flags describe, all from `start`: one per `--optimizer`, each with the
    /// global hyper-parameter flags it takes, the transforms, the schedule and the batch size;
    /// labels `adam`, or `adam #1`, `adam #2` for repeated kinds. Networks use these too (their
    /// start is θ₀, not a point, so `start` is then ignored).
    public func runners(start startPoint: Vec2) throws -> [RunnerConfig] {
        let sched = Schedule(try Schedule.parseKind(schedule.kind), lrEnd: schedule.lrEnd,
                             decaySteps: schedule.decaySteps, gamma: schedule.gamma, warmup: schedule.warmup)
        let specs = try optimizers.map(CommandLineScene.parseOptimizer)
        let averaging: Averaging?
        do { averaging = try average.map(Averaging.parse) } catch { throw OptimizerError("--average: \(error)") }
        // A global flag applies to each runner whose optimizer takes it, but must fit at least one.
        for option in HyperparameterOption.allCases where hyper.isSet(option) {
            guard specs.contains(where: { $0.kind.options.contains(option) }) else {
                let kinds = Set(specs.map(\.kind.rawValue)).sorted().joined(separator: ", ")
                let users = OptimizerKind.allCases.filter { $0.options.contains(option) }.map(\.rawValue)
                throw OptimizerError("--\(option.name) does not apply to \(kinds) (it is for \(users.joined(separator: ", ")))")
            }
        }
        var labels: [String: Int] = [:]
        var runners = try specs.map { spec in
            var s = spec
            for option in spec.kind.options where hyper.isSet(option) && !spec.hyper.isSet(option) {
                s.hyper.copy(option, from: hyper)
            }
            _ = try s.resolved()
            let base = spec.kind.rawValue
            labels[base, default: 0] += 1
            let label = labels[base]! == 1 ? base : "\(base) #\(labels[base]!)"
            return RunnerConfig(label: label, optimizer: s, start: startPoint, transforms: transforms,
                                schedule: sched, batch: batch, average: averaging)
        }
        // Labels of repeated kinds: the first becomes "#1" too when there are several.
        for (base, n) in labels where n > 1 {
            if let i = runners.firstIndex(where: { $0.label == base }) { runners[i].label = "\(base) #1" }
        }
        return runners
    }

    /// `name=value`.
    public static func parseParameter(_ text: String) throws -> (String, Double) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw LandscapeError("--param \"\(text)\" must look like name=value (e.g. kappa=50)")
        }
        guard let v = Double(parts[1].trimmingSpaces), v.isFinite else {
            throw LandscapeError("--param \(parts[0]): \"\(parts[1])\" is not a finite number")
        }
        return (parts[0].trimmingSpaces, v)
    }

    /// `x,y` with finite numbers.
    public static func parsePoint(_ text: String) throws -> Vec2 {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x.isFinite, y.isFinite else {
            throw LandscapeError("--start \"\(text)\" must be two finite numbers x,y (e.g. --start=-1.5,2)")
        }
        return Vec2(x, y)
    }

    /// `adam` or `adam:lr=0.01,beta1=0.8`.
    public static func parseOptimizer(_ text: String) throws -> OptimizerSpec {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first else { throw OptimizerError("empty --optimizer") }
        var spec = OptimizerSpec(try OptimizerKind.parse(name.trimmingSpaces))
        if parts.count == 2 {
            for item in parts[1].split(separator: ",") {
                let kv = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                let option = try HyperparameterOption.parse(kv[0])
                if kv.count == 1 && option.isFlag {
                    try spec.hyper.set(option, from: "true")
                } else if kv.count == 2 {
                    try spec.hyper.set(option, from: kv[1])
                } else {
                    throw OptimizerError("--optimizer \(text): \"\(item)\" must look like option=value")
                }
            }
        }
        _ = try spec.resolved()
        return spec
    }
}

extension Hyperparameters {
    /// Copies one option's value from `other`.
    mutating func copy(_ option: HyperparameterOption, from other: Hyperparameters) {
        switch option {
        case .lr: lr = other.lr
        case .momentum: momentum = other.momentum
        case .dampening: dampening = other.dampening
        case .nesterov: nesterov = other.nesterov
        case .beta1: beta1 = other.beta1
        case .beta2: beta2 = other.beta2
        case .eps: eps = other.eps
        case .alpha: alpha = other.alpha
        case .rho: rho = other.rho
        case .weightDecay: weightDecay = other.weightDecay
        case .centered: centered = other.centered
        case .amsgrad: amsgrad = other.amsgrad
        case .initialAccumulator: initialAccumulator = other.initialAccumulator
        case .lrDecay: lrDecay = other.lrDecay
        case .damping: damping = other.damping
        // torch.optim additions (nadam … adafactor)
        case .momentumDecay: momentumDecay = other.momentumDecay
        case .decoupledWeightDecay: decoupledWeightDecay = other.decoupledWeightDecay
        case .lambd: lambd = other.lambd
        case .t0: t0 = other.t0
        case .etaMinus: etaMinus = other.etaMinus
        case .etaPlus: etaPlus = other.etaPlus
        case .stepSizeMin: stepSizeMin = other.stepSizeMin
        case .stepSizeMax: stepSizeMax = other.stepSizeMax
        case .beta2Decay: beta2Decay = other.beta2Decay
        case .d: d = other.d
        case .eps1: eps1 = other.eps1
        case .eps2: eps2 = other.eps2
        // muon (weight matrices; AdamW for the other tensors)
        case .nsA: nsA = other.nsA
        case .nsB: nsB = other.nsB
        case .nsC: nsC = other.nsC
        case .nsSteps: nsSteps = other.nsSteps
        case .adjustLrFn: adjustLrFn = other.adjustLrFn
        case .adamwLr: adamwLr = other.adamwLr
        case .adamwWeightDecay: adamwWeightDecay = other.adamwWeightDecay
        case .adamwEps: adamwEps = other.adamwEps
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .maxIter: maxIter = other.maxIter
        case .maxEval: maxEval = other.maxEval
        case .toleranceGrad: toleranceGrad = other.toleranceGrad
        case .toleranceChange: toleranceChange = other.toleranceChange
        case .historySize: historySize = other.historySize
        case .lineSearch: lineSearch = other.lineSearch
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
