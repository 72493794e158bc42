import CNcursesw
import OptiscapeRender

/// What one `wgetch` produced.
enum InputEvent {
    case key(Key)
    case resize
    /// Nothing within the timeout.
    case timeout
    /// A code with no meaning here.
    case ignored
}

enum Input {
    /// Waits up to `milliseconds` (negative: until a key) for input and decodes it.
    static func read(timeout milliseconds: Int32) -> InputEvent {
        let w = osc_stdscr()
        wtimeout(w, milliseconds)
        var wch: wint_t = 0
        let r = wget_wch(w, &wch)
        if r == ERR { return .timeout }
        let code = Int32(bitPattern: wch)
        if r == KEY_CODE_YES {
            switch code {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_ENTER: return .key(.enter)
            case KEY_BTAB: return .key(.backTab)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_MOUSE: return mouse()
            default: return .ignored
            }
        }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        default:
            guard let scalar = Unicode.Scalar(UInt32(wch)) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    private static func mouse() -> InputEvent {
        var e = MEVENT()
        guard getmouse(&e) == OK else { return .ignored }
        if e.bstate & (OSC_BUTTON1_CLICKED | OSC_BUTTON1_PRESSED) != 0 {
            return .key(.click(column: Int(e.x), row: Int(e.y)))
        }
        if e.bstate & OSC_BUTTON4_PRESSED != 0 { return .key(.scrollUp) }
        if OSC_BUTTON5_PRESSED != 0, e.bstate & OSC_BUTTON5_PRESSED != 0 { return .key(.scrollDown) }
        return .ignored
    }
}
