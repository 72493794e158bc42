import OptiscapeCore

/// Explain mode (`x`): the selected runner's next update broken into its sub-steps
/// (``AppState/explainTerms``). The first ``AppState/explainRevealed`` are shown, one line
/// each, the latest bold; the rest are numbered placeholders. Each revealed sub-step's vector
/// is drawn from the head with its number at the tip (see ``ExplainArrows``).
enum ExplainPanel {
    static func lines(_ ctx: RenderContext, width: Int) -> [Styled] {
        let state = ctx.state
        let theme = ctx.theme
        let terms = state.explainTerms
        guard !terms.isEmpty else {
            let why = state.selectedRunner.map { r in
                r.network.map { "explain breaks a 2-D update into its sub-steps; \(r.config.label) updates all \($0.runner.theta.count) weights of a network: the inside panel (i) works its real step out" }
                    ?? "\(r.config.label) has stopped: \(r.status.text)"
            } ?? "no runner selected"
            return Text.wrap(why, width: width).map { Styled($0, theme.dimText) }
        }
        let revealed = Swift.min(state.explainRevealed, terms.count)
        var out: [Styled] = []
        for (k, t) in terms.enumerated() {
            let n = k < 9 ? "\(k + 1)" : "+"
            if k < revealed {
                let latest = k == revealed - 1
                var line = Styled(n, theme.gradientVector, latest ? [.bold, .reverse] : .bold)
                line.add(" " + t.text, theme.text, latest ? .bold : [])
                out.append(line.essentialLine)
            } else {
                out.append(Styled(n + " …", theme.dimText, theme.dimAttributes))
            }
        }
        if let vp = ctx.explainViewport {
            let s = scales(ctx, viewport: vp)
            var note = "arrows ×\(s.terms.compact)"
            if s.finalIndex != nil { note += ", step ×\(s.step.compact)" }
            out.append(Styled(note, theme.dimText))
        }
        let hint = revealed < terms.count ? "s: next sub-step (\(revealed)/\(terms.count))" : "s: take the step"
        out.append(Styled(hint, theme.accent, .bold).essentialLine)
        return out
    }

    /// The arrow scales: one for the sub-steps before the final step, one for the final step
    /// (a displacement, usually much shorter than the gradient), each from every sub-step so
    /// that revealing one does not rescale the others.
    static func scales(_ ctx: RenderContext, viewport vp: Viewport) -> (terms: Double, step: Double, finalIndex: Int?) {
        let terms = ctx.state.explainTerms
        guard let head = ctx.state.simulation.trajectories.indices.contains(ctx.state.selected)
            ? ctx.state.simulation.trajectories[ctx.state.selected].last : nil else { return (1, 1, nil) }
        let finalIndex = terms.last?.vector != nil ? terms.count - 1 : nil
        func arrow(_ v: Vec2?) -> Arrow? {
            guard let v, v.isFinite, v.norm > 0 else { return nil }
            return Arrow(from: head, vector: v, color: .default, tip: .single)
        }
        let early = terms.enumerated().compactMap { $0.offset == finalIndex ? nil : arrow($0.element.vector) }
        let last = finalIndex.flatMap { arrow(terms[$0].vector) }.map { [$0] } ?? []
        let target = Arrow.target(vp)
        return (Arrow.niceScale(early, in: vp, target: target), Arrow.niceScale(last, in: vp, target: target), finalIndex)
    }
}
