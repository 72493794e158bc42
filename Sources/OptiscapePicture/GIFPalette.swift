/// A GIF frame's colour table (at most 256 colours) chosen from the figure's colours, and
/// each pixel's index into it.
///
/// A figure is mostly flat colours — the bands, iso-lines, paths, text — plus the blends that
/// anti-aliasing makes at their edges. When a frame has at most 256 colours they are all
/// kept, exactly. Otherwise the table starts with the figure's own colours (`preferred`: the
/// palette's bands and lines, the runners' colours, the chrome) that the frame uses, then
/// takes the frame's most frequent other colours; every other pixel gets the nearest entry
/// (squared RGB distance). Ties are broken by colour value, so the table is deterministic.
struct GIFPalette {
    /// `0xRRGGBB` entries.
    let colors: [UInt32]
    /// One index per pixel of the region.
    let indices: [UInt8]

    init(pixels: [UInt32], preferred: [UInt32]) {
        var counts: [UInt32: Int] = [:]
        for p in pixels { counts[p, default: 0] += 1 }
        var table: [UInt32]
        if counts.count <= 256 {
            table = counts.keys.sorted()
        } else {
            var chosen = Set<UInt32>()
            table = []
            for c in preferred where counts[c] != nil && !chosen.contains(c) && table.count < 256 {
                table.append(c); chosen.insert(c)
            }
            let rest = counts.filter { !chosen.contains($0.key) }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            for (c, _) in rest.prefix(256 - table.count) { table.append(c) }
        }
        var index: [UInt32: UInt8] = [:]
        for (k, c) in table.enumerated() { index[c] = UInt8(k) }
        for c in counts.keys where index[c] == nil { index[c] = GIFPalette.nearest(c, table) }
        colors = table
        indices = pixels.map { index[$0]! }
    }

    static func nearest(_ c: UInt32, _ table: [UInt32]) -> UInt8 {
        let r = Int(c >> 16 & 0xFF), g = Int(c >> 8 & 0xFF), b = Int(c & 0xFF)
        var best = 0, bestDistance = Int.max
        for (k, t) in table.enumerated() {
            let dr = r - Int(t >> 16 & 0xFF), dg = g - Int(t >> 8 & 0xFF), db = b - Int(t & 0xFF)
            let d = dr * dr + dg * dg + db * db
            if d < bestDistance { bestDistance = d; best = k }
        }
        return UInt8(best)
    }
}
