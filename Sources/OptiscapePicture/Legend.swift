import OptiscapeCore
import OptiscapeRender

/// The runners' legend: per runner its head shape in its colour, number and label, its
/// optimizer settings and transforms (clipping), loss, ‖g‖ and status; hidden runners dim;
/// then a key to the markers this landscape has. Three levels of detail, the most that fits.
enum Legend {
    struct Line {
        var runs: [(text: String, color: RGB, font: Painter.Font)]
        var swatch: (shape: MarkerShape, color: RGB)?
        var size: Double
    }

    /// The legend's lines for `detail` 3 (full), 2 or 1.
    static func lines(_ state: AppState, _ style: FigureStyle, detail: Int) -> [Line] {
        let u = style.unit
        var out: [Line] = []
        for (i, r) in state.simulation.runners.enumerated() {
            let rs = style.runner(i, state)
            let hidden = state.hidden.contains(i)
            let color = hidden ? style.dimText : style.color(rs.color)
            var name = [(text: "\(i + 1) \(r.config.label)" + (hidden ? " (hidden)" : ""), color: hidden ? style.dimText : style.text,
                         font: Painter.Font.sansBold)]
            let settings = r.hyperparameters.summary(for: r.config.optimizer.kind)
            let transforms = r.config.transforms.summary
            var config: [(text: String, color: RGB, font: Painter.Font)] = [(settings, style.dimText, .sans)]
            if !transforms.isEmpty { config.append(("  " + transforms, style.warning, .sansBold)) }
            let numbers = "f \(r.loss.significant(4))   ‖g‖ \(r.gradientNorm.significant(4))"
            let (status, statusTerminalColor) = PlotContent.status(of: r, mode: .full256)
            let statusColor = style.color(statusTerminalColor)
            let swatch = (MarkerShape(rs.head), color)
            switch detail {
            case 3...:
                out.append(Line(runs: name, swatch: swatch, size: 0.85 * u))
                out.append(Line(runs: config, swatch: nil, size: 0.72 * u))
                out.append(Line(runs: [(numbers, style.text, .sans)], swatch: nil, size: 0.72 * u))
                if let a = r.config.average, let f = r.averageLoss {
                    out.append(Line(runs: [("- - \(a.text) average: f \(f.significant(4))", style.text, .sans)], swatch: nil, size: 0.72 * u))
                }
                out.append(Line(runs: [(status, statusColor, .sans)], swatch: nil, size: 0.72 * u))
            case 2:
                name.append(("   " + settings, style.dimText, .sans))
                out.append(Line(runs: name, swatch: swatch, size: 0.75 * u))
                out.append(Line(runs: [(numbers + "   ", style.text, .sans), (status, statusColor, .sans)], swatch: nil, size: 0.68 * u))
            default:
                name.append(("  f \(r.loss.significant(3))  ", style.text, .sans))
                name.append((r.status.word, statusColor, .sans))
                out.append(Line(runs: name, swatch: swatch, size: 0.68 * u))
            }
        }
        // What the plot's A, B, C are (a network's plane), as the terminal's legend says.
        if detail >= 2 {
            for a in PlotContent.anchors(state) {
                out.append(Line(runs: [("\(a.letter) ", style.text, .sansBold),
                                       (a.label, style.dimText, .sans)],
                                swatch: nil, size: 0.72 * u))
            }
        }
        return out
    }

