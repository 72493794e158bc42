import Foundation
import Testing
@testable import OptiscapeCore

/// Iterate averaging (§8.7.3), by hand on the round bowl ½(x² + y²) from (1, 0), where SGD with
/// lr 0.5 halves x every step: x_k = 0.5^k.
@Suite struct AveragingTests {
    static func simulation(_ average: Averaging, lr: Double = 0.5, steps: Int) throws -> Simulation {
        let config = RunnerConfig(label: "half", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: lr)), start: Vec2(1, 0),
                                  average: average)
        var sim = try Simulation(landscape: Quadratic(kappa: 1), runners: [config])
        sim.advance(steps: steps)
        return sim
    }

    @Test func polyakIsTheMeanOfTheIterates() throws {
        for k in 0...12 {
            let sim = try Self.simulation(.polyak, steps: k)
            // mean of 0.5^0 … 0.5^k = 2(1 − 0.5^(k+1))/(k + 1)
            let mean = 2 * (1 - Foundation.pow(0.5, Double(k + 1))) / Double(k + 1)
            let a = try #require(sim.runners[0].average)
            #expect(Swift.abs(a.x - mean) <= 2 * mean.ulp && a.y == 0, "step \(k): \(a.x) vs \(mean)")
            #expect(sim.runners[0].averageLoss == Quadratic(kappa: 1).value(at: a))
            #expect(sim.averageTrajectories[0]?.count == k + 1)
            #expect(sim.averageTrajectories[0]?.last == a)
        }
        // The first ones exactly: 1 + (½ − 1)/2, then ¾ + (¼ − ¾)/3, as AveragedModel on the CPU.
        #expect(try Self.simulation(.polyak, steps: 1).runners[0].average == Vec2(0.75, 0))
        #expect(try Self.simulation(.polyak, steps: 2).runners[0].average == Vec2(0.75 + (0.25 - 0.75) / 3, 0))
    }

    @Test func emaFollowsBetaTimesTheAveragePlusTheRest() throws {
        // β = ½: x̄₁ = ½·1 + ½·½ = ¾, x̄₂ = ½·¾ + ½·¼ = ½, x̄₃ = ½·½ + ½·⅛ = 5/16.
        let expected = [1, 0.75, 0.5, 0.3125]
        for (k, v) in expected.enumerated() {
            #expect(try Self.simulation(.ema(0.5), steps: k).runners[0].average == Vec2(v, 0))
        }
        // β = 0 is the iterate itself; β = 1 never leaves the start.
        #expect(try Self.simulation(.ema(0), steps: 3).runners[0].average == Vec2(0.125, 0))
        #expect(try Self.simulation(.ema(1), steps: 3).runners[0].average == Vec2(1, 0))
    }

    /// Bit for bit against `torch.optim.swa_utils.AveragedModel` (Reference/torch_optim_additions.py):
    /// the default (Polyak) averaging and `avg_fn=get_ema_avg_fn(0.9)`.
    @Test func matchesTorchAveragedModelExactly() {
        let xs = TorchAdditionsReference.averagingPoints
        for (averaging, expected) in [(Averaging.polyak, TorchAdditionsReference.averagingPolyak),
                                      (.ema(0.9), TorchAdditionsReference.averagingEma)] {
            var mean = xs[0]
            var got = [mean]
            for k in 1..<xs.count {
                mean = averaging.updated(mean, with: xs[k], count: k)
                got.append(mean)
            }
            #expect(got == expected, "\(averaging.text)")
        }
    }

    @Test func parsesAndRejects() throws {
        #expect(try Averaging.parse("polyak") == .polyak)
        #expect(try Averaging.parse("ema:0.9") == .ema(0.9))
        #expect(try Averaging.parse("ema") == .ema(0.99))
        #expect(throws: OptimizerError("invalid EMA decay \"1.5\": must be a number in [0, 1] (as ema:0.99)")) { try Averaging.parse("ema:1.5") }
        #expect(throws: OptimizerError("unknown averaging \"mean\": use polyak or ema:β (β in [0, 1], e.g. ema:0.99)")) { try Averaging.parse("mean") }
    }

    @Test func traceAddsTheAverageColumns() throws {
        let plain = try Simulation(landscape: Quadratic(kappa: 1),
                                   runners: [RunnerConfig(label: "p", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(1, 0))])
        var text = ""
        TraceCSV.stream(plain, steps: 1) { text += $0 }
        #expect(text.hasPrefix(TraceCSV.header + "\n"), "no averaging: the columns are unchanged")
        let runners = [RunnerConfig(label: "a", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(1, 0), average: .polyak),
                       RunnerConfig(label: "p", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(1, 0))]
        text = ""
        TraceCSV.stream(try Simulation(landscape: Quadratic(kappa: 1), runners: runners), steps: 1) { text += $0 }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "runner,step,x,y,loss,grad_norm,status,avg_x,avg_y,avg_loss")
        #expect(lines[3] == "a,1,0.5,0.0,0.125,0.5,running,0.75,0.0,0.28125")
        #expect(lines[4] == "p,1,0.5,0.0,0.125,0.5,running,,,")
    }

    @Test func traceJSONCarriesTheAverage() throws {
        let runners = [RunnerConfig(label: "a", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(1, 0), average: .ema(0.5))]
        let json = TraceJSON.document(try Simulation(landscape: Quadratic(kappa: 1), runners: runners), steps: 2)
        #expect(json.contains(#""average":"ema:0.5","average_trajectory":[[0,1.0,0.0,0.5],[1,0.75,0.0,0.28125],[2,0.5,0.0,0.125]]"#), "\(json)")
    }

    @Test func sceneRunnersTakeAverage() throws {
        let text = """
            title: t
            landscape: quadratic
            runners:
              - {label: a, optimizer: sgd, average: "ema:0.9"}
              - {label: b, optimizer: sgd, average: polyak}
              - {label: c, optimizer: sgd}
            """
        let scene = try SceneFile.parse(text, path: "s.yaml")
        #expect(scene.runners.map(\.average) == [.ema(0.9), .polyak, nil])
        func error(_ text: String) -> String {
            do { _ = try SceneFile.parse(text, path: "s.yaml"); return "" } catch { return "\(error)" }
        }
        #expect(error("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, average: mean}]\n")
                == "s.yaml:3:37: runners[0].average: unknown averaging \"mean\": use polyak or ema:β (β in [0, 1], e.g. ema:0.99)")
        #expect(error("title: t\nlandscape: quadratic\nsteps: 5\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, average: true, loss_below: 1}]\n")
                == "s.yaml:5:33: expect[0].average: sgd keeps no average; give the runner average: polyak or average: ema:β")
    }
}

