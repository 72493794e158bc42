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
            // The weight vectors a network's plane goes through, lettered as on screen.
            for a in PlotContent.anchors(state) where vp.box.contains(a.point) {
                let q = map.point(a.point)
                p.text(String(a.letter), at: q.x, q.y + 0.4 * markerSize, .sansBold, size: 1.2 * markerSize, style.marker, align: .centre)
            }
            // A curve of global minima (the hyperbola xy = 1): small stars along it, as on screen.
            if let set = PlotContent.surface(of: state).minimalSet {
                let spacing = 2.2 * u
                for q in set.points(in: vp.box, columns: Swift.max(1, Int(plot.width / spacing)),
                                    rows: Swift.max(1, Int(plot.height / spacing)), samples: Swift.max(64, Int(plot.width / u) * 4)) {
                    MarkerShape.star.draw(p, at: map.point(q), size: 0.6 * markerSize, fill: style.marker, outline: style.outline)
                }
            }
            // Diverging runners faded and underneath the others, as on screen.
            let trails = state.simulation.runners.indices.map { PlotContent.trail(state, $0, mode: .full256) }
            let order = PlotContent.drawingOrder(state)
            let trajectories = state.simulation.trajectories
            for i in order.filter({ trails[$0].diverged }) + order.filter({ !trails[$0].diverged }) {
                var points: [Vec2] = []
                trajectories[i].forEachPoint(after: -1) { _, q in points.append(q) }
                let color = style.color(trails[i].diverged ? trails[i].faded : trails[i].color)
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
            // Averaged iterates (§8.7.3) over the iterates: dashed, in the runner's colour.
            for i in order {
                guard let average = state.simulation.averageTrajectories[i] else { continue }
                var points: [Vec2] = []
                average.forEachPoint(after: -1) { _, q in points.append(q) }
                let lines = map.clippedPolylines(points)
                p.stroke(lines, style.outline, width: 0.2 * u, dash: [0.5 * u, 0.3 * u])
                p.stroke(lines, style.color(style.runner(i, state).color), width: 0.11 * u, dash: [0.5 * u, 0.3 * u])
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
        drawOffView(state, order: PlotContent.drawingOrder(state), map: map, style, p)
    }

    /// Each head outside the view: an arrow inside the plot's border pointing at it, with the
    /// runner's label and how far outside it is (the terminal's `sgd +42`).
    func drawOffView(_ state: AppState, order: [Int], map: PlotMapping, _ style: FigureStyle, _ p: Painter) {
        let u = style.unit, size = 0.72 * u
        let places = OffViewPlacement.layout(state, order: order, map: map, unit: u, textSize: size) {
            p.width($0, .sansBold, size: size)
        }
        for place in places {
            let color = style.color(style.runner(place.runner, state).color)
            drawArrow(p, at: place.arrow, angle: place.angle, length: 0.9 * u, color: color, outline: style.outline)
            let b = place.labelBox
            p.fill(Box(x: b.x - 0.15 * u, y: b.y, width: b.width + 0.3 * u, height: b.height), style.page.alpha(0.75))
            _ = p.text(place.label, at: b.x, place.baseline, .sansBold, size: size, color)
        }
    }

    /// A filled arrow head pointing along `angle` (radians, picture coordinates), tip at `at`.
    func drawArrow(_ p: Painter, at: Point, angle: Double, length: Double, color: RGB, outline: RGB) {
        let cr = p.cr
        let c = Foundation.cos(angle), s = Foundation.sin(angle)
        func pt(_ a: Double, _ b: Double) -> (Double, Double) { (at.x + a * c - b * s, at.y + a * s + b * c) }
        let tip = pt(0, 0), l = pt(-length, 0.5 * length), r = pt(-length, -0.5 * length)
        cairo_move_to(cr, tip.0, tip.1)
        cairo_line_to(cr, l.0, l.1)
        cairo_line_to(cr, r.0, r.1)
        cairo_close_path(cr)
        p.color(color)
        cairo_fill_preserve(cr)
        p.color(outline)
        cairo_set_line_width(cr, 0.08 * length)
        cairo_stroke(cr)
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

/// Where an off-view head's arrow and label go in a figure: the arrow just inside the plot's
/// border where the ray from the plot's centre towards the head leaves it, pointing along that
/// ray; the label beside it inside the plot (left of it on the right half, else right of it).
/// Labels that would overlap an earlier one move along the edge, inwards. The selected runner
/// (last in drawing order) is placed first.
struct OffViewPlacement: Equatable {
    var runner: Int
    var label: String
    var arrow: Point
    /// Radians, picture coordinates (y down).
    var angle: Double
    var labelBox: Box
    var baseline: Double

    static func layout(_ state: AppState, order: [Int], map: PlotMapping, unit u: Double, textSize size: Double,
                       width measure: (String) -> Double) -> [OffViewPlacement] {
        let plot = map.plot, box = map.box
        let inset = 0.7 * u, step = 1.25 * size
        let halfW = plot.width / 2 - inset, halfH = plot.height / 2 - inset
        guard halfW > 0, halfH > 0 else { return [] }
        func tame(_ v: Double) -> Double { v.isNaN ? 0 : Swift.min(Swift.max(v, -1e12), 1e12) }
        var out: [OffViewPlacement] = []
        for i in order.reversed() {
            let r = state.simulation.runners[i]
            let head = state.simulation.trajectories[i].last ?? r.position
            guard !head.x.isNaN, !head.y.isNaN, !box.contains(head) else { continue }
            let dx = tame((head.x - box.center.x) / (box.width / 2)) * plot.width / 2
            let dy = -tame((head.y - box.center.y) / (box.height / 2)) * plot.height / 2
            let t = Swift.min(dx != 0 ? halfW / Swift.abs(dx) : .infinity, dy != 0 ? halfH / Swift.abs(dy) : .infinity)
            guard t.isFinite else { continue }
            var at = Point(plot.x + plot.width / 2 + dx * t, plot.y + plot.height / 2 + dy * t)
            let label = OffViewArrow.label(r.config.label, for: head, in: box)
            let w = measure(label)
            var lx = at.x < plot.x + plot.width / 2 ? at.x + 0.7 * u : at.x - 0.7 * u - w
            lx = Swift.min(Swift.max(lx, plot.x + 0.2 * u), plot.maxX - w - 0.2 * u)
            var baseline = at.y + 0.3 * size
            var labelBox = Box(x: lx, y: baseline - size, width: w, height: 1.2 * size)
            let inwards = at.y < plot.y + plot.height / 2 ? step : -step
            var tries = 0
            while out.contains(where: { $0.labelBox.overlaps(labelBox) }), tries < 40 {
                baseline += inwards; labelBox.y += inwards; at.y += inwards
                tries += 1
            }
            out.append(OffViewPlacement(runner: i, label: label, arrow: at, angle: Foundation.atan2(dy, dx),
                                        labelBox: labelBox, baseline: baseline))
        }
        return out
    }
}

extension Box {
    func overlaps(_ b: Box) -> Bool { x < b.maxX && b.x < maxX && y < b.maxY && b.y < maxY }
}
