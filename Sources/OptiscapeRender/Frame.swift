/// A finished screen picture: `width × height` ``Cell``s, row-major, row 0 on top.
///
/// A plain value (the model is ratatui's `Buffer`): widgets draw into it, tests compare it,
/// the terminal layer copies it to ncurses, and ``plainText`` / ``ansi(mode:)`` print it
/// headless. Every drawing call clips at the frame edge and accepts any coordinates,
/// negative or huge, without trapping.
public struct Frame: Hashable, Sendable {
    /// The largest width or height a frame takes; larger requests are clamped.
    public static let maxDimension = 4096

    public let width: Int
    public let height: Int
    /// The cells, row-major: the cell at (`col`, `row`) is `cells[row * width + col]`.
    public private(set) var cells: [Cell]

    /// A frame filled with `fill`; sizes are clamped to `0…maxDimension`.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = Swift.min(Swift.max(width, 0), Frame.maxDimension)
        self.height = Swift.min(Swift.max(height, 0), Frame.maxDimension)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole frame as a rectangle at (0, 0).
    @inlinable public var bounds: Rect { Rect(col: 0, row: 0, width: width, height: height) }

    @inlinable
    public func contains(col: Int, row: Int) -> Bool {
        col >= 0 && col < width && row >= 0 && row < height
    }

    /// The cell at (`col`, `row`); reading outside gives ``Cell/blank``, writing outside is ignored.
    public subscript(col: Int, row: Int) -> Cell {
        get { contains(col: col, row: row) ? cells[row * width + col] : .blank }
        set { if contains(col: col, row: row) { cells[row * width + col] = newValue } }
    }

    /// Calls `body` with the cell at (`col`, `row`) for in-place change, if it is inside.
    public mutating func modify(col: Int, row: Int, _ body: (inout Cell) -> Void) {
        guard contains(col: col, row: row) else { return }
        body(&cells[row * width + col])
    }

    // MARK: Drawing

    /// Writes `text` from (`col`, `row`) to the right, one column per `Character`, clipped at
    /// the frame edges. Control characters are written as `?`.
    ///
    /// - Parameter background: `nil` keeps each cell's background (text over a colour band).
    /// - Returns: the column just after the text (saturating), handy for writing the next piece.
    @discardableResult
    public mutating func put<S: StringProtocol>(
        _ text: S, col: Int, row: Int,
        foreground: Color = .default, background: Color? = nil, attributes: Attributes = []
    ) -> Int {
        guard row >= 0, row < height else { return Frame.saturatingAdd(col, text.count) }
        var c = col
        for ch in text {
            if c >= width { return Frame.saturatingAdd(c, 1) }
            if c >= 0 {
                let i = row * width + c
                cells[i].character = Frame.sanitized(ch)
                cells[i].foreground = foreground
                if let background { cells[i].background = background }
                cells[i].attributes = attributes
            }
            c += 1
        }
        return c
    }

    /// Puts one glyph at (`col`, `row`) if inside; `background: nil` keeps the cell's background.
    public mutating func put(_ glyph: Character, col: Int, row: Int,
                             foreground: Color = .default, background: Color? = nil,
                             attributes: Attributes = []) {
        modify(col: col, row: row) { cell in
            cell.character = Frame.sanitized(glyph)
            cell.foreground = foreground
            if let background { cell.background = background }
            cell.attributes = attributes
        }
    }