/// The claims added for settling and averaging: `stays_within … from:`, `strays_beyond`, and
/// `average: true`, on the same bowl (x_k = 0.5^k; "bounce" has x_k = (−0.5)^k).
@Suite struct SettlingClaimTests {
    static func verdict(_ claim: Claim) throws -> (Bool, String) {
        let bowl = LandscapeSource.builtIn(name: "quadratic", parameters: ["kappa": 1])
        let scene = Scene(title: "bowl", steps: 30, landscape: bowl, runners: [
            RunnerConfig(label: "half", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(1, 0), average: .polyak),
            RunnerConfig(label: "bounce", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 1.5)), start: Vec2(1, 0)),
        ], claims: [claim])
        let r = try ClaimCheck.run(scene)[0]
        return (r.held, r.text)
    }

    @Test func staysWithinFromALaterStep() throws {
        // From step 3 on, |x| ≤ 0.125.
        #expect(try Self.verdict(Claim(runner: "bounce", .staysWithin(0.125, of: .zero, from: 3, for: 20)))
                == (true, "bounce stays within 0.125 of (0, 0) from step 3 to 20: farthest 0.125 at step 3"))
        #expect(try Self.verdict(Claim(runner: "bounce", .staysWithin(0.1, of: .zero, from: 3, for: 20))).0 == false)
    }

    @Test func straysBeyond() throws {
        #expect(try Self.verdict(Claim(runner: "bounce", .straysBeyond(0.2, of: .zero, from: 2, within: 20)))
                == (true, "bounce strays more than 0.2 from (0, 0) between steps 2 and 20: distance 0.25 at step 2"))
        #expect(try Self.verdict(Claim(runner: "bounce", .straysBeyond(0.2, of: .zero, from: 3, within: 20)))
                == (false, "bounce strays more than 0.2 from (0, 0) between steps 3 and 20: farthest 0.125 at step 3"))
    }

    @Test func maxStepAtMostFromALaterStep() throws {
        // bounce's step k is 1.5·0.5^(k−1) long: step 4 is 0.1875, step 5 0.09375.
        #expect(try Self.verdict(Claim(runner: "bounce", .maxStepAtMost(0.1, from: 4, for: 20)))
                == (true, "every step of bounce after step 4 up to step 20 is at most 0.1 long: the longest is 0.0938 (step 5)"))
        #expect(try Self.verdict(Claim(runner: "bounce", .maxStepAtMost(0.1, from: 3, for: 20))).0 == false)
    }

    @Test func averageClaimsReadTheAveragedPath() throws {
        // The Polyak mean of 0.5^0 … 0.5^k is 2(1 − 0.5^(k+1))/(k + 1): 0.75 at step 1, about 2/31 at step 30.
        #expect(try Self.verdict(Claim(runner: "half", .endsIn(ViewBox(x: 0.74...0.76, y: -0.1...0.1), at: 1), average: true)).0)
        let (held, text) = try Self.verdict(Claim(runner: "half", .lossBelowRunner("half", at: 30), average: true))
        #expect(!held, "the mean of a geometric sequence lags behind it")
        #expect(text.hasPrefix("half's polyak average's loss at step 30 is below half's"), "\(text)")
        #expect(try Self.verdict(Claim(runner: "bounce", .lossBelow(1, within: 3), average: true))
                == (false, "bounce keeps an average: it has no averaging"))
    }
}
