/// A recording replayed through a ``SessionDriver``, one moment at a time.
///
/// The recording becomes a list of *moments* — each either a recorded command or one frame
/// advancing — in the order the live session did them: before an event at frame t, the frames
/// up to t advance (the session was running), then the command applies. After the last event
/// the frames up to the end marker advance. Session-ending commands (quit, N, P) end the
/// replay and are not applied.
///
/// Each moment has a time for paced playback and the asciicast export: an event at its `ms`
/// (or frame/30 s without one), frames 1/30 s apart after the previous moment; times never go
/// back, and an idle gap longer than ``maxIdle`` is shortened to it (like asciinema's
/// `idle_time_limit`). Times never change the state, only when it is shown.
public struct Playback: Sendable {
    public static let framesPerSecond = 30.0
    /// The longest pause kept between two moments, in seconds.
    public static let maxIdle = 2.0

    public enum Action: Hashable, Sendable {
        /// Apply `recording.events[i]`.
        case event(Int)
        /// Advance one frame.
        case frame
    }

    public struct Moment: Hashable, Sendable {
        /// Seconds from the start of the playback.
        public var time: Double
        public var action: Action
        /// The frame number after this moment.
        public var frame: Int
    }

    public let recording: Recording
    public let moments: [Moment]
    private let initial: AppState
    public private(set) var driver: SessionDriver
    /// How many moments have been applied.
    public private(set) var position = 0

    /// Builds the moments and replays the whole recording once to check that it is consistent
    /// (a frame can only advance while the session runs): an error names the line.
    /// `trajectoryLimits`: how much of the trajectories the replayed state keeps (bounded, as
    /// the live session did, unless they are to be exported).
    public init(_ recording: Recording, trajectoryLimits: Trajectory.Limits = .display) throws(RecordingError) {
        self.recording = recording
        let initial: AppState
        do { initial = try recording.initialState(trajectoryLimits: trajectoryLimits) } catch {
            throw RecordingError(file: recording.path ?? "recording", line: 1, message: "the recorded scene no longer validates: \(error)")
        }
        self.initial = initial
        var moments: [Moment] = []
        var frame = 0
        var raw = 0.0, shift = 0.0, last = 0.0
        func add(_ action: Action, at t: Double) {
            var t = max(t, raw)
            if t - raw > Playback.maxIdle { shift += t - raw - Playback.maxIdle }
            raw = t
            t -= shift
            last = max(last, t)
            moments.append(Moment(time: last, action: action, frame: frame))
        }
        func frames(upTo target: Int) {
            while frame < target {
                frame += 1
                add(.frame, at: raw + 1 / Playback.framesPerSecond)
            }
        }
        for (i, e) in recording.events.enumerated() {
            frames(upTo: e.frame)
            if e.endsSession { break }
            add(.event(i), at: e.millis.map { Double($0) / 1000 } ?? Double(e.frame) / Playback.framesPerSecond)
        }
        if let end = recording.endFrame, !recording.events.contains(where: \.endsSession) { frames(upTo: end) }
        self.moments = moments
        driver = SessionDriver(initial)
        // Check the whole recording once.
        var check = self
        try check.seek(to: moments.count)
    }

    public var isAtEnd: Bool { position >= moments.count }
    public var state: AppState { driver.state }
    public var frame: Int { driver.frame }
    /// The frame the recording ends at.
    public var lastFrame: Int { moments.last?.frame ?? 0 }
    /// The time of the next moment (nil at the end).
    public var nextTime: Double? { isAtEnd ? nil : moments[position].time }
    /// The time of the last applied moment (0 at the start).
    public var time: Double { position == 0 ? 0 : moments[position - 1].time }
    public var duration: Double { moments.last?.time ?? 0 }

    /// Applies the next moment.
    public mutating func applyNext() throws(RecordingError) {
        guard !isAtEnd else { return }
        let m = moments[position]
        switch m.action {
        case let .event(i):
            driver.apply(recording.events[i].command, millis: recording.events[i].millis)
        case .frame:
            guard driver.advanceFrame() else {
                // The next event says a frame advanced, but the replayed session is paused.
                let next = moments[position...].first { if case .event = $0.action { return true }; return false }
                // Name the line that asks for the frame: the next replayed event, else the first
                // event at or after it (a `quit`, which is not replayed), else the end marker.
                let line: Int? = next.flatMap { if case let .event(i) = $0.action { return recording.events[i].line }; return nil }
                    ?? recording.events.first { $0.frame >= m.frame }?.line ?? recording.endLine
                throw RecordingError(file: recording.path ?? "recording", line: line,
                                     message: "frame \(m.frame) cannot happen: the replayed session is paused at frame \(driver.frame) (the recording does not match its scene)")
            }
        }
        position += 1
    }

    /// Applies moments up to and including the next recorded command (`s` while playing).
    public mutating func stepEvent() throws(RecordingError) {
        while !isAtEnd {
            let isEvent: Bool
            if case .event = moments[position].action { isEvent = true } else { isEvent = false }
            try applyNext()
            if isEvent { return }
        }
    }

    /// Jumps to `index` moments applied: forwards by applying, backwards by replaying from the
    /// start (fast: no drawing in between).
    public mutating func seek(to index: Int) throws(RecordingError) {
        let target = max(0, min(index, moments.count))
        if target < position {
            driver = SessionDriver(initial)
            position = 0
        }
        while position < target { try applyNext() }
    }

    /// Jumps to the first moment at or after `time` seconds.
    public mutating func seek(toTime time: Double) throws(RecordingError) {
        var lo = 0, hi = moments.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if moments[mid].time < time { lo = mid + 1 } else { hi = mid }
        }
        try seek(to: lo)
    }

    /// The state at the end of the recording, keeping every point of its trajectories by
    /// default (`trace --recording` exports them).
    public static func finalState(of recording: Recording,
                                  trajectoryLimits: Trajectory.Limits = .unbounded) throws(RecordingError) -> AppState {
        var p = try Playback(recording, trajectoryLimits: trajectoryLimits)
        try p.seek(to: p.moments.count)
        return p.state
    }
}
