import Foundation
import Testing

/// 100 resizes in a few seconds while a scene runs, down to 1×1 and up to 300×100: the program
/// lives through it, shows the "too small" message where it fits, ends on a whole, clean
/// frame at the last size, still takes keys, and leaves the terminal as it found it.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct ResizeStormTests {
    /// Tiny, odd, just under and over the 60×20 minimum, and huge.
    static let sizes = [(1, 1), (2, 1), (1, 2), (10, 3), (300, 100), (7, 5), (61, 21), (59, 20), (60, 19),
                        (133, 47), (1, 100), (300, 1), (80, 24), (3, 3), (200, 60), (45, 13), (2, 2),
                        (99, 33), (17, 9), (251, 91)]

    @Test func survivesAResizeStormWhileRunning() throws {
        let f = try TerminalFixture()
        let t = Tmux(f.checkingModes(TerminalPath.ui.command(f)), cols: 120, rows: 40)
        #expect(t.wait(for: "step 0").ok)
        guard let pid = t.programPID() else { Issue.record("no pid"); return }
        t.send("Space")
        #expect(t.wait(for: "running").ok)

        // A few sizes one at a time, to see what a user sees there (a detached tmux session
        // really takes the size).
        let looks: [((Int, Int), (String) -> Bool)] = [
            ((1, 1), { _ in true }),
            ((10, 3), { $0.contains("too small\nneed 60×20\nhave 10×3") }),
            ((59, 19), { $0.contains("terminal too small: 60×20 needed, have 59×19") }),
            ((300, 100), { $0.hasPrefix(" optiscape │") }),
        ]
        for ((w, h), looksRight) in looks {
            t.resize(cols: w, rows: h)
            #expect(t.display("#{window_width}x#{window_height}") == "\(w)x\(h)")
            let r = t.wait(timeout: 5) { looksRight($0) }
            #expect(r.ok, "\(w)×\(h):\n\(r.screen)")
        }
        // The storm: 100 sizes in about three seconds.
        for k in 0..<100 {
            let (w, h) = ResizeStormTests.sizes[k % ResizeStormTests.sizes.count]
            t.resize(cols: w, rows: h)
            usleep(20_000)
        }
        t.resize(cols: 120, rows: 40)
        #expect(kill(pid, 0) == 0, "the program died in the storm")
        let frame = t.wait { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            return lines.count == 40 && lines.first?.hasPrefix(" optiscape │ §8.2.1") == true
                && lines.last?.contains("running") == true && lines.allSatisfy { $0.count <= 120 }
        }
        #expect(frame.ok, "after the storm:\n\(frame.screen)")
        #expect(frame.screen.contains("Runners"))

        // Nothing left over from other sizes: a forced repaint (Ctrl-L) of the paused frame
        // changes nothing.
        t.send("Space")
        #expect(t.wait(for: "paused").ok)
        let paused = t.steady()
        t.send("C-l")
        usleep(300_000)
        #expect(paused != nil && t.steady() == paused, "garbage after the storm:\n\(paused ?? "")")

        t.send("?")
        #expect(t.wait(for: "any key closes").ok)
        t.send("x")
        #expect(t.wait { !$0.contains("any key closes") }.ok)
        t.send("q")
        #expect(t.wait(for: "EXIT=0").ok)
        let modes = f.modes()
        #expect(modes.before != nil && modes.before == modes.after)
    }
}
