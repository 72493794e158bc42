import CCairo
import OptiscapeCore
import OptiscapeRender

/// The picture formats of `render --format`.
public enum PictureFormat: String, CaseIterable, Sendable {
    /// Scalable vector graphics (sizes in points); text as glyph outlines, with the title and
    /// the legend also as `<title>` and `<desc>` for search and screen readers.
    case svg
    /// A raster image (sizes in pixels).
    case png
    /// A one-page PDF (sizes in points), without a creation date so it is reproducible.
    case pdf
}

/// A figure could not be drawn (cairo reported an error).
public struct PictureError: Error, CustomStringConvertible {
    public var description: String
}

/// The pixels of a drawn figure: `width × height`, row-major from the top, `0xRRGGBB` each.
public struct RasterImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt32]
}

/// Draws states as figure files: SVG, PNG and PDF from one drawing code (``FigureRenderer``
/// on a cairo surface of each kind), or as pixels for animations.
public enum Picture {
    /// The bytes of a `format` file of `state`, `width × height` (points or pixels).
    public static func render(_ state: AppState, format: PictureFormat, width: Int, height: Int,
                              renderer: inout FigureRenderer) throws(PictureError) -> [UInt8] {
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let w = Double(width), h = Double(height)
        switch format {
        case .svg:
            let surface = cairo_svg_surface_create_for_stream(ByteSink.write, closure, w, h)!
            try draw(state, on: surface, width: w, height: h, renderer: &renderer)
            return SVGText.annotated(sink.bytes, title: title(of: state), description: Picture.description(of: state))
        case .pdf:
            let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, closure, w, h)!
            // No creation date: the same scene and steps give the same bytes.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title(of: state))
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "optiscape \(OptiscapeVersion.string)")
            try draw(state, on: surface, width: w, height: h, renderer: &renderer)
            return sink.bytes
        case .png:
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
            defer { cairo_surface_destroy(surface) }
            try paint(state, on: surface, width: w, height: h, renderer: &renderer)
            let status = cairo_surface_write_to_png_stream(surface, ByteSink.write, closure)
            guard status == CAIRO_STATUS_SUCCESS else { throw PictureError(description: "PNG: " + String(cString: cairo_status_to_string(status))) }
            return sink.bytes
        }
    }

    /// The figure of `state` as pixels.
    public static func raster(_ state: AppState, width: Int, height: Int, renderer: inout FigureRenderer) throws(PictureError) -> RasterImage {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        try paint(state, on: surface, width: Double(width), height: Double(height), renderer: &renderer)
        return RasterImage(surface)
    }

    /// Draws and finishes a vector surface (its stream gets the whole file), then frees it.
    static func draw(_ state: AppState, on surface: OpaquePointer, width: Double, height: Double,
                     renderer: inout FigureRenderer) throws(PictureError) {
        defer { cairo_surface_destroy(surface) }
        try paint(state, on: surface, width: width, height: height, renderer: &renderer)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PictureError(description: String(cString: cairo_status_to_string(status))) }
    }

    static func paint(_ state: AppState, on surface: OpaquePointer, width: Double, height: Double,
                      renderer: inout FigureRenderer) throws(PictureError) {
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        renderer.draw(state, on: cr, width: width, height: height)
        cairo_surface_flush(surface)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw PictureError(description: String(cString: cairo_status_to_string(status))) }
    }

    /// `§8.2.1 Scene title`.
    public static func title(of state: AppState) -> String {
        let s = state.scene.section.map { $0.hasPrefix("§") ? $0 : "§" + $0 } ?? ""
        return (s.isEmpty ? "" : s + " ") + state.scene.title
    }

    /// The landscape, one line per runner (label, optimizer settings, transforms, loss and
    /// status), and what the plot's letters A, B, C are: the legend as text.
    public static func description(of state: AppState) -> String {
        var lines = ["\(state.landscape.name): f = \(state.landscape.formula); step \(state.simulation.step)"]
        for (i, r) in state.simulation.runners.enumerated() {
            let t = r.config.transforms.summary
            lines.append("\(i + 1) \(r.config.label): \(r.hyperparameters.summary(for: r.config.optimizer.kind))"
                         + (t.isEmpty ? "" : " " + t) + "; f \(r.loss.significant(4)); \(r.status.text)")
        }
        lines += PlotContent.anchors(state).map { "\($0.letter) \($0.label)" }
        return lines.joined(separator: "\n")
    }
}

extension RasterImage {
    /// The pixels of an RGB24 image surface.
    init(_ surface: OpaquePointer) {
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var px = [UInt32](repeating: 0, count: w * h)
        if let data = cairo_image_surface_get_data(surface) {
            for y in 0..<h {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<w { px[y * w + x] = row[x] & 0xFF_FFFF }
            }
        }
        self.init(width: w, height: h, pixels: px)
    }
}

/// Collects what a cairo stream surface writes.
final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
        if let data { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
        return CAIRO_STATUS_SUCCESS
    }
}

/// Adds `<title>` and `<desc>` to cairo's SVG, just inside the root element.
enum SVGText {
    static func annotated(_ svg: [UInt8], title: String, description: String) -> [UInt8] {
        let marker = Array("<svg".utf8)
        guard let start = (0...(svg.count - marker.count)).first(where: { Array(svg[$0..<$0 + marker.count]) == marker }),
              let close = svg[start...].firstIndex(of: UInt8(ascii: ">")) else { return svg }
        let insert = "\n<title>\(escape(title))</title>\n<desc>\(escape(description))</desc>"
        return Array(svg[...close]) + Array(insert.utf8) + Array(svg[(close + 1)...])
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
