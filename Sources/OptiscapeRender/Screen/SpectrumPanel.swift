import Foundation
import OptiscapeCore

/// The spectrum panel (`e`): every eigenvalue of the Hessian at the selected network runner's θ
/// as a histogram over [λmin, λmax], bar heights on a log scale of the counts (the bulk near 0
/// would otherwise hide the outliers), bins holding a negative eigenvalue in the warning colour; then
/// λmin, λmax, the index and the step the spectrum was taken at (``NetworkStepAnalysis``).
enum SpectrumPanel {
    /// Rows of bars.
    static let barRows = 6

    static func lines(_ ctx: RenderContext, width: Int) -> [Styled] {
        let theme = ctx.theme
        func note(_ text: String) -> [Styled] { Text.wrap(text, width: width).map { Styled($0, theme.dimText) } }
        guard let r = ctx.state.selectedRunner else { return note("no runner selected") }
        guard r.network != nil else {
            return note("the spectrum is of a network's Hessian; on a 2-D landscape the inside panel (i) gives H's two eigenvalues")
        }
        guard let a = NetworkAnalysisCache.shared.analysis(of: r, on: ctx.state.landscape, running: ctx.state.isRunning), let s = a.spectrum else {
            return note("no spectrum: networks above \(NetworkStepAnalysis.spectrumLimit) weights are not decomposed")
        }
        let values = s.eigenvalues
        guard let hi = values.first, let lo = values.last, width >= 8 else { return [] }
        let bins = width
        let span = hi - lo
        var counts = [Int](repeating: 0, count: bins)
        var negative = [Bool](repeating: false, count: bins)
        for v in values {
            let k = Swift.min(bins - 1, Swift.max(0, span > 0 ? Int((v - lo) / span * Double(bins)) : bins / 2))
            counts[k] += 1
            if s.isNegative(v) { negative[k] = true }
        }
        let top = log(1 + Double(counts.max() ?? 1))
        let eighths = counts.map { c in c == 0 ? 0 : Swift.max(1, Int((log(1 + Double(c)) / top * Double(barRows * 8)).rounded())) }
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        var out: [Styled] = []
        for row in (0..<barRows).reversed() {
            var line = Styled()
            for k in 0..<bins {
                let filled = Swift.min(8, Swift.max(0, eighths[k] - row * 8))
                line.add(String(blocks[filled]), negative[k] ? theme.warning : theme.text)
            }
            out.append(line)
        }
        // The axis: λmin at the left, λmax at the right, 0 marked where it falls.
        var axis = [Character](repeating: "─", count: bins)
        if lo < 0, hi > 0 { axis[Swift.min(bins - 1, Int(-lo / span * Double(bins)))] = "┴" }
        out.append(Styled(String(axis), theme.border))
        let left = Text.num(lo), right = Text.num(hi)
        let gap = Swift.max(1, width - left.count - right.count)
        out.append(Styled(left + String(repeating: " ", count: gap) + right, theme.dimText))
        let at = s.step == a.step ? "" : " (at step \(s.step))"
        var summary = Styled("\(values.count) eigenvalues, ", theme.text)
        summary.add("\(s.negativeCount) < 0", s.negativeCount > 0 ? theme.warning : theme.text, .bold)
        summary.add(at, theme.dimText)
        out.append(summary.essentialLine)
        out += note("bar height: log(1 + count) per bin of width \(Text.num(span / Double(bins)))")
        return out
    }
}
