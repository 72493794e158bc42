import OptiscapeCore

/// A landscape sampled over a viewport, with its levels, colour bands and iso-lines: the
/// expensive, cached part of the plot.
///
/// Build one when the landscape, the viewport or the level spec changes, keep it, and
/// ``compose(onto:mode:palette:bands:isoLines:)`` it into every frame (cheap: one pass over
/// the plot's cells).
///
/// Sampling: one sample at the centre of every braille dot of the viewport (2 × 4 per cell,
/// so a 200 × 60 plot has 400 × 240 samples), plus one at the centre of every cell, which
/// decides the cell's band. Samples that are NaN or ±∞ are *undefined*: they take no part in
/// the minimum, maximum and levels, draw no iso-line, and an undefined cell centre is drawn
/// as a hatch (see ``ContourPalette``).
///
/// Iso-lines: sample *s* gets a dot when its band differs from that of its right or lower
/// neighbour and its band is the lower of the two, so each level crossing draws a one-dot
/// line on the low side of the level.
public struct ContourField: Sendable {
    /// The band value of a cell whose centre is undefined.
    public static let undefinedBand: UInt8 = .max

    /// The viewport sampled.
    public let viewport: Viewport
    /// The level spec asked for.
    public let spec: LevelSpec
    /// The levels, from the spec and the finite minimum and maximum of the samples.
    public let levels: Levels
    /// Samples across (`2 × viewport.rect.width`) and down (`4 × viewport.rect.height`).
    public let sampleWidth: Int
    public let sampleHeight: Int
    /// The samples, row-major from the top-left, at dot centres.
    public let samples: [Double]
    /// The value at each cell's centre, row-major.
    public let cellValues: [Double]
    /// Each cell's band (0…`levels.values.count`), or ``undefinedBand``.
    public let bands: [UInt8]
    /// Each cell's iso-line dots as braille bits.
    public let isoBits: [UInt8]
    /// The smallest and largest finite sample (`nil` when none is finite).
    public let minimum: Double?
    public let maximum: Double?
    /// How many samples (dot and cell-centre ones) were undefined.
    public let undefinedCount: Int

    /// Whether this is a coarse stand-in (``coarse(landscape:viewport:levels:)``): exact values
    /// at the cell centres only, each cell's dots taking its centre's value.
    public let isCoarse: Bool

    /// Samples `landscape` over `viewport` and works out levels, bands and iso-lines.
    public init(landscape: some Landscape, viewport: Viewport, levels spec: LevelSpec = .default) {
        let cells = ContourField.cellValues(landscape, viewport)
        let dots = ContourField.dotValues(landscape, viewport)!
        self.init(viewport: viewport, spec: spec, samples: dots, cellValues: cells, coarse: false)
    }

    /// The full field of `landscape` whose cell-centre values are known already (a coarse
    /// field's ``cellValues``): only the dots are sampled, a few rows of them at a time; nil as
    /// soon as `cancelled` says so between those runs (for work off the main loop).
    public init?(landscape: some Landscape, viewport: Viewport, levels spec: LevelSpec = .default,
                 cellValues cells: [Double], cancelled: () -> Bool) {
        precondition(cells.count == viewport.rect.width * viewport.rect.height)
        guard let dots = ContourField.dotValues(landscape, viewport, rowsAtATime: 4, cancelled: cancelled) else { return nil }
        self.init(viewport: viewport, spec: spec, samples: dots, cellValues: cells, coarse: false)
    }

    /// A quick stand-in for the field of a costly landscape: the exact value at every cell's
    /// centre (a ninth of the full field's work), each of the cell's 2 × 4 dots taking that
    /// value, so bands are exact at the centres and iso-lines run along cell edges. Its levels
    /// come from the cell values alone.
    public static func coarse(landscape: some Landscape, viewport: Viewport, levels spec: LevelSpec = .default) -> ContourField {
        let cells = cellValues(landscape, viewport)
        let cw = viewport.rect.width, sw = 2 * cw, sh = 4 * viewport.rect.height
        var dots = [Double](repeating: .nan, count: sw * sh)
        for j in 0..<sh {
            for i in 0..<sw { dots[j * sw + i] = cells[(j >> 2) * cw + (i >> 1)] }
        }
        return ContourField(viewport: viewport, spec: spec, samples: dots, cellValues: cells, coarse: true)
    }

    /// The value at the centre of every cell of `viewport`, row-major from the top-left.
    static func cellValues(_ landscape: some Landscape, _ viewport: Viewport) -> [Double] {
        let cw = viewport.rect.width, ch = viewport.rect.height
        guard cw > 0 && ch > 0 else { return [] }
        let box = viewport.box
        let stepX = box.width / Double(2 * cw), stepY = box.height / Double(4 * ch)
        var points: [Vec2] = []
        points.reserveCapacity(cw * ch)
        for r in 0..<ch {
            let y = box.yMax - (Double(r) + 0.5) * 4 * stepY
            for c in 0..<cw { points.append(Vec2(box.xMin + (Double(c) + 0.5) * 2 * stepX, y)) }
        }
        return evaluate(landscape, points)
    }

