import CCairo
import Foundation
import OptiscapeCore
import OptiscapeRender

/// World coordinates to picture coordinates for one plot.
struct PlotMapping {
    let box: ViewBox
    let plot: Box

    func point(_ p: Vec2) -> Point {
        Point(plot.x + (p.x - box.xMin) / box.width * plot.width, plot.y + (box.yMax - p.y) / box.height * plot.height)
    }

    /// A path's points as polylines clipped to the plot (Liang–Barsky): a path that leaves the
    /// plot is cut at its edge and picks up where it comes back; non-finite points break it.
    func clippedPolylines(_ points: [Vec2]) -> [[Point]] {
        var out: [[Point]] = []
        var current: [Point] = []
        func flush() { if current.count > 1 { out.append(current) }; current = [] }
        var previous: Point?
        for w in points {
            guard w.isFinite else { flush(); previous = nil; continue }
            let q = point(w)
            defer { previous = q }
            guard let p = previous else { if plot.contains(q) { current = [q] }; continue }
            guard let (a, b) = clip(p, q) else { flush(); continue }
            if current.isEmpty || current.last != a { flush(); current = [a] }
            current.append(b)
            if b != q { flush() }
        }
        flush()
        return out
    }

    /// The part of segment p–q inside the plot, or nil.
    func clip(_ p: Point, _ q: Point) -> (Point, Point)? {
        let dx = q.x - p.x, dy = q.y - p.y
        var t0 = 0.0, t1 = 1.0
        for (pp, qq) in [(-dx, p.x - plot.x), (dx, plot.maxX - p.x), (-dy, p.y - plot.y), (dy, plot.maxY - p.y)] {
            if pp == 0 { if qq < 0 { return nil }; continue }
            let r = qq / pp
            if pp < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } }
            else { if r < t0 { return nil }; if r < t1 { t1 = r } }
        }
        let a = t0 == 0 ? p : Point(p.x + t0 * dx, p.y + t0 * dy)
        let b = t1 == 1 ? q : Point(p.x + t1 * dx, p.y + t1 * dy)
        return (a, b)
    }
}

extension FigureRenderer {
    /// The plot: bands, iso-lines, undefined hatch, axes, critical points, paths, starts, heads.
    mutating func drawPlot(_ state: AppState, _ style: FigureStyle, _ p: Painter, _ area: Box) {
        let u = style.unit
        guard area.width > 4, area.height > 4 else { return }
        let plot = FigureRenderer.fitted(state.view, in: area)
        let rect = Rect(col: 0, row: 0, width: Swift.max(Int(plot.width.rounded()), 1), height: Swift.max(Int(plot.height.rounded()), 1))
        let vp = PlotAspect.viewport(state.view, in: rect, cellAspect: 1)
        let map = PlotMapping(box: vp.box, plot: plot)
        let g = geometry(state, box: vp.box, plot: plot)

        p.clip(plot) {
            p.fill(plot, style.bandColor(0, g.levels))
            for (k, polys) in g.regions.enumerated() { p.fill(polygons: polys, style.bandColor(k + 1, g.levels)) }
            for (k, lines) in g.lines.enumerated() {
                p.stroke(lines, style.lineColor(level: k, g.levels), width: Swift.max(0.07 * u, 0.4))
            }
            drawUndefined(g.undefined, style, p)
        }
        p.strokeBox(plot, style.border, width: Swift.max(0.06 * u, 0.5))
        drawAxes(map, style, p)

        let markerSize = 0.75 * u
        p.clip(Box(x: plot.x - markerSize, y: plot.y - markerSize, width: plot.width + 2 * markerSize, height: plot.height + 2 * markerSize)) {
            for cp in state.landscape.criticalPoints where vp.box.contains(cp.point) {
                MarkerShape(Marker(cp.kind).glyph).draw(p, at: map.point(cp.point), size: markerSize, fill: style.marker, outline: style.outline)
            }
            let order = PlotContent.drawingOrder(state)
            let trajectories = state.simulation.trajectories
            for i in order {
                var points: [Vec2] = []
                trajectories[i].forEachPoint(after: -1) { _, q in points.append(q) }
                let color = style.color(style.runner(i, state).color)
                let lines = map.clippedPolylines(points)
                p.stroke(lines, style.outline.alpha(0.55), width: 0.2 * u)
                p.stroke(lines, color, width: 0.11 * u)
                // Each iterate as a dot while there are few enough to tell apart.
                if points.count <= 160 {
                    for q in points where q.isFinite && vp.box.contains(q) {
                        let d = map.point(q)
                        cairo_new_sub_path(p.cr)
                        cairo_arc(p.cr, d.x, d.y, 0.13 * u, 0, 2 * Double.pi)
                    }
                    p.color(color)
                    cairo_fill(p.cr)
                }
            }
            // The last step's line-search trials, small and faint in the runner's colour.
            for i in order {
                let trials = PlotContent.lineSearchPoints(state, runner: i).filter { vp.box.contains($0) }
                guard !trials.isEmpty else { continue }
                for q in trials {
                    let d = map.point(q)
                    cairo_new_sub_path(p.cr)
                    cairo_arc(p.cr, d.x, d.y, 0.18 * u, 0, 2 * Double.pi)
                }
                p.color(style.color(style.runner(i, state).color).alpha(0.45))
                cairo_fill(p.cr)
            }
            for i in order {
                if let s = trajectories[i].first, vp.box.contains(s) {
                    MarkerShape.ring.draw(p, at: map.point(s), size: markerSize, fill: style.color(style.runner(i, state).color), outline: style.outline)
                }
            }
            for i in order {
                let r = state.simulation.runners[i]
                let head = trajectories[i].last ?? r.position
                guard head.isFinite, vp.box.contains(head) else { continue }
                let rs = style.runner(i, state)
                MarkerShape(rs.head).draw(p, at: map.point(head), size: markerSize * 1.15, fill: style.color(rs.color), outline: style.outline)
            }
        }
    }

