import OptiscapeCore

/// A grid of braille dots, 2 across and 4 down per cell, with one colour per cell.
///
/// Dot coordinates are those of ``Viewport`` (`x` right, `y` down, dot (i, j) covering
/// `[i, i+1) × [j, j+1)`). Lines are clipped to the canvas (Liang–Barsky) before they are
/// rasterised, so a segment to `(1e300, −1e300)` costs no more than one across the canvas,
/// and NaN never reaches an integer conversion.
///
/// Colour: a cell takes the colour of the last write whose `priority` is at least the
/// priority of the write before (default priority 0: the last writer wins). ``TrajectoryLayer``
/// uses priorities to make the result independent of drawing order.
public struct BrailleCanvas: Hashable, Sendable {
    /// Cells across and down.
    public let width: Int
    public let height: Int
    /// Braille bits per cell, row-major (0 = no dot).
    public private(set) var bits: [UInt8]
    /// Colour per cell, row-major.
    public private(set) var colors: [Color]
    /// Priority of the write that set each cell's colour.
    public private(set) var priorities: [UInt64]

    /// An empty canvas of `width × height` cells (sizes clamped to `0…Frame.maxDimension`).
    public init(width: Int, height: Int) {
        self.width = Swift.min(Swift.max(width, 0), Frame.maxDimension)
        self.height = Swift.min(Swift.max(height, 0), Frame.maxDimension)
        let n = self.width * self.height
        bits = Array(repeating: 0, count: n)
        colors = Array(repeating: .default, count: n)
        priorities = Array(repeating: 0, count: n)
    }

    /// An empty canvas the size of `viewport.rect`, in that viewport's dot coordinates.
    public init(viewport: Viewport) {
        self.init(width: viewport.rect.width, height: viewport.rect.height)
    }

    @inlinable public var dotWidth: Int { width * 2 }
    @inlinable public var dotHeight: Int { height * 4 }

    /// The braille bit of the dot at (`dx`, `dy`) within a cell (`dx` 0…1, `dy` 0…3):
    /// (0,0)=0x01 (0,1)=0x02 (0,2)=0x04 (1,0)=0x08 (1,1)=0x10 (1,2)=0x20 (0,3)=0x40 (1,3)=0x80.
    @inlinable
    public static func bit(dx: Int, dy: Int) -> UInt8 {
        if dy == 3 { return dx == 0 ? 0x40 : 0x80 }
        return UInt8(1 << (dy + 3 * dx))
    }

