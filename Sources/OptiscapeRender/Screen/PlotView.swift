import OptiscapeCore

extension Renderer {
    /// The overlay plot: axes, contours, every visible runner's trajectory, markers, vectors.
    /// Returns the plot's viewport (nil when there is no room for one).
    @discardableResult
    mutating func drawOverlay(_ ctx: RenderContext, in area: Rect, onto frame: inout Frame) -> Viewport? {
        let axes = Axes(color: ctx.theme.dimText)
        // One column of air before the side panel's border.
        let plotArea = area.inset(right: 1)
        var vp = axes.viewport(fitting: ctx.state.view, in: plotArea, cellAspect: PlotAspect.cellAspect)
        if PlotAspect.growth(of: ctx.state.view, to: vp.box) > PlotAspect.maximumGrowth {
            vp = axes.viewport(fitting: ctx.state.view, in: plotArea, cellAspect: nil)
        }
        guard vp.rect.width >= 2, vp.rect.height >= 2 else { return nil }
        plotViewport = vp
        field(ctx, viewport: vp).compose(onto: &frame, mode: ctx.mode, palette: palette)
        axes.draw(onto: &frame, viewport: vp)

        // The selected runner is drawn last, so it is on top where trajectories cross at the
        // same step; diverged runners go underneath all others (see ``TrajectoryLayer``).
        let order = ctx.drawingOrder
        var layer = overlayLayer ?? TrajectoryLayer(viewport: vp)
        layer.setViewport(vp)
        if order != overlayOrder { layer.invalidate() }
        let trajectories = ctx.state.simulation.trajectories
        var series = order.map { trajectories[$0] }
        var styles = order.map { ctx.trail($0) }
        // Averaged iterates (§8.7.3): a second path per averaging runner, dashed, dimmer and underneath.
        let averages = ctx.state.simulation.averageTrajectories
        for i in order { if let a = averages[i] { series.append(a); styles.append(ctx.averageTrail(i)) } }
        layer.sync(series, styles: styles)
        PlotMarks.drawTrials(ctx, runners: order, viewport: vp, onto: &frame)
        layer.compose(onto: &frame, attributes: .bold)
        overlayLayer = layer
        overlayOrder = order

        PlotMarks.draw(ctx, runners: order, viewport: vp, minima: minimalSetMarks(ctx, viewport: vp), onto: &frame)
        PlotAspect.drawStretchNote(vp, ctx.theme, onto: &frame)
        return vp
    }
}

/// How a view box is fitted to a plot rectangle.
///
/// Equal aspect (a world unit as long across as down, for cells twice as tall as wide) when
/// that grows the box by at most ``maximumGrowth`` in one direction: circles look round and
/// the gradient crosses the iso-lines at right angles, as it does. A box much flatter or
/// taller than the plot (a scene zoomed on purpose into a thin valley) is instead stretched to
/// fill it, and the plot says so in its bottom-right corner (`y stretched ×4`).
public enum PlotAspect {
    /// Terminal cells are about twice as tall as wide (a picture's points are square: 1).
    public static let cellAspect = 2.0
    public static let maximumGrowth = 2.0

    /// How many times wider or taller `fitted` is than `box` (1 when the same).
    public static func growth(of box: ViewBox, to fitted: ViewBox) -> Double {
        let g = Swift.max(fitted.width / box.width, fitted.height / box.height)
        return g.isFinite ? g : 1
    }

    /// A viewport for `box` filling `rect`: equal aspect unless that grows the box too much.
    public static func viewport(_ box: ViewBox, in rect: Rect, cellAspect: Double = cellAspect) -> Viewport {
        let plain = Viewport(box: box, rect: rect)
        let equal = plain.withEqualAspect(cellAspect: cellAspect)
        return growth(of: plain.box, to: equal.box) <= maximumGrowth ? equal : plain
    }

    /// How much the y axis is magnified relative to x on screen (> 1: y stretched).
    static func stretch(_ vp: Viewport) -> Double {
        guard vp.rect.width > 0, vp.rect.height > 0 else { return 1 }
        let perCol = vp.box.width / Double(vp.rect.width)
        let perRow = vp.box.height / Double(vp.rect.height)
        let s = cellAspect * perCol / perRow
        return s.isFinite && s > 0 ? s : 1
    }

    /// `y stretched ×4` (or `x stretched …`) in the plot's bottom-right corner when the plot
    /// is not drawn at equal aspect.
    static func drawStretchNote(_ vp: Viewport, _ theme: Theme, onto frame: inout Frame) {
        let s = stretch(vp)
        guard s > 1.1 || s < 1 / 1.1 else { return }
        let note = s > 1 ? " y stretched ×\(s.significant(2)) " : " x stretched ×\((1 / s).significant(2)) "
        guard note.count + 2 <= vp.rect.width else { return }
        frame.put(note, col: vp.rect.maxCol - note.count, row: vp.rect.maxRow - 1,
                  foreground: theme.text, attributes: theme.dimAttributes)
    }
}

