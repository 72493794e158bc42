import OptiscapeCore

/// The right-hand panel: the runners' legend on top, then (when open) explain mode's
/// sub-steps, then the inside panel; a one-column rule separates it from the plot.
///
/// Rows go first to the legend at the most detail that still leaves the open panels room
/// (explain needs its sub-steps, inside at least 12 rows); explain gets what it needs, before
/// inside's 12 rows when both do not fit; inside takes the rest, its lesson text cut with `…`
/// when it runs out.
enum SidePanel {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let theme = ctx.theme
        for r in rect.row..<rect.maxRow { frame.put("│", col: rect.col, row: r, foreground: theme.border) }
        let content = rect.inset(left: 2, right: 1)
        guard content.width > 4, content.height > 2 else { return }
        let width = content.width
        let state = ctx.state

        let explainLines = state.explain ? ExplainPanel.lines(ctx, width: width) : []
        let insideMinimum = state.showInside ? 12 : 0
        var legend: [Styled] = []
        for detail in [3, 2, 1] {
            legend = LegendPanel.lines(ctx, width: width, detail: detail)
            if 1 + legend.count + (explainLines.isEmpty ? 0 : explainLines.count + 2) + insideMinimum <= content.height { break }
        }

        // What inside keeps: its 12 rows when explain's sub-steps fit beside them; else explain
        // (the step being taken apart) comes first and inside has what is left, if anything.
        let explainNeed = explainLines.isEmpty ? 0 : explainLines.count + 2
        let insideReserve = max(0, min(insideMinimum, content.height - 1 - legend.count - explainNeed))

        var row = content.row
        heading("Runners", right: "\(ctx.visible.count) shown", ctx, col: content.col,
                row: &row, width: width, onto: &frame)
        row = put(legend, ctx, col: content.col, row: row, limit: content.maxRow - insideReserve, width: width, onto: &frame)

        if !explainLines.isEmpty && row + 2 < content.maxRow {
            row += 1
            let label = state.selectedRunner?.config.label ?? ""
            heading("Explain · \(label)", right: "next update", ctx, col: content.col, row: &row, width: width, onto: &frame)
            row = put(explainLines, ctx, col: content.col, row: row, limit: content.maxRow - insideReserve, width: width, onto: &frame)
        }
        if state.showInside && row + 2 < content.maxRow {
            row += 1
            let label = state.selectedRunner?.config.label ?? ""
            heading("Inside · \(label)", right: "i closes", ctx, col: content.col, row: &row, width: width, onto: &frame)
            let lines = InsidePanel.lines(ctx, width: width, rows: content.maxRow - row)
            _ = put(lines, ctx, col: content.col, row: row, limit: content.maxRow, width: width, onto: &frame)
        }
    }

    /// A section heading: bold title, a rule, and a dim note at the right.
    static func heading(_ title: String, right: String, _ ctx: RenderContext, col: Int, row: inout Int,
                        width: Int, onto frame: inout Frame) {
        let t = Text.fit(title, width)
        frame.put(t, col: col, row: row, foreground: ctx.theme.heading, attributes: .bold)
        let noteRoom = width - t.count - 3
        let note = right.count <= noteRoom ? right : ""
        let ruleStart = col + t.count + 1
        let ruleEnd = col + width - (note.isEmpty ? 0 : note.count + 1)
        if ruleEnd > ruleStart {
            frame.put(String(repeating: "─", count: ruleEnd - ruleStart), col: ruleStart, row: row, foreground: ctx.theme.border)
        }
        if !note.isEmpty { frame.put(note, col: col + width - note.count, row: row, foreground: ctx.theme.dimText) }
        row += 1
    }

    /// Writes lines from `row` while below `limit`; when some do not fit, the last row shows `…`.
    /// Returns the next free row.
    static func put(_ lines: [Styled], _ ctx: RenderContext, col: Int, row: Int, limit: Int, width: Int,
                    onto frame: inout Frame) -> Int {
        var r = row
        for (k, line) in lines.enumerated() {
            guard r < limit else { break }
            if r == limit - 1 && k < lines.count - 1 {
                frame.put("…", col: col, row: r, foreground: ctx.theme.dimText)
                return r + 1
            }
            line.draw(onto: &frame, col: col, row: r, width: width)
            r += 1
        }
        return r
    }
}
