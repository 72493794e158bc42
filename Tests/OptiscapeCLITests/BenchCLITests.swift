import Foundation
import Testing

/// `optiscape bench` runs and reports every figure. Speed itself is never asserted (it depends
/// on the machine); `--quick` only shows that each figure can be taken.
@Suite struct BenchCLITests {
    static let optimizers = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw",
                             "newton", "saddle-free-newton", "nadam", "radam", "adamax", "asgd", "rprop", "adafactor",
                             // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
                             "lbfgs", "cg", "bfgs", "coordinate-descent"]

    static var expectedNames: [String] {
        var names: [String] = []
        for l in ["rosenbrock", "rnn-cliff"] { names += optimizers.map { "steps.\(l).\($0)" } }
        names.append("steps.rosenbrock.sgd.simulation")
        for l in ["rosenbrock", "himmelblau", "goldstein-price"] { names += ["builtin", "expr", "ratio"].map { "eval.\(l).\($0)" } }
        names += ["contour.field", "contour.compose", "contour.total"]
        for size in ["small", "medium", "large"] { names += ["frame.first.\(size)", "frame.steady.\(size)"] }
        names += ["terminal.first_frame", "terminal.first_frame.network", "terminal.paused_cpu", "terminal.steady_bytes", "terminal.full_repaint_bytes"]
        names += ["trace.rows_per_s", "trace.maxrss.small", "trace.maxrss.large"]
        names += ["longrun.frame.start", "longrun.frame.end", "longrun.render.start", "longrun.render.end",
                  "longrun.trajectory_bytes", "longrun.maxrss"]
        names += ["adam_step", "slice_51x51", "hessian_full"].flatMap { ["network.\($0)", "network.\($0).gflops"] }
        names += ["coarse", "full", "coarse.relu", "full.relu", "value_serial", "value_batch"].map { "netfield.\($0)" }
        return names
    }

    @Test func quickJSONHasEveryFigure() throws {
        let r = Spawn.optiscape("bench", "--quick", "--format", "json")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        let list = try #require(json as? [[String: Any]], "not a list of objects: \(r.stdout.prefix(200))")
        var byName: [String: Double] = [:]
        for item in list {
            #expect(Set(item.keys) == ["name", "value", "unit"])
            let name = try #require(item["name"] as? String)
            #expect(item["unit"] is String)
            byName[name] = (item["value"] as? NSNumber)?.doubleValue
        }
        #expect(list.count == byName.count, "duplicate names")
        #expect(Set(byName.keys) == Set(Self.expectedNames))
        for name in Self.expectedNames {
            let value = try #require(byName[name], "\(name) missing or not a number")
            // A paused UI may use no measurable CPU at all in a short window.
            if name == "terminal.paused_cpu" { #expect(value >= 0, "\(name) = \(value)") } else { #expect(value > 0, "\(name) = \(value)") }
        }
    }

    @Test func unknownGroupIsAUsageError() {
        let r = Spawn.optiscape("bench", "--only", "nope")
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown group"))
    }
}
