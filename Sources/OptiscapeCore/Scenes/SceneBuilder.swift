import Yams

/// Builds a ``Scene`` from the composed YAML, validating as it goes (see ``SceneFile``).
/// The runners, knobs and claims are read in the extensions next to this file.
struct SceneBuilder {
    let reader: SceneYAMLReader
    /// Short for `reader`: every read names its field and throws located errors.
    var r: SceneYAMLReader { reader }
    /// The errors met so far (validation goes on past one, see ``attempt(_:)``).
    let problems = SceneProblems()

    init(reader: SceneYAMLReader) { self.reader = reader }

    /// The scene, or the file's first error carrying every other one (``SceneFileError/further``).
    /// Each top-level field, runner, runner setting, knob and claim is checked on its own; a part
    /// that needs another (runners need the landscape, claims the runners' labels) is checked
    /// as far as what it needs is valid.
    func scene(_ root: Node) throws -> Scene {
        let top = try r.fields(root, "", expected: "a scene: a mapping of title, landscape, runners, …")
        noteUnknown(top, SceneFile.sceneKeys, what: "a scene")

        let title = try attempt { try r.line(try top.require("title", r, because: "every scene has a title"), "title", maxLength: 200) }
        let section = try attempt { try top["section"].map { try r.line($0, "section", maxLength: 40) } } ?? nil
        let description = try attempt { try top["description"].map { try r.text($0, "description").trimmingSpaces } ?? "" } ?? ""
        let seed = try attempt { try top["seed"].map { try r.unsigned($0, "seed") } ?? 0 } ?? 0
        let steps = try attempt { try top["steps"].map { try r.integer($0, "steps", 1...SceneFile.maxSteps) } } ?? nil

        let view = try attempt { try top["view"].map { try self.box($0, "view") } } ?? nil
        // A network scene: its landscape is built once the runners are read (a plane may go
        // through where they train to).
        let isNetwork = top.has("network")
        var network: NetworkScene?
        if isNetwork {
            for key in ["landscape", "start", "knobs"] where top.has(key) {
                problems.add(r.error(top.keyNode(key), key, key == "landscape"
                    ? "a network scene's landscape is its network on a plane (network:, data:, plane:); give no landscape"
                    : key == "start" ? "a network runner starts at the scene's θ₀ (weights:, or the seed) or its own init_seed; start is for 2-D landscapes"
                    : "knobs turn parameters of 2-D landscapes; a network scene has none"))
            }
            network = try attempt { try self.networkScene(top) }
        } else {
            for key in ["data", "weights", "plane"] where top.has(key) {
                problems.add(r.error(top.keyNode(key), key, "\(key) belongs to a network scene (one with network:); this scene has a landscape"))
            }
        }
        var built = isNetwork ? nil : try attempt {
            let node = try top.require("landscape", r, because: "every scene has a landscape: a built-in name or {expr: …}, or a network:")
            return try self.landscape(node, seed: seed, view: view)
        }
        var landscape = built?.1

        let levels = try attempt { try top["levels"].map { try self.levels($0) } ?? LevelSpec() } ?? LevelSpec()
        let start = try attempt { try top["start"].map { try r.point($0, "start") } } ?? nil

        let runnerNodes = try attempt { () throws -> (Node, [Node]) in
            let node = try top.require("runners", r, because: "a scene races at least one runner")
            let nodes = try r.list(node, "runners", of: "runners")
            guard !nodes.isEmpty else { throw r.error(node, "runners", "is empty; a scene races at least one runner") }
            guard nodes.count <= SceneFile.maxRunners else {
                throw r.error(node, "runners", "has \(nodes.count) runners; at most \(SceneFile.maxRunners)")
            }
            return (node, nodes)
        }
        var runners: [RunnerConfig] = []
        // Every runner's label as far as it reads, so claims about an invalid runner are not
        // reported as naming no runner.
        var labels: [String] = []
        for (i, node) in (runnerNodes?.1 ?? []).enumerated() {
            let runnerStart = start ?? landscape?.defaultStart ?? .zero
            guard let (config, labelNode) = try attempt({ try runner(node, "runners[\(i)]", start: runnerStart, landscape: landscape, network: isNetwork) }) ?? nil
            else {
                if let l = lenientLabel(node) { labels.append(l) }
                continue
            }
            if let j = runners.firstIndex(where: { $0.label == config.label }) {
                problems.add(r.error(labelNode, "runners[\(i)].label",
                                     "label \(r.quoted(config.label)) is already used by runners[\(j)]; give each runner a unique label"))
            }
            runners.append(config)
            labels.append(config.label)
        }
        if let network, problems.errors.isEmpty {
            let source = LandscapeSource.network(network)
            let node = top["plane"] ?? top["network"]!
            do {
                let s = Scene(title: "", seed: seed, steps: steps ?? nil, landscape: source, view: view, runners: runners)
                let l = try s.makeLandscape()
                built = (source, l)
                landscape = l
            } catch {
                problems.add(r.error(node, top.has("plane") ? "plane" : "network", "\(error)"))
            }
        }
        // The simulation checks what is left (e.g. an optimizer that cannot start here).
        if problems.errors.isEmpty, let landscape, let node = runnerNodes?.0 {
            do {
                _ = try Simulation(landscape: landscape, runners: runners, seed: seed)
            } catch {
                problems.add(r.error(node, "runners", "\(error)"))
            }
        }

        var knobs: [Knob] = []
        if let (source, landscape) = built, let node = top["knobs"] {
            knobs = try attempt { try self.knobs(node, source: source, landscape: landscape, seed: seed, view: view) } ?? []
        }
        let claims = try attempt { try top["expect"].map { try self.claims($0, runners: runners, labels: labels, steps: steps ?? nil, heldOut: landscape is any ClassificationLandscape || network.map { $0.validation != nil || $0.validationSplit != nil } == true, network: isNetwork) } } ?? nil

        if let e = problems.combined { throw e }
        // Every part read without an error, so the landscape was built.
        return Scene(title: title!, section: section, description: description, seed: seed, steps: steps ?? nil,
                     landscape: built!.0, view: view, levels: levels, runners: runners, knobs: knobs,
                     claims: claims ?? [])
    }

