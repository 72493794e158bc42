import OptiscapeCore

/// The bars' look: one row in the bar colours (reverse video without 256 colours).
enum Bar {
    static func fill(_ rect: Rect, _ theme: Theme, onto frame: inout Frame) {
        frame.fill(rect, with: Cell(" ", foreground: theme.barForeground, background: theme.barBackground,
                                    attributes: theme.barAttributes))
    }

    /// Writes `line` in the bar at `col`, with the bar's background and attributes.
    static func put(_ line: Styled, col: Int, row: Int, width: Int, _ theme: Theme, onto frame: inout Frame) {
        var l = Styled()
        for r in line.runs {
            l.add(r.text, r.color == .default ? theme.barForeground : r.color, r.attributes.union(theme.barAttributes))
        }
        l.draw(onto: &frame, col: col, row: row, width: width, background: theme.barBackground)
    }
}

/// The top line: the section of the book, the landscape's name and formula.
enum TitleBar {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let theme = ctx.theme
        Bar.fill(rect, theme, onto: &frame)
        var s = Styled(" optiscape ", .default, .bold)
        if let section = ctx.state.scene.section, !section.isEmpty {
            s.add("│ ", theme.barForeground)
            s.add(section.hasPrefix("§") ? section : "§" + section, .default, .bold)
            s.add(" ")
        }
        s.add("│ ", theme.barForeground)
        s.add(ctx.state.landscape.name, .default, .bold)
        s.add("  f = " + ctx.state.landscape.formula)
        Bar.put(s, col: rect.col, row: rect.row, width: rect.width - 1, theme, onto: &frame)
    }
}

/// The bottom line: scene title, global step, speed, running or paused, the selected knob,
/// the state's message, and key hints (right-aligned, dropped first when space is short).
enum StatusBar {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let state = ctx.state
        let theme = ctx.theme
        Bar.fill(rect, theme, onto: &frame)
        var left = Styled(" " + state.scene.title + " ", .default, .bold)
        left.add("│ step \(state.simulation.step) │ ×\(state.speed.compact) │ ")
        if state.isRunning { left.add("▶ running", theme.mode == .full256 ? .indexed(114) : .default, .bold) }
        else { left.add("❚❚ paused", .default, .bold) }
        if let k = state.selectedKnob {
            left.add(" │ \(k.parameter)=\(state.knobValue(k).significant(4)) ", .default)
            left.add("< >", theme.mode == .full256 ? .indexed(245) : .default)
        }
        left.add(" ")
        if let c = state.cursor {
            left.add("│ start (\(c.x.significant(3)), \(c.y.significant(3))) ", theme.mode == .full256 ? .indexed(226) : .default, .bold)
        }
        if let m = state.message, !m.isEmpty {
            left.add("│ ")
            left.add(m, theme.mode == .full256 ? .indexed(222) : .default, .bold)
            left.add(" ")
        }
        let hints: String
        if state.cursor != nil { hints = "arrows move · enter sets start · esc cancels " }
        else if state.explain { hints = "s next sub-step · x leave · ? help · q quit " }
        else { hints = "space run · s step · ? help · q quit " }
        Bar.put(left, col: rect.col, row: rect.row, width: rect.width, theme, onto: &frame)
        if left.count + 2 + hints.count <= rect.width {
            Bar.put(Styled(hints, theme.mode == .full256 ? .indexed(248) : .default), col: rect.maxCol - hints.count,
                    row: rect.row, width: hints.count, theme, onto: &frame)
        }
    }
}

/// The `?` overlay: a centred box with every key and what it does, from
/// ``KeyBindings/help`` (the one table the key map and the README share).
enum HelpOverlay {
    static func draw(_ ctx: RenderContext, onto frame: inout Frame) {
        let theme = ctx.theme
        let rows = KeyBindings.help
        let keyWidth = rows.map(\.keys.count).max() ?? 0
        let actionWidth = rows.map(\.action.count).max() ?? 0
        let width = Swift.min(frame.width - 4, keyWidth + actionWidth + 7)
        let height = Swift.min(frame.height - 2, rows.count + 4)
        guard width >= 20, height >= 5 else { return }
        let box = Rect(col: (frame.width - width) / 2, row: (frame.height - height) / 2, width: width, height: height)
        let background: Color = ctx.mode == .full256 ? .indexed(235) : .default
        frame.fill(box, with: Cell(" ", background: background))
        frame.box(box, title: "keys", color: theme.heading, attributes: .bold)
        let inner = box.inset(left: 2, top: 1, right: 2, bottom: 1)
        let shown = inner.height - 1
        let keyColumn = Swift.min(keyWidth, inner.width / 2)
        for (k, b) in rows.prefix(shown).enumerated() {
            var line = Styled(Text.pad(b.keys, keyColumn), theme.mode == .full256 ? .indexed(226) : .default, .bold)
            line.add("  " + b.action, theme.text)
            if k == shown - 1 && rows.count > shown { line = Styled("… (make the terminal taller for all keys)", theme.dimText) }
            line.draw(onto: &frame, col: inner.col, row: inner.row + k, width: inner.width)
        }
        let close = "any key closes"
        frame.put(close, col: inner.maxCol - close.count, row: inner.maxRow - 1, foreground: theme.dimText)
    }
}
