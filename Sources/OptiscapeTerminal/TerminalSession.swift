import CNcursesw
import CTerminalGuard
import Glibc
import OptiscapeRender

/// Why the interactive UI could not start.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// Owns the ncurses screen from set-up to tear-down. `end()` restores the terminal (cursor,
/// echo, colours, main screen) and is safe to call twice.
public final class TerminalSession {
    private var screen: OpaquePointer?
    private(set) var ended = false
    /// What the terminal can show.
    public let colorMode: ColorMode
    /// Whether the terminal has an alternate screen (vt100 has none: the last picture stays).
    private var hasAlternateScreen = true

    /// What the error messages suggest instead of the UI.
    public static let headlessHint = "`optiscape render` for a frame as text or `optiscape trace` for the numbers"

    /// Sets up the terminal: locale (falling back to C.UTF-8 so braille is not blank), signals,
    /// `newterm` (so an unknown TERM is an error, not ncurses' exit), cbreak, no echo, keypad,
    /// hidden cursor, 25 ms Escape delay, colours and the mouse. `headless`: what the error
    /// messages suggest instead (e.g. ``headlessHint``).
    public init(noColor: Bool, headless: String = TerminalSession.headlessHint) throws {
        guard isatty(1) == 1, isatty(0) == 1 else {
            throw TerminalError(description: "standard input and output must be a terminal for the interactive UI; use \(headless)")
        }
        setlocale(LC_ALL, "")
        if let cs = nl_langinfo(Int32(CODESET)), String(cString: cs).uppercased().filter({ $0 != "-" }) != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        Signals.install()
        optiscape_guard_install()
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw TerminalError(description: "TERM is \(term.isEmpty ? "unset" : "\"dumb\""): the interactive UI needs a terminal that can move the cursor (try TERM=xterm-256color), or use \(headless)")
        }
        guard let s = newterm(nil, osc_stdout(), osc_stdin()) else {
            throw TerminalError(description: "terminal type \"\(term)\" is not known to ncurses (try TERM=xterm-256color), or use \(headless)")
        }
        screen = s
        set_term(s)
        cbreak()
        noecho()
        nonl()
        keypad(osc_stdscr(), true)
        curs_set(0)
        hasAlternateScreen = osc_has_alternate_screen() != 0
        set_escdelay(25)
        var mode = ColorMode.none
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            mode = osc_colors() >= 256 ? .full256 : .basic8
        }
        colorMode = mode
        mousemask(OSC_BUTTON1_CLICKED | OSC_BUTTON1_PRESSED | OSC_BUTTON4_PRESSED | OSC_BUTTON5_PRESSED, nil)
        mouseinterval(0)
    }

    /// Restores the terminal.
    public func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        endwin()
        // Without an alternate screen the picture stays and the cursor is on its last row:
        // a new line keeps the shell's prompt from being written over the status bar.
        if !hasAlternateScreen { fputs("\r\n", osc_stdout()) }
        if let s = screen { delscreen(s); screen = nil }
        fflush(osc_stdout())
        optiscape_guard_remove()
    }

    deinit { end() }

    public var columns: Int { Int(osc_cols()) }
    public var rows: Int { Int(osc_lines()) }
}
