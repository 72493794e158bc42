/// Runs a scene and checks each of its claims (``Claim``), reporting the measured value
/// either way: `sgd's loss at step 100 is above 0.1: it is 0.0312`.
public enum ClaimCheck {
    /// One claim's verdict.
    public struct Result: Hashable, Sendable {
        public var claim: Claim
        public var held: Bool
        /// The claim in words: "sgd's loss at step 100 is above 0.1".
        public var statement: String
        /// What was measured: "it is 0.0312".
        public var measured: String

        /// `statement: measured`.
        public var text: String { "\(statement): \(measured)" }
    }

    /// The steps a check runs: the scene's budget or the furthest a claim looks, whichever is more.
    public static func horizon(of scene: Scene) -> Int {
        max(scene.steps ?? 0, scene.claims.map(\.kind.horizon).max() ?? 0)
    }

    /// Runs `scene` for ``horizon(of:)`` steps and checks every claim, in order.
    public static func run(_ scene: Scene, rules: StoppingRules = StoppingRules()) throws -> [Result] {
        var sim = try scene.makeSimulation(rules: rules)
        guard sim.isNetwork else {
            sim.advance(steps: horizon(of: scene))
            return scene.claims.map { check($0, in: sim) }
        }
        // A network's claims read ‖∇L‖, ‖Δθ‖ and θ, which the trajectory (a projection) does not hold.
        var records = NetworkRecords(sim, claims: scene.claims)
        for _ in 0..<horizon(of: scene) where !sim.isFinished {
            sim.advance(steps: 1)
            records.note(sim)
        }
        return scene.claims.map { check($0, in: sim, records: records) }
    }

