import OptiscapeCore

/// Exports a recording as an asciicast v2 file (asciinema's format): a header line
/// `{"version":2,"width":W,"height":H,"timestamp":T,"env":{…},"title":…}` then one
/// `[time, "o", data]` line per frame that changed. Frames come from the same ``Renderer`` as the
/// UI in 256 colours: the first whole (``data(for:first:)``), each later one as only the cells
/// that changed since the one before (``Frame/ansiChanges(from:mode:)``), as ncurses writes
/// the UI — a steady frame is a few hundred bytes, not the whole screen. Times are the
/// ``Playback`` moments' (frames at 30 per second). No terminal is needed.
public enum Asciicast {
    /// The header line.
    public static func header(width: Int, height: Int, timestamp: Int, title: String?) -> String {
        var f: [(String, JSONValue)] = [
            ("version", .number("2")), ("width", .number(String(width))), ("height", .number(String(height))),
            ("timestamp", .number(String(timestamp))),
            ("env", .object([("TERM", .string("xterm-256color")), ("SHELL", .string("/bin/sh"))])),
        ]
        if let title { f.append(("title", .string(title))) }
        return JSONValue.object(f).text
    }

    /// The output bytes that draw `frame` over whatever is on screen.
    public static func data(for frame: Frame, first: Bool) -> String {
        let rows = frame.ansi(mode: .full256).split(separator: "\n", omittingEmptySubsequences: false)
        let erase = "\u{1B}[K"
        var out = first ? "\u{1B}[?25l\u{1B}[H\u{1B}[2J" : "\u{1B}[H"
        out += rows.joined(separator: erase + "\r\n") + erase + "\u{1B}[J"
        return out
    }

    /// One event line: `[time, "o", data]`.
    public static func eventLine(time: Double, data: String) -> String {
        let t = (time * 1_000_000).rounded() / 1_000_000
        return JSONValue.array([.number(JSONText.number(t)), .string("o"), .string(data)]).text
    }

    /// Replays `playback` from its start and hands each line (header first, no newline) to
    /// `write`. Returns the number of frames written.
    @discardableResult
    public static func export(_ recording: Recording, width: Int, height: Int, timestamp: Int,
                              write: (String) -> Void) throws(RecordingError) -> Int {
        var playback = try Playback(recording)
        var renderer = Renderer(colorMode: .full256)
        write(header(width: width, height: height, timestamp: timestamp, title: recording.header.scene.title))
        var previous = renderer.render(playback.state, width: width, height: height)
        write(eventLine(time: 0, data: data(for: previous, first: true)))
        var count = 1
        while !playback.isAtEnd {
            let t = playback.nextTime ?? 0
            // Apply every moment at this time, then draw once.
            while let next = playback.nextTime, next <= t { try playback.applyNext() }
            let frame = renderer.render(playback.state, width: width, height: height)
            if frame != previous {
                write(eventLine(time: t, data: frame.ansiChanges(from: previous, mode: .full256)))
                previous = frame
                count += 1
            }
        }
        return count
    }
}
