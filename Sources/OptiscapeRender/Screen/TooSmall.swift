/// The message drawn instead of a screen when the terminal is too small for it, centred and
/// bold. It says as much as fits whole: the full sentence, then shorter forms down to the
/// bare size needed (`60×20`), so a word is never cut into something unreadable; below five
/// columns nothing fits and the frame stays blank.
enum TooSmall {
    /// The forms of the message, longest first; each is a list of lines, wrapped at spaces.
    static func forms(needs minWidth: Int, _ minHeight: Int, width: Int, height: Int) -> [[String]] {
        let need = "\(minWidth)×\(minHeight)", have = "\(width)×\(height)"
        return [["terminal too small: \(need) needed, have \(have)"],
                ["too small", "need \(need)", "have \(have)"],
                ["too small", "need \(need)"],
                ["need \(need)"],
                [need]]
    }

    /// The lines of the first form that fits `width` × `height` without cutting a word.
    static func lines(needs minWidth: Int, _ minHeight: Int, width: Int, height: Int) -> [String] {
        for form in forms(needs: minWidth, minHeight, width: width, height: height) {
            let words = form.flatMap { $0.split(separator: " ") }
            guard words.allSatisfy({ $0.count <= width }) else { continue }
            let lines = form.flatMap { Text.wrap($0, width: width) }
            if lines.count <= height { return lines }
        }
        return []
    }

    /// Draws the message for a screen that needs `minWidth` × `minHeight`.
    static func draw(needs minWidth: Int, _ minHeight: Int, onto frame: inout Frame) {
        let shown = lines(needs: minWidth, minHeight, width: frame.width, height: frame.height)
        let top = (frame.height - shown.count) / 2
        for (k, line) in shown.enumerated() {
            frame.put(line, col: (frame.width - line.count) / 2, row: top + k, attributes: .bold)
        }
    }
}
