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

/// The bottom line: scene title, global step (and the selected runner's, when it differs), speed, running or paused, the selected knob,
/// the start cursor's hint, the state's message, and key hints (right-aligned).
///
/// When the line is too narrow, segments are dropped in this order: key hints, knob, scene
/// title (first cut with `…` while 12 cells of it fit), speed; the step, run state, cursor hint and message stay (cut with `…` last). While a
/// recording plays, the hints (play's keys) go last.
enum StatusBar {
    static func draw(_ ctx: RenderContext, in rect: Rect, onto frame: inout Frame) {
        let state = ctx.state
        let theme = ctx.theme
        Bar.fill(rect, theme, onto: &frame)
        let highlight: Color = theme.mode == .full256 ? .indexed(226) : .default
        // (drop order: higher goes first, 0 never; segment)
        var segments: [(drop: Int, line: Styled)] = []
        if let b = ctx.badge { segments.append((0, b.styled(theme.mode))) }
        segments.append((3, Styled(state.scene.title, .default, .bold)))
        segments.append((0, Styled(stepText(state))))
        segments.append((2, Styled("×\(state.speed.compact)")))
        // While a recording plays, the badge is the one run state (▶ PLAY / ❚❚ PLAY / ■ END): the
        // replayed session's own running flag beside it would contradict it.
        let play = ctx.badge?.playState
        if play == nil {
            segments.append((0, state.isRunning ? Styled("▶ running", theme.mode == .full256 ? .indexed(114) : .default, .bold)
                                                : Styled("❚❚ paused", .default, .bold)))
        }
        if let k = state.selectedKnob {
            var knob = Styled("\(k.parameter)=\(state.knobValue(k).significant(4)) ")
            knob.add("< >", theme.mode == .full256 ? .indexed(245) : .default)
            segments.append((4, knob))
        }
        if let c = state.cursor {
            var cursor = Styled("start (\(c.x.significant(3)), \(c.y.significant(3))): ", highlight, .bold)
            cursor.add("arrows move · enter sets start · esc cancels", highlight)
            segments.append((0, cursor))
        }
        if let m = state.message, !m.isEmpty {
            segments.append((0, Styled(m, theme.mode == .full256 ? .indexed(222) : .default, .bold)))
        }
        let hints: String
        if let play {
            hints = play.atEnd ? "space / s: go on live · ? keys · q quit"
                : (play.paused ? "space play" : "space pause") + " · s next · ←/→ seek · ? keys · q quit"
        } else if state.cursor != nil { hints = "? help · q quit" }
        else if state.explain {
            // With nothing to break down (a stopped runner, a network runner), s takes a step.
            hints = (state.explainTerms.isEmpty ? "s step" : "s next sub-step") + " · x leave · ? help · q quit"
        }
        else { hints = "space run · s step · ? help · q quit" }

        func joined(_ parts: [(drop: Int, line: Styled)]) -> Styled {
            var out = Styled(" ")
            for (k, p) in parts.enumerated() {
                if k > 0 { out.add(" │ ", theme.barForeground) }
                out = out + p.line
            }
            return out
        }
        var showHints = true
        var left = joined(segments)
        // Live, the key hints go first; while a recording plays they are the player's keys, the
        // only place they show, so the droppable segments go before them.
        let hintsLast = play != nil
        while true {
            if showHints && left.count + 3 + hints.count <= rect.width { break }
            let worst = segments.indices.filter({ segments[$0].drop > 0 }).max(by: { segments[$0].drop < segments[$1].drop })
            if showHints && !(hintsLast && worst != nil) { showHints = false; continue }
            if !showHints && left.count <= rect.width { break }
            guard let worst else { break }
            // The scene title is cut with "…" rather than lost while a useful part of it fits.
            let title = segments[worst].line
            if segments[worst].drop == 3, case let room = rect.width - (left.count - title.count), room >= 12,
               room < title.count {
                segments[worst] = (0, Styled(Text.fit(title.runs.map(\.text).joined(), room), .default, .bold))
            } else {
                segments.remove(at: worst)
            }
            left = joined(segments)
        }
        Bar.put(left, col: rect.col, row: rect.row, width: rect.width, theme, onto: &frame)
        if showHints {
            let h = hints + " "
            Bar.put(Styled(h, theme.mode == .full256 ? .indexed(248) : .default), col: rect.maxCol - h.count,
                    row: rect.row, width: h.count, theme, onto: &frame)
        }
    }
}

extension StatusBar {
    /// `step 13`: the global step count — and, when the selected runner's own count differs
    /// (it restarted after `[`, `]`, `c` or a new start, or stopped early), that one too, named:
    /// `step 13 (sgd: 0)`, so the two numbers on screen never seem to disagree.
    static func stepText(_ state: AppState) -> String {
        let global = "step \(state.simulation.step)"
        guard let r = state.selectedRunner, r.step != state.simulation.step else { return global }
        return global + " (\(r.config.label): \(r.step))"
    }
}

/// The `?` overlay: a centred box with every key and what it does, from
/// ``KeyBindings/help`` (the one table the key map and the README share), or while a recording
/// plays, from ``KeyBindings/playHelp``.
enum HelpOverlay {
    static func draw(_ ctx: RenderContext, rows: [KeyBindings.Binding] = KeyBindings.help, title: String = "keys",
                     onto frame: inout Frame) {
        let theme = ctx.theme
        let keyWidth = rows.map(\.keys.count).max() ?? 0
        let actionWidth = rows.map(\.action.count).max() ?? 0
        let width = Swift.min(frame.width - 4, keyWidth + actionWidth + 7)
        // The box may cover the title and status bars: all 22 keys fit in 24 rows.
        let height = Swift.min(frame.height, rows.count + 2)
        guard width >= 20, height >= 5 else { return }
        let box = Rect(col: (frame.width - width) / 2, row: (frame.height - height) / 2, width: width, height: height)
        let background: Color = ctx.mode == .full256 ? .indexed(235) : .default
        frame.fill(box, with: Cell(" ", background: background))
        frame.box(box, title: title, color: theme.heading, attributes: .bold)
        let inner = box.inset(left: 2, top: 1, right: 2, bottom: 1)
        let shown = inner.height
        let keyColumn = Swift.min(keyWidth, inner.width / 2)
        for (k, b) in rows.prefix(shown).enumerated() {
            var line = Styled(Text.pad(b.keys, keyColumn), theme.mode == .full256 ? .indexed(226) : .default, .bold)
            line.add("  " + b.action, theme.text)
            if k == shown - 1 && rows.count > shown { line = Styled("… (a taller terminal shows all keys)", theme.dimText) }
            line.draw(onto: &frame, col: inner.col, row: inner.row + k, width: inner.width)
        }
        let close = " any key closes "
        if close.count + 4 <= box.width {
            frame.put(close, col: box.maxCol - 2 - close.count, row: box.maxRow - 1, foreground: theme.heading, attributes: .bold)
        }
    }
}