    /// Draws the legend from the top of `b`, at the most detail whose lines fit `maxHeight`
    /// (default: the box); returns the height used.
    static func draw(_ state: AppState, _ style: FigureStyle, _ p: Painter, _ b: Box, maxHeight: Double? = nil) -> Double {
        let u = style.unit
        let limit = maxHeight ?? b.height
        var lines: [Line] = []
        for detail in [3, 2, 1] {
            lines = self.lines(state, style, detail: detail)
            if 1.6 * u + lines.reduce(0, { $0 + $1.size * 1.35 }) + 2 * u <= limit { break }
        }
        var y = b.y + 0.9 * u
        p.text("Runners", at: b.x, y, .sansBold, size: 0.9 * u, style.heading)
        p.text("\(PlotContent.drawingOrder(state).count) shown", at: b.maxX, y, .sans, size: 0.7 * u, style.dimText, align: .right)
        y += 0.5 * u
        let indent = 1.3 * u
        for (k, line) in lines.enumerated() {
            if line.swatch != nil && k > 0 { y += 0.35 * u }
            y += line.size * 1.35
            if y > b.y + limit { break }
            if let s = line.swatch {
                s.shape.draw(p, at: Point(b.x + 0.45 * u, y - line.size * 0.35), size: 0.8 * u, fill: s.color, outline: style.outline)
            }
            var x = b.x + indent
            for run in line.runs {
                let t = p.fit(run.text, run.font, size: line.size, maxWidth: b.maxX - x)
                x = p.text(t, at: x, y, run.font, size: line.size, run.color)
                if t != run.text { break }
            }
        }
        y += 0.5 * u
        // The marker key: start, and the kinds of critical point this landscape has.
        var kinds = Set(state.landscape.criticalPoints.map(\.kind))
        let minimalSet = PlotContent.surface(of: state).minimalSet
        if minimalSet != nil { kinds.insert(.globalMinimum) }
        var keys: [(MarkerShape, RGB, String)] = [(.ring, style.text, "start")]
        for (kind, name) in [(CriticalPoint.Kind.globalMinimum, "global min"), (.localMinimum, "local min"), (.saddle, "saddle"), (.maximum, "max")]
        where kinds.contains(kind) {
            keys.append((MarkerShape(Marker(kind).glyph), style.marker, name))
        }
        if PlotContent.showsTrialPoints(state) { keys.append((.circle, style.text.alpha(0.45), "line-search trials")) }
        var x = b.x
        y += 1.0 * u
        for (shape, color, name) in keys {
            let w = 1.1 * u + p.width(name, .sans, size: 0.7 * u) + 0.8 * u
            if x + w > b.maxX && x > b.x { x = b.x; y += 1.2 * u }
            shape.draw(p, at: Point(x + 0.4 * u, y - 0.25 * u), size: 0.7 * u, fill: color, outline: style.outline)
            x = p.text(name, at: x + 1.0 * u, y, .sans, size: 0.7 * u, style.dimText) + 0.8 * u
        }
        if let set = minimalSet {
            let line = "★ all along \(set.description), loss \(set.value.significant(6))"
            y += 1.1 * u
            _ = p.text(p.fit(line, .sans, size: 0.65 * u, maxWidth: b.width), at: b.x, y, .sans, size: 0.65 * u, style.dimText)
        }
        return y - b.y
    }
}

/// The inside panel (`--show inside`) as a table: the terminal panel's own lines (the numbers
/// behind the selected runner's next update, then the lesson), in a monospaced font so that
/// its key column lines up.
enum InsideTable {
    static func draw(_ state: AppState, _ style: FigureStyle, _ p: Painter, _ b: Box) {
        let u = style.unit
        guard b.height > 3 * u else { return }
        let label = state.selectedRunner?.config.label ?? ""
        var y = b.y + 0.9 * u
        p.text("Inside · " + label, at: b.x, y, .sansBold, size: 0.9 * u, style.heading)
        y += 0.4 * u
        let size = 0.62 * u
        let charWidth = p.width("0", .mono, size: size)
        let columns = Swift.max(Int(b.width / charWidth), 10)
        for line in PlotContent.insideLines(state, width: columns) {
            y += size * 1.3
            if y > b.maxY { break }
            var x = b.x
            for run in line {
                x = p.text(run.text, at: x, y, run.bold ? .monoBold : .mono, size: size, style.color(run.color))
            }
        }
    }
}
