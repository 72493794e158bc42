/// `trace --network`'s output: a ``NetworkTraining`` walked as CSV rows or one JSON document.
///
/// CSV `runner,step,loss,grad_norm` (plus `val_loss` with a validation set): row k of a runner
/// is θ after k updates — the mean loss over the whole training set and ‖∇L(θ_k)‖₂ over it,
/// whatever the minibatch — numbers in shortest round-trip form (an empty field for a loss that
/// is not finite, which only a start can have: a runner keeps its last finite state). Which rows: as the 2-D trace
/// (``TraceWalk/records(step:every:running:last:)``). Labels are quoted as there (``TraceCSV/csvField(_:)``).
public enum NetworkTrace {
    public static func header(validation: Bool) -> String {
        "runner,step,loss,grad_norm" + (validation ? ",val_loss" : "")
    }

    /// Trains and streams the CSV in chunks of about 64 KiB; returns the training at the end.
    @discardableResult
    public static func csv(_ training: NetworkTraining, steps: Int, every: Int = 1,
                           write: (UnsafeBufferPointer<UInt8>) -> Void) -> NetworkTraining {
        var t = training
        let labels = t.runners.map { Array(TraceCSV.csvField($0.config.label).utf8) }
        let flushAt = 1 << 16
        var out = TraceCSV.ByteBuffer(capacity: flushAt + (labels.map(\.count).max() ?? 0) + 256)
        defer { out.deallocate() }
        out.append(header(validation: t.problem.validation != nil) + "\n")
        t.run(steps: steps, every: every) { row in
            if out.count >= flushAt {
                write(out.contents)
                out.count = 0
            }
            labels[row.index].withUnsafeBufferPointer { out.append($0) }
            out.append(UInt8(ascii: ","))
            out.appendDecimal(row.runner.step)
            out.append(UInt8(ascii: ","))
            // Not finite only at a start where the loss is undefined or overflows: an empty field, as in the 2-D trace.
            if row.runner.loss.isFinite { out.append(row.runner.loss) }
            out.append(UInt8(ascii: ","))
            if row.runner.gradientNorm.isFinite { out.append(row.runner.gradientNorm) }
            if let v = row.validationLoss {
                out.append(UInt8(ascii: ","))
                if v.isFinite { out.append(v) }
            }
            out.append(UInt8(ascii: "\n"))
        }
        write(out.contents)
        return t
    }

    /// The CSV as one String (tests, small runs).
    public static func csvText(_ training: NetworkTraining, steps: Int, every: Int = 1) -> (String, NetworkTraining) {
        var text: [UInt8] = []
        let t = csv(training, steps: steps, every: every) { text.append(contentsOf: $0) }
        return (String(decoding: text, as: UTF8.self), t)
    }

