import Foundation
import OptiscapeCore
import Testing
@testable import OptiscapeRender

/// The asciicast v2 export: valid JSON lines, monotone times, frames only when they change.
@Suite struct AsciicastTests {
    static func recording() throws -> Recording {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenes/ill-conditioning.yaml").path
        let scene = try SceneFile.load(path: path)
        var driver = SessionDriver(try AppState(scene: scene))
        var lines = [Recording.Header(scene: scene, columns: 100, rows: 30).json]
        lines.append(driver.apply(.step(1), millis: 500).json)
        lines.append(driver.apply(.toggleRun, millis: 900).json)
        while driver.frame < 20 { driver.advanceFrame() }
        lines.append(driver.apply(.toggleRun, millis: 1600).json)
        lines.append(driver.apply(.toggleHelp, millis: 9000).json) // a long idle gap: shortened
        lines.append(driver.apply(.toggleHelp, millis: 9100).json)
        lines.append(Recording.endLine(frame: 20, millis: 9200))
        return try Recording.parse(lines.joined(separator: "\n") + "\n", path: "r.jsonl")
    }

    @Test func headerAndEventsAreValidJSONWithMonotoneTimes() throws {
        var lines: [String] = []
        let frames = try Asciicast.export(try Self.recording(), width: 100, height: 30, timestamp: 1_700_000_000) { lines.append($0) }
        #expect(lines.count == frames + 1)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30)
        #expect(header["timestamp"] as? Int == 1_700_000_000)
        #expect(header["env"] is [String: Any])
        var last = -1.0
        var outputs: [String] = []
        for line in lines.dropFirst() {
            let e = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(e.count == 3)
            let t = try #require(e[0] as? Double)
            #expect(t >= last)
            last = t
            #expect(e[1] as? String == "o")
            outputs.append(try #require(e[2] as? String))
        }
        // Step 0 then step 1, 20 running frames, the help overlay and back: a handful of frames.
        #expect(frames >= 20 && frames <= 30, "\(frames)")
        // The 7.4 s idle gap before `?` is shortened to 2 s.
        #expect(last < 5, "\(last)")
        #expect(outputs[0].hasPrefix("\u{1B}[?25l\u{1B}[H\u{1B}[2J"))
        #expect(outputs[0].contains("step 0"))
        // No event is empty: a frame is written only when it changed.
        #expect(outputs.allSatisfy { !$0.isEmpty })
        // Played through a terminal, the events end on the last frame.
        var screen = MiniTerminal(width: 100, height: 30)
        for o in outputs { screen.feed(o) }
        #expect(screen.text.contains("step 21"))
    }

    /// After the first, each event carries only what changed (the UI's way): played through a
    /// terminal, every event leaves exactly the frame the renderer drew, and a steady running
    /// frame is a small fraction of a whole one (it was the whole screen, ~19 KB at 120×40).
    @Test func eventsAreChangesThatRebuildEveryFrame() throws {
        let recording = try Self.recording()
        var outputs: [String] = []
        _ = try Asciicast.export(recording, width: 100, height: 30, timestamp: 0) { line in
            guard line.hasPrefix("["), let e = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any],
                  let o = e[2] as? String else { return }
            outputs.append(o)
        }
        // The frames the export drew, in order, from the same replay.
        var playback = try Playback(recording)
        var renderer = Renderer(colorMode: .full256)
        var frames = [renderer.render(playback.state, width: 100, height: 30)]
        while !playback.isAtEnd {
            let t = playback.nextTime ?? 0
            while let next = playback.nextTime, next <= t { try playback.applyNext() }
            let f = renderer.render(playback.state, width: 100, height: 30)
            if f != frames.last { frames.append(f) }
        }
        #expect(frames.count == outputs.count)
        var screen = MiniTerminal(width: 100, height: 30)
        for (o, f) in zip(outputs, frames) {
            screen.feed(o)
            #expect(screen.text == f.plainText)
        }
        let running = outputs.dropFirst(2).prefix(18).map(\.utf8.count).sorted()
        #expect(running[running.count / 2] * 10 < outputs[0].utf8.count, "\(running) vs \(outputs[0].utf8.count)")
    }

    @Test func changesOfEqualFramesAreEmptyAndStylesEndPlain() {
        var a = Frame(width: 10, height: 2)
        a.put("hello", col: 0, row: 0)
        #expect(a.ansiChanges(from: a, mode: .full256).isEmpty)
        var b = a
        b.put("J", col: 0, row: 1, foreground: .indexed(196), attributes: .bold)
        #expect(b.ansiChanges(from: a, mode: .full256) == "\u{1B}[2;1H\u{1B}[1;38;5;196mJ\u{1B}[0m")
        var c = b
        c.put("x", col: 1, row: 0)
        c.put("y", col: 9, row: 0)
        // Two changes 8 cells apart: two cursor moves, not the cells between.
        #expect(c.ansiChanges(from: b, mode: .none) == "\u{1B}[1;2Hx\u{1B}[1;10Hy")
    }

    @Test func theStatusBarShowsTheBadgeFirst() throws {
        var renderer = Renderer(colorMode: .full256)
        renderer.badge = .recording
        let state = try Self.recording().initialState()
        let text = renderer.render(state, width: 120, height: 40).plainText
        let status = try #require(text.split(separator: "\n").last)
        #expect(status.hasPrefix(" ● REC │ "), "\(status)")
        renderer.badge = .playing(frame: 12, of: 340, paused: false, atEnd: false, speed: 1)
        #expect(renderer.render(state, width: 120, height: 40).plainText.contains(" ▶ PLAY 12/340 │ "))
    }

    @Test func theBadgeSaysRecordingOrPlaying() {
        #expect(SessionBadge.recording.text == "● REC")
        #expect(SessionBadge.playing(frame: 12, of: 340, paused: false, atEnd: false, speed: 1).text == "▶ PLAY 12/340")
        #expect(SessionBadge.playing(frame: 340, of: 340, paused: true, atEnd: true, speed: 2).text == "■ END 340/340 ×2")
    }
}

/// Just enough of a VT100 to replay the cast's output: cursor moves, erases, CR/LF, text; SGR
/// codes and private modes are skipped.
struct MiniTerminal {
    let width: Int, height: Int
    var grid: [[Character]]
    var row = 0, col = 0

    init(width: Int, height: Int) {
        self.width = width; self.height = height
        grid = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    var text: String {
        grid.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    mutating func feed(_ s: String) {
        var it = Array(s)[...]
        while let ch = it.popFirst() {
            switch ch {
            case "\u{1B}":
                guard it.popFirst() == "[" else { continue }
                var params = ""
                while let p = it.first, !p.isLetter { params.append(p); it.removeFirst() }
                guard let final = it.popFirst() else { return }
                let n = params.split(separator: ";").map { Int($0) ?? 0 }
                switch final {
                case "H": row = max(0, (n.first ?? 1) - 1); col = max(0, (n.count > 1 ? n[1] : 1) - 1)
                case "K": if row < height { for c in col..<width { grid[row][c] = " " } }
                case "J":
                    if n.first == 2 { for r in 0..<height { for c in 0..<width { grid[r][c] = " " } } }
                    else if row < height { for c in col..<width { grid[row][c] = " " }; for r in (row + 1)..<height { for c in 0..<width { grid[r][c] = " " } } }
                default: break
                }
            case "\r\n": row += 1; col = 0
            case "\r": col = 0
            case "\n": row += 1
            default:
                if row < height && col < width { grid[row][col] = ch }
                col += 1
            }
        }
    }
}
