import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

/// The "too small" message says as much as fits whole, and never a cut word.
@Suite struct TooSmallTests {
    @Test(arguments: [
        (50, 20, ["terminal too small: 60×20 needed, have 50×20"]),
        (20, 5, ["terminal too small:", "60×20 needed, have", "20×5"]),
        (12, 3, ["too small", "need 60×20", "have 12×3"]),
        (10, 2, ["too small", "need 60×20"]),
        (10, 1, ["need 60×20"]),
        (9, 2, ["need", "60×20"]),
        (5, 1, ["60×20"]),
        (4, 3, []),
        (1, 1, []),
        (0, 0, []),
    ])
    func picksTheLongestFormThatFits(width: Int, height: Int, expected: [String]) {
        #expect(TooSmall.lines(needs: 60, 20, width: width, height: height) == expected)
    }

    @Test func everySmallSizeDrawsOnlyWholeWordsInside() {
        for w in 0...60 {
            for h in 0...20 {
                let lines = TooSmall.lines(needs: 60, 20, width: w, height: h)
                #expect(lines.count <= h && lines.allSatisfy { $0.count <= w }, "\(w)×\(h): \(lines)")
                let words = Set(TooSmall.forms(needs: 60, 20, width: w, height: h).joined().flatMap { $0.split(separator: " ").map(String.init) })
                #expect(lines.flatMap { $0.split(separator: " ").map(String.init) }.allSatisfy(words.contains), "\(w)×\(h): \(lines)")
            }
        }
    }

    @Test func thePickerSaysItIsTooSmallAndNarrowTitlesAreCutOnce() {
        let lib = ScenePickerTests().library()
        let tiny = ScenePicker.render(lib, selected: 0, width: 12, height: 4, colorMode: .none).plainText
        #expect(tiny.contains("20×6") && tiny.contains("12×4") && !tiny.contains("…"), "\(tiny)")
        var long = lib
        long.entries[1].scene?.title = "A very long lesson title that goes on"
        let narrow = ScenePicker.render(long, selected: 0, width: 30, height: 8, colorMode: .none).plainText
        #expect(!narrow.contains("……"), "\(narrow)")
        #expect(narrow.contains("  §8.2.10 A very long lesso…"), "\(narrow)")
    }
}
