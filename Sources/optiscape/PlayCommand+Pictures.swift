import Foundation
import OptiscapeCore
import OptiscapePicture

extension PlayCommand {
    var pictureSize: (width: Int, height: Int) { PictureSize.parse(size ?? PlayCommand.animationSize)! }

    /// `--gif`: the figures of the replay, one GIF frame per change, through giflib.
    func exportGIF(_ recording: Recording, to path: String) throws {
        // Claimed first: an existing or unwritable file fails before any frame is drawn.
        var out = try Output(path: path, force: force, mode: .atomic)
        let (w, h) = pictureSize
        let state = try Playback(recording).state
        let encoder = try GIFEncoder(width: w, height: h, preferred: Animation.figureColors(state))
        let end = try Animation.play(recording, width: w, height: h, fps: fps) { image, _, time in
            try encoder.add(image, at: time)
        }
        try encoder.finish(at: end).withUnsafeBufferPointer { out.write($0) }
        try out.finish()
    }

    /// `--frames DIR`: one picture per change, `frame-00001.png` and on, each written whole.
    func exportFrames(_ recording: Recording, to dir: String) throws {
        let ext = format
        if !FileManager.default.fileExists(atPath: dir) { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false) }
        func name(_ k: Int) -> String { dir + "/" + String(format: "frame-%05d.", k) + ext }
        // The folder is checked (and an earlier sequence refused without --force) before any work.
        var first: Output? = try Output(path: name(1), force: force, mode: .atomic)
        if !force, let old = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.first(where: { $0.hasPrefix("frame-") && $0.hasSuffix("." + ext) }) {
            throw OutputError(dir + "/" + old, "already exists (use --force to overwrite it)")
        }
        let (w, h) = pictureSize
        let picture = PictureFormat(rawValue: format)!
        var renderer = FigureRenderer()
        var k = 0
        try Animation.play(recording, width: w, height: h, fps: fps) { _, state, _ in
            k += 1
            var out = try first ?? Output(path: name(k), force: force, mode: .atomic)
            first = nil
            try Picture.render(state, format: picture, width: w, height: h, renderer: &renderer).withUnsafeBufferPointer { out.write($0) }
            try out.finish()
        }
        FileHandle.standardError.write(Data("optiscape: \(k) frames in \(dir)\n".utf8))
    }
}
