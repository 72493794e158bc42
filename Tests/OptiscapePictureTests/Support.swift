import CCairo
import Foundation
import OptiscapeCore
@testable import OptiscapePicture

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every scene of the library.
let libraryScenes: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenes").path)) ?? [])
    .filter { $0.hasSuffix(".yaml") }.sorted()

/// A library scene after `steps` steps, with `panels` open.
func state(_ scene: String, steps: Int, panels: [Command] = []) throws -> AppState {
    var s = try AppState(scene: try SceneFile.load(path: packageRoot.appendingPathComponent("scenes/" + scene).path))
    for p in panels { s.reduce(p) }
    if steps > 0 { s.reduce(.step(steps)) }
    return s
}

func render(_ s: AppState, _ format: PictureFormat, _ w: Int, _ h: Int) throws -> [UInt8] {
    var r = FigureRenderer()
    return try Picture.render(s, format: format, width: w, height: h, renderer: &r)
}

/// A PNG read back through cairo: its size and pixels (0xRRGGBB).
func decodePNG(_ bytes: [UInt8]) -> RasterImage? {
    final class Source { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
    let source = Source(bytes)
    let surface = cairo_image_surface_create_from_png_stream({ closure, data, length in
        let s = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
        let n = Int(length)
        guard s.offset + n <= s.bytes.count, let data else { return CAIRO_STATUS_READ_ERROR }
        for k in 0..<n { data[k] = s.bytes[s.offset + k] }
        s.offset += n
        return CAIRO_STATUS_SUCCESS
    }, Unmanaged.passUnretained(source).toOpaque())!
    defer { cairo_surface_destroy(surface) }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
    return RasterImage(surface)
}
