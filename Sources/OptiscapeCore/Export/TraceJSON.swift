/// The same data as ``TraceCSV`` as one JSON document, with each runner's hyper-parameters and
/// final status:
/// `{"landscape": {...}, "seed": 0, "steps": 100, "runners": [{"label", "optimizer",
/// "hyperparameters", "transforms", "start", "status", "status_step", "reason",
/// "trajectory": [[step, x, y, loss, grad_norm], ...]}]}`; a runner that averages its iterates
/// (``RunnerConfig/average``) also has `"average": "polyak"` (or `"ema:0.99"`) and
/// `"average_trajectory": [[step, avg_x, avg_y, avg_loss], ...]` on the same steps.
public enum TraceJSON {
    public static func document(_ simulation: Simulation, steps: Int, every: Int = 1) -> String {
        var rows = [[String]](repeating: [], count: simulation.runners.count)
        var averageRows = [[String]](repeating: [], count: simulation.runners.count)
        let sim = TraceWalk.run(simulation, steps: steps, every: every) { i, r in
            rows[i].append(JSONText.array([String(r.step), JSONText.number(r.position.x), JSONText.number(r.position.y),
                                           JSONText.number(r.reportedLoss), JSONText.number(r.reportedGradientNorm)]))
            if let a = r.average, let f = r.averageLoss {
                averageRows[i].append(JSONText.array([String(r.step), JSONText.number(a.x), JSONText.number(a.y), JSONText.number(f)]))
            }
        }
        let land = sim.landscape
        let landscape = JSONText.object([
            ("name", JSONText.string(land.name)),
            ("formula", JSONText.string(land.formula)),
            ("parameters", JSONText.object(land.parameters.sorted { $0.key < $1.key }.map { ($0.key, JSONText.number($0.value)) })),
        ])
        let runners = sim.runners.enumerated().map { i, r -> String in
            let h = r.hyperparameters
            var status: [(String, String)] = [("status", JSONText.string(r.status.word))]
            if let (step, reason) = r.status.stop {
                status.append(("status_step", String(step)))
                status.append(("reason", reason.map(JSONText.string) ?? "null"))
            }
            let t = r.config.transforms
            return JSONText.object([
                ("label", JSONText.string(r.config.label)),
                ("optimizer", JSONText.string(r.config.optimizer.kind.rawValue)),
                ("hyperparameters", hyperJSON(h, kind: r.config.optimizer.kind)),
                ("transforms", JSONText.object([
                    ("noise", t.noise.map(JSONText.number) ?? "null"),
                    ("clip_norm", t.clipNorm.map(JSONText.number) ?? "null"),
                    ("clip_value", t.clipValue.map(JSONText.number) ?? "null"),
                    ("batch", r.config.batch.map { String($0) } ?? "null"),
                ])),
                ("start", JSONText.array([JSONText.number(r.config.start.x), JSONText.number(r.config.start.y)])),
            ] + status + [("trajectory", "[" + rows[i].joined(separator: ",") + "]")]
              + (r.config.average.map { [("average", JSONText.string($0.text)),
                                         ("average_trajectory", "[" + averageRows[i].joined(separator: ",") + "]")] } ?? []))
        }
        return JSONText.object([
            ("landscape", landscape),
            ("seed", String(sim.seed)),
            ("steps", String(steps)),
            ("runners", JSONText.array(runners)),
        ]) + "\n"
    }

    static func hyperJSON(_ h: ResolvedHyperparameters, kind: OptimizerKind) -> String {
        // Numbers and flags are JSON as they are; a choice (`line-search`: strong-wolfe or none) is its word.
        JSONText.object(h.settings(for: kind).map { ($0.option.name, $0.option.choices != nil ? JSONText.string($0.text) : $0.text) })
    }
}
