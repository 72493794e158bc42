import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

@Suite struct ScenePickerTests {
    func library() -> SceneLibrary {
        let a = Scene(title: "Alpha lesson", section: "8.2.1", description: "First sentence. Second one.",
                      landscape: .builtIn(name: "quadratic", parameters: ["kappa": 5]),
                      runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(1, 1))])
        let b = Scene(title: "Beta lesson", section: "8.2.10", description: "Beta text.",
                      landscape: .expression(source: "x^2 + y^2", parameters: [:]), runners: [])
        return SceneLibrary(directory: "lib", entries: [
            SceneLibrary.Entry(path: "lib/a.yaml", scene: a, error: nil),
            SceneLibrary.Entry(path: "lib/b.yaml", scene: b, error: nil),
            SceneLibrary.Entry(path: "lib/broken.yaml", scene: nil, error: "lib/broken.yaml:3:1: title: missing"),
        ])
    }

    @Test func listsSectionTitleAndFirstSentenceAndPreviewsTheChosenScene() {
        let text = ScenePicker.render(library(), selected: 0, width: 100, height: 24, colorMode: .none).plainText
        #expect(text.contains("▶ §8.2.1  Alpha lesson"))
        #expect(text.contains("First sentence."))
        #expect(text.contains("§8.2.10"))
        #expect(text.contains("invalid: lib/broken.yaml:3:1: title: missing"))
        #expect(text.contains("landscape  quadratic (kappa=5)"))
        #expect(text.contains("runners    sgd (sgd)"))
    }

    @Test func countsScenesInTheSingularToo() {
        var one = library()
        one.entries = [one.entries[0]]
        #expect(ScenePicker.render(one, selected: 0, width: 100, height: 24, colorMode: .none).plainText.contains("   1 scene\n"))
        #expect(ScenePicker.render(library(), selected: 0, width: 100, height: 24, colorMode: .none).plainText.contains("   3 scenes\n"))
    }

    @Test func keysAndClicksChoose() {
        #expect(ScenePicker.action(for: .down) == .move(1))
        #expect(ScenePicker.action(for: .character("k")) == .move(-1))
        #expect(ScenePicker.action(for: .enter) == .open)
        #expect(ScenePicker.action(for: .character("q")) == .quit)
        // Rows 3, 4, 5 hold the three entries.
        #expect(ScenePicker.entry(atRow: 4, count: 3, selected: 0, height: 24) == 1)
        #expect(ScenePicker.entry(atRow: 2, count: 3, selected: 0, height: 24) == nil)
        #expect(ScenePicker.entry(atRow: 6, count: 3, selected: 0, height: 24) == nil)
    }

    @Test func neverTrapsAtAnySize() {
        for w in [0, 1, 5, 19, 20, 40, 200] {
            for h in [0, 1, 5, 6, 10, 60] {
                let f = ScenePicker.render(library(), selected: 2, width: w, height: h, colorMode: .full256)
                #expect(f.width == w && f.height == h)
            }
        }
    }

    @Test func sectionsSortInChapterOrder() {
        #expect(SceneLibrary.sectionKey("8.2.10").lexicographicallyPrecedes(SceneLibrary.sectionKey(nil)))
        #expect(SceneLibrary.sectionKey("8.2.9").lexicographicallyPrecedes(SceneLibrary.sectionKey("8.2.10")))
        #expect(SceneLibrary.sectionKey("8.1.3").lexicographicallyPrecedes(SceneLibrary.sectionKey("8.2.1")))
    }
}