    /// Checks one claim against a simulation that has run at least as far as the claim looks.
    /// `records`: what a network scene's run recorded (``run(_:rules:)``); without them a network
    /// claim does not hold, and paths are measured on the plane.
    public static func check(_ e: Claim, in sim: Simulation, records: NetworkRecords? = nil) -> Result {
        guard let i = sim.runners.firstIndex(where: { $0.config.label == e.runner }) else {
            return Result(claim: e, held: false, statement: "\(e.runner) exists", measured: "no runner has that label")
        }
        let a: Track
        if e.average {
            guard let t = sim.averageTrajectories[i] else {
                return Result(claim: e, held: false, statement: "\(e.runner) keeps an average", measured: "it has no averaging")
            }
            a = Track(runner: sim.runners[i], trajectory: t)
        } else {
            a = Track(runner: sim.runners[i], trajectory: sim.trajectories[i], weightSteps: records?.stepLengths[i],
                      validation: sim.validationTrajectories[i])
        }
        let who = e.average ? "\(e.runner)'s \(sim.runners[i].config.average?.text ?? "") average" : e.runner
        func result(_ held: Bool, _ statement: String, _ measured: String) -> Result {
            Result(claim: e, held: held, statement: statement, measured: measured)
        }
        func other(_ label: String) -> Track? {
            sim.runners.firstIndex { $0.config.label == label }.map {
                Track(runner: sim.runners[$0], trajectory: sim.trajectories[$0], weightSteps: records?.stepLengths[$0])
            }
        }

        switch e.kind {
        case let .network(c):
            return check(c, runner: i, who: who, in: sim, records: records, result: result)
        case let .divergesWithin(n):
            let s = "\(who) diverges within \(steps(n))"
            switch a.runner.status {
            case let .diverged(k, reason), let .overflow(k, reason):
                return result(k <= n, s, "it \(a.runner.status.word == "overflow" ? "overflowed" : "diverged") at step \(k) (\(reason))")
            default: break
            }
            return result(false, s, "it did not; \(a.runner.status.text), loss \(num(a.runner.loss)) at step \(a.lastStep)")

        case let .convergesWithin(n, target):
            let s = "\(who) converges within \(steps(n))" + (target.map { " to \($0.phrase)" } ?? "")
            if case let .converged(k, kind) = a.runner.status {
                let kindText = kind?.rawValue ?? "an unclassified point"
                let at = "it converged at step \(k) at (\(num(a.trajectory.last!.x)), \(num(a.trajectory.last!.y))), \(kindText)"
                return result(k <= n && (target?.matches(kind) ?? true), s, at)
            }
            return result(false, s, "it did not; \(a.runner.status.text), gradient norm \(num(a.runner.gradientNorm)) at step \(a.lastStep)")

        case let .stallsWithin(n):
            let s = "\(who) stalls within \(steps(n)) (its gradient vanishes away from any critical point)"
            if case let .stalled(k, reason) = a.runner.status {
                return result(k <= n, s, "it stalled at step \(k) at loss \(num(a.runner.loss)): \(reason)")
            }
            return result(false, s, "it did not; \(a.runner.status.text), gradient norm \(num(a.runner.gradientNorm)) at step \(a.lastStep)")

        case let .reaches(p, n, tol):
            let s = "\(who) comes within \(given(tol)) of \(givenPoint(p)) within \(steps(n))"
            let upto = min(n, a.lastStep)
            var best = Double.infinity, bestStep = 0
            for k in 0...upto {
                let d = (a.trajectory.points[k] - p).norm
                if d <= tol { return result(true, s, "distance \(num(d)) at step \(k)") }
                if d < best { best = d; bestStep = k }
            }
            return result(false, s, "closest \(num(best)) at step \(bestStep)" + a.stopNote(n))

        case let .lossBelow(v, n):
            let s = "\(who)'s loss falls below \(given(v)) within \(steps(n))"
            let upto = min(n, a.lastStep)
            var best = Double.infinity, bestStep = 0
            for k in 0...upto {
                let l = a.trajectory.losses[k]
                if l < v { return result(true, s, "\(num(l)) at step \(k)") }
                if l < best { best = l; bestStep = k }
            }
            return result(false, s, "lowest \(num(best)) at step \(bestStep)" + a.stopNote(n))

        case let .lossAbove(v, n):
            let s = "\(who)'s loss at step \(n) is above \(given(v))"
            if let d = a.divergedBy(n) { return result(false, s, d) }
            let l = a.loss(at: n)
            return result(l > v, s, "it is \(num(l))")

        case let .endsIn(box, n):
            let s = "\(who) is in x ∈ [\(given(box.xMin)), \(given(box.xMax))], y ∈ [\(given(box.yMin)), \(given(box.yMax))] at step \(n)"
            if let d = a.divergedBy(n) { return result(false, s, d) }
            let p = a.point(at: n)
            return result(box.contains(p), s, "it is at \(point(p))")

        case let .staysWithin(radius, center, from, n):
            let s = from == 0 ? "\(who) stays within \(given(radius)) of \(givenPoint(center)) for \(steps(n))"
                : "\(who) stays within \(given(radius)) of \(givenPoint(center)) from step \(from) to \(n)"
            if let d = a.divergedBy(n) { return result(false, s, d) }
            var far = 0.0, farStep = min(from, a.lastStep)
            for k in min(from, a.lastStep)...min(n, a.lastStep) {
                let d = (a.trajectory.points[k] - center).norm
                if d > far { far = d; farStep = k }
            }
            return result(far <= radius, s, "farthest \(num(far)) at step \(farStep)")

        case let .straysBeyond(radius, center, from, n):
            let s = "\(who) strays more than \(given(radius)) from \(givenPoint(center)) between steps \(from) and \(n)"
            if let d = a.divergedBy(n) { return result(false, s, d) }
            var far = 0.0, farStep = min(from, a.lastStep)
            for k in min(from, a.lastStep)...min(n, a.lastStep) {
                let d = (a.trajectory.points[k] - center).norm
                if d > radius { return result(true, s, "distance \(num(d)) at step \(k)") }
                if d > far { far = d; farStep = k }
            }
            return result(false, s, "farthest \(num(far)) at step \(farStep)" + a.stopNote(n))

        case let .maxStepAtMost(limit, from, n):
            let s = from == 0 ? "every step of \(who) up to step \(n) is at most \(given(limit)) long"
                : "every step of \(who) after step \(from) up to step \(n) is at most \(given(limit)) long"
            if let d = a.divergedBy(n) { return result(false, s, d) }
            let (longest, at) = a.longestStep(upTo: n, after: from)
            return result(longest <= limit, s, "the longest is \(num(longest)) (step \(at))")

        case let .maxStepRatioAtLeast(ratio, n):
            let s = "\(who)'s longest step up to step \(n) is at least \(given(ratio))× its median step"
            let lengths = a.stepLengths(upTo: n)
            guard !lengths.isEmpty else { return result(false, s, "it took no steps") }
            let (longest, at) = a.longestStep(upTo: n)
            let sorted = lengths.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            let r = median > 0 ? longest / median : (longest > 0 ? Double.infinity : 0)
            return result(r >= ratio, s, "\(num(r))× (longest \(num(longest)) at step \(at), median \(num(median)))")

        case let .lossBelowRunner(label, n):
            let s = "\(who)'s loss at step \(n) is below \(label)'s"
            guard let b = other(label) else { return result(false, s, "no runner is labelled \(label)") }
            if let d = a.divergedBy(n) { return result(false, s, d) }
            if let d = b.divergedBy(n) { return result(false, s, "\(label)" + d.dropFirst(2)) }
            let la = a.loss(at: n), lb = b.loss(at: n)
            return result(la < lb, s, "\(num(la)) against \(num(lb))")

        case let .heldOutMinimumBefore(m, n):
            let s = "\(who)'s held-out loss over steps 0…\(n) is lowest before step \(m)"
            guard let (lowest, at, _) = a.heldOut(upTo: n, on: sim.landscape) else { return result(false, s, "the landscape has no held-out data") }
            return result(at < m, s, "lowest \(num(lowest)) at step \(at)" + a.stopNote(n))

        case let .heldOutAboveMinimum(d, n):
            let s = "\(who)'s held-out loss at step \(n) is more than \(given(d)) above its minimum"
            if let dv = a.divergedBy(n) { return result(false, s, dv) }
            guard let (lowest, at, end) = a.heldOut(upTo: n, on: sim.landscape) else { return result(false, s, "the landscape has no held-out data") }
            return result(end - lowest > d, s, "it is \(num(end)), its minimum \(num(lowest)) at step \(at)")

        case let .pathLongerThanRunner(label, n):
            let s = "\(who)'s path to step \(n) is longer than \(label)'s"
            guard let b = other(label) else { return result(false, s, "no runner is labelled \(label)") }
            let la = a.pathLength(upTo: n), lb = b.pathLength(upTo: n)
            return result(la > lb, s, "\(num(la)) against \(num(lb))")
        }
    }

