import Foundation
import Yams

/// Scene files: YAML read into a ``Scene`` and validated completely at load time, so that
/// `optiscape check` catches every mistake a run would meet (the landscape is built, every
/// optimizer resolved, transforms, schedules, knobs and claims checked).
///
/// The format is documented in `scenes/README.md`. Keys are snake_case (`clip_norm`,
/// `weight_decay`, `lr_end`); each `_` may be written `-` (`clip-norm`), the spelling the
/// command-line flags use. Unknown keys are errors with a did-you-mean, never ignored.
///
/// Every error is a ``SceneFileError`` printed as `path:line:col: field.path: message`.
/// No input traps: binary junk, malformed YAML, huge numbers, NaN, wrong types and deep
/// nesting are all errors.
public enum SceneFile {
    /// Larger files are refused unread (a scene is a page of text).
    public static let maxBytes = 1 << 20
    /// The largest step budget or claim window, so `check --verify` always ends.
    public static let maxSteps = 100_000
    /// The most runners one scene may race.
    public static let maxRunners = 32

    /// The top-level keys, in the order the README documents them.
    public static let sceneKeys = ["title", "section", "description", "seed", "steps", "landscape", "view", "levels",
                                   "start", "runners", "knobs", "expect"]
    /// The keys of a runner besides its hyper-parameters.
    public static let runnerKeys = ["label", "optimizer", "start", "color", "clip_norm", "clip_value", "noise", "batch",
                                    "schedule"]
    /// Hyper-parameter keys: ``HyperparameterOption`` names in snake_case.
    public static let hyperparameterKeys = HyperparameterOption.allCases.map { snake($0.rawValue) }
    public static let scheduleKeys = ["kind", "lr_end", "decay_steps", "gamma", "warmup"]
    public static let knobKeys = ["param", "min", "max", "step", "factor"]
    /// Claim verbs and the window/option keys each takes (see ``Claim/Claim``).
    public static let claimVerbs: [(verb: String, options: [String])] = [
        ("diverges_within", []),
        ("converges_within", ["to"]),
        ("reaches", ["within", "tol"]),
        ("loss_below", ["within"]),
        ("loss_above", ["at"]),
        ("ends_in", ["at"]),
        ("stays_within", ["of", "for"]),
        ("max_step_at_most", ["for"]),
        ("max_step_ratio_at_least", ["for"]),
        ("loss_below_runner", ["at"]),
        ("path_longer_than_runner", ["at"]),
    ]
    /// The default `tol` of `reaches`.
    public static let defaultReachTolerance = 1e-3

