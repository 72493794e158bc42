import CCairo
import OptiscapeCore
import OptiscapeRender

/// An sRGB colour with alpha, 0…1 each.
public struct RGB: Hashable, Sendable {
    public var r: Double, g: Double, b: Double, a: Double
    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) { self.r = r; self.g = g; self.b = b; self.a = a }

    /// A terminal colour as the xterm palette defines it; `fallback` for ``Color/default``.
    public init(_ color: Color, fallback: RGB) {
        guard let c = color.rgb else { self = fallback; return }
        self.init(Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255)
    }

    public func alpha(_ a: Double) -> RGB { RGB(r, g, b, a) }
}

/// A point of the picture, in its units (points for SVG and PDF, pixels for PNG), y downward.
public struct Point: Hashable, Sendable {
    public var x: Double, y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// A rectangle of the picture.
public struct Box: Hashable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = Swift.max(width, 0); self.height = Swift.max(height, 0)
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
}

/// The few drawing operations a figure needs, on one cairo context: the same calls draw
/// the SVG, the PDF and the PNG. Text goes through cairo's font API in DejaVu Sans (and
/// DejaVu Sans Mono for tables), which has every glyph the panels use.
struct Painter {
    enum Font { case sans, sansBold, mono, monoBold }
    enum Align { case left, centre, right }

    let cr: OpaquePointer

    func color(_ c: RGB) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }

    func fill(_ b: Box, _ c: RGB) {
        color(c)
        cairo_rectangle(cr, b.x, b.y, b.width, b.height)
        cairo_fill(cr)
    }

    func strokeBox(_ b: Box, _ c: RGB, width: Double) {
        color(c)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, b.x, b.y, b.width, b.height)
        cairo_stroke(cr)
    }

    /// Open polylines stroked with round joins and caps.
    func stroke(_ lines: [[Point]], _ c: RGB, width: Double, dash: [Double] = []) {
        guard lines.contains(where: { $0.count > 1 }) else { return }
        for line in lines where line.count > 1 {
            cairo_move_to(cr, line[0].x, line[0].y)
            for p in line.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        }
        color(c)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Closed polygons filled as one path (non-zero winding: their union, without seams).
    func fill(polygons: [[Point]], _ c: RGB) {
        guard !polygons.isEmpty else { return }
        for poly in polygons where poly.count > 2 {
            cairo_move_to(cr, poly[0].x, poly[0].y)
            for p in poly.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            cairo_close_path(cr)
        }
        color(c)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
    }

    func clip(_ b: Box, _ body: () -> Void) {
        cairo_save(cr)
        cairo_rectangle(cr, b.x, b.y, b.width, b.height)
        cairo_clip(cr)
        body()
        cairo_restore(cr)
    }

    func setFont(_ font: Font, size: Double) {
        let family: String
        switch font {
        case .sans, .sansBold: family = "DejaVu Sans"
        case .mono, .monoBold: family = "DejaVu Sans Mono"
        }
        let weight = font == .sansBold || font == .monoBold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL
        cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, weight)
        cairo_set_font_size(cr, size)
    }

    /// The advance width of `s` in `font` at `size`.
    func width(_ s: String, _ font: Font, size: Double) -> Double {
        setFont(font, size: size)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, s, &e)
        return e.x_advance
    }

    /// Draws `s` with its baseline at `y`; returns the x where the text ends.
    @discardableResult
    func text(_ s: String, at x: Double, _ y: Double, _ font: Font, size: Double, _ c: RGB, align: Align = .left) -> Double {
        guard !s.isEmpty else { return x }
        let w = width(s, font, size: size)
        let x0: Double
        switch align {
        case .left: x0 = x
        case .centre: x0 = x - w / 2
        case .right: x0 = x - w
        }
        color(c)
        cairo_move_to(cr, x0, y)
        cairo_show_text(cr, s)
        return x0 + w
    }

    /// `s` cut with `…` to at most `maxWidth`.
    func fit(_ s: String, _ font: Font, size: Double, maxWidth: Double) -> String {
        guard width(s, font, size: size) > maxWidth else { return s }
        var t = s
        while !t.isEmpty && width(t + "…", font, size: size) > maxWidth { t.removeLast() }
        while t.last == " " { t.removeLast() }
        return t.isEmpty ? "" : t + "…"
    }

    /// Words of `s` filled into lines no wider than `maxWidth`.
    func wrap(_ s: String, _ font: Font, size: Double, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if line.isEmpty || width(candidate, font, size: size) <= maxWidth { line = candidate }
            else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
