/// Writes a ``Scene`` in the scene-file format (`scenes/README.md`) as one line of JSON. JSON is
/// YAML, so ``SceneFile/parse(_:path:)`` reads it back and validates it like any scene file:
/// `SceneFile.parse(SceneJSON.text(s), path: p)` equals `s` up to `path` and the claims' file
/// locations. Everything is written explicitly (each runner's start and label, each claim's
/// window), numbers in shortest round-trip form so they read back bit for bit. Recordings
/// embed their scene this way.
public enum SceneJSON {
    /// The scene as a JSON value (an object of scene-file keys).
    public static func value(_ s: Scene) -> JSONValue {
        var f: [(String, JSONValue)] = [("title", .string(s.title))]
        if let section = s.section { f.append(("section", .string(section))) }
        if !s.description.isEmpty { f.append(("description", .string(s.description))) }
        f.append(("seed", .number(String(s.seed))))
        if let steps = s.steps { f.append(("steps", int(steps))) }
        if case let .network(n) = s.landscape { f += network(n) } else { f.append(("landscape", landscape(s.landscape))) }
        if let v = s.view { f.append(("view", box(v))) }
        var lv: [(String, JSONValue)] = [("count", int(s.levels.count)), ("scale", .string(s.levels.scale.rawValue))]
        if let m = s.levels.max { lv.append(("max", num(m))) }
        if let d = s.levels.decades { lv.append(("decades", num(d))) }
        f.append(("levels", .object(lv)))
        let isNetwork: Bool = { if case .network = s.landscape { return true } else { return false } }()
        f.append(("runners", .array(s.runners.map { runner($0, network: isNetwork) })))
        if !s.knobs.isEmpty { f.append(("knobs", .array(s.knobs.map(knob)))) }
        if !s.claims.isEmpty { f.append(("expect", .array(s.claims.map(claim)))) }
        return .object(f)
    }

    /// The scene as one line of JSON text.
    public static func text(_ s: Scene) -> String { value(s).text }

    static func num(_ d: Double) -> JSONValue { .number(JSONText.number(d)) }
    static func int(_ n: Int) -> JSONValue { .number(String(n)) }
    static func point(_ p: Vec2) -> JSONValue { .array([num(p.x), num(p.y)]) }
    static func box(_ b: ViewBox) -> JSONValue {
        .object([("x", .array([num(b.xMin), num(b.xMax)])), ("y", .array([num(b.yMin), num(b.yMax)]))])
    }
    static func params(_ p: [String: Double]) -> JSONValue { .object(p.keys.sorted().map { ($0, num(p[$0]!)) }) }

    static func landscape(_ l: LandscapeSource) -> JSONValue {
        switch l {
        case let .builtIn(name, p):
            return .object([("name", .string(name))] + (p.isEmpty ? [] : [("params", params(p))]))
        case let .expression(source, p):
            return .object([("expr", .string(source))] + (p.isEmpty ? [] : [("params", params(p))]))
        case .network:
            preconditionFailure("a network scene is written by network(_:)")
        }
    }

    /// A network scene's sections (`network`, `data`, `weights`, `plane`), paths as resolved.
    static func network(_ n: NetworkScene) -> [(String, JSONValue)] {
        var f: [(String, JSONValue)] = [("network", .object([("layers", .string(n.layers)), ("activation", .string(n.activation.rawValue)),
                                                             ("loss", .string(n.loss.rawValue))]
                                                             + (n.initScale.map { [("init_scale", num($0))] } ?? [])))]
        var d: [(String, JSONValue)] = [("train", .string(n.data))]
        if let v = n.validation { d.append(("validation", .string(v))) }
        if let s = n.validationSplit { d.append(("split", num(s))) }
        f.append(("data", .object(d)))
        if let w = n.weights { f.append(("weights", .string(w))) }
        let plane: [(String, JSONValue)]
        switch n.plane {
        case let .random(p, how): plane = [("kind", .string("random")), ("around", point(p)), ("normalize", .string(how.rawValue))]
        case let .hessian(p): plane = [("kind", .string("hessian")), ("at", point(p))]
        case let .pca(r): plane = [("kind", .string("pca"))] + (r.map { [("runner", .string($0))] } ?? [])
        case let .points(a, b, c): plane = [("kind", .string("points")), ("points", .array([point(a), point(b), point(c)]))]
        case let .file(path, p): plane = [("kind", .string("file")), ("path", .string(path)), ("around", point(p))]
        }
        f.append(("plane", .object(plane)))
        return f
    }