    /// The plot's frame in `area`: all of it when the view box, grown to equal aspect (square
    /// units) to fill it, grows at most ``PlotAspect/maximumGrowth`` times (the terminal's
    /// rule); else narrowed (or shortened), centred, until it grows exactly that much — so a
    /// figure is always drawn at equal aspect, circles round.
    static func fitted(_ view: ViewBox, in area: Box) -> Box {
        let ratio = (area.width / area.height) / (view.width / view.height)
        guard ratio.isFinite, ratio > 0 else { return area }
        let g = PlotAspect.maximumGrowth
        if ratio > g {
            let w = area.width * g / ratio
            return Box(x: area.x + (area.width - w) / 2, y: area.y, width: w, height: area.height)
        }
        if ratio < 1 / g {
            let h = area.height * g * ratio
            return Box(x: area.x, y: area.y + (area.height - h) / 2, width: area.width, height: h)
        }
        return area
    }

    /// Undefined cells: the terminal's hatch colours, diagonal lines over a dark fill.
    func drawUndefined(_ boxes: [Box], _ style: FigureStyle, _ p: Painter) {
        guard !boxes.isEmpty else { return }
        let bg = style.color(style.palette.undefinedBackground256)
        for b in boxes { cairo_rectangle(p.cr, b.x, b.y, b.width, b.height) }
        p.color(bg)
        cairo_fill(p.cr)
    }

    /// Ticks and labels in landscape units on the left and bottom edges.
    func drawAxes(_ map: PlotMapping, _ style: FigureStyle, _ p: Painter) {
        let u = style.unit, plot = map.plot, box = map.box
        let tick = 0.35 * u, size = 0.75 * u
        var ticks: [[Point]] = []
        let nx = Swift.max(Int(plot.width / (4.5 * u)), 2)
        let sx = Ticks.step(span: box.width, maxCount: nx) ?? 1
        for v in Ticks.values(from: box.xMin, to: box.xMax, maxCount: nx) {
            let x = map.point(Vec2(v, box.yMin)).x
            ticks.append([Point(x, plot.maxY), Point(x, plot.maxY + tick)])
            p.text(Ticks.label(v, step: sx), at: x, plot.maxY + tick + 0.95 * u, .sans, size: size, style.dimText, align: .centre)
        }
        let ny = Swift.max(Int(plot.height / (2.6 * u)), 2)
        let sy = Ticks.step(span: box.height, maxCount: ny) ?? 1
        for v in Ticks.values(from: box.yMin, to: box.yMax, maxCount: ny) {
            let y = map.point(Vec2(box.xMin, v)).y
            ticks.append([Point(plot.x - tick, y), Point(plot.x, y)])
            p.text(Ticks.label(v, step: sy), at: plot.x - tick - 0.25 * u, y + 0.27 * u, .sans, size: size, style.dimText, align: .right)
        }
        p.stroke(ticks, style.border, width: Swift.max(0.06 * u, 0.5))
        p.text("x", at: plot.x + plot.width / 2, plot.maxY + tick + 2.0 * u, .sans, size: 0.8 * u, style.dimText, align: .centre)
        cairo_save(p.cr)
        cairo_translate(p.cr, plot.x - 3.1 * u, plot.y + plot.height / 2)
        cairo_rotate(p.cr, -Double.pi / 2)
        p.text("y", at: 0, 0, .sans, size: 0.8 * u, style.dimText, align: .centre)
        cairo_restore(p.cr)
    }
}
