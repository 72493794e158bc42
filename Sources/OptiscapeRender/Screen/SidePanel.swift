import OptiscapeCore

/// The right-hand panel: the runners' legend on top, then (when open) explain mode's
/// sub-steps, then the inside panel; a one-column rule separates it from the plot.
///
/// The legend takes the most detail that still leaves the open panels room (explain needs its
/// sub-steps, inside at least 12 rows). When the sections still do not fit, the panel is paged
/// (``PanelPages``): the headings and every line a section marks ``Styled/essential`` (each
/// runner's loss and status, inside's Δf, explain's sub-steps) stay on every page, the other
/// lines (hyper-parameters, the lesson text, …) are shown a page at a time, and the last row
/// says `page 1/3 · PgDn/PgUp` (the keys turn ``AppState/panelPage``). Nothing is cut to `…`
/// that a key cannot bring back.
enum SidePanel {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let theme = ctx.theme
        for r in rect.row..<rect.maxRow { frame.put("│", col: rect.col, row: r, foreground: theme.border) }
        let content = rect.inset(left: 2, right: 1)
        guard content.width > 4, content.height > 2 else { return }
        let sections = self.sections(ctx, width: content.width, rows: content.height)
        // With room for everything, a blank row separates the sections; paged, none.
        var lines = sections.enumerated().flatMap { k, s in (k > 0 ? [Styled()] : []) + s }
        if lines.count > content.height { lines = sections.flatMap { $0 } }
        let pages = PanelPages(essential: lines.map(\.essential), rows: content.height, page: ctx.state.panelPage)
        var row = content.row
        for i in pages.shown {
            lines[i].draw(onto: &frame, col: content.col, row: row, width: content.width)
            row += 1
        }
        if let note = pages.indicator {
            let t = Text.fit(note, content.width)
            frame.put(t, col: content.maxCol - t.count, row: content.maxRow - 1, foreground: theme.accent, attributes: .bold)
        }
    }

    /// The sections' lines, each starting with its heading (essential).
    static func sections(_ ctx: RenderContext, width: Int, rows: Int) -> [[Styled]] {
        let state = ctx.state
        let label = state.selectedRunner?.config.label ?? ""
        let explain = state.explain ? ExplainPanel.lines(ctx, width: width) : []
        let inside = state.showInside ? InsidePanel.lines(ctx, width: width, rows: rows) : []
        let spectrum = state.showSpectrum ? SpectrumPanel.lines(ctx, width: width) : []
        let others = (explain.isEmpty ? 0 : explain.count + 2) + (state.showInside ? 12 : 0) + (spectrum.isEmpty ? 0 : spectrum.count + 2)
        var legend: [Styled] = []
        for detail in [3, 2, 1] {
            legend = LegendPanel.lines(ctx, width: width, detail: detail)
            if 1 + legend.count + others <= rows { break }
        }
        var out = [[heading("Runners", right: "\(ctx.visible.count) shown", ctx, width: width)] + legend]
        if state.explain {
            out.append([heading("Explain · \(label)", right: "next update", ctx, width: width)] + explain)
        }
        if state.showSpectrum {
            out.append([heading("Spectrum · \(label)", right: "e closes", ctx, width: width)] + spectrum)
        }
        if state.showInside {
            out.append([heading("Inside · \(label)", right: "i closes", ctx, width: width)] + inside)
        }
        return out
    }

    /// A section heading: bold title, a rule, and a dim note at the right.
    static func heading(_ title: String, right: String, _ ctx: RenderContext, width: Int) -> Styled {
        let t = Text.fit(title, width)
        var s = Styled(t, ctx.theme.heading, .bold)
        let noteRoom = width - t.count - 3
        let note = right.count <= noteRoom ? right : ""
        let rule = width - t.count - 1 - (note.isEmpty ? 0 : note.count + 1)
        if rule > 0 { s.add(" " + String(repeating: "─", count: rule), ctx.theme.border) }
        if !note.isEmpty { s.add(" " + note, ctx.theme.dimText) }
        return s.essentialLine
    }
}
