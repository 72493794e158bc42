import Foundation
import OptiscapeCore

/// The runners' legend: per runner a swatch (its head glyph in its colour), its number key,
/// label, hyper-parameters and transforms (clipping), step, loss, ‖g‖ and status (green only
/// when converged to a minimum; a saddle, a maximum or a stalled runner's vanished gradient is a warning); the
/// selected runner marked `▶` and highlighted; hidden runners dim. Three levels of detail, the
/// most that fits the rows available.
enum LegendPanel {
    /// Lines for `detail` 3 (full), 2 or 1 (one line per runner), `width` columns wide.
    static func lines(_ ctx: RenderContext, width: Int, detail: Int) -> [Styled] {
        let state = ctx.state
        let theme = ctx.theme
        let runners = state.simulation.runners
        var out: [Styled] = []
        if runners.isEmpty { return [Styled("no runners", theme.dimText)] }
        for (i, r) in runners.enumerated() {
            let style = ctx.style(i)
            let selected = i == state.selected
            let hidden = state.hidden.contains(i)
            var l1 = Styled(selected ? "▶" : " ", theme.text, .bold)
            l1.add(String(style.head), hidden ? theme.dimText : style.color, .bold)
            let nameAttributes: Attributes = selected ? [.bold, .reverse] : hidden ? theme.dimAttributes : .bold
            l1.add(" \(i + 1) \(r.config.label)", hidden ? theme.dimText : theme.text, nameAttributes)
            if hidden { l1.add(" (hidden)", theme.dimText, theme.dimAttributes) }
            let summary = r.hyperparameters.summary(for: r.config.optimizer.kind)
            let transforms = r.config.transforms.summary
            var config = Styled(summary, theme.dimText, theme.dimAttributes)
            if !transforms.isEmpty { config.add(" " + transforms, theme.warning, .bold) }
            let loss = "f \(Text.num(r.loss))", gradient = "‖g‖ \(Text.num(r.gradientNorm))"
            let numbers = loss + "  " + gradient
            // Narrower than loss and ‖g‖ side by side: each on its own line, never cut.
            let split = 3 + numbers.count > width
            // Essential (kept on every page of the side panel): who, its loss, its status.
            let (status, statusColor) = PlotContent.status(of: r, theme: theme)
            switch detail {
            case 3...:
                if l1.count + 2 + config.count <= width {
                    out.append((l1 + Styled("  ") + config).essentialLine)
                } else {
                    out.append(l1.essentialLine)
                    out.append(Styled("   ") + config)
                }
                for part in split ? [loss, gradient] : [numbers] { out.append(Styled("   " + part, theme.text).essentialLine) }
                if selected || (r.projection?.relativeDistance ?? 0) > RenderContext.offPlane, let line = planeLine(r, ctx) {
                    for part in Text.wrap(line, width: Swift.max(width - 3, 1)) { out.append(Styled("   " + part, theme.dimText)) }
                }
                // The averaged iterate x̄ (§8.7.3), drawn as ◇ and the dimmer dashed path.
                if let a = r.config.average, let f = r.averageLoss {
                    var avg = Styled("   ◇ ", style.color, .bold)
                    avg.add("\(a.text) average: f \(Text.num(f))", theme.text)
                    out.append(avg)
                }
                // A stopped runner's reason may need more lines (a stall says why it is one).
                for line in Text.wrap(status, width: Swift.max(width - 3, 1)).prefix(3) {
                    out.append(Styled("   " + line, statusColor).essentialLine)
                }
                if state.showVectors, let bars = accumulatorBars(r, width: width - 3, theme: theme) {
                    out.append(Styled("   ") + bars)
                }
            case 2:
                out.append((l1 + Styled("  ") + config).essentialLine)
                // Too narrow for the whole status: its one word, so the numbers are never what is cut.
                let fits = 3 + numbers.count + 2 + status.count <= width
                // Not even the word beside both numbers: ‖g‖ on a line of its own (a number cut
                // mid-exponent would be worse than none).
                if split || 3 + numbers.count + 2 + r.status.word.count > width {
                    // The loss and the status word stay on every page; ‖g‖ is paged.
                    out.append((Styled("   " + loss + "  ", theme.text) + Styled(r.status.word, statusColor)).essentialLine)
                    out.append(Styled("   " + gradient, theme.text))
                } else {
                    out.append((Styled("   " + numbers + "  ", theme.text) + Styled(fits ? status : r.status.word, statusColor)).essentialLine)
                }
            default:
                let numbers = Styled("f \(Text.num(r.loss, 3)) ", theme.text) + Styled(r.status.word, statusColor)
                if l1.count + 2 + numbers.count <= width {
                    out.append((l1 + Styled("  ") + numbers).essentialLine)
                } else {
                    // A long label: the loss and status on their own line rather than cut.
                    out.append(l1.essentialLine)
                    out.append((Styled("   ") + numbers).essentialLine)
                }
            }
        }
        if let key = markerKey(ctx) { out.append(key) }
        if let net = (ctx.state.landscape as? SliceLandscape)?.network {
            for line in Text.wrap(net.note, width: Swift.max(width - 1, 1)) { out.append(Styled(" " + line, ctx.theme.dimText)) }
            out += anchorKey(net.anchors, width: width, theme: ctx.theme)
        }
        if let set = ctx.state.landscape.minimalSet {
            for line in Text.wrap("★ all along \(set.description), loss \(set.value.significant(6))", width: Swift.max(width - 1, 1)) {
                out.append(Styled(" " + line, ctx.theme.dimText))
            }
        }
        return out
    }

