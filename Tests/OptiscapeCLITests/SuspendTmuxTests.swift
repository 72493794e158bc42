import Foundation
import Testing

/// Ctrl-Z and `fg` from an interactive shell: the terminal goes back to the shell while the
/// program is stopped, and comes back with the same picture, taking keys again.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"))
struct SuspendTmuxTests {
    @Test(arguments: [TerminalPath.ui, .picker, .play])
    func suspendAndResumeRestoresTheScreen(path: TerminalPath) throws {
        let f = try TerminalFixture()
        let t = Tmux.shell(in: f.directory)
        t.type(path.command(f))
        #expect(path.bringUp(t).ok)
        guard let before = t.steady() else { Issue.record("\(path): the screen never settled"); return }
        t.send("C-z")
        let stopped = t.wait(for: "Stopped")
        #expect(stopped.ok, "\(path): \(stopped.screen)")
        #expect(t.display("#{alternate_on}") == "0")
        t.type("fg")
        let back = t.wait { $0 == before }
        #expect(back.ok, "\(path) after fg:\n\(back.screen)\nbefore:\n\(before)")
        #expect(t.display("#{alternate_on}") == "1")
        t.send("q")
        #expect(t.wait { _ in t.display("#{alternate_on}") == "0" }.ok)
        t.type("echo QUIT=$?")
        #expect(t.wait(for: "QUIT=0").ok, "\(path)")
    }
}
