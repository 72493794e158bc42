import CGif

/// Writes an animated GIF through giflib: the first frame whole, each later one as the
/// rectangle that changed (left in place, not disposed), each with its own colour table
/// (``GIFPalette``) and its delay; looping forever (the NETSCAPE2.0 extension).
///
/// A frame's delay is only known when the next frame differs, so the encoder holds one frame
/// back: ``add(_:at:)`` gives the time a frame appears, ``finish(at:)`` the time the last one
/// ends. Delays are whole centiseconds rounded from the times (so they do not drift), at least
/// 2 (browsers slow shorter delays down to 10).
public final class GIFEncoder {
    /// The file's bytes so far.
    public private(set) var bytes: [UInt8] = []
    /// How many frames have been written.
    public private(set) var frameCount = 0
    private var file: UnsafeMutablePointer<GifFileType>?
    private var previous: RasterImage?
    private var pending: (image: RasterImage, time: Double)?
    private let preferred: [UInt32]
    public let width: Int, height: Int

    /// An encoder for `width × height` frames; `preferred` colours go first into each table.
    public init(width: Int, height: Int, preferred: [UInt32] = []) throws(PictureError) {
        self.width = width
        self.height = height
        self.preferred = preferred
        var error: Int32 = 0
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let f = EGifOpen(me, { gif, data, n in
            let encoder = Unmanaged<GIFEncoder>.fromOpaque(gif!.pointee.UserData).takeUnretainedValue()
            encoder.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(n)))
            return n
        }, &error) else { throw PictureError(description: "GIF: " + GIFEncoder.message(error)) }
        file = f
        EGifSetGifVersion(f, true)
        try check(EGifPutScreenDesc(f, Int32(width), Int32(height), 8, 0, nil))
        // Loop forever.
        try check(EGifPutExtensionLeader(f, APPLICATION_EXT_FUNC_CODE))
        try check(Array("NETSCAPE2.0".utf8).withUnsafeBufferPointer { EGifPutExtensionBlock(f, 11, $0.baseAddress) })
        try check([UInt8(1), 0, 0].withUnsafeBufferPointer { EGifPutExtensionBlock(f, 3, $0.baseAddress) })
        try check(EGifPutExtensionTrailer(f))
    }

    deinit { if let file { var e: Int32 = 0; EGifCloseFile(file, &e) } }

    /// A frame that appears at `time` seconds (frames equal to the one before are skipped:
    /// that one stays longer).
    public func add(_ image: RasterImage, at time: Double) throws(PictureError) {
        precondition(image.width == width && image.height == height, "GIF frames must all have the encoder's size")
        if let p = pending {
            if p.image == image { return }
            try write(p.image, delay: GIFEncoder.centiseconds(time) - GIFEncoder.centiseconds(p.time))
        }
        pending = (image, time)
    }

    /// Ends the last frame at `time` and closes the file; returns its bytes.
    public func finish(at time: Double) throws(PictureError) -> [UInt8] {
        if let p = pending { try write(p.image, delay: GIFEncoder.centiseconds(time) - GIFEncoder.centiseconds(p.time)) }
        pending = nil
        var error: Int32 = 0
        if let f = file, EGifCloseFile(f, &error) == GIF_ERROR { file = nil; throw PictureError(description: "GIF: " + GIFEncoder.message(error)) }
        file = nil
        return bytes
    }

    static func centiseconds(_ t: Double) -> Int { Int((t * 100).rounded()) }

    private func write(_ image: RasterImage, delay: Int) throws(PictureError) {
        guard let f = file else { return }
        // The rectangle that changed since the last written frame (all of the first).
        var x0 = 0, y0 = 0, x1 = width - 1, y1 = height - 1
        if let prev = previous {
            x0 = width; y0 = height; x1 = -1; y1 = -1
            for y in 0..<height {
                for x in 0..<width where image.pixels[y * width + x] != prev.pixels[y * width + x] {
                    x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
                }
            }
            if x1 < 0 { x0 = 0; y0 = 0; x1 = 0; y1 = 0 }
        }
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        var region = [UInt32](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { region[y * w + x] = image.pixels[(y0 + y) * width + x0 + x] } }
        let palette = GIFPalette(pixels: region, preferred: preferred)

        var gcb = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
                                       DelayTime: Int32(Swift.min(Swift.max(delay, 2), 65535)), TransparentColor: NO_TRANSPARENT_COLOR)
        var ext = [UInt8](repeating: 0, count: 4)
        let n = EGifGCBToExtension(&gcb, &ext)
        try check(EGifPutExtension(f, GRAPHICS_EXT_FUNC_CODE, Int32(n), ext))
        var size: Int32 = 2
        while Int(size) < palette.colors.count { size *= 2 }
        var colors = palette.colors.map { GifColorType(Red: UInt8($0 >> 16 & 0xFF), Green: UInt8($0 >> 8 & 0xFF), Blue: UInt8($0 & 0xFF)) }
        colors += Array(repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: Int(size) - colors.count)
        let map = GifMakeMapObject(size, colors)
        defer { GifFreeMapObject(map) }
        try check(EGifPutImageDesc(f, Int32(x0), Int32(y0), Int32(w), Int32(h), false, map))
        var line = [UInt8](repeating: 0, count: w)
        for y in 0..<h {
            for x in 0..<w { line[x] = palette.indices[y * w + x] }
            try check(EGifPutLine(f, &line, Int32(w)))
        }
        previous = image
        frameCount += 1
    }

    private func check(_ status: Int32) throws(PictureError) {
        guard status == GIF_OK else { throw PictureError(description: "GIF: " + GIFEncoder.message(file?.pointee.Error ?? 0)) }
    }

    static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
