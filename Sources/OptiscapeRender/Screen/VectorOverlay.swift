import Foundation
import OptiscapeCore

/// An arrow from a world point: a braille line with a glyph at its tip.
struct Arrow {
    enum Tip {
        /// `→ ↗ ↑ …` by direction.
        case single
        /// `⇒ ⇗ ⇑ …` by direction.
        case double
        /// `▸ ▴ ◂ ▾` by direction.
        case triangle
        /// A fixed glyph (explain mode numbers its sub-steps).
        case glyph(Character)
    }
    var from: Vec2
    /// The world vector before scaling.
    var vector: Vec2
    var color: Color
    var tip: Tip
    var attributes: Attributes = .bold

    static let singles: [Character] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
    static let doubles: [Character] = ["⇒", "⇗", "⇑", "⇖", "⇐", "⇙", "⇓", "⇘"]
    static let triangles: [Character] = ["▸", "▴", "◂", "▾"]

    /// Arrows shorter than this many braille dots (but not zero) are drawn this long, so that
    /// their direction shows.
    static let minimumDots = 3.0

    /// The length in dots of `vector × scale` in `viewport`.
    func dots(scale: Double, in vp: Viewport) -> Double {
        let a = vp.dot(of: from), b = vp.dot(of: from + vector * scale)
        let d = (b - a).norm
        return d.isFinite ? d : 0
    }

    /// A nice factor (1, 2 or 5 × 10ⁿ) that makes the longest of `arrows` about `target` dots
    /// long or a little shorter; 1 when there is nothing to scale.
    static func niceScale(_ arrows: [Arrow], in vp: Viewport, target: Double) -> Double {
        let longest = arrows.map { $0.dots(scale: 1, in: vp) }.max() ?? 0
        guard longest > 0, longest.isFinite, target > 0 else { return 1 }
        let raw = target / longest
        let mag = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let m = raw / mag
        let nice: Double = m >= 5 ? 5 : m >= 2 ? 2 : 1
        let k = nice * mag
        return k.isFinite && k > 0 ? k : 1
    }

    /// The default arrow target length: a fifth of the plot's smaller side, in dots.
    static func target(_ vp: Viewport) -> Double { Double(Swift.min(vp.dotWidth, vp.dotHeight)) / 5 }

    /// Draws the arrows, each scaled by `scale`, onto the plot of `vp` (lines on one braille
    /// canvas, tips on top).
    static func draw(_ arrows: [Arrow], scale: Double, viewport vp: Viewport, onto frame: inout Frame) {
        guard !vp.rect.isEmpty else { return }
        var canvas = BrailleCanvas(viewport: vp)
        var tips: [(Vec2, Arrow)] = []
        for (k, a) in arrows.enumerated() {
            let start = vp.dot(of: a.from)
            var d = vp.dot(of: a.from + a.vector * scale) - start
            let len = d.norm
            guard start.isFinite, len.isFinite, len > 0 else { continue }
            if len < minimumDots { d = d * (minimumDots / len) }
            let end = start + d
            canvas.line(from: start, to: end, color: a.color, priority: UInt64(k))
            tips.append((end, a))
        }
        canvas.compose(onto: &frame, viewport: vp, attributes: .bold)
        for (end, a) in tips {
            guard end.x >= 0, end.y >= 0, end.x < Double(vp.dotWidth), end.y < Double(vp.dotHeight) else { continue }
            let start = vp.dot(of: a.from)
            let glyph = a.glyph(dx: end.x - start.x, dy: start.y - end.y)
            frame.put(glyph, col: vp.rect.col + Int(end.x) / 2, row: vp.rect.row + Int(end.y) / 4,
                      foreground: a.color, attributes: a.attributes)
        }
    }

    /// The tip glyph for a direction (`dx` right, `dy` up, in dots — which are square).
    func glyph(dx: Double, dy: Double) -> Character {
        let angle = Foundation.atan2(dy, dx)
        func sector(_ n: Int) -> Int {
            var s = Int((angle / (2 * Double.pi / Double(n))).rounded()) % n
            if s < 0 { s += n }
            return s
        }
        switch tip {
        case .single: return Arrow.singles[sector(8)]
        case .double: return Arrow.doubles[sector(8)]
        case .triangle: return Arrow.triangles[sector(4)]
        case .glyph(let g): return g
        }
    }
}