    static func snake(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "_") }

    // MARK: Entry points

    /// Reads and validates the scene file at `path` (shown as given in errors).
    public static func load(path: String) throws -> Scene {
        func fail(_ message: String) -> SceneFileError {
            SceneFileError(file: path, location: nil, field: nil, message: message)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("no such file")
        }
        guard !isDirectory.boolValue else { throw fail("is a directory, not a scene file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail("cannot open the file (permission denied?)") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw fail("cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, path: path)
    }

    /// Validates scene text read from `path`.
    public static func parse(_ data: Data, path: String) throws -> Scene {
        guard data.count <= maxBytes else {
            throw SceneFileError(file: path, location: nil, field: nil,
                                 message: "is larger than \(maxBytes / 1024) KiB; a scene file is a page of YAML")
        }
        if let bad = firstInvalidUTF8(data) {
            throw SceneFileError(file: path, location: bad, field: nil, message: "not UTF-8 text (a scene file is YAML)")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Validates scene text (e.g. from a test) as if read from `path`.
    public static func parse(_ text: String, path: String) throws -> Scene {
        let reader = SceneYAMLReader(file: path)
        guard text.utf8.count <= maxBytes else {
            throw SceneFileError(file: path, location: nil, field: nil,
                                 message: "is larger than \(maxBytes / 1024) KiB; a scene file is a page of YAML")
        }
        // Yams hashes mapping keys to find duplicates; a key built from nested aliases (a
        // "billion laughs") makes that exponential. Scene files need few aliases, if any, so a
        // cap on them bounds the expansion (at most 3^(n/3) ≈ 19 times the file for n = 8).
        if let loc = tooManyAliases(text) {
            throw SceneFileError(file: path, location: loc, field: nil,
                                 message: "uses more than \(maxAliases) aliases (*name); a scene file needs a few at most")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let e as YamlError {
            throw yamlError(e, path: path, text: text)
        } catch {
            throw SceneFileError(file: path, location: SceneFileLocation(line: 1, column: 1), field: nil,
                                 message: "malformed YAML (\(error))")
        }
        guard let root else {
            throw SceneFileError(file: path, location: SceneFileLocation(line: 1, column: 1), field: nil,
                                 message: "the file is empty; a scene needs at least title, landscape and runners")
        }
        var scene = try SceneBuilder(reader: reader).scene(root)
        scene.path = path
        return scene
    }

    // MARK: Low-level errors

    /// The most YAML aliases (`*name`) a scene file may use.
    public static let maxAliases = 8

    /// Where the alias beyond ``maxAliases`` is, if there are more. Counts every `*` that
    /// starts a token (after a line start, blank, `[`, `{` or `,`) and is followed by a name
    /// character — a superset of the aliases, which errs on the side of refusing.
    static func tooManyAliases(_ text: String) -> SceneFileLocation? {
        var count = 0, line = 1, column = 0
        var previous: Unicode.Scalar = "\n"
        var pendingStar = false
        for u in text.unicodeScalars {
            column += 1
            if pendingStar {
                pendingStar = false
                if !(u == " " || u == "\t" || u == "\n" || u == "\r" || u == "," || u == "]" || u == "}" || u == "[" || u == "{") {
                    count += 1
                    if count > maxAliases { return SceneFileLocation(line: line, column: column - 1) }
                }
            }
            if u == "*" && (previous == "\n" || previous == " " || previous == "\t" || previous == "[" || previous == "{" || previous == ",") {
                pendingStar = true
            }
            if u == "\n" { line += 1; column = 0 }
            previous = u
        }
        return nil
    }

    /// The line and column of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ data: Data) -> SceneFileLocation? {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                if Unicode.UTF8.decode(encoded) == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return nil
            case .error:
                return SceneFileLocation(line: line, column: column)
            }
        }
    }

    /// A Yams error as `path:line:col: malformed YAML: problem`.
    static func yamlError(_ e: YamlError, path: String, text: String) -> SceneFileError {
        func located(_ mark: Mark?, _ message: String) -> SceneFileError {
            let loc = mark.map { SceneFileLocation(line: max($0.line, 1), column: max($0.column, 1)) } ?? SceneFileLocation(line: 1, column: 1)
            return SceneFileError(file: path, location: loc, field: nil, message: message)
        }
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if problem.hasPrefix("Maximum nesting level reached") {
                return located(mark, "malformed YAML: nested too deeply (more than 1000 levels)")
            }
            var msg = "malformed YAML: \(problem)"
            if let c = context { msg += " (\(c.text) at line \(c.mark.line), column \(c.mark.column))" }
            return located(mark, msg)
        case let .reader(problem, offset, value, _):
            var loc = SceneFileLocation(line: 1, column: 1)
            if let offset {
                // Yams gives the offset in Characters.
                var line = 1, column = 1
                for ch in text.prefix(offset) {
                    if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
                }
                loc = SceneFileLocation(line: line, column: column)
            }
            let what = value >= 0 ? " (U+\(String(format: "%04X", Int(value))))" : ""
            return SceneFileError(file: path, location: loc, field: nil, message: "unreadable YAML: \(problem)\(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return located(context.mark, "key \(keys) appears twice in one mapping; give it once")
        default:
            return located(nil, "malformed YAML: \(e)".split(separator: "\n").first.map(String.init) ?? "malformed YAML")
        }
    }
}

/// Builds a ``Scene`` from the composed YAML, validating as it goes.
struct SceneBuilder {
    let reader: SceneYAMLReader
    private var r: SceneYAMLReader { reader }

    init(reader: SceneYAMLReader) { self.reader = reader }