    /// A network runner's plane: the slice's loss under its head beside its true loss (`f`), and
    /// how far θ is from the plane — the projected point is not the iterate.
    static func planeLine(_ r: Runner, _ ctx: RenderContext) -> String? {
        guard let p = r.projection else { return nil }
        let slice = ctx.state.landscape.value(at: r.position)
        let off = p.fromOrigin > 0 ? " (\(Text.num(100 * p.relativeDistance, 2))%)" : ""
        let dashed = p.relativeDistance > RenderContext.offPlane ? ", drawn dashed" : ""
        return "slice f \(Text.num(slice)) · off plane \(Text.num(p.distance))" + off + dashed
    }

    /// One entry per point the plane goes through: its letter as the plot marks it, its plane
    /// coordinates and what it is, wrapped under itself.
    static func anchorKey(_ anchors: [SliceLandscape.Anchor], width: Int, theme: Theme) -> [Styled] {
        var out: [Styled] = []
        for a in anchors {
            for (k, line) in Text.wrap(a.label, width: Swift.max(width - 4, 1)).enumerated() {
                var s = Styled(k == 0 ? " \(a.letter) " : "   ", theme.marker, .bold)
                s.add(line, theme.dimText)
                out.append(s)
            }
        }
        return out
    }

    /// `○ start  ★ global min  ✕ saddle` for the markers this landscape has (★ also for a
    /// minimal set, which the line after the key describes).
    static func markerKey(_ ctx: RenderContext) -> Styled? {
        var kinds = Set(ctx.state.landscape.criticalPoints.map(\.kind))
        if ctx.state.landscape.minimalSet != nil { kinds.insert(.globalMinimum) }
        var s = Styled(" ○", ctx.theme.text, .bold)
        s.add(" start", ctx.theme.dimText)
        let names: [(CriticalPoint.Kind, String)] = [(.globalMinimum, "global min"), (.localMinimum, "local min"),
                                                      (.saddle, "saddle"), (.maximum, "max")]
        for (kind, name) in names where kinds.contains(kind) {
            s.add("  " + String(Marker(kind).glyph), ctx.theme.marker, .bold)
            s.add(" " + name, ctx.theme.dimText)
        }
        if PlotContent.showsTrialPoints(ctx.state) {
            s.add("  ∘", ctx.theme.text, .dim)
            s.add(" trials", ctx.theme.dimText)
        }
        return s
    }

    /// AdaGrad/RMSProp/AdaDelta/Adam: the accumulated squared gradient per axis as bars
    /// (√ of it, relative to the larger axis) — the bigger bar is the axis whose steps shrink.
    static func accumulatorBars(_ r: Runner, width: Int, theme: Theme) -> Styled? {
        guard let s = r.inspection.squaredGradient, s.isFinite else { return nil }
        let rx = s.x.squareRoot(), ry = s.y.squareRoot()
        let top = Swift.max(rx, ry)
        let barWidth = Swift.max(1, Swift.min(8, (width - 10) / 2))
        func bar(_ v: Double) -> String {
            let eighths = top > 0 ? Int((v / top * Double(barWidth * 8)).rounded()) : 0
            var t = String(repeating: "█", count: eighths / 8)
            let partial: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            t += partial[eighths % 8]
            if t.isEmpty { t = "▏" }
            return t.padding(toLength: barWidth, withPad: " ", startingAt: 0)
        }
        let name = r.config.optimizer.kind == .adagrad ? "√s" : "√v"
        var out = Styled(name + " x ", theme.dimText)
        out.add(bar(rx), theme.accent)
        out.add(" y ", theme.dimText)
        out.add(bar(ry), theme.accent)
        return out
    }
}
