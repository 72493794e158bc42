import Foundation
import OptiscapeCore

/// The inside panel (`i`): the selected runner's next update, the numbers at its point, its
/// optimizer's state, then the scene's lesson text. The numbers come from ``StepAnalysis``
/// (the step the optimizer will really take); this panel only formats them.
///
/// First, so that a short panel never loses them: the step's second-order Taylor expansion
/// (Deep Learning §8.2.1) `f(x + Δx) ≈ f(x) + gᵀΔx + ½ΔxᵀHΔx` — the sum `Δf ≈` and the
/// `exact Δf`, then both terms — with a warning when the step goes up. For plain SGD
/// (Δx = −εg) in the book's form of eq. 8.10, `−ε gᵀg` and `½ε² gᵀHg`, and the best ε along −g.
/// For the other rules, what makes their step differ: the velocity (momentum, Nesterov), the
/// per-coordinate effective rates (AdaGrad, RMSProp, AdaDelta, Adam, Adamax, Adafactor; RAdam's
/// and NAdam's factor on m; ASGD's η), the first moment used (the Adam family), Rprop's step
/// sizes Γ, H⁻¹g (Newton), |H|⁻¹g (saddle-free Newton), a clipped or noisy gradient, and ASGD's
/// average ax among the state; then one line on what a plain gradient
/// step −εg of the same ε would do, labelled so. Then x, f, g, the Hessian's eigenvalues and κ.
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
        func warn(_ text: String) {
            for line in Text.wrap(text, width: width) { out.append(Styled(line, theme.warning, .bold)) }
        }
        if let r = state.selectedRunner, r.network != nil {
            network(r, ctx, width: width, kv: { kv($0, $1, $2, $3, essential: $4) },
                    heading: { for line in Text.wrap($0, width: width) { out.append(Styled(line, theme.heading, .bold).essentialLine) } },
                    warn: warn)
        } else if let r = state.selectedRunner {
            let l = state.landscape
            let kind = r.config.optimizer.kind
            if let a = StepAnalysis(of: r, on: l) {
                switch a.update {
                case let .failure(f):
                    out.append(Styled("no next step:", theme.heading, .bold))
                    for line in Text.wrap(f.reason, width: width - 1) { out.append(Styled(" " + line, theme.bad)) }
                case let .success(u) where a.isPlainGradientStep:
                    out.append(Styled("step −εg, ε = lr = \(Text.num(a.learningRate)):", theme.heading, .bold).essentialLine)
                    taylor(u, first: " −εgᵀg", second: " +½ε²gᵀHg", kv: { kv($0, $1, $2, $3, essential: true) })
                    if u.curvatureWins {
                        warn("! ½ε²gᵀHg > εgᵀg: the curvature term wins, this step goes up (ill-conditioning)")
                    } else if u.goesUp {
                        warn("! this step goes up: exact Δf > 0")
                    }
                    out.append(Styled(" f(x−εg) ≈ f − εgᵀg + ½ε²gᵀHg", theme.dimText))
                    if let best = a.bestPlainRate { kv(" best ε", "gᵀg/gᵀHg = \(Text.num(best))") }
                case let .success(u):
                    let hp = r.hyperparameters
                    out.append(Styled("next step \(rule(kind, hp, steps: a.after.steps)), lr = \(Text.num(a.learningRate)):", theme.heading, .bold).essentialLine)
                    taylor(u, first: " gᵀΔx", second: " +½ΔxᵀHΔx", kv: { kv($0, $1, $2, $3, essential: true) })
                    if u.goesUp { warn("! this step goes up: exact Δf > 0") }
                    kv(" Δx", Text.vec(u.step, digits))
                    why(a, kind: kind, digits: digits, kv: { kv($0, $1, $2, $3) })
                    let p = a.plain
                    let verdict = p.goesUp ? "go up" : "go down"
                    for line in Text.wrap("a plain gradient step −εg (ε = \(Text.num(a.learningRate))) would \(verdict): "
                                          + "Δf ≈ \(Text.signed(p.predicted)), "
                                          + "exact \(Text.signed(p.exact))", width: width - 1) {
                        out.append(Styled(" " + line, theme.dimText))
                    }
                }
            } else {
                for line in Text.wrap("no next step: \(r.status.text)", width: width) { out.append(Styled(line, theme.dimText)) }
            }
            let x = r.position
            let g = r.gradient
            let h = l.hessian(at: x)
            kv("x", Text.vec(x, digits))
            kv("f(x)", Text.num(r.loss, 6), essential: true)
            kv("g = ∇f", Text.vec(g, digits))
            kv("‖g‖", Text.num(g.norm))
            if h.isFinite {
                let e = h.symmetricEigen
                var shape = ""
                if e.small < 0 && e.large > 0 { shape = "  saddle" } else if e.large < 0 { shape = "  concave" }
                kv("H: λ₁, λ₂", "\(Text.num(e.small)), \(Text.num(e.large))" + shape)
                kv("κ(H)", Text.num(e.conditionNumber))
            }
            let ins = r.inspection
            if let m = ins.firstMoment { kv("m (1st)", Text.vec(m, digits)) }
            if let s = ins.squaredGradient {
                kv(kind == .adagrad ? "s = Σg²" : kind == .adamax ? "u = ‖g‖∞" : "v (2nd)", Text.vec(s, digits))
            }
            if let ax = ins.average { kv("ax (avg)", Text.vec(ax, digits)) }
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

    /// A network runner: its next update on the whole θ (eq. 8.10 on a real net), the gradient's
    /// curvature, λ_max against 2/lr and the index, and where θ is relative to the plane.
    static func network(_ r: Runner, _ ctx: RenderContext, width: Int,
                        kv: (String, String, Color, Attributes, Bool) -> Void, heading: (String) -> Void,
                        warn: (String) -> Void) {
        let theme = ctx.theme
        guard let a = NetworkAnalysisCache.shared.analysis(of: r, on: ctx.state.landscape, running: ctx.state.isRunning), let engine = r.network else {
            heading("no next step: " + r.status.text)
            kv("L(θ)", Text.num(r.loss, 6), .default, [], true)
            kv("‖g‖", Text.num(r.gradientNorm), .default, [], false)
            return
        }
        switch a.update {
        case let .failed(reason):
            heading("no next step: " + reason)
        case let .moved(norm, first, second, exact):
            heading("next \(r.config.optimizer.kind.rawValue) step on all \(engine.runner.theta.count) weights, lr = \(Text.num(a.learningRate)):")
            kv(" Δf ≈", Text.signed(first + second) + "  = gᵀΔθ +½ΔθᵀHΔθ", .default, .bold, true)
            kv(" exact Δf", exact.isFinite ? Text.signed(exact) : "overflows", .default, .bold, true)
            kv(" gᵀΔθ", Text.signed(first), .default, [], false)
            kv(" +½ΔθᵀHΔθ", Text.signed(second), .default, [], false)
            kv(" ‖Δθ‖", Text.num(norm), .default, [], false)
            if exact > 0 { warn("! this step goes up: exact Δf > 0") }
        }
        kv("L(θ)", Text.num(a.loss, 6), .default, [], true)
        kv("‖g‖", Text.num(a.gradientNorm), .default, [], true)
        kv("gᵀHg", Text.num(a.gHg), .default, [], false)
        kv("gᵀHg/gᵀg", Text.num(a.curvatureAlongGradient), .default, [], false)
        if let s = a.spectrum {
            if s.step != a.step { heading("spectrum at step \(s.step):") }
            // The stability limit of gradient descent (heavy-ball momentum μ: 2(1 + μ)/lr); an
            // adaptive method's limit is its preconditioned curvature's, not shown.
            let h = r.hyperparameters
            if r.config.optimizer.kind.isSGDFamily && !h.nesterov && h.dampening == 0 {
                let limit = 2 * (1 + h.momentum) / a.learningRate
                let over = s.maximum > limit
                kv("λmax", Text.num(s.maximum) + (over ? " > " : " < ") + (h.momentum == 0 ? "2/lr" : "2(1+μ)/lr") + " \(Text.num(limit))",
                   over ? theme.warning : .default, over ? .bold : [], true)
            } else {
                kv("λmax", Text.num(s.maximum), .default, [], true)
            }
            kv("λmin", Text.num(s.minimum), .default, [], false)
            kv("index", "\(s.negativeCount) of \(s.eigenvalues.count) λ < 0", s.negativeCount > 0 ? theme.warning : .default, [], true)
        } else {
            kv("spectrum", "none above \(NetworkStepAnalysis.spectrumLimit) weights", theme.dimText, [], false)
        }
        if let p = r.projection {
            heading("on the plane (a projection, not θ):")
            kv(" (a, b)", Text.vec(r.position, 3), .default, [], false)
            kv(" off plane", Text.num(p.distance) + (p.fromOrigin > 0 ? " (\(Text.num(100 * p.relativeDistance, 2))%)" : ""), .default, [], true)
            kv(" slice f", Text.num(ctx.state.landscape.value(at: r.position)), .default, [], false)
        }
    }

    /// The predicted and the exact change first (a short panel keeps them), then the first-
    /// and second-order terms they are the sum of, under these labels.
    static func taylor(_ u: StepAnalysis.Update, first: String, second: String,
                       kv: (String, String, Color, Attributes) -> Void) {
        kv(" Δf ≈", Text.signed(u.predicted) + "  =" + first + second, .default, .bold)
        kv(" exact Δf", u.exact.isFinite ? Text.signed(u.exact) : u.exact.isNaN ? "undefined" : "overflows", .default, .bold)
        kv(first, Text.signed(u.firstOrder), .default, [])
        kv(second, Text.signed(u.secondOrder), .default, u.curvatureWins ? .bold : [])
    }

    /// The rule's step in symbols: `Δx = −lr·b` (momentum), `Δx = −lr·H⁻¹g` (Newton), ….
    /// `steps`: updates taken once this step is (RAdam's rectification depends on it).
    static func rule(_ kind: OptimizerKind, _ h: ResolvedHyperparameters, steps: Int) -> String {
        switch kind {
        case .sgd, .momentum, .nesterov:
            if h.momentum == 0 { return h.weightDecay == 0 ? "Δx = −lr·g" : "Δx = −lr·(g + λx)" }
            return h.nesterov ? "Δx = −lr·(g + μb)" : "Δx = −lr·b"
        case .rmsprop where h.momentum != 0: return "Δx = −lr·b"
        case .adagrad, .rmsprop, .adadelta: return "Δx = −lr_eff·g"
        case .adam, .adamw: return "Δx = −lr_eff·m"
        case .newton: return "Δx = −lr·H⁻¹g"
        case .saddleFreeNewton: return "Δx = −lr·|H|⁻¹g"
        // torch.optim additions (nadam … adafactor)
        case .nadam: return "Δx = −lr·m̂/(√v̂ + ε)"
        case .radam:
            return RAdamRule<Vec2>.isRectified(beta2: h.beta2, step: steps) ? "Δx = −lr·rₜ·lₜ·m̂" : "Δx = −lr·m̂ (ρₜ ≤ 5)"
        case .adamax: return "Δx = −lr_eff·m"
        case .asgd:
            if h.weightDecay == 0 { return h.lambd == 0 ? "Δx = −η·g" : "Δx = −η·(g + λx)" }
            return "Δx = −η·(g + (λ + wd)·x)"
        case .rprop: return "Δx = −Γ·sign(g)"
        case .adafactor: return "Δx = −αₜ·Û"
        // muon (weight matrices; AdamW for the other tensors): never on a point
        case .muon: return "ΔW = −lr′·NS(g + μB)"
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .lbfgs: return h.lineSearch ? "Δx = Σ t·d, t by strong Wolfe" : "Δx = Σ t·d, d = −Hₖg"
        case .cg: return "Δx = t·d, d = −g + β·d₋"
        case .bfgs: return "Δx = t·d, d = −Hₖg"
        case .coordinateDescent: return h.lr == 1 ? "Δxᵢ = argmin along xᵢ" : "Δxᵢ = lr·(argmin − xᵢ)"
        }
    }

    /// What makes this step differ from −εg: a transformed gradient, the velocity, the
    /// per-coordinate rates, the Newton direction.
    static func why(_ a: StepAnalysis, kind: OptimizerKind, digits: Int,
                    kv: (String, String, Color, Attributes) -> Void) {
        if a.usedGradient != a.gradient { kv(" g used", Text.vec(a.usedGradient, digits), .default, []) }
        switch kind {
        case .newton:
            if let d = a.direction { kv(" H⁻¹g", Text.vec(d, digits), .default, []) }
        case .saddleFreeNewton:
            if let d = a.direction { kv(" |H|⁻¹g", Text.vec(d, digits), .default, []) }
        // line-search methods (lbfgs, cg, bfgs, coordinate-descent)
        case .lbfgs, .cg, .bfgs, .coordinateDescent:
            let after = a.after
            if !after.innerIterates.isEmpty { kv(" inner iters", "\(after.innerIterates.count)", .default, []) }
            if !after.trialPoints.isEmpty {
                kv(" trials", "\(after.trialPoints.count)", .default, [])
            }
            if let m = after.inverseHessianApproximation {
                kv(" Hₖ (BFGS)", Text.mat(m, digits), .default, [])
                if let inv = a.hessian.inverse { kv(" true H⁻¹", Text.mat(inv, digits), .default, []) }
                else { kv(" true H⁻¹", "singular", .default, []) }
            }
        default:
            if let v = a.after.velocity { kv(" velocity", Text.vec(v, digits), .default, []) }
            if let m = a.after.firstMoment, [.adam, .adamw, .nadam, .radam, .adamax].contains(kind) {
                kv(" m used", Text.vec(m, digits), .default, [])
            }
            if let s = a.after.stepSize { kv(" Γ", "x \(Text.num(s.x, 3))  y \(Text.num(s.y, 3))", .default, []) }
            if let e = a.after.effectiveLearningRate {
                kv(kind == .asgd ? " η" : kind == .nadam ? " lr on m" : " lr eff", "x \(Text.num(e.x, 3))  y \(Text.num(e.y, 3))", .default, [])
            }
        }
    }
}