    func scene(_ root: Node) throws -> Scene {
        let top = try r.fields(root, "", expected: "a scene: a mapping of title, landscape, runners, …")
        try top.rejectUnknown(SceneFile.sceneKeys, r, what: "a scene")

        let title = try r.line(try top.require("title", r, because: "every scene has a title"), "title", maxLength: 200)
        let section = try top["section"].map { try r.line($0, "section", maxLength: 40) }
        let description = try top["description"].map { try r.text($0, "description").trimmingSpaces } ?? ""
        let seed = try top["seed"].map { try r.unsigned($0, "seed") } ?? 0
        let steps = try top["steps"].map { try r.integer($0, "steps", 1...SceneFile.maxSteps) }

        let view = try top["view"].map { try self.box($0, "view") }
        let landscapeNode = try top.require("landscape", r, because: "every scene has a landscape: a built-in name or {expr: …}")
        let (source, landscape) = try self.landscape(landscapeNode, seed: seed, view: view)

        let levels = try top["levels"].map { try self.levels($0) } ?? LevelSpec()
        let start = try top["start"].map { try r.point($0, "start") } ?? landscape.defaultStart

        let runnersNode = try top.require("runners", r, because: "a scene races at least one runner")
        let runnerNodes = try r.list(runnersNode, "runners", of: "runners")
        guard !runnerNodes.isEmpty else { throw r.error(runnersNode, "runners", "is empty; a scene races at least one runner") }
        guard runnerNodes.count <= SceneFile.maxRunners else {
            throw r.error(runnersNode, "runners", "has \(runnerNodes.count) runners; at most \(SceneFile.maxRunners)")
        }
        var runners: [RunnerConfig] = []
        var labelNodes: [Node] = []
        for (i, node) in runnerNodes.enumerated() {
            let (config, labelNode) = try runner(node, "runners[\(i)]", start: start, landscape: landscape)
            if let j = runners.firstIndex(where: { $0.label == config.label }) {
                throw r.error(labelNode, "runners[\(i)].label",
                              "label \(r.quoted(config.label)) is already used by runners[\(j)]; give each runner a unique label")
            }
            runners.append(config)
            labelNodes.append(labelNode)
        }
        // The simulation checks what is left (e.g. an optimizer that cannot start here).
        do {
            _ = try Simulation(landscape: landscape, runners: runners, seed: seed)
        } catch {
            throw r.error(runnersNode, "runners", "\(error)")
        }

        let knobs = try top["knobs"].map { try self.knobs($0, source: source, landscape: landscape, seed: seed, view: view) } ?? []
        let claims = try top["expect"].map { try self.claims($0, runners: runners, steps: steps) } ?? []

        return Scene(title: title, section: section, description: description, seed: seed, steps: steps,
                     landscape: source, view: view, levels: levels, runners: runners, knobs: knobs,
                     claims: claims)
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
        let f = try r.fields(node, "levels", expected: "levels {count: N, scale: log|linear|zero-one}")
        try f.rejectUnknown(["count", "scale"], r, what: "levels")
        var spec = LevelSpec()
        if let c = f["count"] { spec.count = try r.integer(c, f.path("count"), 1...64) }
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

    // MARK: Runners

    /// A runner and the node its label came from (for the duplicate-label error).
    func runner(_ node: Node, _ field: String, start: Vec2, landscape: any Landscape) throws -> (RunnerConfig, Node) {
        let f = try r.fields(node, field, expected: "a runner: a mapping with optimizer, label, lr, …")
        let hyperKeys = SceneFile.hyperparameterKeys
        try f.rejectUnknown(SceneFile.runnerKeys + hyperKeys, r, what: "a runner")

        let optNode = try f.require("optimizer", r, because: "every runner names its optimizer")
        let optName = try r.text(optNode, f.path("optimizer"))
        let kind: OptimizerKind
        do { kind = try OptimizerKind.parse(optName) } catch { throw r.error(optNode, f.path("optimizer"), "\(error)") }

        var spec = OptimizerSpec(kind)
        for e in f.entries where hyperKeys.contains(e.key) {
            let option = HyperparameterOption(rawValue: e.key.replacingOccurrences(of: "_", with: "-"))!
            let path = f.path(e.key)
            guard kind.options.contains(option) else {
                let takes = kind.options.map { SceneFile.snake($0.rawValue) }.joined(separator: ", ")
                let users = OptimizerKind.allCases.filter { $0.options.contains(option) }.map(\.rawValue).joined(separator: ", ")
                throw r.error(e.keyNode, path, "\(kind.rawValue) does not take \(e.key) (it takes \(takes); \(e.key) is for \(users))")
            }
            var single = OptimizerSpec(kind)
            if option.isFlag {
                // A flag's constraints involve other options (nesterov needs momentum): checked below.
                try single.hyper.set(option, from: try r.bool(e.value, path) ? "true" : "false")
            } else {
                try single.hyper.set(option, from: try r.number(e.value, path).description)
                do { _ = try single.resolved() } catch { throw r.error(e.value, path, "\(error)") }
            }
            spec.hyper.copy(option, from: single.hyper)
        }
        do { _ = try spec.resolved() } catch {
            let at = f.keyNode("nesterov") ?? node
            throw r.error(at, f.has("nesterov") ? f.path("nesterov") : field, "\(error)")
        }

        let labelNode = f["label"] ?? optNode
        let label = try f["label"].map { try r.line($0, f.path("label"), maxLength: 40) } ?? kind.rawValue
        let runnerStart = try f["start"].map { try r.point($0, f.path("start")) } ?? start

        var transforms = GradientTransforms()
        if let n = f["noise"] {
            transforms.noise = try r.number(n, f.path("noise"))
            do { try GradientTransforms(noise: transforms.noise).validate() } catch { throw r.error(n, f.path("noise"), "\(error)") }
        }
        if let n = f["clip_norm"] {
            transforms.clipNorm = try r.number(n, f.path("clip_norm"))
            do { try GradientTransforms(clipNorm: transforms.clipNorm).validate() } catch { throw r.error(n, f.path("clip_norm"), "\(error)") }
        }
        if let n = f["clip_value"] {
            transforms.clipValue = try r.number(n, f.path("clip_value"))
            do { try GradientTransforms(clipValue: transforms.clipValue).validate() } catch { throw r.error(n, f.path("clip_value"), "\(error)") }
        }
        var batch: Int?
        if let n = f["batch"] {
            batch = try r.integer(n, f.path("batch"), 1...1_000_000)
            guard landscape is any StochasticLandscape else {
                throw r.error(n, f.path("batch"), "batch needs a landscape built from data (e.g. logistic); \"\(landscape.name)\" has no examples")
            }
        }
        let schedule = try f["schedule"].map { try self.schedule($0, f.path("schedule")) } ?? Schedule()
        var color: String?
        if let c = f["color"] {
            let text = try r.text(c, f.path("color"))
            guard RunnerColor.isValid(text) else {
                var msg = "unknown colour \(r.quoted(text))"
                let names = RunnerColor.names
                if let s = Suggest.closest(to: text, in: names) { msg += " (did you mean \"\(s)\"?)" }
                throw r.error(c, f.path("color"), msg + "; use a name (" + names.joined(separator: ", ") + ") or a 256-colour index 0…255")
            }
            color = text
        }
        let config = RunnerConfig(label: label, optimizer: spec, start: runnerStart, transforms: transforms,
                                  schedule: schedule, batch: batch, color: color)
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

    // MARK: Knobs

    func knobs(_ node: Node, source: LandscapeSource, landscape: any Landscape, seed: UInt64, view: ViewBox?) throws -> [Knob] {
        let items = try r.list(node, "knobs", of: "knobs {param, min, max, step | factor}")
        var knobs: [Knob] = []
        for (i, item) in items.enumerated() {
            let field = "knobs[\(i)]"
            let f = try r.fields(item, field, expected: "a knob {param, min, max, step | factor}")
            try f.rejectUnknown(SceneFile.knobKeys, r, what: "a knob")
            let pNode = try f.require("param", r, because: "a knob turns one landscape parameter")
            let param = try r.text(pNode, f.path("param"))
            let names = landscape.parameters.keys.sorted()
            guard let current = landscape.parameters[param] else {
                var msg = "\"\(landscape.name)\" has no parameter \(r.quoted(param))"
                if let s = Suggest.closest(to: param, in: names) { msg += " (did you mean \"\(s)\"?)" }
                msg += names.isEmpty ? "; it takes none, so it can have no knobs" : "; it takes " + names.joined(separator: ", ")
                throw r.error(pNode, f.path("param"), msg)
            }
            if let j = knobs.firstIndex(where: { $0.parameter == param }) {
                throw r.error(pNode, f.path("param"), "\(param) already has a knob (knobs[\(j)])")
            }
            let minNode = try f.require("min", r, because: "a knob has a range min…max")
            let maxNode = try f.require("max", r, because: "a knob has a range min…max")
            let lo = try r.number(minNode, f.path("min")), hi = try r.number(maxNode, f.path("max"))
            guard lo < hi else { throw r.error(maxNode, f.path("max"), "must be above min (\(lo.compact))") }
            for (v, n, k) in [(lo, minNode, "min"), (hi, maxNode, "max")] {
                do { _ = try make(source.setting(param, to: v), seed: seed, view: view) } catch {
                    throw r.error(n, f.path(k), "\(error)")
                }
            }
            guard current >= lo && current <= hi else {
                throw r.error(item, field, "\(param) is \(current.compact), outside the knob's range [\(lo.compact), \(hi.compact)]")
            }
            let change: Knob.Change
            switch (f["step"], f["factor"]) {
            case let (s?, nil):
                let v = try r.number(s, f.path("step"))
                guard v > 0 else { throw r.error(s, f.path("step"), "must be above 0") }
                change = .step(v)
            case let (nil, x?):
                let v = try r.number(x, f.path("factor"))
                guard v > 1 else { throw r.error(x, f.path("factor"), "must be above 1 (each turn multiplies or divides by it)") }
                guard lo > 0 else { throw r.error(minNode, f.path("min"), "must be above 0 for a knob that turns by a factor") }
                change = .factor(v)
            case (nil, nil):
                throw r.error(item, field, "give step (added per turn) or factor (multiplied per turn)")
            case (.some, .some):
                throw r.error(f.keyNode("factor"), f.path("factor"), "give step or factor, not both")
            }
            // A whole-number parameter (the RNN's T) must stay whole at every turn.
            if case let .builtIn(name, _) = source,
               let p = (try? LandscapeCatalog.entry(named: name))?.parameters.first(where: { $0.name == param }), p.integer {
                switch change {
                case .factor:
                    throw r.error(f.keyNode("factor"), f.path("factor"), "\(param) is a whole number; turn it by a whole step, not a factor")
                case let .step(v) where v != v.rounded():
                    throw r.error(f["step"], f.path("step"), "\(param) is a whole number; the step must be whole too")
                default:
                    for (v, n, k) in [(lo, minNode, "min"), (hi, maxNode, "max")] where v != v.rounded() {
                        throw r.error(n, f.path(k), "\(param) is a whole number; \(k) must be whole too")
                    }
                }
            }
            knobs.append(Knob(parameter: param, min: lo, max: hi, change: change))
        }
        return knobs
    }

    // MARK: Claims

    func claims(_ node: Node, runners: [RunnerConfig], steps: Int?) throws -> [Claim] {
        let items = try r.list(node, "expect", of: "claims such as {runner: sgd, loss_below: 0.01, within: 100}")
        return try items.enumerated().map { try claim($1, "expect[\($0)]", runners: runners, steps: steps) }
    }

    func claim(_ node: Node, _ field: String, runners: [RunnerConfig], steps: Int?) throws -> Claim {
        let verbs = SceneFile.claimVerbs.map(\.verb)
        let optionKeys = ["to", "within", "tol", "at", "of", "for"]
        let f = try r.fields(node, field, expected: "a claim such as {runner: sgd, loss_below: 0.01, within: 100}")
        try f.rejectUnknown(["runner"] + verbs + optionKeys, r, what: "a claim")
        let labels = runners.map(\.label)

        func runnerLabel(_ n: Node, _ path: String) throws -> String {
            let label = try r.text(n, path)
            guard labels.contains(label) else {
                var msg = "no runner is labelled \(r.quoted(label))"
                if let s = Suggest.closest(to: label, in: labels) { msg += " (did you mean \"\(s)\"?)" }
                throw r.error(n, path, msg + "; runners: " + labels.joined(separator: ", "))
            }
            return label
        }
        let runNode = try f.require("runner", r, because: "a claim is about one runner, by its label")
        let runner = try runnerLabel(runNode, f.path("runner"))

        let given = f.entries.filter { verbs.contains($0.key) }
        guard let verbEntry = given.first else {
            throw r.error(node, field, "says nothing about \(runner); give one of " + verbs.joined(separator: ", "))
        }
        if given.count > 1 {
            throw r.error(given[1].keyNode, f.path(given[1].key),
                          "one claim per entry: this one already says \(verbEntry.key); write another entry")
        }
        let verb = verbEntry.key, value = verbEntry.value, vPath = f.path(verb)
        let options = SceneFile.claimVerbs.first { $0.verb == verb }!.options
        for e in f.entries where optionKeys.contains(e.key) && !options.contains(e.key) {
            let takes = options.isEmpty ? "takes no options" : "takes " + options.joined(separator: ", ")
            throw r.error(e.keyNode, f.path(e.key), "\(verb) \(takes), not \(e.key)")
        }

        /// The window of the claim: its key's value, else the scene's steps.
        func window(_ key: String) throws -> Int {
            if let n = f[key] { return try r.integer(n, f.path(key), 0...SceneFile.maxSteps) }
            guard let steps else {
                throw r.error(node, field, "\(verb) needs \(key): N (or give the scene a steps budget)")
            }
            return steps
        }
        func positive(_ n: Node, _ path: String, orZero: Bool = false) throws -> Double {
            let v = try r.number(n, path)
            guard orZero ? v >= 0 : v > 0 else { throw r.error(n, path, "must be \(orZero ? "at least 0" : "above 0")") }
            return v
        }
        func other() throws -> String {
            let b = try runnerLabel(value, vPath)
            guard b != runner else { throw r.error(value, vPath, "compares \(runner) with itself; name another runner") }
            return b
        }

        let claim: Claim.Kind
        switch verb {
        case "diverges_within":
            claim = .divergesWithin(try r.integer(value, vPath, 1...SceneFile.maxSteps))
        case "converges_within":
            let n = try r.integer(value, vPath, 0...SceneFile.maxSteps)
            var target: Claim.Target?
            if let t = f["to"] {
                let name = SceneFile.snake(try r.text(t, f.path("to")))
                guard let k = Claim.Target(rawValue: name) else {
                    let names = Claim.Target.allCases.map(\.rawValue)
                    var msg = "unknown kind of point \(r.quoted(name))"
                    if let s = Suggest.closest(to: name, in: names) { msg += " (did you mean \"\(s)\"?)" }
                    throw r.error(t, f.path("to"), msg + "; allowed: " + names.joined(separator: ", "))
                }
                target = k
            }
            claim = .convergesWithin(n, to: target)
        case "reaches":
            let p = try r.point(value, vPath)
            let tol = try f["tol"].map { try positive($0, f.path("tol")) } ?? SceneFile.defaultReachTolerance
            claim = .reaches(p, within: try window("within"), tol: tol)
        case "loss_below":
            claim = .lossBelow(try r.number(value, vPath), within: try window("within"))
        case "loss_above":
            claim = .lossAbove(try r.number(value, vPath), at: try window("at"))
        case "ends_in":
            claim = .endsIn(try box(value, vPath), at: try window("at"))
        case "stays_within":
            let radius = try positive(value, vPath)
            let start = runners.first { $0.label == runner }!.start
            let center = try f["of"].map { try r.point($0, f.path("of")) } ?? start
            claim = .staysWithin(radius, of: center, for: try window("for"))
        case "max_step_at_most":
            claim = .maxStepAtMost(try positive(value, vPath, orZero: true), for: try window("for"))
        case "max_step_ratio_at_least":
            claim = .maxStepRatioAtLeast(try positive(value, vPath), for: try window("for"))
        case "loss_below_runner":
            claim = .lossBelowRunner(try other(), at: try window("at"))
        default: // path_longer_than_runner
            claim = .pathLongerThanRunner(try other(), at: try window("at"))
        }
        return Claim(runner: runner, claim, location: r.location(node))
    }
}
