import CCairo
import Foundation
import OptiscapeRender

/// A terminal marker glyph drawn as a vector shape: the runners' heads (`● ■ ▲ ▼ ◀ ▶ ◆ ◉ ◈`),
/// the critical points (`★ ◆ ✕ ▲`) and the start ring (`○`). A glyph without a shape is
/// drawn as text.
enum MarkerShape: Hashable {
    case circle, square, triangleUp, triangleDown, triangleLeft, triangleRight, diamond
    case circleDot, diamondDot, star, cross, ring
    case glyph(Character)

    init(_ glyph: Character) {
        switch glyph {
        case "●": self = .circle
        case "■": self = .square
        case "▲": self = .triangleUp
        case "▼": self = .triangleDown
        case "◀": self = .triangleLeft
        case "▶": self = .triangleRight
        case "◆": self = .diamond
        case "◉": self = .circleDot
        case "◈": self = .diamondDot
        case "★": self = .star
        case "✕": self = .cross
        case "○": self = .ring
        default: self = .glyph(glyph)
        }
    }

    /// Draws the shape centred at `p`, `size` across, filled with `fill` and outlined in
    /// `outline` (a dark edge keeps it readable on any band).
    func draw(_ painter: Painter, at p: Point, size: Double, fill: RGB, outline: RGB) {
        let cr = painter.cr
        let r = size / 2
        func polygon(_ pts: [(Double, Double)]) {
            cairo_move_to(cr, p.x + pts[0].0 * r, p.y + pts[0].1 * r)
            for q in pts.dropFirst() { cairo_line_to(cr, p.x + q.0 * r, p.y + q.1 * r) }
            cairo_close_path(cr)
        }
        func finish() {
            painter.color(fill)
            cairo_fill_preserve(cr)
            painter.color(outline)
            cairo_set_line_width(cr, Swift.max(size / 9, 0.5))
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(cr)
        }
        func dot() {
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.x, p.y, r * 0.3, 0, 2 * Double.pi)
            painter.color(outline)
            cairo_fill(cr)
        }
        switch self {
        case .circle, .circleDot:
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.x, p.y, r * 0.85, 0, 2 * Double.pi)
            finish()
            if self == .circleDot { dot() }
        case .ring:
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.x, p.y, r * 0.75, 0, 2 * Double.pi)
            painter.color(outline)
            cairo_set_line_width(cr, Swift.max(size / 4, 1))
            cairo_stroke_preserve(cr)
            painter.color(fill)
            cairo_set_line_width(cr, Swift.max(size / 8, 0.6))
            cairo_stroke(cr)
        case .square:
            polygon([(-0.75, -0.75), (0.75, -0.75), (0.75, 0.75), (-0.75, 0.75)])
            finish()
        case .triangleUp:
            polygon([(0, -1), (0.9, 0.65), (-0.9, 0.65)])
            finish()
        case .triangleDown:
            polygon([(0, 1), (-0.9, -0.65), (0.9, -0.65)])
            finish()
        case .triangleLeft:
            polygon([(-1, 0), (0.65, -0.9), (0.65, 0.9)])
            finish()
        case .triangleRight:
            polygon([(1, 0), (-0.65, 0.9), (-0.65, -0.9)])
            finish()
        case .diamond, .diamondDot:
            polygon([(0, -1), (0.85, 0), (0, 1), (-0.85, 0)])
            finish()
            if self == .diamondDot { dot() }
        case .star:
            var pts: [(Double, Double)] = []
            for k in 0..<10 {
                let a = -Double.pi / 2 + Double(k) * Double.pi / 5
                let rr = k % 2 == 0 ? 1.1 : 0.45
                pts.append((rr * Foundation.cos(a), rr * Foundation.sin(a)))
            }
            polygon(pts)
            finish()
        case .cross:
            let w = 0.28, e = 0.85
            polygon([(-e, -e + w), (-e + w, -e), (0, -w), (e - w, -e), (e, -e + w), (w, 0),
                     (e, e - w), (e - w, e), (0, w), (-e + w, e), (-e, e - w), (-w, 0)])
            finish()
        case .glyph(let c):
            painter.text(String(c), at: p.x, p.y + size * 0.35, .sansBold, size: size, fill, align: .centre)
        }
    }
}
