import OptiscapeCore

/// A cell of a frame, as a dictionary key.
struct Cell2: Hashable {
    var col: Int, row: Int
    init(_ col: Int, _ row: Int) { self.col = col; self.row = row }
}

/// Which critical points a plot marks: every global minimum in view, and of each other kind
/// (local minima, then saddles, then maxima) either every point in view or none.
///
/// Saddles and maxima are landmarks only while they are few: more than ``maximumLandmarks``
/// of one of those kinds in view (a lattice) are left out; minima, the lesson, are always
/// marked when they fit.
///
/// A kind is left out when two of its points in view would fall in the same or neighbouring
/// cells, or one would land on a cell already marked: a lattice of minima (Rastrigin) too dense
/// for the plot would otherwise show as a smear, or as a few markers near one spot that
/// suggest the others are not there. Zoom in and the kind comes back.
enum CriticalMarks {
    /// The most saddles or maxima of one kind a plot marks.
    static let maximumLandmarks = 24

    static func place(_ points: [CriticalPoint], in vp: Viewport) -> [Cell2: Marker] {
        var marked: [Cell2: Marker] = [:]
        for p in points where p.kind == .globalMinimum {
            if let c = vp.cell(of: p.point) { marked[Cell2(c.col, c.row)] = Marker(p.kind) }
        }
        for kind in [CriticalPoint.Kind.localMinimum, .saddle, .maximum] {
            let cells = points.filter { $0.kind == kind }.compactMap { vp.cell(of: $0.point) }.map { Cell2($0.col, $0.row) }
            guard !cells.isEmpty, kind == .localMinimum || cells.count <= maximumLandmarks,
                  !crowded(cells, among: Set(marked.keys)) else { continue }
            for c in cells { marked[c] = Marker(kind) }
        }
        return marked
    }

    /// Whether two of `cells` touch (same or neighbouring cell), or one touches `taken`.
    static func crowded(_ cells: [Cell2], among taken: Set<Cell2>) -> Bool {
        var seen = Set<Cell2>()
        for c in cells {
            for dc in -1...1 {
                for dr in -1...1 {
                    let n = Cell2(c.col + dc, c.row + dr)
                    if seen.contains(n) || (dc == 0 && dr == 0 && taken.contains(n)) { return true }
                }
            }
            seen.insert(c)
        }
        return false
    }
}
