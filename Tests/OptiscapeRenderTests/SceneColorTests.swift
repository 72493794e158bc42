import OptiscapeCore
import Testing
@testable import OptiscapeRender

/// Scene files accept the colour names Core lists; each must be one the renderer can draw.
@Suite struct SceneColorTests {
    @Test func everySceneColourNameIsDrawable() {
        for name in RunnerColor.names + ["0", "255"] {
            #expect(RunnerStyle.parse(name) != nil, "\(name)")
        }
        #expect(Set(RunnerStyle.names.keys) == Set(RunnerColor.names))
    }
}
