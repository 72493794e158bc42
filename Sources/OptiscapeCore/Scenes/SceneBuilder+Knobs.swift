import Yams

extension SceneBuilder {
    // MARK: Knobs

    func knobs(_ node: Node, source: LandscapeSource, landscape: any Landscape, seed: UInt64, view: ViewBox?) throws -> [Knob] {
        let items = try r.list(node, "knobs", of: "knobs {param, min, max, step | factor}")
        var knobs: [Knob] = []
        for (i, item) in items.enumerated() {
            // Each knob on its own: an error in one does not hide another's.
            if let k = try attempt({ try knob(item, i, knobs, source: source, landscape: landscape, seed: seed, view: view) }) {
                knobs.append(k)
            }
        }
        return knobs
    }

    func knob(_ item: Node, _ i: Int, _ knobs: [Knob], source: LandscapeSource, landscape: any Landscape,
              seed: UInt64, view: ViewBox?) throws -> Knob {
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
        // A whole-number parameter (the RNN's T) must stay whole at every turn: a whole step,
        // or a whole factor (turning down rounds, 100 → 50 → 25 → 13).
        var whole = false
        if case let .builtIn(name, _) = source,
           let p = (try? LandscapeCatalog.entry(named: name))?.parameters.first(where: { $0.name == param }), p.integer {
            whole = true
            switch change {
            case let .factor(v) where v != v.rounded():
                throw r.error(f["factor"], f.path("factor"), "\(param) is a whole number; the factor must be whole too")
            case let .step(v) where v != v.rounded():
                throw r.error(f["step"], f.path("step"), "\(param) is a whole number; the step must be whole too")
            default:
                for (v, n, k) in [(lo, minNode, "min"), (hi, maxNode, "max")] where v != v.rounded() {
                    throw r.error(n, f.path(k), "\(param) is a whole number; \(k) must be whole too")
                }
            }
        }
        return Knob(parameter: param, min: lo, max: hi, change: change, whole: whole)
    }
}
