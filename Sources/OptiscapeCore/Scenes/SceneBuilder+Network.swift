import Foundation
import Yams

extension SceneBuilder {
    // MARK: Network scenes

    /// The keys of a network scene's sections.
    static let networkKeys = ["layers", "activation", "loss", "init_scale"]
    static let dataKeys = ["train", "validation", "split"]
    static let planeKinds = ["random", "pca", "hessian", "points", "file"]
    static let planeKeys = ["kind", "around", "at", "normalize", "runner", "points", "path"]

    /// A network scene's `network:`, `data:`, `weights:` and `plane:` sections. File paths are
    /// resolved against the scene file's directory (and kept absolute, so a recording that embeds
    /// the scene reads the same files).
    func networkScene(_ top: Fields) throws -> NetworkScene {
        let node = top["network"]!
        let f = try r.fields(node, "network", expected: "a network: {layers: 2-16-2, activation: tanh, loss: cross_entropy}")
        try f.rejectUnknown(Self.networkKeys, r, what: "a network")
        let layersNode = try f.require("layers", r, because: "a network lists its layer sizes, e.g. layers: 2-16-2")
        let layers: String
        if case .sequence = layersNode {
            layers = try r.list(layersNode, f.path("layers"), of: "layer sizes").enumerated().map { i, n in
                String(try r.integer(n, f.path("layers") + "[\(i)]", 1...100_000))
            }.joined(separator: "-")
        } else {
            layers = try r.text(layersNode, f.path("layers"))
        }
        let activation = try f["activation"].map { try choice($0, f.path("activation"), Activation.self) } ?? .tanh
        let loss = try f["loss"].map { try choice($0, f.path("loss"), NetworkLossKind.self) } ?? .crossEntropy
        do { _ = try NetworkSpec(parsing: layers, activation: activation, loss: loss) } catch {
            throw r.error(layersNode, f.path("layers"), error.description)
        }

        let dataNode = try top.require("data", r, because: "a network scene trains on data: a generator (moons:n=200) or a CSV file")
        var scene = NetworkScene(layers: layers, activation: activation, loss: loss, data: "")
        if case .scalar = dataNode {
            scene.data = try dataSource(dataNode, "data")
        } else {
            let d = try r.fields(dataNode, "data", expected: "data: a generator or CSV path, or {train: …, validation: … | split: f}")
            try d.rejectUnknown(Self.dataKeys, r, what: "data")
            scene.data = try dataSource(try d.require("train", r, because: "the data names its training set"), d.path("train"))
            if let v = d["validation"] { scene.validation = try dataSource(v, d.path("validation")) }
            if let s = d["split"] {
                if d.has("validation") { throw r.error(d.keyNode("split"), d.path("split"), "give either validation or split, not both") }
                let v = try r.number(s, d.path("split"))
                guard v > 0, v < 1 else { throw r.error(s, d.path("split"), "must be between 0 and 1 (the fraction of rows held out)") }
                scene.validationSplit = v
            }
        }
        if let s = f["init_scale"] {
            let v = try r.number(s, f.path("init_scale"))
            guard v > 0 else { throw r.error(s, f.path("init_scale"), "must be above 0 (θ₀ is multiplied by it)") }
            scene.initScale = v
        }
        if let w = top["weights"] { scene.weights = try path(w, "weights") }
        if let p = top["plane"] { scene.plane = try plane(p) }
        return scene
    }

