import ArgumentParser
import Foundation
import OptiscapeCore
import OptiscapePicture
import OptiscapeRender
import OptiscapeTerminal

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Replay a recording in the UI, or export it as an asciinema cast, an animated GIF or picture frames.",
        discussion: """
            Plays at the recorded pace (30 frames per second; pauses over 2 s are shortened). \
            space pauses, s steps one recorded command, + and - change the speed, ← and → seek \
            5 seconds, q quits; any other key takes over and the session goes on live from there \
            (R records it, from the start). With --cast, writes an asciicast v2 file instead \
            (no terminal needed); `asciinema play OUT.cast` shows it. With --gif, writes an \
            animated GIF of the figures `render --format png` draws, one frame per change; with \
            --frames DIR, one picture file per change (frame-00001.png, …) instead.
            """)

    @Argument(help: ArgumentHelp("A recording (from `optiscape record` or R).", valueName: "file.jsonl"))
    var file: String

    @Option(help: ArgumentHelp("Write an asciicast v2 file instead of playing.", valueName: "out.cast"))
    var cast: String?

    @Option(help: ArgumentHelp("Write an animated GIF instead of playing.", valueName: "out.gif"))
    var gif: String?

    @Option(help: ArgumentHelp("Write one picture per changed frame into this folder (made if missing) instead of playing.", valueName: "dir"))
    var frames: String?

    @Option(help: ArgumentHelp("The --frames pictures' format: png, svg or pdf.", valueName: "format"))
    var format: String = "png"

    @Option(help: ArgumentHelp("Pictures a second of --gif or --frames: the recording is sampled this often (30 sees every recorded frame).", valueName: "F"))
    var fps: Double = 30

    @Option(help: ArgumentHelp("The cast's terminal size (default: the recorded one), or the --gif / --frames picture size (default \(PlayCommand.animationSize)).", valueName: "COLSxROWS|WxH"))
    var size: String?

    @Flag(help: "Overwrite an existing --cast or --gif file, or --frames pictures.") var force = false

    static let animationSize = "960x540"

    func validate() throws {
        let exports = [cast.map { _ in "--cast" }, gif.map { _ in "--gif" }, frames.map { _ in "--frames" }].compactMap { $0 }
        if exports.count > 1 { throw ValidationError("\(exports.joined(separator: " and ")): one at a time") }
        if size != nil && exports.isEmpty { throw ValidationError("--size goes with --cast, --gif or --frames") }
        if cast != nil, let size, parseSize(size) == nil { throw ValidationError("--size must be COLSxROWS, e.g. 120x40 (got \"\(size)\")") }
        if cast == nil, let size, PictureSize.parse(size) == nil {
            throw ValidationError("--size must be WIDTHxHEIGHT, e.g. \(PlayCommand.animationSize) (\(PictureSize.range) each; got \"\(size)\")")
        }
        guard fps.isFinite, fps > 0, fps <= 100 else { throw ValidationError("--fps must be in (0, 100] (got \(fps))") }
        if fps != 30 && gif == nil && frames == nil { throw ValidationError("--fps goes with --gif or --frames") }
        guard let f = PictureFormat(rawValue: format) else { throw ValidationError("--format must be png, svg or pdf (got \"\(format)\")") }
        if f != .png && frames == nil { throw ValidationError("--format goes with --frames") }
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
            if let gif { return try exportGIF(recording, to: gif) }
            if let frames { return try exportFrames(recording, to: frames) }
            guard isatty(1) != 0 else {
                throw ValidationError("playing needs a terminal on stdout; `optiscape play FILE --cast OUT.cast` exports it, `optiscape trace --recording FILE` prints its trajectories")
            }
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            let recorder = Recorder()
            let app = try InteractiveApp(noColor: noColor, headless: "`optiscape play FILE --cast OUT.cast` to export it or `optiscape trace --recording FILE` for its trajectories")
            defer { app.end(); reportRecordings(recorder) }
            try app.run(playback.state, recorder: recorder, playback: playback,
                        noScenes: { "N/P: a replayed session stays in its scene" })
        }
    }
}
