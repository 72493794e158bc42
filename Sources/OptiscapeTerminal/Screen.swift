import CNcursesw
import OptiscapeRender

/// Copies a finished ``Frame`` to the ncurses screen. The whole frame is written every time;
/// ncurses sends only the cells that changed (see NCURSES_NOTES.md: ~125 B for a steady frame).
final class Screen {
    private let mode: ColorMode
    private var pairs: [Int32: Int32] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32

    init(mode: ColorMode) {
        self.mode = mode
        maxPairs = mode == .none ? 0 : osc_color_pairs()
    }

    /// Copies `frame` to the screen with its top row at screen row `top` (0: the whole screen).
    func draw(_ frame: Frame, top: Int = 0) {
        let w = osc_stdscr()
        let rows = min(frame.height, Int(osc_lines()) - top), cols = min(frame.width, Int(osc_cols()))
        for row in 0..<max(0, rows) {
            for col in 0..<cols {
                let cell = frame[col, row]
                let scalar = cell.character.unicodeScalars.first?.value ?? 32
                _ = osc_put(w, Int32(top + row), Int32(col), wchar_t(bitPattern: scalar), attributes(cell.attributes), pair(cell))
            }
        }
        wnoutrefresh(w)
        doupdate()
    }

    /// Repaints everything (after Ctrl-Z / fg, or on request).
    func forceRepaint() { clearok(osc_stdscr(), true) }

    private func attributes(_ a: Attributes) -> attr_t {
        var r = OSC_A_NORMAL
        if a.contains(.bold) { r |= OSC_A_BOLD }
        if a.contains(.dim) { r |= OSC_A_DIM }
        if a.contains(.reverse) { r |= OSC_A_REVERSE }
        if a.contains(.underline) { r |= OSC_A_UNDERLINE }
        return r
    }

    private func index(_ c: Color) -> Int32 {
        switch mode {
        case .none: return -1
        case .basic8: return c.basic8.index.map { Int32($0) } ?? -1
        case .full256: return c.index.map { Int32($0) } ?? -1
        }
    }

    /// The colour pair for a cell's colours, allocated on first use (pair 0 is the default).
    private func pair(_ cell: Cell) -> Int32 {
        guard mode != .none else { return 0 }
        let fg = index(cell.foreground), bg = index(cell.background)
        if fg < 0 && bg < 0 { return 0 }
        let key = (fg + 1) * 512 + (bg + 1)
        if let p = pairs[key] { return p }
        guard nextPair < maxPairs else { return 0 }
        let p = nextPair
        nextPair += 1
        init_extended_pair(p, fg, bg)
        pairs[key] = p
        return p
    }
}