/// The `g` overlay: at each visible runner's head, arrows for where plain gradient descent
/// would go (−lr·g, single arrow `→`), the velocity momentum carries into the next step
/// (−lr·μ·b, double arrow `⇒`, for SGD momentum, Nesterov and RMSprop with momentum; for
/// plain momentum `→` + `⇒` is exactly the next step) and the step just taken (Δx, triangle
/// `▸`, drawn from the head: the direction the runner was going). Adam's first moment is
/// not drawn (its step is divided by √v̂; the legend's bars show v).
///
/// The gradient is drawn as −lr·g (downhill, in the plane's units) rather than g itself, so
/// all three are displacements and share one scale: a nice factor ×k (shown in the plot's
/// top-left corner) chosen so the longest arrow of all runners is about a fifth of the plot.
/// At ×1 an arrow is the true displacement. Comparing `→` with `▸` shows what momentum or
/// adaptivity did to the plain gradient step. Arrows shorter than ``Arrow/minimumDots``
/// are lengthened so their direction shows.
enum VectorOverlay {
    static func arrows(_ ctx: RenderContext, runners order: [Int]) -> [Arrow] {
        var out: [Arrow] = []
        let theme = ctx.theme
        for i in order {
            let r = ctx.state.simulation.runners[i]
            guard let head = ctx.state.simulation.trajectories[i].last else { continue }
            let lr = r.nextLearningRate
            out.append(Arrow(from: head, vector: -lr * r.gradient, color: theme.gradientVector, tip: .single))
            // The velocity the next step carries over: SGD's b ← μ·b + g and RMSprop's
            // buf ← μ·buf + g/(√v + ε) both step by −lr·(μ·b + …), so −lr·μ·b is momentum's
            // share of the next step and, for SGD momentum, → + ⇒ is that step.
            let mu = r.hyperparameters.momentum
            if let v = r.inspection.velocity, mu > 0, v.norm > 0 {
                out.append(Arrow(from: head, vector: -lr * mu * v, color: theme.velocityVector, tip: .double))
            }
            if let s = r.lastStep, s.norm > 0 {
                out.append(Arrow(from: head, vector: s, color: theme.stepVector, tip: .triangle))
            }
        }
        return out.filter { $0.vector.isFinite && $0.vector.norm > 0 }
    }

    static func draw(_ ctx: RenderContext, runners order: [Int], viewport vp: Viewport, onto frame: inout Frame) {
        let arrows = arrows(ctx, runners: order)
        let k = Arrow.niceScale(arrows, in: vp, target: Arrow.target(vp))
        Arrow.draw(arrows, scale: k, viewport: vp, onto: &frame)
        // Key in the plot's top-left corner.
        let theme = ctx.theme
        var key = Styled(" ×\(k.compact) ", theme.text, .bold)
        key.add(" →", theme.gradientVector, .bold); key.add(" −lr·g ", theme.text)
        key.add(" ⇒", theme.velocityVector, .bold); key.add(" −lr·μb ", theme.text)
        key.add(" ▸", theme.stepVector, .bold); key.add(" last step ", theme.text)
        key.draw(onto: &frame, col: vp.rect.col, row: vp.rect.row, width: vp.rect.width)
    }
}

/// Explain mode's arrows: the revealed sub-steps of the selected runner's next update, each
/// drawn from its head and tipped with its number. The sub-steps before the final step
/// share one scale; the final step (a displacement) has its own, both shown in the explain
/// panel (see ``ExplainPanel/scales(_:viewport:)``).
enum ExplainArrows {
    /// The revealed sub-steps' arrows, each with whether it is the final step.
    static func arrows(_ ctx: RenderContext) -> [(arrow: Arrow, isFinal: Bool)] {
        let state = ctx.state
        guard state.selectedRunner != nil, let head = state.simulation.trajectories[state.selected].last else { return [] }
        let terms = state.explainTerms
        let revealed = Swift.min(state.explainRevealed, terms.count)
        let finalIndex = terms.last?.vector != nil ? terms.count - 1 : nil
        var out: [(Arrow, Bool)] = []
        for (k, t) in terms.enumerated() where k < revealed {
            guard let v = t.vector, v.isFinite, v.norm > 0 else { continue }
            let latest = k == revealed - 1
            let color = k == finalIndex ? ctx.theme.stepVector : latest ? ctx.theme.gradientVector : ctx.theme.c(250)
            let digit: Character = k < 9 ? Character(String(k + 1)) : "+"
            out.append((Arrow(from: head, vector: v, color: color, tip: .glyph(digit),
                              attributes: latest ? [.bold, .reverse] : .bold), k == finalIndex))
        }
        return out
    }

    static func draw(_ ctx: RenderContext, viewport vp: Viewport, onto frame: inout Frame) {
        let s = ExplainPanel.scales(ctx, viewport: vp)
        let all = arrows(ctx)
        Arrow.draw(all.filter { !$0.isFinal }.map(\.arrow), scale: s.terms, viewport: vp, onto: &frame)
        Arrow.draw(all.filter { $0.isFinal }.map(\.arrow), scale: s.step, viewport: vp, onto: &frame)
    }
}
