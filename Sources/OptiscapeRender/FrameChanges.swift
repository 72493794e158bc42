extension Frame {
    /// The output that turns a terminal showing `old` into one showing this frame, writing only
    /// what changed — what ncurses does for the UI, for headless output (``Asciicast``).
    ///
    /// Each run of changed cells in a row becomes a cursor move (`ESC[row;colH`) and the cells
    /// with SGR codes for their style (as in ``ansi(mode:)``); runs less than five cells apart
    /// are joined, since rewriting a few unchanged cells is cheaper than another cursor move.
    /// The output starts and ends in the default style. When the sizes differ, it is the whole
    /// frame, drawn over a cleared screen. Equal frames give the empty string.
    public func ansiChanges(from old: Frame, mode: ColorMode) -> String {
        guard old.width == width, old.height == height else {
            return "\u{1B}[H\u{1B}[2J" + ansi(mode: mode).split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\r\n")
        }
        var out = ""
        var current = Style.plain
        for row in 0..<height {
            let base = row * width
            var col = 0
            while col < width {
                guard cells[base + col] != old.cells[base + col] else { col += 1; continue }
                var end = col + 1, gap = 0, c = col + 1
                while c < width && gap < 5 {
                    if cells[base + c] != old.cells[base + c] { end = c + 1; gap = 0 } else { gap += 1 }
                    c += 1
                }
                out += "\u{1B}[\(row + 1);\(col + 1)H"
                for k in col..<end {
                    let next = Style(cells[base + k], mode)
                    if next != current {
                        Frame.appendSGR(from: current, to: next, mode: mode, into: &out)
                        current = next
                    }
                    out.append(Frame.sanitized(cells[base + k].character))
                }
                col = end
            }
        }
        if current != .plain { out += "\u{1B}[0m" }
        return out
    }
}