/// Everything drawn on a plot after the contours and trajectories: critical points, points of
/// the minimal set (`minima`, see ``Renderer/minimalSetMarks(_:viewport:)``), start markers,
/// vectors, explain arrows, heads (or off-view arrows) and the start cursor.
enum PlotMarks {
    /// The line-search trials of every step (``PlotContent/lineSearchPoints(_:runner:)``) as
    /// dimmed `∘` in the runner's colour: drawn over the contours and before the trails, which
    /// cover them where they meet.
    static func drawTrials(_ ctx: RenderContext, runners order: [Int], viewport vp: Viewport, onto frame: inout Frame) {
        for i in order {
            for q in PlotContent.lineSearchPoints(ctx.state, runner: i) {
                guard let cell = vp.cell(of: q) else { continue }
                frame.put("∘", col: cell.col, row: cell.row, foreground: ctx.style(i).color, attributes: .dim)
            }
        }
    }

    static func draw(_ ctx: RenderContext, runners order: [Int], viewport vp: Viewport, minima: [Vec2] = [],
                     onto frame: inout Frame) {
        let state = ctx.state
        let theme = ctx.theme
        for p in minima {
            Marker.globalMinimum.place(at: p, in: vp, onto: &frame, color: theme.marker, attributes: .bold)
        }
        let marked = CriticalMarks.place(state.landscape.criticalPoints, in: vp)
        for (cell, m) in marked {
            frame.put(m.glyph, col: cell.col, row: cell.row, foreground: theme.marker, attributes: .bold)
        }
        // The weight vectors a network's plane goes through (A, B, C), under the runners' marks.
        for a in PlotContent.anchors(state) {
            Marker.custom(a.letter).place(at: a.point, in: vp, onto: &frame, color: theme.marker, attributes: .bold)
        }
        let trajectories = state.simulation.trajectories
        for i in order {
            if let s = trajectories[i].first {
                Marker.start.place(at: s, in: vp, onto: &frame, color: ctx.style(i).color, attributes: .bold)
            }
        }
        if state.showVectors { VectorOverlay.draw(ctx, runners: order, viewport: vp, onto: &frame) }
        if state.explain, order.contains(state.selected) {
            ExplainArrows.draw(ctx, viewport: vp, onto: &frame)
        }
        // The averaged iterate's head: ◇ in the runner's colour.
        let averages = state.simulation.averageTrajectories
        for i in order {
            if let a = averages[i]?.last {
                Marker.custom("◇").place(at: a, in: vp, onto: &frame, color: ctx.style(i).color, attributes: .bold)
            }
        }
        let emphasise = order.count > 1
        var offView: [(index: Int, arrow: OffViewArrow, label: String, attributes: Attributes)] = []
        for i in order {
            let r = state.simulation.runners[i]
            let style = ctx.style(i)
            let head = trajectories[i].last ?? r.position
            let attributes: Attributes = i == state.selected && emphasise ? [.bold, .reverse] : .bold
            if let cell = vp.cell(of: head) {
                if let m = marked[Cell2(cell.col, cell.row)] {
                    // A head on a critical point keeps the point's glyph, on the runner's colour.
                    let attrs: Attributes = ctx.mode == .none ? [.bold, .underline] : .bold
                    let ink: Color = ctx.mode == .full256 ? .indexed(16) : ctx.mode == .basic8 ? .black : .default
                    frame.put(m.glyph, col: cell.col, row: cell.row, foreground: ink, attributes: attrs)
                    frame.modify(col: cell.col, row: cell.row) { $0.background = style.color }
                } else {
                    Marker.custom(style.head).place(at: head, in: vp, onto: &frame, color: style.color, attributes: attributes)
                }
            } else if let arrow = OffViewArrow(towards: head, in: vp) {
                offView.append((i, arrow, OffViewArrow.label(r.config.label, for: head, in: vp.box), attributes))
            }
        }
        // Off-view heads' labels must not run into each other: the selected runner keeps its
        // place, the others move along the edge.
        offView.sort { ($0.index == state.selected ? 0 : 1) < ($1.index == state.selected ? 0 : 1) }
        let separated = OffViewArrow.separate(offView.map { ($0.arrow, $0.label) }, in: vp.rect)
        for (item, arrow) in zip(offView, separated) {
            arrow.draw(onto: &frame, label: item.label, in: vp.rect, color: ctx.style(item.index).color,
                       attributes: item.attributes)
        }
        if let c = state.cursor { drawCursor(at: c, viewport: vp, color: theme.cursor, onto: &frame) }
    }

