import Yams

extension SceneBuilder {
    // MARK: Claims

    /// `labels`: every runner's label, including those of runners that are invalid (their
    /// claims are checked as far as they can be); `heldOut`: the landscape has held-out data
    /// (held-out claims allowed); `network`: a network scene (its own claims allowed, claims
    /// about points on the plane not).
    func claims(_ node: Node, runners: [RunnerConfig], labels: [String], steps: Int?, heldOut: Bool, network: Bool = false) throws -> [Claim] {
        let items = try r.list(node, "expect", of: "claims such as {runner: sgd, loss_below: 0.01, within: 100}")
        // Each claim on its own: an error in one does not hide another's.
        return try items.enumerated().compactMap { k, item in
            try attempt { try claim(item, "expect[\(k)]", runners: runners, labels: labels, steps: steps, heldOut: heldOut, network: network) }
        }
    }

    func claim(_ node: Node, _ field: String, runners: [RunnerConfig], labels: [String], steps: Int?, heldOut: Bool,
               network: Bool = false) throws -> Claim {
        let verbs = SceneFile.claimVerbs.map(\.verb)
        let optionKeys = ["to", "within", "tol", "at", "of", "from", "for", "by"]
        let f = try r.fields(node, field, expected: "a claim such as {runner: sgd, loss_below: 0.01, within: 100}")
        try f.rejectUnknown(["runner", "average"] + verbs + optionKeys, r, what: "a claim")

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
        // `average: true`: the claim reads the runner's averaged iterate (it must average).
        var average = false
        if let n = f["average"] {
            average = try r.bool(n, f.path("average"))
            if average, let config = runners.first(where: { $0.label == runner }), config.average == nil {
                throw r.error(n, f.path("average"), "\(runner) keeps no average; give the runner average: polyak or average: ema:β")
            }
        }

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
            guard b != runner || average else { throw r.error(value, vPath, "compares \(runner) with itself; name another runner") }
            return b
        }

        if verb.hasPrefix("held_out"), !heldOut {
            throw r.error(verbEntry.keyNode, vPath, "\(verb) needs a landscape built from data with held-out examples (e.g. logistic)")
        }
        let networkVerbs = NetworkClaim.verbs.map(\.verb)
        if networkVerbs.contains(verb), !network {
            throw r.error(verbEntry.keyNode, vPath, "\(verb) is a claim about a network's weights; this scene has a 2-D landscape")
        }
        if network, ["reaches", "ends_in", "stays_within", "strays_beyond"].contains(verb) {
            throw r.error(verbEntry.keyNode, vPath, "\(verb) is about a point of a 2-D landscape; a network runner's point on the plane is only a projection (claim about its loss or weights instead)")
        }
        let claim: Claim.Kind
        switch verb {
        case "gradient_norm_grows", "curvature_grows":
            let factor = try positive(value, vPath)
            let from = try f["from"].map { try r.integer($0, f.path("from"), 0...SceneFile.maxSteps) } ?? 0
            let at = try window("at")
            guard from < at else { throw r.error(f["from"] ?? node, f.path("from"), "from \(from) is not before at \(at)") }
            claim = .network(verb == "curvature_grows" ? .curvatureGrows(factor, from: from, at: at) : .gradientNormGrows(factor, from: from, at: at))
        case "index_above":
            claim = .network(.indexAbove(try r.integer(value, vPath, 0...10_000_000), at: try window("at")))
        case "index_at_most":
            claim = .network(.indexAtMost(try r.integer(value, vPath, 0...10_000_000), at: try window("at")))
        case "lambda_min_above":
            claim = .network(.lambdaMinAbove(try r.number(value, vPath), at: try window("at")))
        case "straight_line_decreases":
            claim = .network(.straightLineDecreases(try r.integer(value, vPath, 1...10_000), at: try window("at")))
        case "swap_keeps_loss":
            claim = .network(.swapKeepsLoss(try positive(value, vPath, orZero: true), at: try window("at")))
        case "swap_barrier_above":
            claim = .network(.swapBarrierAbove(try positive(value, vPath, orZero: true), at: try window("at")))
        case "loss_near_runner":
            let b = try other()
            let tol = try positive(try f.require("tol", r, because: "loss_near_runner says how near: tol"), f.path("tol"), orZero: true)
            claim = .network(.lossNearRunner(b, tol: tol, at: try window("at")))
        case "weights_apart_from_runner":
            let b = try other()
            let by = try positive(try f.require("by", r, because: "weights_apart_from_runner says how far: by"), f.path("by"), orZero: true)
            claim = .network(.weightsApartFromRunner(b, by: by, at: try window("at")))
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
        case "stalls_within":
            claim = .stallsWithin(try r.integer(value, vPath, 0...SceneFile.maxSteps))
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
            // (An invalid runner has no start; its own error makes the scene invalid anyway.)
            let start = runners.first { $0.label == runner }?.start ?? .zero
            let center = try f["of"].map { try r.point($0, f.path("of")) } ?? start
            let from = try f["from"].map { try r.integer($0, f.path("from"), 0...SceneFile.maxSteps) } ?? 0
            let n = try window("for")
            guard from <= n else { throw r.error(f["from"]!, f.path("from"), "from \(from) is after for \(n)") }
            claim = .staysWithin(radius, of: center, from: from, for: n)
        case "strays_beyond":
            let radius = try positive(value, vPath)
            let start = runners.first { $0.label == runner }?.start ?? .zero
            let center = try f["of"].map { try r.point($0, f.path("of")) } ?? start
            let from = try f["from"].map { try r.integer($0, f.path("from"), 0...SceneFile.maxSteps) } ?? 0
            let n = try window("within")
            guard from <= n else { throw r.error(f["from"]!, f.path("from"), "from \(from) is after within \(n)") }
            claim = .straysBeyond(radius, of: center, from: from, within: n)
        case "max_step_at_most":
            let limit = try positive(value, vPath, orZero: true)
            let from = try f["from"].map { try r.integer($0, f.path("from"), 0...SceneFile.maxSteps) } ?? 0
            let n = try window("for")
            guard from <= n else { throw r.error(f["from"]!, f.path("from"), "from \(from) is after for \(n)") }
            claim = .maxStepAtMost(limit, from: from, for: n)
        case "max_step_ratio_at_least":
            claim = .maxStepRatioAtLeast(try positive(value, vPath), for: try window("for"))
        case "loss_below_runner":
            claim = .lossBelowRunner(try other(), at: try window("at"))
        case "held_out_minimum_before":
            claim = .heldOutMinimumBefore(try r.integer(value, vPath, 1...SceneFile.maxSteps), at: try window("at"))
        case "held_out_above_minimum":
            claim = .heldOutAboveMinimum(try positive(value, vPath, orZero: true), at: try window("at"))
        default: // path_longer_than_runner
            claim = .pathLongerThanRunner(try other(), at: try window("at"))
        }
        return Claim(runner: runner, claim, location: r.location(node), average: average)
    }
}