    // MARK: Landscape

    /// Builds `source` as the scene will (a data landscape takes the scene's seed; an
    /// expression the scene's view).
    func make(_ source: LandscapeSource, seed: UInt64, view: ViewBox?) throws -> any Landscape {
        try Scene(title: "", seed: seed, landscape: source, view: view, runners: []).makeLandscape()
    }

    func landscape(_ node: Node, seed: UInt64, view: ViewBox?) throws -> (LandscapeSource, any Landscape) {
        let field = "landscape"
        if case .scalar = node {
            let name = try r.text(node, field)
            let source = LandscapeSource.builtIn(name: name, parameters: [:])
            do { return (source, try make(source, seed: seed, view: view)) } catch { throw r.error(node, field, "\(error)") }
        }
        let f = try r.fields(node, field, expected: "a landscape: a built-in name, {name: …, params: …} or {expr: …, params: …}")
        try f.rejectUnknown(["name", "expr", "params"], r, what: "a landscape")
        var params: [String: Double] = [:]
        var paramNodes: [(key: Node, value: Node, name: String)] = []
        if let pn = f["params"] {
            let pf = try r.fields(pn, f.path("params"), expected: "parameters: a mapping of name: number")
            for e in pf.entries {
                // Parameter names are the landscape's own (not normalized); keep them as written.
                params[e.written] = try r.number(e.value, pf.path(e.written))
                paramNodes.append((e.keyNode, e.value, e.written))
            }
        }
        switch (f["name"], f["expr"]) {
        case (nil, nil):
            throw r.error(node, field, "give the landscape a name (a built-in, see `optiscape list`) or an expr")
        case (.some, .some):
            throw r.error(f.keyNode("expr"), f.path("expr"), "give either name or expr, not both")
        case let (nameNode?, nil):
            let name = try r.text(nameNode, f.path("name"))
            let entry: LandscapeEntry
            do { entry = try LandscapeCatalog.entry(named: name) } catch { throw r.error(nameNode, f.path("name"), "\(error)") }
            for p in paramNodes {
                guard entry.parameters.contains(where: { $0.name == p.name }) else {
                    var msg = "landscape \"\(name)\" has no parameter \(r.quoted(p.name))"
                    if let s = Suggest.closest(to: p.name, in: entry.parameters.map(\.name)) { msg += " (did you mean \"\(s)\"?)" }
                    msg += entry.parameters.isEmpty ? "; it takes none" : "; it takes " + entry.parameters.map(\.name).joined(separator: ", ")
                    throw r.error(p.key, "landscape.params.\(p.name)", msg)
                }
                do { _ = try entry.instantiate([p.name: params[p.name]!]) } catch {
                    throw r.error(p.value, "landscape.params.\(p.name)", "\(error)")
                }
            }
            let source = LandscapeSource.builtIn(name: name, parameters: params)
            do { return (source, try make(source, seed: seed, view: view)) } catch { throw r.error(node, field, "\(error)") }
        case let (nil, exprNode?):
            let source = try r.text(exprNode, f.path("expr"))
            let s: LandscapeSource = .expression(source: source, parameters: params)
            let parsed: ExpressionLandscape
            do { parsed = try ExpressionLandscape(source: source, parameters: params, view: view) } catch {
                throw expressionError(error, exprNode)
            }
            // A parameter the expression never uses is almost always a typo: point at it.
            let used = parsed.usedParameters
            if let unused = paramNodes.first(where: { !used.contains($0.name) }) {
                var msg = "the expression does not use \(r.quoted(unused.name))"
                let names = used.sorted()
                if let sug = Suggest.closest(to: unused.name, in: names) { msg += " (did you mean \"\(sug)\"?)" }
                msg += names.isEmpty ? "; it uses no parameters" : "; it uses " + names.joined(separator: ", ")
                throw r.error(unused.key, "landscape.params.\(unused.name)", msg)
            }
            do { return (s, try make(s, seed: seed, view: view)) } catch let e as ExpressionError {
                throw expressionError(e, exprNode)
            } catch {
                throw r.error(exprNode, f.path("expr"), "\(error)")
            }
        }
    }

