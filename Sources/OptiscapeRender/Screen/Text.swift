import OptiscapeCore

/// Small text helpers for panels: truncation, padding, word wrap, number formats.
enum Text {
    /// `s` cut to `width` characters, ending in `…` when cut.
    static func fit(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard s.count > width else { return s }
        if width == 1 { return "…" }
        var t = String(s.prefix(width - 1))
        while t.last == " " { t.removeLast() }
        return t + "…"
    }

    /// `s` padded with spaces (or cut) to exactly `width`.
    static func pad(_ s: String, _ width: Int) -> String {
        let f = fit(s, width)
        return f + String(repeating: " ", count: Swift.max(0, width - f.count))
    }

    /// Words of `text` filled into lines of at most `width` characters; paragraphs (blank
    /// lines or single newlines) are kept, words longer than a line are cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = paragraph.split(separator: " ", omittingEmptySubsequences: true)
            if words.isEmpty { lines.append(""); continue }
            var line = ""
            for w in words {
                var word = String(w)
                while word.count > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                }
                if line.isEmpty { line = word }
                else if line.count + 1 + word.count <= width { line += " " + word }
                else { lines.append(line); line = word }
            }
            if !line.isEmpty { lines.append(line) }
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A number for panels: four significant digits (`3.142`, `1.23e-05`).
    static func num(_ v: Double, _ digits: Int = 4) -> String { v.significant(digits) }

    /// A number with an explicit sign: `+0.2`, `−0.578` (with a true minus).
    static func signed(_ v: Double, _ digits: Int = 4) -> String {
        if v.isNaN { return "nan" }
        let s = Swift.abs(v).significant(digits)
        return (v < 0 ? "−" : "+") + s
    }

    /// `(x, y)` with three significant digits each.
    static func vec(_ v: Vec2, _ digits: Int = 3) -> String {
        "(\(v.x.significant(digits)), \(v.y.significant(digits)))"
    }

    /// A symmetric 2×2 matrix as `[a b; c d]` with `digits` significant digits.
    static func mat(_ m: Mat2, _ digits: Int = 3) -> String {
        "[\(m.a.significant(digits)) \(m.b.significant(digits)); \(m.c.significant(digits)) \(m.d.significant(digits))]"
    }
}

/// A line of text in pieces of different styles, for panels.
struct Styled {
    struct Run {
        var text: String
        var color: Color
        var attributes: Attributes
    }
    var runs: [Run] = []
    /// A line the side panel keeps on every page when the panels do not fit (the numbers that
    /// matter); the others are paged through (see ``SidePanel``).
    var essential = false

    init() {}
    init(_ text: String, _ color: Color = .default, _ attributes: Attributes = []) {
        runs = [Run(text: text, color: color, attributes: attributes)]
    }

    var count: Int { runs.reduce(0) { $0 + $1.text.count } }

    mutating func add(_ text: String, _ color: Color = .default, _ attributes: Attributes = []) {
        runs.append(Run(text: text, color: color, attributes: attributes))
    }

    static func + (l: Styled, r: Styled) -> Styled {
        var s = l
        s.runs += r.runs
        s.essential = l.essential || r.essential
        return s
    }

    /// This line, marked ``essential``.
    var essentialLine: Styled { var s = self; s.essential = true; return s }

    /// Writes the line from (`col`, `row`), cut to `width` columns (last visible char `…` when
    /// cut), keeping backgrounds unless `background` is given.
    func draw(onto frame: inout Frame, col: Int, row: Int, width: Int, background: Color? = nil) {
        guard width > 0 else { return }
        let total = count
        var budget = total > width ? width - 1 : width
        var c = col
        for run in runs where budget > 0 {
            let t = String(run.text.prefix(budget))
            c = frame.put(t, col: c, row: row, foreground: run.color, background: background, attributes: run.attributes)
            budget -= t.count
        }
        if total > width {
            let last = runs.last
            frame.put("…", col: col + width - 1, row: row, foreground: last?.color ?? .default,
                      background: background, attributes: last?.attributes ?? [])
        }
    }
}
