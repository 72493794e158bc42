import Testing
import Foundation
import PropertyBased
@testable import OptiscapeCore

/// Mutated copies of the scene library: every input ends in a `Scene` or a located
/// `SceneFileError` (`path:…`), never a trap, a hang or another error type.
@Suite struct SceneFileFuzzTests {
    static let path = "fuzz.yaml"

    static let library: [String] = {
        let dir = Fuzz.root.appendingPathComponent("scenes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap {
            try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// One structural mutation of YAML text.
    static func mutate(_ text: String, _ rng: inout SeededRNG) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let i = rng.index(below: lines.count)
        switch rng.index(below: 10) {
        case 0: lines.remove(at: i)                                  // a deleted key
        case 1, 2, 3:                                                 // a value swapped
            let line = lines[i]
            let colons = line.indices.filter { line[$0] == ":" }
            guard let c = colons.isEmpty ? nil : colons[rng.index(below: colons.count)] else { break }
            let after = line[line.index(after: c)...]
            let stop = after.firstIndex { $0 == "," || $0 == "}" || $0 == "]" } ?? line.endIndex
            let value = rng.uniform() < 0.6 ? Fuzz.pick(Fuzz.nastyNumbers, &rng) : Fuzz.pick(Fuzz.wrongTypes, &rng)
            lines[i] = String(line[...c]) + " " + value + String(line[stop...])
        case 4:                                                       // numbers anywhere made huge or strange
            lines[i] = lines[i].replacing(/-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?/) { _ in Fuzz.pick(Fuzz.nastyNumbers, &rng) }
        case 5:                                                       // deep nesting
            let depth = 1 + rng.index(below: 300)
            let nested = rng.uniform() < 0.5
                ? String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                : String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)
            let key = Fuzz.pick(SceneFile.sceneKeys, &rng)
            lines.insert("\(key): \(nested)", at: i)
        case 6: lines.insert(lines[i], at: i)                         // a duplicated key
        case 7:                                                       // a long string
            let key = Fuzz.pick(["title", "description", "landscape", "section"], &rng)
            lines.insert("\(key): \"\(String(repeating: "é", count: 1 + rng.index(below: 20_000)))\"", at: i)
        case 8:                                                       // indentation broken
            lines[i] = String(repeating: " ", count: rng.index(below: 9)) + lines[i].trimmingCharacters(in: .whitespaces)
        default:                                                      // a runner key given to the scene and back
            let key = Fuzz.pick(SceneFile.runnerKeys + SceneFile.hyperparameterKeys + SceneFile.knobKeys, &rng)
            lines.insert("\(key): \(Fuzz.pick(Fuzz.nastyNumbers + Fuzz.wrongTypes, &rng))", at: i)
        }
        return lines.joined(separator: "\n")
    }

    static func input(seed: UInt64) -> String {
        var rng = SeededRNG(seed: seed)
        var text = Fuzz.pick(library, &rng)
        switch rng.index(below: 10) {
        case 0: return String(decoding: Fuzz.randomBytes(&rng, count: rng.index(below: 400)), as: UTF8.self)
        case 1: return Fuzz.damageBytes(text, &rng)
        default:
            for _ in 0..<(1 + rng.index(below: 3)) { text = mutate(text, &rng) }
            return rng.uniform() < 0.15 ? Fuzz.damageBytes(text, &rng) : text
        }
    }

    /// Parses and checks the outcome; returns whether it was a scene.
    @discardableResult
    static func check(_ text: String, seed: UInt64? = nil) -> Bool {
        do {
            _ = try SceneFile.parse(text, path: path)
            return true
        } catch let e as SceneFileError {
            #expect(e.description.hasPrefix(path + ":"), "seed \(seed.map(String.init) ?? "-"): \(e)")
            #expect(e.location != nil, "seed \(seed.map(String.init) ?? "-"): unlocated \(e)")
        } catch {
            Issue.record("seed \(seed.map(String.init) ?? "-"): not a SceneFileError: \(error)")
        }
        return false
    }

    @Test func libraryIsThere() {
        #expect(Self.library.count >= 10)
        for text in Self.library { #expect(Self.check(text)) }
    }

    /// Raw bytes (not necessarily UTF-8) through the `Data` entry point that `load` uses.
    @Test func rawBytesParseOrFailLocated() async {
        await propertyCheck(count: Fuzz.count(4000), input: Gen.uint64()) { seed in
            Fuzz.note("scene-bytes", seed)
            var rng = SeededRNG(seed: seed)
            var bytes = Array(Fuzz.pick(Self.library, &rng).utf8)
            for _ in 0..<(1 + rng.index(below: 8)) where !bytes.isEmpty {
                bytes[rng.index(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.uniform() < 0.3 { bytes = Fuzz.randomBytes(&rng, count: rng.index(below: 300)) }
            do {
                _ = try SceneFile.parse(Data(bytes), path: Self.path)
            } catch let e as SceneFileError {
                #expect(e.description.hasPrefix(Self.path + ":") && e.location != nil, "seed \(seed): \(e)")
            } catch {
                Issue.record("seed \(seed): not a SceneFileError: \(error)")
            }
        }
    }

    @Test func mutatedScenesParseOrFailLocated() async {
        await propertyCheck(count: Fuzz.count(6000), input: Gen.uint64()) { seed in
            Fuzz.note("scene", seed)
            Self.check(Self.input(seed: seed), seed: seed)
        }
    }
}