    /// An expression error at its column in the file when the expression is one line of plain
    /// or simply quoted text (else at the expression's start), e.g.
    /// `s.yaml:2:25: landscape.expr: unknown function "sine" at column 5 (did you mean "sin"?)`.
    func expressionError(_ e: ExpressionError, _ node: Node) -> SceneFileError {
        var error = r.error(node, "landscape.expr", "\(e)")
        guard e.column > 0, case let .scalar(s) = node, !s.string.contains("\n"), !s.string.contains("\\"),
              let loc = error.location else { return error }
        switch s.style {
        case .plain: error.location = SceneFileLocation(line: loc.line, column: loc.column + e.column - 1)
        case .singleQuoted where !s.string.contains("'"), .doubleQuoted:
            error.location = SceneFileLocation(line: loc.line, column: loc.column + e.column)
        default: break
        }
        return error
    }

    func box(_ node: Node, _ field: String) throws -> ViewBox {
        let f = try r.fields(node, field, expected: "a box {x: [low, high], y: [low, high]}")
        try f.rejectUnknown(["x", "y"], r, what: "a box")
        let x = try r.interval(try f.require("x", r, because: "a box spans [low, high] in x and y"), f.path("x"))
        let y = try r.interval(try f.require("y", r, because: "a box spans [low, high] in x and y"), f.path("y"))
        return ViewBox(xMin: x.0, xMax: x.1, yMin: y.0, yMax: y.1)
    }

    func levels(_ node: Node) throws -> LevelSpec {
        let f = try r.fields(node, "levels", expected: "levels {count: N, scale: log|linear|zero-one, max: V, decades: D}")
        try f.rejectUnknown(["count", "scale", "max", "decades"], r, what: "levels")
        var spec = LevelSpec()
        if let c = f["count"] { spec.count = try r.integer(c, f.path("count"), 1...64) }
        if let m = f["max"] { spec.max = try r.number(m, f.path("max")) }
        if let d = f["decades"] {
            let v = try r.number(d, f.path("decades"))
            guard v > 0, v <= 30 else { throw r.error(d, f.path("decades"), "must be above 0 and at most 30") }
            spec.decades = v
        }
        if let s = f["scale"] {
            let name = try r.text(s, f.path("scale"))
            // zero-one is a value, not a key: accept zero_one too, like every other spelling here.
            guard let scale = LevelScale(rawValue: name.replacingOccurrences(of: "_", with: "-")) else {
                var msg = "unknown scale \(r.quoted(name))"
                let names = LevelScale.allCases.map(\.rawValue)
                if let sug = Suggest.closest(to: name, in: names) { msg += " (did you mean \"\(sug)\"?)" }
                throw r.error(s, f.path("scale"), msg + "; allowed: " + names.joined(separator: ", "))
            }
            spec.scale = scale
        }
        return spec
    }
}