    /// One JSON document: `{"network": {"sizes", "activation", "loss", "parameters"}, "data",
    /// "validation", "weights" (θ₀'s source), "seed", "steps", "batch_order" (null without --batch), "runners": [{"label",
    /// "optimizer", "hyperparameters", "transforms", "schedule", "status", "status_step",
    /// "reason", "final": {"loss", "grad_norm", "val_loss", "norm", "tensors": [{"name", "shape",
    /// "norm", "min", "max", "mean"}]}, "trajectory": [[step, loss, grad_norm(, val_loss)], …]}]}`.
    public static func json(_ training: NetworkTraining, steps: Int, every: Int = 1) -> (String, NetworkTraining) {
        var t = training
        var rows = [[String]](repeating: [], count: t.runners.count)
        var lastValidation = [Double?](repeating: nil, count: t.runners.count)
        t.run(steps: steps, every: every) { row in
            var fields = [String(row.runner.step), JSONText.number(row.runner.loss), JSONText.number(row.runner.gradientNorm)]
            if let v = row.validationLoss { fields.append(JSONText.number(v)) }
            rows[row.index].append(JSONText.array(fields))
            lastValidation[row.index] = row.validationLoss
        }
        let p = t.problem
        let runners = t.runners.enumerated().map { i, r -> String in
            var status: [(String, String)] = [("status", JSONText.string(r.status.word))]
            if let (step, reason) = r.status.stop {
                status.append(("status_step", String(step)))
                status.append(("reason", reason.map(JSONText.string) ?? "null"))
            }
            let c = r.config, tr = c.transforms
            return JSONText.object([
                ("label", JSONText.string(c.label)),
                ("optimizer", JSONText.string(c.optimizer.kind.rawValue)),
                ("hyperparameters", TraceJSON.hyperJSON(r.rule.hyperparameters, kind: c.optimizer.kind)),
                ("transforms", JSONText.object([
                    ("noise", tr.noise.map(JSONText.number) ?? "null"),
                    ("clip_norm", tr.clipNorm.map(JSONText.number) ?? "null"),
                    ("clip_value", tr.clipValue.map(JSONText.number) ?? "null"),
                    ("batch", c.batch.map { String($0) } ?? "null"),
                ])),
                ("schedule", scheduleJSON(c.schedule)),
            ] + status + [
                ("final", finalJSON(r, validation: lastValidation[i])),
                ("trajectory", "[" + rows[i].joined(separator: ",") + "]"),
            ])
        }
        let doc = JSONText.object([
            ("network", JSONText.object([
                ("sizes", JSONText.array(p.spec.sizes.map(String.init))),
                ("activation", JSONText.string(p.spec.activation.rawValue)),
                ("loss", JSONText.string(p.spec.loss.rawValue)),
                ("parameters", String(p.spec.parameterCount)),
            ])),
            ("data", JSONText.object([("source", JSONText.string(p.training.data.source)), ("rows", String(p.training.data.count))])),
            ("validation", p.validation.map { JSONText.object([("source", JSONText.string($0.data.source)), ("rows", String($0.data.count))]) } ?? "null"),
            ("weights", JSONText.string(p.thetaSource)),
            ("seed", String(p.seed)),
            ("steps", String(steps)),
            ("batch_order", t.runners.first.flatMap { $0.config.batch == nil ? nil : JSONText.string($0.batchOrder.rawValue) } ?? "null"),
            ("runners", JSONText.array(runners)),
        ])
        return (doc + "\n", t)
    }

    static func scheduleJSON(_ s: Schedule) -> String {
        JSONText.object([
            ("kind", JSONText.string(s.kind.rawValue)),
            ("lr_end", s.lrEnd.map(JSONText.number) ?? "null"),
            ("decay_steps", s.decaySteps.map { String($0) } ?? "null"),
            ("gamma", s.gamma.map(JSONText.number) ?? "null"),
            ("warmup", s.warmup.map { String($0) } ?? "null"),
        ])
    }

    /// The final weights' summary: the losses there, ‖θ‖, and each tensor's norm, min, max, mean.
    static func finalJSON(_ r: NetworkRunner, validation: Double?) -> String {
        let theta = r.theta
        let tensors = theta.layout.tensors.map { t -> String in
            let v = theta.storage[t.offset..<(t.offset + t.count)]
            let norm = TorchOps.vectorNorm(count: t.count) { v[t.offset + $0] }
            return JSONText.object([
                ("name", JSONText.string(t.name)),
                ("shape", JSONText.array(t.shape.map(String.init))),
                ("norm", JSONText.number(norm)),
                ("min", JSONText.number(v.min() ?? .nan)),
                ("max", JSONText.number(v.max() ?? .nan)),
                ("mean", JSONText.number(t.count == 0 ? .nan : v.reduce(0, +) / Double(t.count))),
            ])
        }
        var fields: [(String, String)] = [
            ("step", String(r.step)),
            ("loss", JSONText.number(r.loss)),
            ("grad_norm", JSONText.number(r.gradientNorm)),
        ]
        if let validation { fields.append(("val_loss", JSONText.number(validation))) }
        fields += [
            ("norm", JSONText.number(TorchOps.vectorNorm(count: theta.count) { theta[$0] })),
            ("tensors", JSONText.array(tensors)),
        ]
        return JSONText.object(fields)
    }
}
