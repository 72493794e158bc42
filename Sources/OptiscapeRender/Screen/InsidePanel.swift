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
        let digits = width >= 36 ? 4 : 3
        let keyWidth = 11
        /// `essential`: kept on every page of the side panel (see ``SidePanel``).
        func kv(_ key: String, _ value: String, _ color: Color = .default, _ attributes: Attributes = [],
                essential: Bool = false) {
            var s = Styled(Text.pad(key, keyWidth), theme.dimText)
            s.add(value, color == .default ? theme.text : color, attributes)
            s.essential = essential
            out.append(s)
        }
        if let r = state.selectedRunner {
            let l = state.landscape
            let x = r.position
            let g = r.gradient
            let h = l.jet(at: x).hessian
            let eps = r.nextLearningRate
            kv("x", Text.vec(x, digits))
            kv("f(x)", Text.num(r.loss, 6), essential: true)
            kv("g = ∇f", Text.vec(g, digits))
            kv("‖g‖", Text.num(g.norm))
            if h.isFinite {
                let e = h.symmetricEigen
                var kind = ""
                if e.small < 0 && e.large > 0 { kind = "  saddle" } else if e.large < 0 { kind = "  concave" }
                kv("H: λ₁, λ₂", "\(Text.num(e.small)), \(Text.num(e.large))" + kind)
                kv("κ(H)", Text.num(e.conditionNumber))
                let gg = g.dot(g), gHg = h.quadraticForm(g)
                let first = eps * gg, second = 0.5 * eps * eps * gHg
                let exact = l.value(at: x - eps * g) - r.loss
                let overshoot = second > first
                out.append(Styled("step −εg, ε = lr = \(Text.num(eps)):", theme.heading, .bold).essentialLine)
                out.append(Styled(" f(x−εg) ≈ f − εgᵀg + ½ε²gᵀHg", theme.dimText))
                kv(" −εgᵀg", Text.signed(-first), essential: true)
                kv(" +½ε²gᵀHg", Text.signed(second), overshoot ? theme.warning : theme.text, overshoot ? .bold : [],
                   essential: true)
                kv(" = Δf ≈", Text.signed(second - first), essential: true)
                kv(" exact Δf", Text.signed(exact), essential: true)
                if overshoot {
                    for line in Text.wrap("! ½ε²gᵀHg > εgᵀg: the curvature term wins, this step goes up (ill-conditioning)", width: width) {
                        out.append(Styled(line, theme.warning, .bold).essentialLine)
                    }
                }
                if gHg > 0 { kv(" best ε", "gᵀg/gᵀHg = \(Text.num(gg / gHg))") }
            }
            let ins = r.optimizer.inspection
            if let v = ins.velocity { kv("velocity", Text.vec(v, digits)) }
            if let m = ins.firstMoment { kv("m (1st)", Text.vec(m, digits)) }
            if let s = ins.squaredGradient { kv(r.config.optimizer.kind == .adagrad ? "s = Σg²" : "v (2nd)", Text.vec(s, digits)) }
            if let e = ins.effectiveLearningRate { kv("lr eff", "x \(Text.num(e.x, 3))  y \(Text.num(e.y, 3))") }
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
