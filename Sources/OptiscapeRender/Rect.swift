/// A rectangle of cells: `width` columns from `col`, `height` rows from `row` (row 0 on top).
///
/// Negative sizes are stored as zero. A rectangle may lie partly or wholly outside a frame;
/// drawing into it clips.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var col: Int
    public var row: Int
    public var width: Int { didSet { width = Swift.max(width, 0) } }
    public var height: Int { didSet { height = Swift.max(height, 0) } }

    @inlinable
    public init(col: Int, row: Int, width: Int, height: Int) {
        self.col = col
        self.row = row
        self.width = Swift.max(width, 0)
        self.height = Swift.max(height, 0)
    }

    /// The column just right of the rectangle (saturating at `Int.max`).
    @inlinable public var maxCol: Int { col > Int.max - width ? Int.max : col + width }
    /// The row just below the rectangle (saturating at `Int.max`).
    @inlinable public var maxRow: Int { row > Int.max - height ? Int.max : row + height }
    @inlinable public var isEmpty: Bool { width == 0 || height == 0 }

    @inlinable
    public func contains(col c: Int, row r: Int) -> Bool {
        c >= col && c < maxCol && r >= row && r < maxRow
    }

    /// The rectangle shrunk by the given margins (never below zero size).
    /// Margins are meant to be small; the arithmetic wraps rather than traps.
    public func inset(left: Int = 0, top: Int = 0, right: Int = 0, bottom: Int = 0) -> Rect {
        Rect(col: col &+ left, row: row &+ top,
             width: width &- left &- right, height: height &- top &- bottom)
    }

    /// The overlap of two rectangles (zero-sized when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let c0 = Swift.max(col, other.col), r0 = Swift.max(row, other.row)
        let c1 = Swift.min(maxCol, other.maxCol), r1 = Swift.min(maxRow, other.maxRow)
        guard c1 > c0, r1 > r0 else { return Rect(col: c0, row: r0, width: 0, height: 0) }
        let w = c1.subtractingReportingOverflow(c0), h = r1.subtractingReportingOverflow(r0)
        return Rect(col: c0, row: r0, width: w.overflow ? Int.max : w.partialValue,
                    height: h.overflow ? Int.max : h.partialValue)
    }

    public var description: String { "\(width)×\(height) at (\(col), \(row))" }
}
