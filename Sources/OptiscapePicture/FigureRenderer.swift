import CCairo
import OptiscapeCore
import OptiscapeRender

/// Where each part of a figure goes.
///
/// ```
/// ┌──────────────────────────────────────────────┐
/// │ §8.2.1  Scene title                  step 25 │
/// │ landscape   f = formula                      │
/// │ ┌────────────────────────┐  Runners          │
/// │ │ plot: bands, iso-lines │  ● 1 sgd  lr=0.09 │
/// │ │ paths, markers         │    f …  ‖g‖ …     │
/// │ └────────────────────────┘  ○ start ★ min    │
/// │ ┌────────────────────────┐  Inside · sgd     │
/// │ │ loss (--show loss)     │  (--show inside)  │
/// │ └────────────────────────┘                   │
/// └──────────────────────────────────────────────┘
/// ```
struct FigureLayout {
    var header: Box
    /// The plot's frame, with room for the axes' labels outside it.
    var plot: Box
    var loss: Box?
    var side: Box

    init(_ style: FigureStyle, showLoss: Bool) {
        let u = style.unit, m = style.margin
        header = Box(x: m, y: m, width: style.width - 2 * m, height: 2.9 * u)
        let sideWidth = Swift.min(Swift.max(style.width * 0.3, 15 * u), style.width * 0.45)
        side = Box(x: style.width - m - sideWidth, y: header.maxY + 0.4 * u, width: sideWidth,
                   height: style.height - m - header.maxY - 0.4 * u)
        let left = m + 3.6 * u
        let right = side.x - 1.6 * u
        let top = header.maxY + 0.6 * u
        let bottom = style.height - m - 2.2 * u
        if showLoss {
            let total = bottom - top
            let lossHeight = total * 0.3
            plot = Box(x: left, y: top, width: right - left, height: total - lossHeight - 3.2 * u)
            loss = Box(x: left, y: bottom - lossHeight, width: right - left, height: lossHeight)
        } else {
            plot = Box(x: left, y: top, width: right - left, height: bottom - top)
            loss = nil
        }
    }
}

/// Draws an ``AppState`` as a figure on a cairo context: the same state the terminal shows,
/// at the picture's resolution. Keeps the contour geometry between calls (an animation redraws
/// it only when the view, the landscape or the size changes).
public struct FigureRenderer: Sendable {
    struct CacheKey: Hashable {
        var landscape: String
        var box: ViewBox
        var plot: Box
        var levels: OptiscapeRender.LevelSpec
    }
    var cache: (key: CacheKey, geometry: ContourGeometry)?
    /// How many contour geometries have been computed (the cache misses), for tests.
    public private(set) var geometryComputations = 0

    public init() {}

    /// Draws `state` onto `cr`, `width` × `height` units.
    public mutating func draw(_ state: AppState, on cr: OpaquePointer, width: Double, height: Double) {
        let style = FigureStyle(width: width, height: height)
        let painter = Painter(cr: cr)
        painter.fill(Box(x: 0, y: 0, width: width, height: height), style.page)
        let layout = FigureLayout(style, showLoss: state.showLoss)
        drawHeader(state, style, painter, layout.header)
        drawPlot(state, style, painter, layout.plot)
        if let loss = layout.loss { LossChart.draw(state, style, painter, loss) }
        let used = Legend.draw(state, style, painter, layout.side, maxHeight: state.showInside ? layout.side.height * 0.45 : nil)
        if state.showInside {
            let top = layout.side.y + used + style.unit * 0.8
            InsideTable.draw(state, style, painter, Box(x: layout.side.x, y: top, width: layout.side.width,
                                                        height: layout.side.maxY - top))
        }
    }

    /// The contour geometry for this plot, from the cache or computed.
    mutating func geometry(_ state: AppState, box: ViewBox, plot: Box) -> ContourGeometry {
        let spec = PlotContent.levels(for: state.scene.levels)
        let key = CacheKey(landscape: PlotContent.surfaceKey(state), box: box, plot: plot, levels: spec)
        if let c = cache, c.key == key { return c.geometry }
        let g = ContourGeometry(landscape: PlotContent.surface(of: state), box: box, plot: plot, levels: spec)
        geometryComputations += 1
        cache = (key, g)
        return g
    }

    /// Title (section and scene title), the landscape and its formula, the step.
    func drawHeader(_ state: AppState, _ style: FigureStyle, _ p: Painter, _ b: Box) {
        let u = style.unit
        let step = "step \(state.simulation.step)"
        let stepWidth = p.width(step, .sans, size: u)
        p.text(step, at: b.maxX, b.y + 1.1 * u, .sans, size: u, style.dimText, align: .right)
        var x = b.x
        if let section = state.scene.section, !section.isEmpty {
            x = p.text(section.hasPrefix("§") ? section : "§" + section, at: x, b.y + 1.1 * u, .sansBold, size: 1.2 * u, style.heading) + 0.6 * u
        }
        let title = p.fit(state.scene.title, .sansBold, size: 1.2 * u, maxWidth: b.maxX - stepWidth - u - x)
        p.text(title, at: x, b.y + 1.1 * u, .sansBold, size: 1.2 * u, style.text)
        let l = state.landscape
        let nameEnd = p.text(l.name, at: b.x, b.y + 2.5 * u, .sansBold, size: 0.8 * u, style.dimText)
        let formula = p.fit("f = " + l.formula, .sans, size: 0.8 * u, maxWidth: b.maxX - nameEnd - u)
        p.text(formula, at: nameEnd + 0.8 * u, b.y + 2.5 * u, .sans, size: 0.8 * u, style.dimText)
    }
}
