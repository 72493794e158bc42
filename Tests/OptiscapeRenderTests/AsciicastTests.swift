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
        #expect(outputs.last!.contains("step 21"))
        // No two consecutive frames are the same picture.
        #expect(zip(outputs, outputs.dropFirst()).allSatisfy { $0 != $1 })
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