    /// A crosshair `──┼──` (with `│` above and below) at world point `p`, or an arrow to it.
    static func drawCursor(at p: Vec2, viewport vp: Viewport, color: Color, onto frame: inout Frame) {
        guard let cell = vp.cell(of: p) else {
            OffViewArrow(towards: p, in: vp)?.draw(onto: &frame, color: color, attributes: .bold)
            return
        }
        let r = vp.rect
        func put(_ g: Character, _ dc: Int, _ dr: Int) {
            let c = cell.col + dc, w = cell.row + dr
            if r.contains(col: c, row: w) { frame.put(g, col: c, row: w, foreground: color, attributes: .bold) }
        }
        for d in [-2, -1, 1, 2] { put("─", d, 0) }
        put("│", 0, -1)
        put("│", 0, 1)
        put("┼", 0, 0)
    }
}

extension Renderer {
    /// Small multiples: one boxed pane per visible runner, same landscape and view, each with
    /// only its own trajectory, titled with its swatch, key, label and loss.
    /// Returns the selected runner's pane viewport (at the origin), if it has a pane.
    @discardableResult
    mutating func drawMultiples(_ ctx: RenderContext, in area: Rect, onto frame: inout Frame) -> Viewport? {
        let ids = ctx.visible
        paneLayers = paneLayers.filter { ids.contains($0.key) }
        guard !ids.isEmpty else {
            let msg = Text.fit("all runners hidden — press 1–9 to show one", area.width)
            frame.put(msg, col: area.col + (area.width - msg.count) / 2, row: area.row + area.height / 2,
                      foreground: ctx.theme.dimText)
            return nil
        }
        let shape = MultiplesGrid.shape(count: ids.count, width: area.width - 1, height: area.height)
        let paneWidth = (area.width - 1) / shape.cols, paneHeight = area.height / shape.rows
        let inner = Rect(col: 0, row: 0, width: paneWidth - 3, height: paneHeight - 2)
        guard inner.width >= 2, inner.height >= 2 else { return nil }
        let vp = PlotAspect.viewport(ctx.state.view, in: inner)
        let field = field(ctx, viewport: vp)
        let minima = minimalSetMarks(ctx, viewport: vp)
        for (k, i) in ids.enumerated() {
            let pane = Rect(col: area.col + (k % shape.cols) * paneWidth, row: area.row + (k / shape.cols) * paneHeight,
                            width: paneWidth - 1, height: paneHeight)
            var scratch = Frame(width: inner.width, height: inner.height)
            field.compose(onto: &scratch, mode: ctx.mode, palette: palette)
            var layer = paneLayers[i] ?? TrajectoryLayer(viewport: vp)
            layer.setViewport(vp)
            let style = ctx.style(i)
            if let average = ctx.state.simulation.averageTrajectories[i] {
                layer.sync([ctx.state.simulation.trajectories[i], average], styles: [ctx.trail(i), ctx.averageTrail(i)])
            } else {
                layer.sync([ctx.state.simulation.trajectories[i]], styles: [ctx.trail(i)])
            }
            PlotMarks.drawTrials(ctx, runners: [i], viewport: vp, onto: &scratch)
            layer.compose(onto: &scratch, attributes: .bold)
            paneLayers[i] = layer
            PlotMarks.draw(ctx, runners: [i], viewport: vp, minima: minima, onto: &scratch)
            PlotAspect.drawStretchNote(vp, ctx.theme, onto: &scratch)
            frame.draw(scratch, col: pane.col + 1, row: pane.row + 1)
            let selected = i == ctx.state.selected
            frame.box(pane, color: selected ? ctx.theme.heading : ctx.theme.border, attributes: selected ? .bold : [])
            let r = ctx.state.simulation.runners[i]
            var title = Styled(" ")
            title.add(String(style.head), style.color, .bold)
            title.add(" \(i + 1) \(r.config.label) ", ctx.theme.text, selected ? [.bold, .reverse] : .bold)
            title.add(" f \(Text.num(r.loss)) ", ctx.theme.dimText)
            title.draw(onto: &frame, col: pane.col + 1, row: pane.row, width: pane.width - 2)
            paneViewports.append(Viewport(box: vp.box, rect: Rect(col: pane.col + 1, row: pane.row + 1,
                                                                   width: inner.width, height: inner.height)))
        }
        return ids.contains(ctx.state.selected) ? vp : nil
    }
}

/// The grid of small multiples.
enum MultiplesGrid {
    /// Columns and rows for `count` panes in `width × height` cells: the shape whose panes can
    /// show the largest square of the world (a square is twice as many columns as rows).
    static func shape(count: Int, width: Int, height: Int) -> (cols: Int, rows: Int) {
        let n = Swift.max(count, 1)
        var best = (cols: 1, rows: n), bestScore = -1
        for c in 1...n {
            let r = (n + c - 1) / c
            let score = Swift.min((width / c - 3) / 2, height / r - 2)
            if score > bestScore || (score == bestScore && c * r < best.cols * best.rows) {
                best = (c, r); bestScore = score
            }
        }
        return best
    }
}
