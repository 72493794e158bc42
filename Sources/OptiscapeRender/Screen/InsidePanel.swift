import Foundation
import OptiscapeCore

/// The inside panel (`i`): the numbers behind the selected runner's next update, then the
/// scene's lesson text.
///
/// Numbers: position and loss; gradient and its norm; the Hessian's eigenvalues and
/// condition number κ there; the second-order Taylor expansion of a plain gradient step of
/// the runner's next learning rate ε (Deep Learning §8.2.1, eq. 8.10):
/// `f(x − εg) ≈ f(x) − ε gᵀg + ½ ε² gᵀHg`, with both terms, the predicted and the exact
/// change, and a warning when the second-order term outweighs the first (the step would go
/// *up*: ill-conditioning); the best ε along −g, gᵀg / gᵀHg, when gᵀHg > 0; then the
/// optimizer's state — momentum velocity, Adam's first moment, the accumulated squared
/// gradient and the per-coordinate effective learning rates of the adaptive methods.
enum InsidePanel {
    static func lines(_ ctx: RenderContext, width: Int, rows: Int) -> [Styled] {
        let state = ctx.state
        let theme = ctx.theme
        var out: [Styled] = []
        func kv(_ key: String, _ value: String, _ color: Color = .default, _ attributes: Attributes = []) {
            var s = Styled(Text.pad(key, 9), theme.dimText)
            s.add(value, color == .default ? theme.text : color, attributes)
            out.append(s)
        }
        if let r = state.selectedRunner {
            let l = state.landscape
            let x = r.position
            let g = r.gradient
            let jet = l.jet(at: x)
            let h = jet.hessian
            let eps = r.nextLearningRate
            kv("x", Text.vec(x, 4))
            kv("f(x)", Text.num(r.loss, 6))
            kv("g = ∇f", Text.vec(g, 4))
            kv("‖g‖", Text.num(g.norm))
            if h.isFinite {
                let e = h.symmetricEigen
                var kind = ""
                if e.small < 0 && e.large > 0 { kind = "  (saddle: λ < 0)" } else if e.large < 0 { kind = "  (concave)" }
                kv("H: λ", "\(Text.num(e.small)), \(Text.num(e.large))" + kind)
                kv("κ(H)", Text.num(e.conditionNumber))
                let gg = g.dot(g), gHg = h.quadraticForm(g)
                let first = eps * gg, second = 0.5 * eps * eps * gHg
                out.append(Styled("plain step, ε = lr = \(Text.num(eps)):", theme.heading))
                out.append(Styled("f(x−εg) ≈ f − εgᵀg + ½ε²gᵀHg", theme.dimText))
                kv("  −εgᵀg", Text.signed(-first))
                kv("  ½ε²gᵀHg", Text.signed(second), second > first ? theme.warning : theme.text, second > first ? .bold : [])
                let exact = l.value(at: x - eps * g) - r.loss
                kv("  Δf", "\(Text.signed(second - first)) predicted, \(Text.signed(exact)) exact")
                if second > first {
                    out.append(Styled("⚠ ½ε²gᵀHg > εgᵀg: this step goes up —", theme.warning, .bold))
                    out.append(Styled("  ε is too big for the curvature", theme.warning, .bold))
                }
                if gHg > 0 {
                    kv("  best ε", "gᵀg/gᵀHg = \(Text.num(gg / gHg))")
                }
            }
            let ins = r.optimizer.inspection
            if let v = ins.velocity { kv("velocity", Text.vec(v, 4)) }
            if let m = ins.firstMoment { kv("m (1st)", Text.vec(m, 4)) }
            if let s = ins.squaredGradient { kv("v (g²)", Text.vec(s, 4)) }
            if let e = ins.effectiveLearningRate { kv("lr eff", "x \(Text.num(e.x))  y \(Text.num(e.y))") }
        } else {
            out.append(Styled("no runner selected", theme.dimText))
        }
        let lesson = state.scene.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if !lesson.isEmpty {
            out.append(Styled())
            for line in Text.wrap(lesson, width: width) { out.append(Styled(line, theme.text)) }
        }
        return out
    }
}
