import OptiscapeCore

/// The scene library as a menu (`optiscape` with no arguments): one line per scene — section,
/// title, the lesson's first sentence — the chosen one highlighted, a broken file shown with its
/// error. Keys: ↑/↓ (or k/j) choose, Enter opens, q quits.
public enum ScenePicker {
    public enum Action: Equatable, Sendable {
        case move(Int)
        case open
        case quit
    }

    /// Below this size only a "too small" message is drawn.
    public static let minimumWidth = 20
    public static let minimumHeight = 6

    public static func action(for key: Key) -> Action? {
        switch key {
        case .up, .character("k"), .scrollUp: return .move(-1)
        case .down, .character("j"), .scrollDown: return .move(1)
        case .enter, .character(" "): return .open
        case .character("q"), .escape: return .quit
        default: return nil
        }
    }

    /// The row of the screen a click at `row` chooses, if any (same layout as `render`).
    public static func entry(atRow row: Int, count: Int, selected: Int, height: Int) -> Int? {
        let (first, top, visible) = window(count: count, selected: selected, height: height)
        let i = first + (row - top)
        return row >= top && row < top + visible && i < count ? i : nil
    }

    static func window(count: Int, selected: Int, height: Int) -> (first: Int, top: Int, visible: Int) {
        let top = 3
        // The list takes what it needs, up to two thirds of the rows; the rest previews the scene.
        let visible = Swift.max(0, Swift.min(count, Swift.max(height * 2 / 3 - top, Swift.min(count, height - top - 2))))
        guard visible > 0 else { return (0, top, 0) }
        let first = Swift.min(Swift.max(0, selected - visible / 2), Swift.max(0, count - visible))
        return (first, top, visible)
    }

    public static func render(_ library: SceneLibrary, selected: Int, width: Int, height: Int,
                              colorMode: ColorMode) -> Frame {
        var frame = Frame(width: Swift.max(0, width), height: Swift.max(0, height))
        guard width >= minimumWidth, height >= minimumHeight else {
            TooSmall.draw(needs: minimumWidth, minimumHeight, onto: &frame)
            return frame
        }
        let accent: Color = colorMode == .none ? .default : .indexed(214)
        let dim: Color = colorMode == .none ? .default : .grey(12)
        frame.put(Text.fit(" optiscape — why training deep models is hard (Deep Learning, chapter 8)", width),
                  col: 0, row: 0, foreground: accent, attributes: .bold)
        frame.put(Text.fit(" scene library: \(library.directory)   \(library.entries.count == 1 ? "1 scene" : "\(library.entries.count) scenes")", width),
                  col: 0, row: 1, foreground: dim)
        let (first, top, visible) = window(count: library.entries.count, selected: selected, height: height)
        let sectionWidth = 8
        let longest = library.entries.map(\.title.count).max() ?? 20
        // Narrow screens: the title takes what is left after marker, section and a gap (a
        // title cut twice would end in "……"); the summary comes only when it has room to say something.
        let titleWidth = Swift.min(longest, Swift.max(20, width / 2), width - 2 - sectionWidth - 2)
        for k in 0..<visible {
            let i = first + k
            let e = library.entries[i]
            let chosen = i == selected
            let attrs: Attributes = chosen ? [.reverse, .bold] : []
            let marker = chosen ? "▶ " : "  "
            var line = marker + Text.pad(e.section, sectionWidth) + Text.pad(e.title, titleWidth) + "  "
            let rest = Swift.max(0, width - line.count)
            if rest >= 8 { line += Text.fit(e.error == nil ? e.summary : "invalid: " + (e.error ?? ""), rest) }
            frame.put(Text.pad(line, width), col: 0, row: top + k,
                      foreground: e.error != nil ? (colorMode == .none ? .default : .red) : .default,
                      attributes: e.error != nil && !chosen ? attrs.union(.dim) : attrs)
        }
        // Preview of the chosen scene under the list: landscape, runners, the lesson.
        let previewTop = top + visible + 1
        if library.entries.indices.contains(selected), let scene = library.entries[selected].scene,
           previewTop < height - 2 {
            var lines: [(String, Color, Attributes)] = []
            let land: String
            switch scene.landscape {
            case let .builtIn(name, params):
                land = name + (params.isEmpty ? "" : " (" + params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.compact)" }.joined(separator: ", ") + ")")
            case let .expression(source, _): land = "f(x, y) = " + source
            case let .network(n): land = "network \(n.layers) \(n.activation.rawValue), \(n.plane.summary)"
            }
            lines.append((" landscape  " + land, .default, []))
            lines.append((" runners    " + scene.runners.map { "\($0.label) (\($0.optimizer.kind.rawValue))" }.joined(separator: ", "), .default, []))
            lines.append(("", .default, []))
            for l in Text.wrap(scene.description, width: Swift.max(10, width - 2)) { lines.append((" " + l, dim, [])) }
            for (k, l) in lines.prefix(Swift.max(0, height - 1 - previewTop)).enumerated() {
                frame.put(Text.fit(l.0, width), col: 0, row: previewTop + k, foreground: l.1, attributes: l.2)
            }
        }
        let hint = " ↑/↓ choose · enter open · inside a scene N/P next/previous, ? help · q quit"
        frame.put(Text.fit(hint, width), col: 0, row: height - 1, foreground: dim)
        return frame
    }
}
