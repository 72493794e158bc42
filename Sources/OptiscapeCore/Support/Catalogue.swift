/// The text of `optiscape list`: every landscape (formula, parameters, view, known points) and
/// every optimizer (update rule, hyper-parameters with their defaults).
public enum Catalogue {
    public static func text() -> String {
        var s = "LANDSCAPES\n"
        for entry in LandscapeCatalog.all {
            let l = entry.make(Dictionary(uniqueKeysWithValues: entry.parameters.map { ($0.name, $0.defaultValue) }))
            s += "\n  \(entry.name) — \(entry.summary)\n"
            s += "    f(x, y) = \(l.formula)\n"
            for p in entry.parameters {
                s += "    --param \(p.name)=\(p.defaultValue.compact)   \(p.summary) (\(p.range.lowerBound.compact)…\(p.range.upperBound.compact)\(p.integer ? ", whole" : ""))\n"
            }
            s += "    view: \(l.view)\n"
            if let set = l.minimalSet { s += "    \(set.summary)\n" }
            for c in l.criticalPoints {
                s += "    \(c.kind.rawValue): (\(c.point.x.significant(6)), \(c.point.y.significant(6)))  f = \(l.value(at: c.point).significant(6))\n"
            }
        }
        s += "\nOPTIMIZERS\n"
        for kind in OptimizerKind.allCases {
            s += "\n  \(kind.rawValue)   \(kind.rule)\n"
            let h = ResolvedHyperparameters.defaults(for: kind)
            for (option, text) in h.settings(for: kind) {
                let name = "\(option.name)=\(text)"
                s += "    " + name.padding(toLength: Swift.max(24, name.count + 2), withPad: " ", startingAt: 0) + option.summary(for: kind) + "\n"
            }
        }
        s += "\nGRADIENT TRANSFORMS (applied in this order)\n"
        s += "  --noise σ        g ← g + σ·N(0, I)  (seeded: --seed)\n"
        s += "  --clip-norm M    g ← g·min(1, M/(‖g‖ + 1e-6))  (torch.nn.utils.clip_grad_norm_)\n"
        s += "  --clip-value V   gᵢ ← clamp(gᵢ, −V, V)\n"
        s += "\nITERATE AVERAGING (§8.7.3; a scene runner's average:)\n"
        s += "  --average polyak   x̄ = mean of x₀ … x_k  (torch.optim.swa_utils.AveragedModel)\n"
        s += "  --average ema:β    x̄ ← βx̄ + (1 − β)x, β in [0, 1]  (swa_utils.get_ema_avg_fn)\n"
        return s
    }
}
