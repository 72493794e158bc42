import Foundation
import Testing
@testable import OptiscapeCore

/// Network scenes (#15): the scene sections, runners that train the whole θ and are drawn
/// projected, re-slicing, the network claims, and the inside panel's analysis.
@Suite struct NetworkSceneTests {
    static let text = """
        title: t
        seed: 2
        steps: 40
        network: {layers: 2-6-2, activation: tanh}
        data: {train: "moons:n=60,noise=0.1", split: 0.25}
        plane: {kind: points, points: [start, end, {swap: [0, 1]}]}
        runners:
          - {label: sgd, optimizer: sgd, lr: 0.5}
          - {label: adam, optimizer: adam, lr: 0.05, batch: 9}
        """

    func load(_ text: String = NetworkSceneTests.text) throws -> Scene { try SceneFile.parse(text, path: "s.yaml") }
    func error(_ text: String) -> String {
        do { _ = try load(text); return "" } catch { return "\(error)" }
    }

    /// Reading a network scene builds its landscape (a bad plane is an error of the file), and
    /// opening it, twice, reuses that one: training for the plane happens once per process.
    /// A changed data file is a new landscape.
    @Test func aScenesPlaneIsBuiltOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("d.csv")
        func rows(_ flip: Int) -> String {
            "x1,x2,label\n" + (0..<12).map { i in "\(Double(i % 4) / 3),\(Double(i / 4) / 2),\((i + flip) % 2)\n" }.joined()
        }
        try rows(0).write(to: csv, atomically: true, encoding: .utf8)
        let text = Self.text.replacingOccurrences(of: "{train: \"moons:n=60,noise=0.1\", split: 0.25}", with: "d.csv")
        let path = dir.appendingPathComponent("s.yaml").path
        let scene = try SceneFile.parse(text, path: path)
        guard case let .network(n) = scene.landscape else { Issue.record("not a network scene"); return }
        let key = scene.networkLandscapeKey(n)
        #expect(NetworkLandscapeCache.shared.builds(of: key) == 1)
        _ = try AppState(scene: scene)
        _ = try AppState(scene: scene)
        #expect(NetworkLandscapeCache.shared.builds(of: key) == 1)
        // The same file, rewritten: a key of its own, built anew.
        Thread.sleep(forTimeInterval: 0.01)
        try rows(1).write(to: csv, atomically: true, encoding: .utf8)
        let again = try SceneFile.parse(text, path: path)
        #expect(again.networkLandscapeKey(n) != key)
        #expect(NetworkLandscapeCache.shared.builds(of: again.networkLandscapeKey(n)) == 1)
    }

    /// A network runner is the headless ``NetworkRunner``, step for step, bit for bit: its loss
    /// is the true training loss, its position the projection of θ, its ‖g‖ that of ∇L.
    @Test func runnersTrainTheWholeNetworkAndShowItsProjection() throws {
        let scene = try load()
        var sim = try scene.makeSimulation()
        let slice = try #require(sim.landscape as? SliceLandscape)
        let net = try #require(slice.network)
        var headless = try sim.runners.enumerated().map { i, r in
            try NetworkRunner(config: r.config, training: slice.loss, theta: net.start(for: r.config), seed: scene.seed, stream: i)
        }
        var norms = headless.map { [$0.gradientNorm] }
        for _ in 0..<40 {
            sim.advance()
            for i in headless.indices {
                headless[i].advance()
                norms[i].append(headless[i].gradientNorm)
                let r = sim.runners[i]
                #expect(r.loss == headless[i].loss && r.gradientNorm == headless[i].gradientNorm && r.step == headless[i].step)
                let p = slice.plane.project(headless[i].theta.storage)
                #expect(r.position == Vec2(p.a, p.b) && r.projection == p)
                #expect(r.gradient == slice.plane.coordinates(ofDirection: headless[i].gradient.storage))
                #expect(r.validationLoss == net.problem.validation?.value(headless[i].theta.storage))
            }
        }
        // The trajectory keeps the true losses, not the slice's.
        #expect(sim.trajectories[0].losses.last == sim.runners[0].loss)
        #expect(sim.validationTrajectories.allSatisfy { $0?.count == 41 })
        // The loss panel's ‖g‖ chart: every step's full-θ gradient norm, as the headless runner had it.
        for i in headless.indices { #expect(sim.gradientNormTrajectories[i]?.losses == norms[i]) }
    }

    /// The plane goes through the trained end exactly where the runner gets to: at the scene's
    /// steps the runner is at (1, 0) of the plane through start, end and swapped end, on it.
    @Test func aTrainedPointIsWhereTheRunnerGoes() throws {
        let scene = try load()
        var sim = try scene.makeSimulation()
        sim.advance(steps: 40)
        let r = sim.runners[0]
        #expect(Swift.abs(r.position.x - 1) < 1e-9 && Swift.abs(r.position.y) < 1e-9)
        #expect(try #require(r.projection).distance < 1e-9)
        // The start is the plane's origin.
        #expect(sim.trajectories[0].points[0] == Vec2(0, 0))
        // The plot marks the three points the plane goes through, where they project.
        let slice = try #require(sim.landscape as? SliceLandscape)
        let anchors = try #require(slice.network).anchors
        #expect(anchors.map(\.letter) == ["A", "B", "C"])
        #expect(anchors.map(\.what) == ["θ₀", "the trained end", "the trained end with hidden units 0 and 1 of layer 0 swapped"])
        let swapped = slice.loss.spec.swappingHiddenUnits(sim.runners[0].network!.runner.theta.storage, layer: 0, 0, 1)
        let c = slice.plane.project(swapped)
        #expect(anchors[0].point == Vec2(0, 0) && anchors[1].point == Vec2(1, 0))
        #expect(Swift.abs(anchors[2].point.x - c.a) < 1e-12 && Swift.abs(anchors[2].point.y - c.b) < 1e-12 && c.distance < 1e-9)
    }

    /// Re-slicing keeps every runner's steps and losses and draws the same θs on the new plane.
    @Test func resliceKeepsThePathsAndMovesThePlane() throws {
        var state = try AppState(scene: load())
        state.reduce(.step(10))
        let losses = state.simulation.trajectories.map { t in (0..<t.count).map { t.point(at: $0) != nil ? 1 : 0 } }
        let before = state.simulation.runners.map(\.loss)
        state.reduce(.reslice)
        #expect(state.message?.hasPrefix("re-sliced") == true, "\(state.message ?? "")")
        #expect(state.simulation.runners.map(\.loss) == before)
        #expect(state.simulation.runners.map(\.step) == [10, 10])
        #expect(state.simulation.trajectories.map { t in (0..<t.count).map { t.point(at: $0) != nil ? 1 : 0 } } == losses)
        // The plane's "end" is now where sgd is: (1, 0).
        let p = state.simulation.runners[0].position
        #expect(Swift.abs(p.x - 1) < 1e-9 && Swift.abs(p.y) < 1e-9)
        // A 2-D scene says what p is for.
        var flat = try AppState(scene: SceneFile.parse("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\n", path: "f.yaml"))
        flat.reduce(.reslice)
        #expect(flat.message?.contains("2-D") == true)
    }

    /// A network scene written as JSON (recordings embed it) reads back the same.
    @Test func sceneJSONRoundTrips() throws {
        var scene = try load()
        scene.path = nil
        var again = try SceneFile.parse(SceneJSON.text(scene), path: "r.json")
        again.path = nil
        #expect(again == scene)
        let library = SceneLibraryTests.directory
        for name in ["network-local-minima.yaml", "network-saddle.yaml", "network-early-stopping.yaml"] {
            var s = try SceneFile.load(path: library.appendingPathComponent(name).path)
            s.path = nil
            var back = try SceneFile.parse(SceneJSON.text(s), path: "r.json")
            back.path = nil
            back.claims = back.claims.map { var c = $0; c.location = nil; return c }
            s.claims = s.claims.map { var c = $0; c.location = nil; return c }
            #expect(back == s, "\(name)")
        }
    }

    @Test(arguments: [
        ("landscape: quadratic\n", "s.yaml:10:1: landscape: a network scene's landscape is its network on a plane"),
        ("start: [0, 0]\n", "s.yaml:10:1: start: a network runner starts at the scene's θ₀"),
        ("expect: [{runner: sgd, reaches: [0, 0], within: 5}]\n", "s.yaml:10:24: expect[0].reaches: reaches is about a point of a 2-D landscape"),
        ("expect: [{runner: sgd, swap_keeps_loss: -1}]\n", "s.yaml:10:41: expect[0].swap_keeps_loss: must be at least 0"),
    ])
    func mistakesAreLocated(extra: String, message: String) {
        let e = error(Self.text + "\n" + extra)
        #expect(e.hasPrefix(message), "\(e)")
    }

    @Test func planeAndDataMistakesNameTheirField() {
        func with(_ old: String, _ new: String) -> String { error(Self.text.replacingOccurrences(of: old, with: new)) }
        #expect(with("kind: points", "kind: pcaa").contains("plane.kind: unknown plane \"pcaa\" (did you mean \"pca\"?)"))
        #expect(with("{swap: [0, 1]}", "{swap: [0, 9]}").contains("plane: plane: swap: units 0 and 9 must be two different units of hidden layer 0 (0…5)"))
        #expect(with("2-6-2", "2-6-x").contains("network.layers:"))
        #expect(with("moons:n=60,noise=0.1", "nothere.csv").contains("data.train: no such file \"nothere.csv\""))
        #expect(with("activation: tanh", "activation: tahn").contains("(did you mean \"tanh\"?)"))
        #expect(with("- {label: sgd, optimizer: sgd, lr: 0.5}", "- {label: sgd, optimizer: sgd, lr: 0.5, batch: 1000}").contains("larger than the"))
        #expect(with("2-6-2", "2-1000-1000-2").contains("a scene trains at most 20000"))
        // init_seed belongs to network runners; network claims to network scenes.
        #expect(error("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, init_seed: 1}]\n").contains("init_seed picks a network runner's initialisation"))
        #expect(error("title: t\nlandscape: quadratic\nsteps: 5\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, index_above: 0}]\n").contains("index_above is a claim about a network's weights"))
    }

    /// Claims measure what they say: each of these is false here and reported broken.
    @Test func networkClaimsCanFail() throws {
        var scene = try load()
        scene.claims = [
            Claim(runner: "sgd", .network(.gradientNormGrows(1000, from: 0, at: 40))),
            Claim(runner: "sgd", .network(.swapBarrierAbove(100, at: 40))),
            Claim(runner: "sgd", .network(.swapKeepsLoss(0, at: 40))),
            Claim(runner: "sgd", .network(.indexAtMost(-1, at: 0))),
            Claim(runner: "sgd", .network(.weightsApartFromRunner("adam", by: 1e6, at: 40))),
            Claim(runner: "sgd", .network(.lossNearRunner("adam", tol: 0, at: 40))),
        ]
        let results = try ClaimCheck.run(scene)
        #expect(results.map(\.held) == [false, false, true, false, false, false], "\(results.map(\.text))")
        // Swapping two hidden units really is the same function.
        #expect(results[2].measured.contains("differ by 0"))
    }

    /// The inside panel's prediction is about the step the runner then takes: its "exact Δf" is
    /// the change the next step makes, bit for bit, and gᵀΔθ + ½ΔθᵀHΔθ is close to it for a small step.
    @Test func theAnalysisIsOfTheNextRealStep() throws {
        var sim = try load().makeSimulation()
        sim.advance(steps: 5)
        for i in sim.runners.indices {
            let a = try #require(NetworkStepAnalysis(of: sim.runners[i]))
            let before = sim.runners[i].loss
            var next = sim
            next.advance()
            guard case let .moved(_, first, second, exact) = a.update else { Issue.record("no step"); continue }
            #expect(exact == next.runners[i].loss - before)
            #expect(Swift.abs(first + second - exact) < 0.2 * Swift.abs(exact) + 1e-12)
            #expect(a.spectrum?.eigenvalues.count == 32)
        }
        #expect(NetworkStepAnalysis(of: sim.runners[0])?.step == 5)
    }
}