    /// The value at the centre of every braille dot of `viewport` (2 × 4 per cell), row-major
    /// from the top-left, `rowsAtATime` dot rows per batch (all at once by default); nil when
    /// `cancelled` says so between batches.
    static func dotValues(_ landscape: some Landscape, _ viewport: Viewport, rowsAtATime: Int = .max,
                          cancelled: () -> Bool = { false }) -> [Double]? {
        let sw = 2 * viewport.rect.width, sh = 4 * viewport.rect.height
        guard sw > 0 && sh > 0 else { return [] }
        let box = viewport.box
        let stepX = box.width / Double(sw), stepY = box.height / Double(sh)
        var out: [Double] = []
        out.reserveCapacity(sw * sh)
        var j0 = 0
        while j0 < sh {
            if cancelled() { return nil }
            let j1 = j0 + Swift.min(rowsAtATime, sh - j0)
            var points: [Vec2] = []
            points.reserveCapacity((j1 - j0) * sw)
            for j in j0..<j1 {
                let y = box.yMax - (Double(j) + 0.5) * stepY
                for i in 0..<sw { points.append(Vec2(box.xMin + (Double(i) + 0.5) * stepX, y)) }
            }
            out += evaluate(landscape, points)
            j0 = j1
        }
        return out
    }

    /// `landscape.value(at:)` at every point, through its batch evaluation.
    static func evaluate(_ landscape: some Landscape, _ points: [Vec2]) -> [Double] {
        [Double](unsafeUninitializedCapacity: points.count) { out, count in
            points.withUnsafeBufferPointer { landscape.values(at: $0, into: out) }
            count = points.count
        }
    }