    static func point(_ p: NetworkScene.PlanePoint) -> JSONValue {
        switch p {
        case .start: return .string("start")
        case .trained(nil, nil): return .string("end")
        case let .trained(r, s):
            return .object((r.map { [("runner", .string($0))] } ?? []) + (s.map { [("step", int($0))] } ?? []))
        case let .swapped(of, layer, a, b):
            return .object([("swap", .array([int(a), int(b)])), ("layer", int(layer)), ("of", point(of))])
        }
    }

    static func runner(_ r: RunnerConfig, network: Bool) -> JSONValue {
        var f: [(String, JSONValue)] = [("label", .string(r.label)), ("optimizer", .string(r.optimizer.kind.rawValue))]
        if !network { f.append(("start", point(r.start))) }
        if let s = r.initSeed { f.append(("init_seed", .number(String(s)))) }
        let h = r.optimizer.hyper
        if let l = r.lrOfLimit { f.append(("lr", .object([("limit", num(l))]))) }
        for o in HyperparameterOption.allCases {
            guard let v = h.setting(o), !(o == .lr && r.lrOfLimit != nil) else { continue }
            if let c = o.choices {  // strong-wolfe or none, match-rms-adamw or original, as scene files write it
                f.append((SceneFile.snake(o.rawValue), .string(v != 0 ? c.on : c.off)))
                continue
            }
            f.append((SceneFile.snake(o.rawValue), o.isFlag ? .bool(v != 0) : num(v)))
        }
        if let c = r.color { f.append(("color", .string(c))) }
        if let n = r.transforms.noise { f.append(("noise", num(n))) }
        if let c = r.transforms.clipNorm { f.append(("clip_norm", num(c))) }
        if let c = r.transforms.clipValue { f.append(("clip_value", num(c))) }
        if let b = r.batch { f.append(("batch", int(b))) }
        if let a = r.average { f.append(("average", .string(a.text))) }
        let s = r.schedule
        if s != Schedule() {
            var sf: [(String, JSONValue)] = [("kind", .string(s.kind.rawValue))]
            if let v = s.lrEnd { sf.append(("lr_end", num(v))) }
            if let v = s.decaySteps { sf.append(("decay_steps", int(v))) }
            if let v = s.gamma { sf.append(("gamma", num(v))) }
            if let v = s.warmup { sf.append(("warmup", int(v))) }
            f.append(("schedule", .object(sf)))
        }
        return .object(f)
    }

    static func knob(_ k: Knob) -> JSONValue {
        var f: [(String, JSONValue)] = [("param", .string(k.parameter)), ("min", num(k.min)), ("max", num(k.max))]
        switch k.change {
        case let .step(v): f.append(("step", num(v)))
        case let .factor(v): f.append(("factor", num(v)))
        }
        return .object(f)
    }

    static func claim(_ c: Claim) -> JSONValue {
        var f: [(String, JSONValue)] = [("runner", .string(c.runner))]
        if c.average { f.append(("average", .bool(true))) }
        let key = c.kind.key
        switch c.kind {
        case let .divergesWithin(n), let .stallsWithin(n): f.append((key, int(n)))
        case let .convergesWithin(n, to):
            f.append((key, int(n)))
            if let to { f.append(("to", .string(to.rawValue))) }
        case let .reaches(p, within, tol): f += [(key, point(p)), ("within", int(within)), ("tol", num(tol))]
        case let .lossBelow(v, within): f += [(key, num(v)), ("within", int(within))]
        case let .lossAbove(v, at): f += [(key, num(v)), ("at", int(at))]
        case let .endsIn(b, at): f += [(key, box(b)), ("at", int(at))]
        case let .staysWithin(r, of, from, n):
            f += [(key, num(r)), ("of", point(of))] + (from == 0 ? [] : [("from", int(from))]) + [("for", int(n))]
        case let .straysBeyond(r, of, from, n): f += [(key, num(r)), ("of", point(of)), ("from", int(from)), ("within", int(n))]
        case let .maxStepAtMost(v, from, n): f += [(key, num(v))] + (from == 0 ? [] : [("from", int(from))]) + [("for", int(n))]
        case let .maxStepRatioAtLeast(v, n): f += [(key, num(v)), ("for", int(n))]
        case let .lossBelowRunner(b, at): f += [(key, .string(b)), ("at", int(at))]
        case let .pathLongerThanRunner(b, at): f += [(key, .string(b)), ("at", int(at))]
        case let .heldOutMinimumBefore(m, at): f += [(key, int(m)), ("at", int(at))]
        case let .heldOutAboveMinimum(d, at): f += [(key, num(d)), ("at", int(at))]
        case let .network(c): f += c.jsonFields
        }
        return .object(f)
    }
}