    /// The braille character for a bit pattern: `U+2800 + bits`.
    @inlinable
    public static func character(bits: UInt8) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
    }

    /// Removes every dot and colour.
    public mutating func clear() {
        for i in bits.indices { bits[i] = 0; colors[i] = .default; priorities[i] = 0 }
    }

    /// Whether the dot at (`dotX`, `dotY`) is set (`false` outside).
    public func isSet(dotX: Int, dotY: Int) -> Bool {
        guard dotX >= 0, dotX < dotWidth, dotY >= 0, dotY < dotHeight else { return false }
        return bits[(dotY >> 2) * width + (dotX >> 1)] & BrailleCanvas.bit(dx: dotX & 1, dy: dotY & 3) != 0
    }

    /// Sets one dot; dots outside the canvas are ignored.
    public mutating func set(dotX: Int, dotY: Int, color: Color, priority: UInt64 = 0) {
        guard dotX >= 0, dotX < dotWidth, dotY >= 0, dotY < dotHeight else { return }
        plot(dotX, dotY, color, priority)
    }

    /// Sets the dot containing the point `p` in dot coordinates; ignored outside or non-finite.
    public mutating func set(dot p: Vec2, color: Color, priority: UInt64 = 0) {
        guard p.x >= 0, p.x < Double(dotWidth), p.y >= 0, p.y < Double(dotHeight) else { return }
        plot(Int(p.x), Int(p.y), color, priority)
    }

    /// Draws the segment from `a` to `b` (dot coordinates, any magnitude), clipped to the canvas.
    ///
    /// Infinite coordinates are treated as ±1e300; a segment with a NaN end is not drawn.
    /// The visible part is rasterised between the dots containing its clipped ends
    /// (Bresenham), so a horizontal line from (0.5, 0.5) to (7.5, 0.5) sets dots 0…7 of row 0.
    public mutating func line(from a: Vec2, to b: Vec2, color: Color, priority: UInt64 = 0) {
        if let s = raster(from: a, to: b) { draw(s, color: color, priority: priority) }
    }

    /// The dots from which a segment is rasterised: those containing its clipped ends.
    /// Segments with the same raster set the same dots (``draw(_:color:priority:)`` again
    /// changes nothing), so a caller drawing many can skip repeats.
    public struct Raster: Hashable, Sendable {
        public var x0, y0, x1, y1: Int
    }

    /// The raster of the segment from `a` to `b` (see ``line(from:to:color:priority:)``), or
    /// nil when nothing of it is visible.
    public func raster(from a: Vec2, to b: Vec2) -> Raster? {
        guard let (p, q) = clip(a, b) else { return nil }
        let maxX = dotWidth - 1, maxY = dotHeight - 1
        return Raster(x0: Swift.min(Int(p.x), maxX), y0: Swift.min(Int(p.y), maxY),
                      x1: Swift.min(Int(q.x), maxX), y1: Swift.min(Int(q.y), maxY))
    }

    /// Sets the dots of a raster (Bresenham from its first end to its second).
    public mutating func draw(_ r: Raster, color: Color, priority: UInt64 = 0) {
        var x0 = r.x0, y0 = r.y0
        let x1 = r.x1, y1 = r.y1
        let dx = Swift.abs(x1 - x0), dy = -Swift.abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            plot(x0, y0, color, priority)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    /// Sets the dots of a raster as a dashed line: of every `on + off` dots along it, counted by
    /// `phase` (carried on from the previous segment, so a path of short steps is dashed as one
    /// line), the first `on` are set. The raster's last dot is not counted (the next segment
    /// starts there).
    public mutating func drawDashed(_ r: Raster, phase: inout Int, on: Int = 3, off: Int = 3, priority: UInt64 = 0) {
        var x0 = r.x0, y0 = r.y0
        let x1 = r.x1, y1 = r.y1
        let dx = Swift.abs(x1 - x0), dy = -Swift.abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while !(x0 == x1 && y0 == y1) {
            if phase % (on + off) < on { plot(x0, y0, .default, priority) }
            phase += 1
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    /// Sets the 2 × 2 block of dots whose top-left dot contains `p` (dot coordinates; the
    /// block is clipped to the canvas, nothing for a non-finite or outside point): an iterate.
    public mutating func setBlock(dot p: Vec2, priority: UInt64) {
        guard p.x >= 0, p.x < Double(dotWidth), p.y >= 0, p.y < Double(dotHeight) else { return }
        let x = Int(p.x), y = Int(p.y)
        plot(x, y, .default, priority)
        if x + 1 < dotWidth { plot(x + 1, y, .default, priority) }
        if y + 1 < dotHeight {
            plot(x, y + 1, .default, priority)
            if x + 1 < dotWidth { plot(x + 1, y + 1, .default, priority) }
        }
    }

    /// The part of segment `a`–`b` inside `[0, dotWidth] × [0, dotHeight]`, or `nil`
    /// (Liang–Barsky). Both returned ends are finite and inside that closed box.
    ///
    /// Where a segment is clipped, the crossing is computed from the segment's end nearer to
    /// the canvas along the crossed edge's line, so a segment from inside to `(1e300, −1e300)`
    /// leaves the canvas where it should (interpolating by the parameter `t` would lose all
    /// precision there).
    func clip(_ a: Vec2, _ b: Vec2) -> (Vec2, Vec2)? {
        guard dotWidth > 0, dotHeight > 0 else { return nil }
        guard !a.x.isNaN, !a.y.isNaN, !b.x.isNaN, !b.y.isNaN else { return nil }
        @inline(__always) func tame(_ v: Double) -> Double { Swift.min(Swift.max(v, -1e300), 1e300) }
        let x0 = tame(a.x), y0 = tame(a.y), x1 = tame(b.x), y1 = tame(b.y)
        let w = Double(dotWidth), h = Double(dotHeight)
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        var edge0 = -1, edge1 = -1  // which edge set t0 / t1: 0 x=0, 1 x=w, 2 y=0, 3 y=h
        // Edge k keeps the points with p·t ≤ q.
        @inline(__always) func edge(_ k: Int, _ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 {
                if r > t1 { return false }
                if r > t0 { t0 = r; edge0 = k }
            } else {
                if r < t0 { return false }
                if r < t1 { t1 = r; edge1 = k }
            }
            return true
        }
        guard edge(0, -dx, x0), edge(1, dx, w - x0), edge(2, -dy, y0), edge(3, dy, h - y0) else {
            return nil
        }
        // The end nearer the canvas centre is the reference for the crossings.
        let cx = w / 2, cy = h / 2
        let aFar = Swift.max(Swift.abs(x0 - cx), Swift.abs(y0 - cy))
        let bFar = Swift.max(Swift.abs(x1 - cx), Swift.abs(y1 - cy))
        let (rx, ry) = aFar <= bFar ? (x0, y0) : (x1, y1)
        @inline(__always) func clampX(_ v: Double) -> Double { v.isNaN ? rx.clamped(0, w) : v.clamped(0, w) }
        @inline(__always) func clampY(_ v: Double) -> Double { v.isNaN ? ry.clamped(0, h) : v.clamped(0, h) }
        func crossing(_ k: Int) -> Vec2 {
            switch k {
            case 0, 1:
                let x = k == 0 ? 0 : w
                return Vec2(x, clampY(ry + (x - rx) * (dy / dx)))
            default:
                let y = k == 2 ? 0 : h
                return Vec2(clampX(rx + (y - ry) * (dx / dy)), y)
            }
        }
        let p = edge0 < 0 ? Vec2(x0, y0) : crossing(edge0)
        let q = edge1 < 0 ? Vec2(x1, y1) : crossing(edge1)
        return (Vec2(p.x.clamped(0, w), p.y.clamped(0, h)), Vec2(q.x.clamped(0, w), q.y.clamped(0, h)))
    }

    @inline(__always)
    mutating func plot(_ x: Int, _ y: Int, _ color: Color, _ priority: UInt64) {
        let i = (y >> 2) * width + (x >> 1)
        bits[i] |= BrailleCanvas.bit(dx: x & 1, dy: y & 3)
        if priority >= priorities[i] {
            colors[i] = color
            priorities[i] = priority
        }
    }

    /// Writes a braille character for every cell that has dots onto `frame`, this canvas's
    /// cell (0, 0) going to (`col`, `row`). Cells without dots keep what is below. Each
    /// written cell takes the canvas colour as foreground, keeps the background below, and gets
    /// `attributes`. With `mergeDots`, dots of a braille character already there are kept too
    /// (e.g. iso-lines under a trajectory).
    public func compose(onto frame: inout Frame, col: Int, row: Int,
                        attributes: Attributes = [], mergeDots: Bool = false) {
        compose(onto: &frame, col: col, row: row, mergeDots: mergeDots) { (colors[$0], attributes) }
    }

    /// Writes a braille character for every cell that has dots onto `frame` (as
    /// ``compose(onto:col:row:attributes:mergeDots:)``), its foreground and attributes chosen by
    /// `look` from the cell's index (row-major; e.g. to read ``priorities``).
    public func compose(onto frame: inout Frame, col: Int, row: Int, mergeDots: Bool = false,
                        look: (Int) -> (Color, Attributes)) {
        let target = Rect(col: col, row: row, width: width, height: height).intersection(frame.bounds)
        guard !target.isEmpty else { return }
        for r in target.row..<target.maxRow {
            let base = (r - row) * width - col
            for c in target.col..<target.maxCol {
                var b = bits[base + c]
                guard b != 0 else { continue }
                let (color, attributes) = look(base + c)
                frame.modify(col: c, row: r) { cell in
                    if mergeDots, let below = BrailleCanvas.bits(of: cell.character) { b |= below }
                    cell.character = BrailleCanvas.character(bits: b)
                    cell.foreground = color
                    cell.attributes = attributes
                }
            }
        }
    }

    /// Writes the canvas at the origin of `viewport.rect`.
    public func compose(onto frame: inout Frame, viewport: Viewport,
                        attributes: Attributes = [], mergeDots: Bool = false) {
        compose(onto: &frame, col: viewport.rect.col, row: viewport.rect.row,
                attributes: attributes, mergeDots: mergeDots)
    }

    /// The dot bits of a braille character, or `nil` for any other character.
    public static func bits(of ch: Character) -> UInt8? {
        guard ch.unicodeScalars.count == 1, let s = ch.unicodeScalars.first,
              s.value >= 0x2800, s.value <= 0x28FF else { return nil }
        return UInt8(s.value - 0x2800)
    }
}

extension Double {
    /// The value limited to `lo…hi` (`self` must not be NaN).
    @inlinable func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(self, lo), hi) }
}
