import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapeRender
import OptiscapeTerminal

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Replay a recording in the UI, or export it as an asciinema cast.",
        discussion: """
            Plays at the recorded pace (30 frames per second; pauses over 2 s are shortened). \
            space pauses, s steps one recorded command, + and - change the speed, ← and → seek \
            5 seconds, q quits; any other key takes over and the session goes on live from there \
            (R records it, from the start). With --cast, writes an asciicast v2 file instead \
            (no terminal needed); `asciinema play OUT.cast` shows it.
            """)

    @Argument(help: ArgumentHelp("A recording (from `optiscape record` or R).", valueName: "file.jsonl"))
    var file: String

    @Option(help: ArgumentHelp("Write an asciicast v2 file instead of playing.", valueName: "out.cast"))
    var cast: String?

    @Option(help: ArgumentHelp("The cast's terminal size (default: the recorded one).", valueName: "COLSxROWS"))
    var size: String?

    @Flag(help: "Overwrite an existing --cast file.") var force = false

    func validate() throws {
        if size != nil && cast == nil { throw ValidationError("--size goes with --cast") }
        if let size, parseSize(size) == nil { throw ValidationError("--size must be COLSxROWS, e.g. 120x40 (got \"\(size)\")") }
    }

    func parseSize(_ s: String) -> (Int, Int)? {
        let parts = s.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), (1...1000).contains(c), (1...1000).contains(r) else { return nil }
        return (c, r)
    }

    func run() throws {
        try failing {
            let recording = try Recording.load(path: file)
            for w in recording.warnings { FileHandle.standardError.write(Data("optiscape: warning: \(w)\n".utf8)) }
            let playback = try Playback(recording)
            if let cast {
                // A cast is a whole document: it appears complete or not at all (- is standard output).
                var out = try Output(path: cast, force: force, mode: .atomic)
                let (cols, rows) = size.flatMap(parseSize) ?? (recording.header.columns, recording.header.rows)
                _ = try Asciicast.export(recording, width: cols, height: rows, timestamp: Int(Date().timeIntervalSince1970)) { line in
                    out.write(line)
                    out.write("\n")
                }
                try out.finish()
                return
            }
            guard isatty(1) != 0 else {
                throw ValidationError("playing needs a terminal on stdout; `optiscape play FILE --cast OUT.cast` exports it, `optiscape trace --recording FILE` prints its trajectories")
            }
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            let recorder = Recorder()
            let app = try InteractiveApp(noColor: noColor, headless: "`optiscape play FILE --cast OUT.cast` to export it or `optiscape trace --recording FILE` for its trajectories")
            defer { app.end(); reportRecordings(recorder) }
            try app.run(playback.state, recorder: recorder, playback: playback,
                        noScenes: "N/P: a replayed session stays in its scene")
        }
    }
}