    /// Levels, bands and iso-lines from the samples. `coarse`: the dots repeat the cell values,
    /// so only the cells count as samples (for ``undefinedCount``).
    init(viewport: Viewport, spec: LevelSpec, samples: [Double], cellValues: [Double], coarse: Bool) {
        self.viewport = viewport
        self.spec = spec
        isCoarse = coarse
        let cw = viewport.rect.width, ch = viewport.rect.height
        let sw = Swift.max(0, cw) * 2, sh = Swift.max(0, ch) * 4
        sampleWidth = sw
        sampleHeight = sh
        precondition(samples.count == sw * sh && cellValues.count == Swift.max(0, cw) * Swift.max(0, ch))

        var lo = Double.infinity, hi = -Double.infinity
        var undefined = 0
        for list in coarse ? [cellValues] : [samples, cellValues] {
            for v in list {
                if v.isFinite {
                    if v < lo { lo = v }
                    if v > hi { hi = v }
                } else {
                    undefined += 1
                }
            }
        }
        minimum = lo <= hi ? lo : nil
        maximum = lo <= hi ? hi : nil
        undefinedCount = undefined
        let levels = Levels(spec: spec, minimum: lo, maximum: hi)
        self.levels = levels

        // 2. Bands of cells.
        var bands = [UInt8](repeating: ContourField.undefinedBand, count: cw * ch)
        let lv = levels.values
        lv.withUnsafeBufferPointer { lv in
            for k in 0..<cellValues.count {
                let v = cellValues[k]
                if v.isFinite { bands[k] = UInt8(ContourField.band(v, lv)) }
            }
        }

        // 3. Iso-lines from the bands of samples.
        var isoBits = [UInt8](repeating: 0, count: cw * ch)
        if sw > 0 && sh > 0 && !lv.isEmpty {
            var sampleBands = [UInt8](repeating: ContourField.undefinedBand, count: sw * sh)
            lv.withUnsafeBufferPointer { lv in
                samples.withUnsafeBufferPointer { s in
                    sampleBands.withUnsafeMutableBufferPointer { b in
                        for k in 0..<s.count where s[k].isFinite {
                            b[k] = UInt8(ContourField.band(s[k], lv))
                        }
                    }
                }
            }
            sampleBands.withUnsafeBufferPointer { b in
                isoBits.withUnsafeMutableBufferPointer { bits in
                    @inline(__always) func mark(_ i: Int, _ j: Int) {
                        bits[(j >> 2) * cw + (i >> 1)] |= BrailleCanvas.bit(dx: i & 1, dy: j & 3)
                    }
                    let undef = ContourField.undefinedBand
                    for j in 0..<sh {
                        let base = j * sw
                        for i in 0..<sw {
                            let here = b[base + i]
                            if here == undef { continue }
                            if i + 1 < sw {
                                let right = b[base + i + 1]
                                if right != undef && right != here {
                                    if here < right { mark(i, j) } else { mark(i + 1, j) }
                                }
                            }
                            if j + 1 < sh {
                                let below = b[base + sw + i]
                                if below != undef && below != here {
                                    if here < below { mark(i, j) } else { mark(i, j + 1) }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.samples = samples
        self.cellValues = cellValues
        self.bands = bands
        self.isoBits = isoBits
    }

    /// The number of levels at or below `v` (binary search over sorted `levels`).
    @inline(__always)
    static func band(_ v: Double, _ levels: UnsafeBufferPointer<Double>) -> Int {
        var lo = 0, hi = levels.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if levels[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether this field was built for `viewport` and `spec` (so it can be reused).
    public func matches(viewport: Viewport, levels spec: LevelSpec) -> Bool {
        self.viewport == viewport && self.spec == spec
    }

    /// The band of the frame cell (`col`, `row`): `nil` outside the plot or when undefined.
    public func band(col: Int, row: Int) -> Int? {
        let r = viewport.rect
        guard r.contains(col: col, row: row) else { return nil }
        let b = bands[(row - r.row) * r.width + (col - r.col)]
        return b == ContourField.undefinedBand ? nil : Int(b)
    }

    /// The sampled value at the centre of frame cell (`col`, `row`) (`nil` outside the plot).
    public func value(col: Int, row: Int) -> Double? {
        let r = viewport.rect
        guard r.contains(col: col, row: row) else { return nil }
        return cellValues[(row - r.row) * r.width + (col - r.col)]
    }

    /// The colour of `band` in `mode` (for a legend).
    public func bandColor(_ band: Int, mode: ColorMode, palette: ContourPalette = .standard) -> Color {
        palette.bandColor(at: levels.position(ofBand: band), mode: mode)
    }

    /// Draws the field into `viewport.rect` of `frame` (clipped), replacing those cells.
    ///
    /// Each cell shows its band: the palette's band colour as background, or, where that is
    /// ``Color/default`` (always in ``ColorMode/none``), the band's shading character. With
    /// `isoLines`, a cell crossed by a level shows its iso-line dots instead, as a braille
    /// character in the palette's line colour for the band (in ``ColorMode/none`` dim, and the
    /// palette's ``ContourPalette/monochromeLineGlyph`` when it has one), keeping the band
    /// background. Undefined cells show the palette's hatch glyph, dim.
    ///
    /// - Parameter bands: `false` leaves band backgrounds and shading out (lines only).
    public func compose(onto frame: inout Frame, mode: ColorMode, palette: ContourPalette = .standard,
                        bands showBands: Bool = true, isoLines: Bool = true) {
        let r = viewport.rect
        let target = r.intersection(frame.bounds)
        guard !target.isEmpty else { return }
        // One cell template per band, so the loop below only picks and copies.
        let n = levels.bandCount
        var plain: [Cell] = []
        var line: [Cell] = []
        plain.reserveCapacity(n)
        line.reserveCapacity(n)
        for b in 0..<n {
            let t = levels.position(ofBand: b)
            let bg = showBands ? palette.bandColor(at: t, mode: mode) : .default
            if bg == .default && showBands {
                let shade = palette.shade(at: t, mode: mode)
                plain.append(Cell(shade, attributes: shade == " " ? [] : palette.shadeAttributes))
            } else {
                plain.append(Cell(" ", background: bg))
            }
            line.append(Cell("⠀", foreground: palette.lineColor(at: t, mode: mode), background: bg,
                             attributes: mode == .none ? palette.monochromeLineAttributes : []))
        }
        let monochromeGlyph = mode == .none ? palette.monochromeLineGlyph : nil
        let undefinedCell: Cell
        switch mode {
        case .full256:
            undefinedCell = Cell(palette.undefinedGlyph, foreground: palette.undefinedForeground256,
                                 background: palette.undefinedBackground256, attributes: .dim)
        case .basic8, .none:
            undefinedCell = Cell(palette.undefinedGlyph, attributes: .dim)
        }
        for row in target.row..<target.maxRow {
            for col in target.col..<target.maxCol {
                let k = (row - r.row) * r.width + (col - r.col)
                let b = bands[k]
                var cell: Cell
                if b == ContourField.undefinedBand {
                    cell = undefinedCell
                } else {
                    let bits = isoBits[k]
                    if isoLines && bits != 0 {
                        cell = line[Int(b)]
                        cell.character = monochromeGlyph ?? BrailleCanvas.character(bits: bits)
                    } else {
                        cell = plain[Int(b)]
                    }
                }
                frame[col, row] = cell
            }
        }
    }
}
