import Yams

extension SceneBuilder {
    // MARK: Runners

    /// A runner and the node its label came from (for the duplicate-label error). Each setting
    /// is checked on its own (every error is noted); the runner is nil when any was invalid.
    /// `landscape`: nil when the scene's landscape is itself invalid (batch is then not checked).
    /// `network`: the scene trains a network (runners may say `init_seed`, not `start`).
    func runner(_ node: Node, _ field: String, start: Vec2, landscape: (any Landscape)?, network: Bool = false) throws -> (RunnerConfig, Node)? {
        let f = try r.fields(node, field, expected: "a runner: a mapping with optimizer, label, lr, …")
        let hyperKeys = SceneFile.hyperparameterKeys
        let before = problems.errors.count
        noteUnknown(f, SceneFile.runnerKeys + hyperKeys, what: "a runner")

        let optNode = try f.require("optimizer", r, because: "every runner names its optimizer")
        let optName = try r.text(optNode, f.path("optimizer"))
        let kind: OptimizerKind
        do { kind = try OptimizerKind.parse(optName) } catch { throw r.error(optNode, f.path("optimizer"), "\(error)") }
        guard kind.runsOnPoints else { throw r.error(optNode, f.path("optimizer"), kind.refusalOnPoints) }

        var spec = OptimizerSpec(kind)
        var lrOfLimit: (value: Double, node: Node, path: String)?
        for e in f.entries where hyperKeys.contains(e.key) {
            try attempt {
                if e.key == "lr", case .mapping = e.value {
                    // lr: {limit: f} — a fraction of the stability limit 2/λ_max at the start.
                    let path = f.path("lr")
                    let g = try r.fields(e.value, path, expected: "a learning rate: a number, or {limit: f} (f × 2/λ_max at the start)")
                    try g.rejectUnknown(["limit"], r, what: "a relative learning rate")
                    let n = try g.require("limit", r, because: "a relative learning rate is a fraction of the stability limit")
                    let v = try r.number(n, g.path("limit"))
                    guard v > 0 else { throw r.error(n, g.path("limit"), "must be above 0 (a fraction of 2/λ_max)") }
                    lrOfLimit = (v, n, g.path("limit"))
                    return
                }
                let option = HyperparameterOption(rawValue: e.key.replacingOccurrences(of: "_", with: "-"))!
                let path = f.path(e.key)
                guard kind.options.contains(option) else {
                    let takes = kind.options.map { SceneFile.snake($0.rawValue) }.joined(separator: ", ")
                    let users = OptimizerKind.allCases.filter { $0.options.contains(option) }.map(\.rawValue).joined(separator: ", ")
                    throw r.error(e.keyNode, path, "\(kind.rawValue) does not take \(e.key) (it takes \(takes); \(e.key) is for \(users))")
                }
                var single = OptimizerSpec(kind)
                if let words = option.choices {
                    try single.hyper.set(option, from: try r.choice(e.value, path, option: option, words) ? "true" : "false")
                } else if option.isFlag {
                    // A flag's constraints involve other options (nesterov needs momentum): checked below.
                    try single.hyper.set(option, from: try r.bool(e.value, path) ? "true" : "false")
                } else {
                    try single.hyper.set(option, from: try r.number(e.value, path).description)
                    do { _ = try single.resolved() } catch { throw r.error(e.value, path, "\(error)") }
                }
                spec.hyper.copy(option, from: single.hyper)
            }
        }
        if problems.errors.count == before {
            try attempt {
                do { _ = try spec.resolved() } catch {
                    let at = f.keyNode("nesterov") ?? node
                    throw r.error(at, f.has("nesterov") ? f.path("nesterov") : field, "\(error)")
                }
            }
        }

        let labelNode = f["label"] ?? optNode
        let label = try attempt { try f["label"].map { try r.line($0, f.path("label"), maxLength: 40) } ?? kind.rawValue }
        let runnerStart = try attempt { () throws -> Vec2 in
            if network, f.has("start") {
                throw r.error(f.keyNode("start"), f.path("start"), "a network runner starts at the scene's θ₀ (weights:, or the seed); give it init_seed: n for another initialisation")
            }
            return try f["start"].map { try r.point($0, f.path("start")) } ?? start
        }
        let initSeed = try attempt { () throws -> UInt64? in
            guard let n = f["init_seed"] else { return nil }
            guard network else { throw r.error(f.keyNode("init_seed"), f.path("init_seed"), "init_seed picks a network runner's initialisation; on a 2-D landscape give start: [x, y]") }
            return try r.unsigned(n, f.path("init_seed"))
        } ?? nil
        if let l = lrOfLimit, let landscape, let runnerStart {
            try attempt {
                do { _ = try RunnerConfig.stabilityLimit(at: runnerStart, on: landscape) } catch {
                    throw r.error(l.node, l.path, "\(error)")
                }
            }
        }

        var transforms = GradientTransforms()
        try attempt {
            guard let n = f["noise"] else { return }
            transforms.noise = try r.number(n, f.path("noise"))
            do { try GradientTransforms(noise: transforms.noise).validate() } catch { throw r.error(n, f.path("noise"), "\(error)") }
        }
        try attempt {
            guard let n = f["clip_norm"] else { return }
            transforms.clipNorm = try r.number(n, f.path("clip_norm"))
            do { try GradientTransforms(clipNorm: transforms.clipNorm).validate() } catch { throw r.error(n, f.path("clip_norm"), "\(error)") }
        }
        try attempt {
            guard let n = f["clip_value"] else { return }
            transforms.clipValue = try r.number(n, f.path("clip_value"))
            do { try GradientTransforms(clipValue: transforms.clipValue).validate() } catch { throw r.error(n, f.path("clip_value"), "\(error)") }
        }
        let batch = try attempt { () throws -> Int? in
            guard let n = f["batch"] else { return nil }
            let b = try r.integer(n, f.path("batch"), 1...1_000_000)
            if let landscape, !(landscape is any StochasticLandscape) {
                throw r.error(n, f.path("batch"), "batch needs a landscape built from data (e.g. logistic); \"\(landscape.name)\" has no examples")
            }
            return b
        } ?? nil
        let schedule = try attempt { try f["schedule"].map { try self.schedule($0, f.path("schedule")) } ?? Schedule() }
        let color = try attempt { () throws -> String? in
            guard let c = f["color"] else { return nil }
            let text = try r.text(c, f.path("color"))
            guard RunnerColor.isValid(text) else {
                var msg = "unknown colour \(r.quoted(text))"
                let names = RunnerColor.names
                if let s = Suggest.closest(to: text, in: names) { msg += " (did you mean \"\(s)\"?)" }
                throw r.error(c, f.path("color"), msg + "; use a name (" + names.joined(separator: ", ") + ") or a 256-colour index 0…255")
            }
            return text
        } ?? nil
        let average = try attempt { () throws -> Averaging? in
            guard let n = f["average"] else { return nil }
            let text = try r.text(n, f.path("average"))
            do { return try Averaging.parse(text) } catch { throw r.error(n, f.path("average"), "\(error)") }
        } ?? nil
        guard problems.errors.count == before, let label, let runnerStart, let schedule else { return nil }
        let config = RunnerConfig(label: label, optimizer: spec, start: runnerStart, transforms: transforms,
                                  schedule: schedule, batch: batch, color: color, lrOfLimit: lrOfLimit?.value,
                                  average: average, initSeed: initSeed)
        return (config, labelNode)
    }

