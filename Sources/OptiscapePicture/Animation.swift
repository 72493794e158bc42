import OptiscapeCore
import OptiscapeRender

/// A recording replayed as figures: the picture at `fps` sample times, each sample the state
/// after every moment up to that time (``Playback`` paces the recording at 30 frames a second,
/// so the default `fps` of 30 sees every recorded frame). A sample that looks the same as the
/// one before is not a new frame: the earlier one stays longer.
public enum Animation {
    /// How long the last frame is held before a GIF loops, in seconds.
    public static let hold = 2.0

    /// Calls `frame` with each changed picture, the state it shows and the time it appears;
    /// returns the time the animation ends (the recording's duration plus ``hold``).
    @discardableResult
    public static func play(_ recording: Recording, width: Int, height: Int, fps: Double,
                            frame: (RasterImage, AppState, Double) throws -> Void) throws -> Double {
        var playback = try Playback(recording)
        var renderer = FigureRenderer()
        var previous = try Picture.raster(playback.state, width: width, height: height, renderer: &renderer)
        try frame(previous, playback.state, 0)
        var k = 0
        while !playback.isAtEnd {
            k += 1
            let t = Double(k) / fps
            var changed = false
            while let next = playback.nextTime, next <= t + 1e-9 { try playback.applyNext(); changed = true }
            guard changed else { continue }
            let image = try Picture.raster(playback.state, width: width, height: height, renderer: &renderer)
            if image != previous {
                try frame(image, playback.state, t)
                previous = image
            }
        }
        return Swift.max(playback.duration, Double(k) / fps) + hold
    }

    /// The colours a figure of `state` is drawn with, as `0xRRGGBB`: contour bands and lines,
    /// runners, chrome — the first entries of every GIF colour table (see ``GIFPalette``).
    public static func figureColors(_ state: AppState) -> [UInt32] {
        let style = FigureStyle(width: 100, height: 100)
        var out: [RGB] = [style.page, style.text, style.dimText, style.heading, style.border, style.marker,
                          style.good, style.bad, style.warning, style.outline]
        out += state.simulation.runners.indices.map { style.color(style.runner($0, state).color) }
        out += style.palette.bands256.map(style.color) + style.palette.lines256.map(style.color)
        return out.map { c in
            func byte(_ v: Double) -> UInt32 { UInt32((Swift.min(Swift.max(v, 0), 1) * 255).rounded()) }
            return byte(c.r) << 16 | byte(c.g) << 8 | byte(c.b)
        }
    }
}
