import CGif
import Foundation
import OptiscapeCore
import Testing
@testable import OptiscapePicture

/// A GIF read back through giflib: each frame's rectangle and delay, and the frames composited.
struct DecodedGIF {
    var width = 0, height = 0
    var rects: [(x: Int, y: Int, w: Int, h: Int)] = []
    var delays: [Int] = []
    var loops = false
    /// Each frame as shown (earlier frames left in place under a smaller one).
    var frames: [[UInt32]] = []

    init?(_ bytes: [UInt8]) {
        final class Source { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
        let source = Source(bytes)
        var error: Int32 = 0
        guard let gif = DGifOpen(Unmanaged.passUnretained(source).toOpaque(), { g, buf, n in
            let s = Unmanaged<Source>.fromOpaque(g!.pointee.UserData).takeUnretainedValue()
            let k = Swift.min(Int(n), s.bytes.count - s.offset)
            for i in 0..<k { buf![i] = s.bytes[s.offset + i] }
            s.offset += k
            return Int32(k)
        }, &error) else { return nil }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else { return nil }
        width = Int(gif.pointee.SWidth); height = Int(gif.pointee.SHeight)
        var canvas = [UInt32](repeating: 0, count: width * height)
        for k in 0..<Int(gif.pointee.ImageCount) {
            let image = gif.pointee.SavedImages[k]
            let d = image.ImageDesc
            rects.append((Int(d.Left), Int(d.Top), Int(d.Width), Int(d.Height)))
            var gcb = GraphicsControlBlock()
            if DGifSavedExtensionToGCB(gif, Int32(k), &gcb) == GIF_OK { delays.append(Int(gcb.DelayTime)) }
            for e in 0..<Int(image.ExtensionBlockCount) where image.ExtensionBlocks[e].Function == APPLICATION_EXT_FUNC_CODE {
                loops = true
            }
            guard let map = d.ColorMap ?? gif.pointee.SColorMap else { return nil }
            for y in 0..<Int(d.Height) {
                for x in 0..<Int(d.Width) {
                    let c = map.pointee.Colors[Int(image.RasterBits[y * Int(d.Width) + x])]
                    canvas[(Int(d.Top) + y) * width + Int(d.Left) + x] = UInt32(c.Red) << 16 | UInt32(c.Green) << 8 | UInt32(c.Blue)
                }
            }
            frames.append(canvas)
        }
    }
}

@Suite struct GIFTests {
    /// A short session of the ill-conditioning scene: a step, 8 frames running, a pause (which
    /// the figure does not show), the loss panel opened, and a still second at the end.
    static func recording() throws -> Recording {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-gif-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scene = try SceneFile.load(path: packageRoot.appendingPathComponent("scenes/ill-conditioning.yaml").path)
        var driver = SessionDriver(try AppState(scene: scene))
        let writer = try RecordingWriter(path: path, force: false)
        writer.write(Recording.Header(scene: scene, columns: 100, rows: 30).json)
        let script: [(Int, Int, Command)] = [(0, 100, .step(1)), (0, 200, .toggleRun), (8, 500, .toggleRun), (8, 700, .toggleLossPanel)]
        for (frame, ms, c) in script {
            while driver.frame < frame { driver.advanceFrame() }
            writer.write(driver.apply(c, millis: ms).json)
        }
        writer.write(Recording.endLine(frame: driver.frame, millis: 1700))
        writer.close()
        return try Recording.load(path: path)
    }

    @Test func oneGIFFramePerChangedFrameWithItsDelay() throws {
        let recording = try Self.recording()
        let (w, h) = (120, 72)
        let state = try Playback(recording).state
        let encoder = try GIFEncoder(width: w, height: h, preferred: Animation.figureColors(state))
        var shown: [(image: RasterImage, time: Double)] = []
        let end = try Animation.play(recording, width: w, height: h, fps: 30) { image, _, t in
            shown.append((image, t))
            try encoder.add(image, at: t)
        }
        let bytes = try encoder.finish(at: end)
        // The start, the step, 8 running frames, the loss panel: the pause changes nothing drawn.
        #expect(shown.count == 11, "\(shown.map(\.time))")
        let gif = try #require(DecodedGIF(bytes))
        #expect(Array(bytes.prefix(6)) == Array("GIF89a".utf8))
        #expect(gif.width == w && gif.height == h)
        #expect(gif.frames.count == shown.count)
        #expect(gif.loops)
        #expect(gif.rects[0] == (0, 0, w, h))
        // Delays: the gaps between changes in centiseconds, the last held to the end.
        let times = shown.map(\.time) + [end]
        let expected = (0..<shown.count).map { Int((times[$0 + 1] * 100).rounded()) - Int((times[$0] * 100).rounded()) }
        #expect(gif.delays == expected.map { Swift.max($0, 2) })
        #expect(gif.delays.reduce(0, +) >= Int(Animation.hold * 100))
        // Every frame, composited, is the figure it was made from (up to the colour table: the
        // nearest of 256 colours), and most pixels exactly.
        for (k, f) in gif.frames.enumerated() {
            let original = shown[k].image.pixels
            let exact = zip(f, original).filter { $0 == $1 }.count
            #expect(Double(exact) / Double(original.count) > 0.9, "frame \(k): \(exact) of \(original.count) exact")
        }
    }

    @Test func aPaletteKeepsAFiguresOwnColoursExactly() {
        // 300 blends and 3 figure colours used once each: the figure colours survive.
        var pixels = (0..<300).map { UInt32($0) * 0x010101 % 0xFFFFFF }
        for _ in 0..<3 { pixels += pixels }
        pixels += [0xFF0000, 0x00FF00, 0x0000FF]
        let p = GIFPalette(pixels: pixels, preferred: [0xFF0000, 0x00FF00, 0x0000FF, 0x123456])
        #expect(p.colors.count == 256)
        #expect(Array(p.colors.prefix(3)) == [0xFF0000, 0x00FF00, 0x0000FF], "used preferred colours first, unused ones not")
        #expect(p.indices.suffix(3).map { p.colors[Int($0)] } == [0xFF0000, 0x00FF00, 0x0000FF])
        let few = GIFPalette(pixels: [5, 5, 9, 7], preferred: [])
        #expect(few.colors == [5, 7, 9] && few.indices == [0, 0, 2, 1])
    }
}