    func schedule(_ node: Node, _ field: String) throws -> Schedule {
        func kind(_ n: Node, _ path: String) throws -> Schedule.Kind {
            let name = try r.text(n, path)
            do { return try Schedule.parseKind(name) } catch { throw r.error(n, path, "\(error)") }
        }
        if case .scalar = node { return Schedule(try kind(node, field)) }
        let f = try r.fields(node, field, expected: "a schedule: a kind name or {kind: …, lr_end: …, decay_steps: …, gamma: …, warmup: …}")
        try f.rejectUnknown(SceneFile.scheduleKeys, r, what: "a schedule")
        var s = Schedule(try f["kind"].map { try kind($0, f.path("kind")) } ?? .constant)
        let accepted = Schedule.fields(of: s.kind)
        for e in f.entries where e.key != "kind" {
            let camel = ["lr_end": "lrEnd", "decay_steps": "decaySteps", "gamma": "gamma", "warmup": "warmup"][e.key]!
            guard accepted.contains(camel) else {
                let takes = SceneFile.scheduleKeys.filter { $0 != "kind" && accepted.contains(["lr_end": "lrEnd", "decay_steps": "decaySteps"][$0] ?? $0) }
                throw r.error(e.keyNode, f.path(e.key),
                              "the \(s.kind.rawValue) schedule does not take \(e.key) (it takes \(takes.joined(separator: ", ")))")
            }
            var single = Schedule(s.kind)
            switch e.key {
            case "lr_end": single.lrEnd = try r.number(e.value, f.path(e.key)); s.lrEnd = single.lrEnd
            case "decay_steps": single.decaySteps = try r.integer(e.value, f.path(e.key), 1...SceneFile.maxSteps); s.decaySteps = single.decaySteps
            case "gamma": single.gamma = try r.number(e.value, f.path(e.key)); s.gamma = single.gamma
            default: single.warmup = try r.integer(e.value, f.path(e.key), 0...SceneFile.maxSteps); s.warmup = single.warmup
            }
            do { try single.validate() } catch { throw r.error(e.value, f.path(e.key), "\(error)") }
        }
        return s
    }
}
