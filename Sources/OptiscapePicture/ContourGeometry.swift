import OptiscapeCore
import OptiscapeRender

/// A landscape's height bands and iso-lines as vector geometry at a picture's resolution:
/// marching squares over a grid of samples about `spacing` picture units apart.
///
/// - Levels: ``Levels`` from the terminal's ``LevelSpec`` and the finite minimum and maximum
///   of these samples — the terminal's rule, on the finer grid.
/// - Bands: for each level, the region where f ≥ level as polygons (whole grid cells inside
///   merged into one rectangle per run of a row, boundary cells clipped at the interpolated
///   crossings). Painting band 0 everywhere, then each region over it in rising order, gives
///   every point the colour of its band; one path per level is filled at once, so the cells
///   join without seams.
/// - Iso-lines: the same crossings, chained into polylines — so every line lies exactly on
///   the edge of the band fill. A saddle cell is resolved the same way for both.
/// - Undefined samples (NaN, ±∞): cells with one are left out of both and listed in
///   ``undefined`` (merged per row), to be hatched.
public struct ContourGeometry: Sendable {
    public let levels: Levels
    public let minimum: Double?
    public let maximum: Double?
    /// Samples across and down (grid corners, the plot's edges included).
    public let columns: Int
    public let rows: Int
    /// Per level, the polygons where f ≥ the level.
    public let regions: [[[Point]]]
    /// Per level, its iso-lines.
    public let lines: [[[Point]]]
    /// Cells with an undefined corner.
    public let undefined: [Box]

