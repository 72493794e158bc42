import Foundation
import Testing

/// Every terminal-owning path under terminals it cannot fully use: a clear message and status 1
/// where it cannot draw at all, a degraded but working display where it can.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct TerminalTypeTests {
    struct Variant: CustomStringConvertible, Sendable {
        let description: String
        /// Put before the program.
        let prefix: String
        /// The message expected instead of the UI (nil: the UI runs).
        let refusal: String?
        /// Whether colours may be drawn.
        var colors = false
    }
    static let variants = [
        Variant(description: "TERM=dumb", prefix: "env TERM=dumb", refusal: #"TERM is "dumb""#),
        Variant(description: "TERM unset", prefix: "env -u TERM", refusal: "TERM is unset"),
        Variant(description: "TERM=unknown-garbage", prefix: "env TERM=unknown-garbage",
                refusal: #"terminal type "unknown-garbage" is not known"#),
        Variant(description: "TERM=vt100", prefix: "env TERM=vt100", refusal: nil),
        Variant(description: "TERM=xterm", prefix: "env TERM=xterm", refusal: nil, colors: true),
        Variant(description: "NO_COLOR=1", prefix: "env NO_COLOR=1", refusal: nil),
    ]

    @Test(arguments: variants, [TerminalPath.ui, .picker, .play])
    func startsDegradedOrSaysWhy(variant: Variant, path: TerminalPath) throws {
        let f = try TerminalFixture()
        let t = Tmux(f.checkingModes(path.command(f, prefix: variant.prefix)), cols: 100, rows: 30)
        if let refusal = variant.refusal {
            let end = t.wait(for: "EXIT=1")
            // The pane wraps the long message: look at it as one line.
            let message = end.screen.replacingOccurrences(of: "\n", with: "")
            #expect(end.ok && message.contains("optiscape: " + refusal), "\(variant), \(path): \(end.screen)")
            #expect(message.contains("(try TERM=xterm-256color), or use `optiscape"))
        } else {
            let up = t.wait(for: path.ready)
            #expect(up.ok, "\(variant), \(path): \(up.screen)")
            let shot = t.capture(colors: true)
            let colored = shot.contains(#/\x1B\[([0-9]+;)*(3[0-8]|4[0-8])[;m]/#)
            #expect(colored == variant.colors, "\(variant), \(path): colours \(colored)\n\(shot.prefix(600).debugDescription)")
            t.send("q")
            #expect(t.wait(for: "EXIT=0").ok, "\(variant), \(path)")
        }
        let modes = f.modes()
        #expect(modes.before != nil && modes.before == modes.after)
    }
}