    // MARK: Measuring

    /// One runner's trajectory with the questions claims ask of it.
    struct Track {
        let runner: Runner
        let trajectory: Trajectory
        /// A network runner's ‖θₖ − θₖ₋₁‖ (k = 1, 2, …): its steps in weight space, which step
        /// and path claims measure instead of the projected points.
        var weightSteps: [Double]? = nil
        /// A network runner's validation loss at every step (nil: the landscape's held-out data).
        var validation: Trajectory? = nil
        /// The last recorded step.
        var lastStep: Int { trajectory.count - 1 }

        /// Why the runner has no state at step n, if it diverged by then.
        func divergedBy(_ n: Int) -> String? {
            guard runner.status.isFailure, let (k, reason) = runner.status.stop, k <= n else { return nil }
            let what = runner.status.word == "diverged" ? "diverged" : "stopped, \(runner.status.word),"
            return "it \(what) at step \(k) (\(reason ?? ""))"
        }
        /// The point at step n (the last one if the runner stopped earlier).
        func point(at n: Int) -> Vec2 { trajectory.points[min(n, lastStep)] }
        func loss(at n: Int) -> Double { trajectory.losses[min(n, lastStep)] }

        func stepLengths(upTo n: Int) -> [Double] {
            let upto = min(n, lastStep)
            guard upto >= 1 else { return [] }
            if let w = weightSteps { return Array(w.prefix(upto)) }
            return (1...upto).map { (trajectory.points[$0] - trajectory.points[$0 - 1]).norm }
        }
        /// The longest of steps `after` + 1 … n and its step (0 when none was taken).
        func longestStep(upTo n: Int, after first: Int = 0) -> (Double, Int) {
            var best = 0.0, at = 0
            for (i, l) in stepLengths(upTo: n).enumerated() where i + 1 > first && l > best { best = l; at = i + 1 }
            return (best, at)
        }
        func pathLength(upTo n: Int) -> Double { stepLengths(upTo: n).reduce(0, +) }