    public init(landscape: some Landscape, box: ViewBox, plot: Box, levels spec: OptiscapeRender.LevelSpec, spacing: Double = 2) {
        let nx = Swift.max(2, Swift.min(Int((plot.width / spacing).rounded()) + 1, 1200))
        let ny = Swift.max(2, Swift.min(Int((plot.height / spacing).rounded()) + 1, 1200))
        columns = nx
        rows = ny
        var points: [Vec2] = []
        points.reserveCapacity(nx * ny)
        for j in 0..<ny {
            let y = box.yMax - Double(j) / Double(ny - 1) * box.height
            for i in 0..<nx { points.append(Vec2(box.xMin + Double(i) / Double(nx - 1) * box.width, y)) }
        }
        // One batch (a network's slice spreads it over the cores).
        let v = [Double](unsafeUninitializedCapacity: points.count) { out, count in
            points.withUnsafeBufferPointer { landscape.values(at: $0, into: out) }
            count = points.count
        }
        var lo = Double.infinity, hi = -Double.infinity
        for f in v where f.isFinite { lo = Swift.min(lo, f); hi = Swift.max(hi, f) }
        minimum = lo <= hi ? lo : nil
        maximum = lo <= hi ? hi : nil
        levels = Levels(spec: spec, minimum: lo, maximum: hi)
        let dx = plot.width / Double(nx - 1), dy = plot.height / Double(ny - 1)
        func point(_ i: Double, _ j: Double) -> Point { Point(plot.x + i * dx, plot.y + j * dy) }

        // Undefined cells, merged along rows.
        var undefined: [Box] = []
        var defined = [Bool](repeating: true, count: (nx - 1) * (ny - 1))
        for j in 0..<(ny - 1) {
            var start: Int?
            for i in 0..<nx {
                let bad = i < nx - 1 && !(v[j * nx + i].isFinite && v[j * nx + i + 1].isFinite
                                           && v[(j + 1) * nx + i].isFinite && v[(j + 1) * nx + i + 1].isFinite)
                if bad { defined[j * (nx - 1) + i] = false; if start == nil { start = i } }
                else if let s = start {
                    undefined.append(Box(x: plot.x + Double(s) * dx, y: plot.y + Double(j) * dy,
                                         width: Double(i - s) * dx, height: dy))
                    start = nil
                }
            }
        }
        self.undefined = undefined

        var regions: [[[Point]]] = []
        var lines: [[[Point]]] = []
        for level in levels.values {
            var polys: [[Point]] = []
            var segments: [(Int, Int)] = []
            var crossing: [Int: Point] = [:]
            // Edge ids: 2·(j·nx + i) the edge right of corner (i, j), + 1 the edge below it.
            func cross(_ a: (Int, Int), _ b: (Int, Int)) -> (Int, Point) {
                let va = v[a.1 * nx + a.0], vb = v[b.1 * nx + b.0]
                let t = Swift.min(Swift.max((level - va) / (vb - va), 0), 1)
                let id = a.1 == b.1 ? 2 * (a.1 * nx + Swift.min(a.0, b.0)) : 2 * (Swift.min(a.1, b.1) * nx + a.0) + 1
                let p = point(Double(a.0) + t * Double(b.0 - a.0), Double(a.1) + t * Double(b.1 - a.1))
                crossing[id] = p
                return (id, p)
            }
            for j in 0..<(ny - 1) {
                var run: Int?
                func closeRun(_ end: Int) {
                    guard let s = run else { return }
                    let a = point(Double(s), Double(j)), b = point(Double(end), Double(j + 1))
                    polys.append([a, Point(b.x, a.y), b, Point(a.x, b.y)])
                    run = nil
                }
                for i in 0..<(nx - 1) {
                    guard defined[j * (nx - 1) + i] else { closeRun(i); continue }
                    let a = v[j * nx + i] >= level, b = v[j * nx + i + 1] >= level
                    let c = v[(j + 1) * nx + i + 1] >= level, d = v[(j + 1) * nx + i] >= level
                    if a && b && c && d { if run == nil { run = i }; continue }
                    closeRun(i)
                    if !(a || b || c || d) { continue }
                    // Corners clockwise on screen: top-left, top-right, bottom-right, bottom-left.
                    let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                    let inside = [a, b, c, d]
                    var poly: [Point] = []
                    var crossings: [(id: Int, exit: Bool)] = []
                    for k in 0..<4 {
                        let c = corners[k], n = corners[(k + 1) % 4]
                        if inside[k] { poly.append(point(Double(c.0), Double(c.1))) }
                        if inside[k] != inside[(k + 1) % 4] {
                            let (id, p) = cross(c, n)
                            poly.append(p)
                            crossings.append((id, inside[k]))
                        }
                    }
                    // The polygon edge from each exit to the next entry cuts across the cell:
                    // that is the iso-line.
                    for (m, c) in crossings.enumerated() where c.exit {
                        segments.append((c.id, crossings[(m + 1) % crossings.count].id))
                    }
                    polys.append(poly)
                }
                closeRun(nx - 1)
            }
            regions.append(polys)
            lines.append(ContourGeometry.chain(segments, crossing))
        }
        self.regions = regions
        self.lines = lines
    }

    /// Segments between crossings joined into polylines (each crossing joins at most two).
    static func chain(_ segments: [(Int, Int)], _ at: [Int: Point]) -> [[Point]] {
        var next: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() { next[s.0, default: []].append(k); next[s.1, default: []].append(k) }
        var used = [Bool](repeating: false, count: segments.count)
        var out: [[Point]] = []
        func walk(from start: Int) -> [Int] {
            var ids = [start]
            var here = start
            while let ks = next[here], let k = ks.first(where: { !used[$0] }) {
                used[k] = true
                here = segments[k].0 == here ? segments[k].1 : segments[k].0
                ids.append(here)
            }
            return ids
        }
        // Open lines first (from an end), then closed loops; in segment order, so deterministic.
        for pass in 0..<2 {
            for (k, s) in segments.enumerated() where !used[k] {
                for end in [s.0, s.1] where !used[k] {
                    if pass == 0 && next[end]?.count != 1 { continue }
                    let ids = walk(from: end)
                    out.append(ids.compactMap { at[$0] })
                }
            }
        }
        return out
    }
}
