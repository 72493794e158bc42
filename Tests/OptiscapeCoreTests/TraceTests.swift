import Testing
@testable import OptiscapeCore

@Suite struct TraceTests {
    func csv(_ sim: Simulation, steps: Int, every: Int = 1) -> [[String]] {
        var text = ""
        TraceCSV.stream(sim, steps: steps, every: every) { text += $0 }
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func sim(_ configs: [RunnerConfig]) throws -> Simulation {
        try Simulation(landscape: Rosenbrock(), runners: configs, seed: 1)
    }

    @Test func headerAndOneRowPerRunnerPerStep() throws {
        let s = try sim([RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2)),
                         RunnerConfig(optimizer: OptimizerSpec(.adam), start: Vec2(-1.5, 2))])
        let rows = csv(s, steps: 7)
        #expect(rows[0] == ["runner", "step", "x", "y", "loss", "grad_norm", "status"])
        #expect(rows.count == 1 + 2 * 8)
        #expect(rows[1][0] == "sgd" && rows[1][1] == "0" && rows[1][2] == "-1.5" && rows[1][3] == "2.0")
        #expect(rows[2][0] == "adam" && rows[2][1] == "0")
        #expect(rows.last![0] == "adam" && rows.last![1] == "7")
    }

    @Test func numbersRoundTripExactly() throws {
        var s = try sim([RunnerConfig(optimizer: OptimizerSpec(.momentum), start: Vec2(-1.5, 2))])
        let rows = csv(s, steps: 25)
        s.advance(steps: 25)
        let traj = s.trajectories[0]
        for (i, row) in rows.dropFirst().enumerated() {
            #expect(Double(row[2])! == traj.points[i].x)
            #expect(Double(row[3])! == traj.points[i].y)
            #expect(Double(row[4])! == traj.losses[i])
            #expect(Double(row[5])! == Rosenbrock().gradient(at: traj.points[i]).norm)
        }
    }

    @Test func everyKeepsMultiplesAndTheLastStep() throws {
        let s = try sim([RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2))])
        let steps = csv(s, steps: 23, every: 5).dropFirst().map { Int($0[1])! }
        #expect(steps == [0, 5, 10, 15, 20, 23])
    }

    @Test func aStoppedRunnerPrintsItsLastPointAndNothingAfter() throws {
        let s = try sim([RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.1)), start: Vec2(-1.5, 2)),
                         RunnerConfig(optimizer: OptimizerSpec(.adam), start: Vec2(-1.5, 2))])
        let rows = csv(s, steps: 50, every: 100).dropFirst()
        let sgd = rows.filter { $0[0] == "sgd" }.map { Int($0[1])! }
        var check = s
        check.advance(steps: 50)
        guard case .diverged = check.runners[0].status else { Issue.record("sgd should diverge"); return }
        #expect(sgd == [0, check.runners[0].step])
        #expect(rows.filter { $0[0] == "adam" }.map { Int($0[1])! } == [0, 50])
        #expect(rows.allSatisfy { Double($0[4])!.isFinite })
    }

    /// The CSV writer formats numbers without going through `description` (for speed); its
    /// text must be exactly `description`'s, for every kind of Double.
    @Test func numbersAreWrittenExactlyAsDescription() {
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 100, 1e15, 1e16, 1e-4, 1e-5, 5e-324, 2.2250738585072014e-308,
                                .greatestFiniteMagnitude, 9007199254740992, -1.4999999999999998, .infinity, -.infinity,
                                .nan, -Double.nan, .signalingNaN, 162.8649747490233]
        var rng = SeededRNG(seed: 7)
        for _ in 0..<50_000 { values.append(Double(bitPattern: rng.next())) }
        for _ in 0..<50_000 { values.append(Double(Int64(bitPattern: rng.next()) % 10_000_000) / 1000) }
        var buffer = TraceCSV.ByteBuffer(capacity: 64)
        defer { buffer.deallocate() }
        var mismatches: [String] = []
        for v in values {
            buffer.count = 0
            buffer.append(v)
            let text = String(decoding: buffer.contents, as: UTF8.self)
            if text != v.description { mismatches.append("\(v.description) written as \(text)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        var ints: [Int] = [0, 1, -1, 9, 10, 99, 100, Int.max, Int.min, 1_000_000]
        for _ in 0..<1000 { ints.append(Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64)) }
        for n in ints {
            buffer.count = 0
            buffer.appendDecimal(n)
            #expect(String(decoding: buffer.contents, as: UTF8.self) == String(n))
        }
    }

    @Test func aWalkKeepsNoTrajectory() throws {
        let s = try sim([RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2))])
        let end = TraceCSV.streamBytes(s, steps: 1000) { _ in }
        #expect(end.runners[0].step == 1000)
        #expect(end.trajectories[0].count == 1)  // the start only: memory flat in --steps
        var recorded = end
        recorded.advance(steps: 1)
        #expect(recorded.trajectories[0].count == 2)  // and the simulation records again afterwards
    }

    @Test func labelsWithCommasAreQuoted() {
        #expect(TraceCSV.csvField("a,b") == "\"a,b\"")
        #expect(TraceCSV.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(TraceCSV.csvField("adam") == "adam")
    }

    @Test func jsonCarriesHyperparametersAndStatus() throws {
        let s = try Simulation(landscape: Quadratic(kappa: 50), runners: [
            RunnerConfig(optimizer: OptimizerSpec(.newton), start: Vec2(1, 1))])
        let json = TraceJSON.document(s, steps: 10)
        #expect(json.contains("\"status\":\"converged\",\"status_step\":1,\"reason\":\"global minimum\""))
        #expect(json.contains("\"hyperparameters\":{\"lr\":1.0,\"weight-decay\":0.0}"))
        #expect(json.contains("\"trajectory\":[[0,1.0,1.0,25.5,"))
    }
}