    /// An enum value by its name (`cross_entropy` or `cross-entropy`), with a did-you-mean.
    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ field: String, _ type: E.Type) throws -> E where E.RawValue == String {
        let text = try r.text(node, field)
        if let v = E(rawValue: text) ?? E(rawValue: text.replacingOccurrences(of: "_", with: "-")) { return v }
        let names = E.allCases.map(\.rawValue)
        var msg = "unknown value \(r.quoted(text))"
        if let s = Suggest.closest(to: text, in: names) { msg += " (did you mean \"\(s)\"?)" }
        throw r.error(node, field, msg + "; allowed: " + names.joined(separator: ", "))
    }

    /// A generator (`moons:n=200,noise=0.2`), checked, or a path to a CSV file that exists.
    func dataSource(_ node: Node, _ field: String) throws -> String {
        let text = try r.text(node, field)
        if DataGenerator.names(text) {
            do { _ = try DataGenerator(parsing: text) } catch { throw r.error(node, field, error.description) }
            return text
        }
        return try path(node, field)
    }

    /// A file path relative to the scene's directory, made absolute; the file must exist.
    func path(_ node: Node, _ field: String) throws -> String {
        let text = try r.text(node, field)
        let base = URL(fileURLWithPath: r.file).deletingLastPathComponent()
        let resolved = text.hasPrefix("/") ? text : base.appendingPathComponent(text).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw r.error(node, field, "no such file \(r.quoted(text)) (paths are relative to the scene file)")
        }
        return resolved
    }

    func plane(_ node: Node) throws -> NetworkScene.Plane {
        let field = "plane"
        let kindNode: Node
        var f: Fields?
        if case .scalar = node {
            kindNode = node
        } else {
            let g = try r.fields(node, field, expected: "a plane: random, pca, hessian, points or file, or {kind: …, …}")
            try g.rejectUnknown(Self.planeKeys, r, what: "a plane")
            kindNode = try g.require("kind", r, because: "a plane says how it is chosen: " + Self.planeKinds.joined(separator: ", "))
            f = g
        }
        let kind = try r.text(kindNode, f?.path("kind") ?? field)
        guard Self.planeKinds.contains(kind) else {
            var msg = "unknown plane \(r.quoted(kind))"
            if let s = Suggest.closest(to: kind, in: Self.planeKinds) { msg += " (did you mean \"\(s)\"?)" }
            throw r.error(kindNode, f?.path("kind") ?? field, msg + "; allowed: " + Self.planeKinds.joined(separator: ", "))
        }
        let allowed: [String: [String]] = ["random": ["around", "normalize"], "pca": ["runner"], "hessian": ["at"],
                                           "points": ["points"], "file": ["path", "around"]]
        if let f {
            for e in f.entries where e.key != "kind" && !allowed[kind]!.contains(e.key) {
                throw r.error(e.keyNode, f.path(e.key), "a \(kind) plane does not take \(e.key) (it takes \(allowed[kind]!.joined(separator: ", ")))")
            }
        }
        func at(_ key: String) throws -> NetworkScene.PlanePoint {
            try f?[key].map { try planePoint($0, f!.path(key)) } ?? .start
        }
        switch kind {
        case "random":
            let how = try f?["normalize"].map { try choice($0, f!.path("normalize"), DirectionNormalization.self) } ?? .filter
            return .random(around: try at("around"), normalize: how)
        case "hessian":
            return .hessian(at: try at("at"))
        case "pca":
            return .pca(runner: try f?["runner"].map { try r.text($0, f!.path("runner")) })
        case "points":
            guard let f, let pn = f["points"] else {
                throw r.error(node, field, "a points plane lists three points: points: [start, end, {swap: [0, 1]}]")
            }
            let items = try r.list(pn, f.path("points"), of: "plane points")
            guard items.count == 3 else { throw r.error(pn, f.path("points"), "lists \(items.count) points; a plane goes through three") }
            let p = try items.enumerated().map { try planePoint($1, f.path("points") + "[\($0)]") }
            return .points(p[0], p[1], p[2])
        default:
            guard let f, let pn = f["path"] else {
                throw r.error(node, field, "a file plane names a safetensors file with tensors x and y: {kind: file, path: dirs.safetensors}")
            }
            return .file(try path(pn, f.path("path")), around: try at("around"))
        }
    }

    /// `start`, `end`, `{runner: label, step: n}` or `{swap: [p, q], layer: l, of: point}`.
    func planePoint(_ node: Node, _ field: String) throws -> NetworkScene.PlanePoint {
        let expected = "a point: start, end, {runner: label, step: n} or {swap: [p, q], layer: l, of: point}"
        if case .scalar = node {
            switch try r.text(node, field) {
            case "start": return .start
            case "end": return .trained(runner: nil, step: nil)
            case let other: throw r.error(node, field, "unknown point \(r.quoted(other)); \(expected)")
            }
        }
        let f = try r.fields(node, field, expected: expected)
        if let s = f["swap"] {
            try f.rejectUnknown(["swap", "layer", "of"], r, what: "a swapped point")
            let units = try r.list(s, f.path("swap"), of: "two hidden units")
            guard units.count == 2 else { throw r.error(s, f.path("swap"), "names \(units.count) units; a swap exchanges two") }
            let p = try r.integer(units[0], f.path("swap") + "[0]", 0...100_000)
            let q = try r.integer(units[1], f.path("swap") + "[1]", 0...100_000)
            guard p != q else { throw r.error(s, f.path("swap"), "swaps unit \(p) with itself; name two different units") }
            let layer = try f["layer"].map { try r.integer($0, f.path("layer"), 0...1000) } ?? 0
            let of = try f["of"].map { try planePoint($0, f.path("of")) } ?? .trained(runner: nil, step: nil)
            return .swapped(of, layer: layer, p: p, q: q)
        }
        try f.rejectUnknown(["runner", "step"], r, what: "a trained point")
        let runner = try f["runner"].map { try r.text($0, f.path("runner")) }
        let step = try f["step"].map { try r.integer($0, f.path("step"), 0...SceneFile.maxSteps) }
        return .trained(runner: runner, step: step)
    }
}
