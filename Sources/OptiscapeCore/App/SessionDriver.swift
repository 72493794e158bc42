/// The one way an interactive session moves: commands applied at a frame, and frames advanced
/// while running. The live UI and every replay (`play`, `trace --recording`, the asciicast
/// export) drive an ``AppState`` through this type, so a recording replays exactly.
///
/// Frame semantics (the contract of recordings): `frame` counts the frames that advanced the
/// simulation — it increments only when ``advanceFrame()`` runs while the state is running.
/// A command applied at frame N happens after the N-th advance and before the (N+1)-th;
/// several commands at one frame happen in order. A paused session therefore applies all its
/// commands at the same frame number.
public struct SessionDriver: Sendable {
    public private(set) var state: AppState
    /// Frames advanced so far.
    public private(set) var frame = 0
    /// Every command applied, with its frame and time: the session's recording so far (`R`
    /// in the middle of a session writes these first, so a recording always starts at the
    /// scene's opening state).
    public private(set) var events: [RecordedEvent] = []

    public init(_ state: AppState) { self.state = state }

    /// Applies `command` at the current frame; `millis` (time since the session started) is
    /// kept for paced playback only and never changes the result.
    @discardableResult
    public mutating func apply(_ command: Command, millis: Int? = nil) -> RecordedEvent {
        let e = RecordedEvent(frame: frame, millis: millis, command: command)
        events.append(e)
        state.reduce(command)
        return e
    }

    /// One frame of time: advances the state and the frame count if running. Returns whether
    /// a frame advanced.
    @discardableResult
    public mutating func advanceFrame() -> Bool {
        guard state.isRunning else { return false }
        state.advanceFrame()
        frame += 1
        return true
    }
}

/// One line of a recording: a command at a frame.
public struct RecordedEvent: Hashable, Sendable {
    public var frame: Int
    /// Milliseconds since the session started (pacing only).
    public var millis: Int?
    public var command: Command
    /// The line of the file it was read from (1-based; nil when not read from a file).
    public var line: Int?

    public init(frame: Int, millis: Int? = nil, command: Command, line: Int? = nil) {
        self.frame = frame; self.millis = millis; self.command = command; self.line = line
    }

    /// `{"t":12,"ms":4033,"c":"step","n":1}`.
    public var json: String {
        var f: [(String, JSONValue)] = [("t", .number(String(frame)))]
        if let millis { f.append(("ms", .number(String(millis)))) }
        return JSONValue.object(f + command.jsonFields).text
    }

    /// Whether the command ends the session (quit, next or previous scene): a replay stops there.
    public var endsSession: Bool {
        switch command {
        case .quit, .nextScene, .previousScene: return true
        default: return false
        }
    }
}
