import OptiscapeCore

/// The status bar's first segment while a session is recorded or played back.
public enum SessionBadge: Hashable, Sendable {
    /// `● REC` in red.
    case recording
    /// `▶ PLAY 12/340` (frames), `❚❚ PLAY` when paused, `■ END` at the end; with the speed
    /// when it is not ×1.
    case playing(frame: Int, of: Int, paused: Bool, atEnd: Bool, speed: Double)
    /// A short notice (e.g. why recording could not start).
    case notice(String)

    public var text: String {
        switch self {
        case .recording: return "● REC"
        case let .playing(f, n, paused, atEnd, speed):
            let mark = atEnd ? "■ END" : paused ? "❚❚ PLAY" : "▶ PLAY"
            return "\(mark) \(f)/\(n)" + (speed == 1 ? "" : " ×\(speed.compact)")
        case let .notice(s): return s
        }
    }

    /// Paused / at the end, while a recording plays; nil otherwise.
    public var playState: (paused: Bool, atEnd: Bool)? {
        if case let .playing(_, _, paused, atEnd, _) = self { return (paused, atEnd) }
        return nil
    }

    func styled(_ mode: ColorMode) -> Styled {
        switch self {
        case .recording: return Styled(text, mode == .none ? .default : .indexed(mode == .full256 ? 196 : 1), .bold)
        case .playing: return Styled(text, mode == .full256 ? .indexed(45) : .default, .bold)
        case .notice: return Styled(text, mode == .full256 ? .indexed(222) : .default, .bold)
        }
    }
}