    /// Sets every cell of `rect` (clipped) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for row in r.row..<r.maxRow {
            let base = row * width
            for col in r.col..<r.maxCol { cells[base + col] = cell }
        }
    }

    /// Copies `other` with its top-left corner at (`col`, `row`), clipped.
    public mutating func draw(_ other: Frame, col: Int, row: Int) {
        let target = Rect(col: col, row: row, width: other.width, height: other.height).intersection(bounds)
        guard !target.isEmpty else { return }
        for r in target.row..<target.maxRow {
            for c in target.col..<target.maxCol {
                cells[r * width + c] = other.cells[(r - row) * other.width + (c - col)]
            }
        }
    }

    /// Draws a single-line box (`┌─┐│└┘`) along the edge of `rect`, with an optional title
    /// in the top edge (`┌ title ─┐`, clipped to fit). Backgrounds are kept.
    public mutating func box(_ rect: Rect, title: String? = nil, color: Color = .default,
                             attributes: Attributes = []) {
        guard rect.width >= 2, rect.height >= 2, !rect.intersection(bounds).isEmpty else { return }
        let left = rect.col, top = rect.row
        let right = rect.maxCol - 1, bottom = rect.maxRow - 1
        // Clip the loops to the frame so a huge rectangle costs no more than the frame.
        let c0 = Swift.max(left + 1, 0), c1 = Swift.min(right, width)
        if c0 < c1 {
            for c in c0..<c1 {
                put("─", col: c, row: top, foreground: color, attributes: attributes)
                put("─", col: c, row: bottom, foreground: color, attributes: attributes)
            }
        }
        let r0 = Swift.max(top + 1, 0), r1 = Swift.min(bottom, height)
        if r0 < r1 {
            for r in r0..<r1 {
                put("│", col: left, row: r, foreground: color, attributes: attributes)
                put("│", col: right, row: r, foreground: color, attributes: attributes)
            }
        }
        put("┌", col: left, row: top, foreground: color, attributes: attributes)
        put("┐", col: right, row: top, foreground: color, attributes: attributes)
        put("└", col: left, row: bottom, foreground: color, attributes: attributes)
        put("┘", col: right, row: bottom, foreground: color, attributes: attributes)
        if let title, rect.width >= 5 {
            let room = rect.width - 4
            var shown = title
            if title.count > room {
                shown = String(title.prefix(room - 1))
                while shown.last == " " { shown.removeLast() }
                shown += "…"
            }
            put(" " + shown + " ", col: left + 1, row: top, foreground: color, attributes: attributes)
        }
    }

    // MARK: Output

    /// The rows as text: lines joined by `"\n"`, trailing spaces of each line trimmed, no
    /// colours. For golden tests and `optiscape render`.
    public var plainText: String {
        var out = ""
        out.reserveCapacity(width * height * 2)
        for row in 0..<height {
            if row > 0 { out.append("\n") }
            let base = row * width
            var end = width
            while end > 0 && cells[base + end - 1].character == " " { end -= 1 }
            for col in 0..<end { out.append(Frame.sanitized(cells[base + col].character)) }
        }
        return out
    }

    /// The rows with SGR escape sequences for `mode`, lines joined by `"\n"`.
    ///
    /// Only changes between adjacent cells are emitted (`38;5;N`/`48;5;N` in ``ColorMode/full256``,
    /// `30+N`/`40+N` in ``ColorMode/basic8``, no colour codes in ``ColorMode/none``; attributes
    /// `1` bold, `2` dim, `4` underline, `7` reverse, and `22`/`24`/`27` to turn them off).
    /// A line whose style is not the default at its end gets `ESC[0m`, so every line starts
    /// in the default style. Trailing cells that look blank in `mode` are trimmed.
    public func ansi(mode: ColorMode) -> String {
        var out = ""
        out.reserveCapacity(width * height * 4)
        for row in 0..<height {
            if row > 0 { out.append("\n") }
            let base = row * width
            var end = width
            while end > 0 && Frame.Style(cells[base + end - 1], mode) == .plain
                && cells[base + end - 1].character == " " { end -= 1 }
            var current = Style.plain
            for col in 0..<end {
                let cell = cells[base + col]
                let next = Style(cell, mode)
                if next != current {
                    Frame.appendSGR(from: current, to: next, mode: mode, into: &out)
                    current = next
                }
                out.append(Frame.sanitized(cell.character))
            }
            if current != .plain { out.append("\u{1B}[0m") }
        }
        return out
    }

    /// The style of a cell as a terminal in some ``ColorMode`` shows it.
    struct Style: Equatable {
        var foreground: Color
        var background: Color
        var attributes: Attributes
        static let plain = Style(foreground: .default, background: .default, attributes: [])
        init(foreground: Color, background: Color, attributes: Attributes) {
            self.foreground = foreground; self.background = background; self.attributes = attributes
        }
        init(_ cell: Cell, _ mode: ColorMode) {
            foreground = mode.resolve(cell.foreground)
            background = mode.resolve(cell.background)
            attributes = cell.attributes
        }
    }

    static func appendSGR(from a: Style, to b: Style, mode: ColorMode, into out: inout String) {
        if b == .plain { out.append("\u{1B}[0m"); return }
        var params: [String] = []
        let removed = a.attributes.subtracting(b.attributes)
        var added = b.attributes.subtracting(a.attributes)
        if !removed.intersection([.bold, .dim]).isEmpty {
            params.append("22")  // turns off both bold and dim: put back the one that stays
            added.formUnion(b.attributes.intersection([.bold, .dim]))
        }
        if removed.contains(.underline) { params.append("24") }
        if removed.contains(.reverse) { params.append("27") }
        if added.contains(.bold) { params.append("1") }
        if added.contains(.dim) { params.append("2") }
        if added.contains(.underline) { params.append("4") }
        if added.contains(.reverse) { params.append("7") }
        if a.foreground != b.foreground { params.append(colorCode(b.foreground, background: false, mode: mode)) }
        if a.background != b.background { params.append(colorCode(b.background, background: true, mode: mode)) }
        out.append("\u{1B}[")
        out.append(params.joined(separator: ";"))
        out.append("m")
    }

    /// The SGR parameter for a colour already resolved for `mode`: `38;5;N`/`48;5;N` in
    /// ``ColorMode/full256``, `30+N`/`40+N` otherwise (resolved colours are then 0–7).
    static func colorCode(_ c: Color, background: Bool, mode: ColorMode) -> String {
        switch c {
        case .default: return background ? "49" : "39"
        case .indexed(let i) where mode != .full256 && i < 8:
            return String((background ? 40 : 30) + Int(i))
        case .indexed(let i): return (background ? "48;5;" : "38;5;") + String(i)
        }
    }

    /// `?` for a character that would control the terminal (C0, DEL, C1), else the character.
    @inlinable
    static func sanitized(_ ch: Character) -> Character {
        if let a = ch.asciiValue { return (a < 0x20 || a == 0x7F) ? "?" : ch }
        for s in ch.unicodeScalars where s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) {
            return "?"
        }
        return ch
    }

    @usableFromInline
    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let r = a.addingReportingOverflow(b)
        return r.overflow ? Int.max : r.partialValue
    }
}
