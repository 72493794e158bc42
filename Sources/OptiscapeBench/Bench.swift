/// `optiscape bench`: every figure, in a fixed order, and their text and JSON forms.
///
/// Speed is never asserted in tests; this is how it is measured and reported instead. Each
/// figure is the median of several repetitions (the machine is shared and noisy). Figures of
/// the core and the renderer run in this process; those of `trace` and the interactive UI run
/// the real binary (`executable`) as a child — through a pseudo-terminal for the UI — so that
/// what is measured is what a user runs.
public enum Bench {
    /// The groups of figures, in the order they are printed.
    public static let groups = ["steps", "eval", "contour", "frame", "terminal", "trace", "longrun", "network", "netfield"]

    /// Measures the figures of `only` (group names; empty: all). `progress` hears each group's
    /// name before it runs.
    public static func run(quick: Bool, executable: String, only: [String] = [],
                           progress: (String) -> Void = { _ in }) throws -> [Figure] {
        let w = quick ? Workload.quick : Workload.full
        var out: [Figure] = []
        for group in groups where only.isEmpty || only.contains(group) {
            progress(group)
            switch group {
            case "steps": out += try CoreFigures.optimizerSteps(w)
            case "eval": out += try CoreFigures.landscapeEvaluations(w)
            case "contour": out += try RenderFigures.contour(w)
            case "frame": out += try RenderFigures.frames(w)
            case "terminal": out += try TerminalFigures.figures(w, executable: executable)
            case "trace": out += try TraceFigures.figures(w, executable: executable)
            case "longrun": out += try LongRunFigures.figures(w)
            case "network": out += try NetworkFigures.figures(w)
            case "netfield": out += try NetworkFieldFigures.figures(w)
            default: break
            }
        }
        return out
    }

    /// `[{"name": …, "value": …, "unit": …}, …]`, one object per line.
    public static func json(_ figures: [Figure]) -> String {
        let rows = figures.map { f in
            "{\"name\":\(quoted(f.name)),\"value\":\(f.value.isFinite ? f.value.description : "null"),\"unit\":\(quoted(f.unit))}"
        }
        return "[\n" + rows.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A table: name, value with its unit, the target and whether it is met, what was measured.
    public static func text(_ figures: [Figure], machine: MachineInfo, quick: Bool,
                            loadBefore: Double? = nil, loadAfter: Double? = nil) -> String {
        var lines = ["optiscape bench\(quick ? " --quick (smoke run: workloads too small to mean much)" : "")",
                     "machine: \(machine.summary)"]
        if let a = loadBefore, let b = loadAfter {
            lines.append("load average: \(a.formatted(2)) before, \(b.formatted(2)) after (the bench adds about 1; beyond that, other processes share the cores and the figures suffer)")
        }
        if machine.isDebug { lines.append("warning: debug build — measure with `swift build -c release`") }
        lines.append("")
        let nameWidth = (figures.map(\.name.count).max() ?? 4) + 2
        lines.append(pad("figure", nameWidth) + pad("value", 22) + pad("target", 14) + "measured")
        var group = ""
        for f in figures {
            let g = String(f.name.prefix { $0 != "." })
            if g != group, !group.isEmpty { lines.append("") }
            group = g
            let value = human(f.value) + " " + f.unit
            var target = ""
            if let t = f.target {
                target = (t.kind == .atLeast ? "≥ " : "≤ ") + human(t.bound) + " " + (f.meetsTarget == true ? "ok" : "MISS")
            }
            lines.append(pad(f.name, nameWidth) + pad(value, 22) + pad(target, 14) + f.detail)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// Four significant digits, with k/M/G for large numbers: `23.41M`, `0.0213`, `812`.
    static func human(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "n/a" : "inf" }
        let a = Swift.abs(v)
        let (scaled, suffix): (Double, String) = a >= 1e9 ? (v / 1e9, "G") : a >= 1e6 ? (v / 1e6, "M") : a >= 1e4 ? (v / 1e3, "k") : (v, "")
        let s = Swift.abs(scaled)
        let decimals = s == 0 ? 0 : s >= 1000 ? 0 : s >= 100 ? 1 : s >= 10 ? 2 : s >= 1 ? 3 : s >= 0.01 ? 4 : 6
        return scaled.formatted(decimals) + suffix
    }
}