        /// The held-out loss over steps 0…n: its lowest value, the first step with it, and its
        /// value at step n (nil when the landscape has no held-out data).
        func heldOut(upTo n: Int, on landscape: any Landscape) -> (lowest: Double, at: Int, end: Double)? {
            if let v = validation {
                let losses = v.losses
                let upto = min(n, losses.count - 1)
                var lowest = Double.infinity, at = 0
                for k in 0...upto where losses[k] < lowest { lowest = losses[k]; at = k }
                return (lowest, at, losses[upto])
            }
            guard let data = landscape as? any ClassificationLandscape else { return nil }
            var lowest = Double.infinity, at = 0
            for k in 0...min(n, lastStep) {
                let v = data.validationLoss(at: trajectory.points[k])
                if v < lowest { lowest = v; at = k }
            }
            return (lowest, at, data.validationLoss(at: point(at: n)))
        }

        /// ", then converged at 12" when the runner stopped before step n.
        func stopNote(_ n: Int) -> String {
            lastStep < n && !runner.status.isRunning ? "; then \(runner.status.text)" : ""
        }
    }

    /// A measured value, to 3 significant digits.
    static func num(_ v: Double) -> String { v.significant(3) }
    /// A value the scene gave, as written.
    static func given(_ v: Double) -> String { v.compact }
    static func givenPoint(_ p: Vec2) -> String { "(\(given(p.x)), \(given(p.y)))" }
    static func point(_ p: Vec2) -> String { "(\(num(p.x)), \(num(p.y)))" }
    static func steps(_ n: Int) -> String { n == 1 ? "1 step" : "\(n) steps" }
}

/// What `optiscape check` prints for one scene file.
public enum SceneCheck {
    public struct Report: Sendable {
        /// Lines for standard output, without newlines.
        public var lines: [String]
        /// Valid, and (when verified) every claim held.
        public var passed: Bool
    }

    /// Loads `path` (and with `verify` runs it), as lines:
    ///
    ///     ok  scenes/a.yaml
    ///     scenes/b.yaml:12:5: runners[1].optimizer: unknown optimizer "adamm" (did you mean "adam"?)
    ///     scenes/b.yaml:14:9: runners[1].color: unknown colour "blu" (did you mean "blue"?) …
    ///
    /// (every error of an invalid file, one per line);
    /// and with `verify`, one line per claim after the file's line; broken claims carry their
    /// location so an editor can jump to them:
    ///
    ///     ok  scenes/a.yaml (3 claims held)
    ///       held    newton comes within 1e-09 of (0, 0) within 1 step: distance 0 at step 1
    ///     broken  scenes/c.yaml (1 of 2 claims broken)
    ///       held    …
    ///       broken  scenes/c.yaml:31:5: expect[1]: sgd's loss at step 100 is above 0.1: it is 0.0312
    public static func report(path: String, verify: Bool, rules: StoppingRules = StoppingRules()) -> Report {
        let scene: Scene
        do { scene = try SceneFile.load(path: path) } catch let e as SceneFileError {
            return Report(lines: e.all.map(\.description), passed: false)
        } catch {
            return Report(lines: ["\(error)"], passed: false)
        }
        guard verify else { return Report(lines: ["ok  \(path)"], passed: true) }
        let results: [ClaimCheck.Result]
        do { results = try ClaimCheck.run(scene, rules: rules) } catch {
            return Report(lines: ["\(path): \(error)"], passed: false)
        }
        let broken = results.filter { !$0.held }.count
        let n = results.count
        var lines: [String] = []
        if broken == 0 {
            lines.append("ok  \(path) (" + (n == 0 ? "no claims" : n == 1 ? "1 claim held" : "\(n) claims held") + ")")
        } else {
            lines.append("broken  \(path) (\(broken) of \(n) claim\(n == 1 ? "" : "s") broken)")
        }
        for (i, r) in results.enumerated() {
            if r.held {
                lines.append("  held    \(r.text)")
            } else {
                let loc = r.claim.location.map { ":\($0)" } ?? ""
                lines.append("  broken  \(path)\(loc): expect[\(i)]: \(r.text)")
            }
        }
        return Report(lines: lines, passed: broken == 0)
    }
}
