import Foundation
import Testing
@testable import OptiscapeCore

/// The scene library (scenes/*.yaml): every scene loads, and every claim it makes holds.
@Suite struct SceneLibraryTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenes")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func theLibraryIsThere() {
        #expect(Self.files.contains("ill-conditioning.yaml"))
    }

    @Test(arguments: files)
    func everyClaimHolds(file: String) throws {
        let scene = try SceneFile.load(path: Self.directory.appendingPathComponent(file).path)
        #expect(!scene.claims.isEmpty, "\(file) proves nothing")
        // Chapter lessons have a section; the classics (raced test functions) have none.
        #expect(!scene.description.isEmpty && scene.steps != nil && !scene.runners.isEmpty)
        for r in try ClaimCheck.run(scene) {
            #expect(r.held, "\(file):\(r.claim.location.map(\.description) ?? "?"): broken: \(r.text)")
        }
    }
}
