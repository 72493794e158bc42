import Foundation
import Testing
@testable import OptiscapeCore

/// `optiscape trace --network`, run as a user would: the CSV and JSON contracts, the saved
/// weights and trajectory, and one-line errors.
@Suite struct NetworkTraceCLITests {
    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-nettrace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func csvHasOneRowPerPrintedStepWithTheFullSetLoss() {
        let r = Spawn.optiscape("trace", "--network", "2-6-2", "--activation", "relu", "--data", "moons:n=40",
                                "--optimizer", "adam:lr=0.05", "--optimizer", "sgd:lr=0.3", "--steps", "20", "--every", "10")
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "runner,step,loss,grad_norm")
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                == ["adam,0", "sgd,0", "adam,10", "sgd,10", "adam,20", "sgd,20"])
        let losses = lines.dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(losses[0] == losses[1] && losses[4] < losses[0])
    }

    @Test func aValidationSetAddsItsLoss() {
        let r = Spawn.optiscape("trace", "--network", "2-4-2", "--data", "xor:n=30", "--validation-split", "0.2",
                                "--optimizer", "momentum:lr=0.1", "--steps", "3", "--batch", "8", "--batch-order", "sequential")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "runner,step,loss,grad_norm,val_loss" && lines.count == 5)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 5 })
    }

    @Test func jsonHasTheHyperparametersStatusAndFinalWeights() throws {
        let r = Spawn.optiscape("trace", "--network", "2-4-2", "--data", "moons:n=30", "--optimizer", "adamw:lr=0.01",
                                "--clip-norm", "0.5", "--schedule", "cosine", "--steps", "4", "--format", "json")
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((json["network"] as! [String: Any])["parameters"] as? Int == 22)
        #expect(json["batch_order"] is NSNull)
        let runner = (json["runners"] as! [[String: Any]])[0]
        #expect(runner["status"] as? String == "running")
        #expect((runner["hyperparameters"] as! [String: Any])["weight-decay"] as? Double == 0.01)
        #expect((runner["transforms"] as! [String: Any])["clip_norm"] as? Double == 0.5)
        #expect((runner["schedule"] as! [String: Any])["kind"] as? String == "cosine")
        let trajectory = runner["trajectory"] as! [[Double]]
        #expect(trajectory.count == 5 && trajectory.map { $0[0] } == [0, 1, 2, 3, 4])
        let final = runner["final"] as! [String: Any]
        #expect(final["loss"] as? Double == trajectory[4][1])
        #expect((final["tensors"] as! [[String: Any]]).map { $0["name"] as! String } == ["0.weight", "0.bias", "2.weight", "2.bias"])
    }

    /// Muon trains a network (its matrices; AdamW the biases), and its JSON names the choice
    /// `adjust-lr-fn` by its word.
    @Test func muonTrainsANetwork() throws {
        let r = Spawn.optiscape("trace", "--network", "2-8-2", "--data", "moons:n=64", "--optimizer", "muon", "--steps", "20")
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.count == 21 && rows.allSatisfy { $0[0] == "muon" })
        #expect(Double(rows[20][2])! < Double(rows[0][2])!)
        let j = Spawn.optiscape("trace", "--network", "2-8-2", "--data", "moons:n=64", "--optimizer",
                                "muon:lr=0.02,adjust-lr-fn=match-rms-adamw,adamw-lr=0.01", "--steps", "3", "--format", "json")
        #expect(j.status == 0, "\(j.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        let hyper = ((json["runners"] as! [[String: Any]])[0]["hyperparameters"] as! [String: Any])
        #expect(hyper["adjust-lr-fn"] as? String == "match-rms-adamw" && hyper["adamw-lr"] as? Double == 0.01)
        #expect(hyper["ns-steps"] as? Int == 5 && hyper["nesterov"] as? Bool == true)
    }

    @Test func divergenceIsMarkedAndNamedOnStandardError() throws {
        let r = Spawn.optiscape("trace", "--network", "2-4-2", "--data", "moons:n=30", "--optimizer", "sgd:lr=1e4", "--loss", "cross-entropy",
                                "--steps", "50", "--bound", "100", "--format", "json")
        #expect(r.status == 0)
        let runner = ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["runners"] as! [[String: Any]])[0]
        #expect(runner["status"] as? String == "diverged", "\(runner)")
        #expect(r.stderr.hasPrefix("optiscape: sgd: diverged at "))
    }

    @Test func savedWeightsAndTrajectoryFeedHessianAndSlice() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = dir.appendingPathComponent("w.safetensors").path, t = dir.appendingPathComponent("t.safetensors").path
        let model = ["--network", "2-5-2", "--data", "moons:n=40"]
        let r = Spawn.optiscape(args: ["trace"] + model + ["--optimizer", "adam:lr=0.05", "--steps", "12", "--every", "3",
                                                          "--save-weights", w, "--save-trajectory", t])
        #expect(r.status == 0, "\(r.stderr)")
        let last = r.stdout.split(separator: "\n").last!.split(separator: ",")
        #expect(last[1] == "12")
        // The saved weights are the last row's θ: hessian at them reports the same loss.
        let h = Spawn.optiscape(args: ["hessian"] + model + ["--weights", w, "--format", "json"])
        // (Compared as text: Foundation's JSON parser on Linux does not read every double back exactly.)
        #expect(h.stdout.contains("\"loss\":\(last[2]),"), "\(h.stdout.prefix(200))")
        let spec = try NetworkSpec(sizes: [2, 5, 2])
        let rows = try TrajectoryFile.load(path: t, count: spec.parameterCount)
        #expect(rows.count == 5 * spec.parameterCount)
        #expect(Array(rows.suffix(spec.parameterCount)) == (try NetworkWeights.load(path: w, spec: spec)))
        let steps = try SafeTensors.load(path: t)["steps"]!.values
        #expect(steps == [0, 3, 6, 9, 12])
        let s = Spawn.optiscape(args: ["slice"] + model + ["--directions", "pca", "--trajectory", t, "--grid", "3x3"])
        #expect(s.status == 0 && s.stderr.contains("explained variance"))
        // The plane goes through the last point: its centre is the final loss.
        #expect(s.stdout.split(separator: "\n")[5] == "0.0,0.0,\(last[2])")
    }

    @Test(arguments: [
        (["--batch", "0"], "--batch must be at least 1 (got 0)"),
        (["--batch", "41"], "--batch 41 is larger than the 40 training rows"),
        (["--optimizer", "adam", "--optimizer", "sgd", "--save-weights", "/tmp/never-written.safetensors"], "give one --optimizer (got 2)"),
        (["--optimizer", "adam:lr=-1"], "invalid learning rate"),
        (["--clip-norm", "0"], "invalid clip norm"),
        (["--weights", "/nonexistent.safetensors"], "/nonexistent.safetensors: cannot read the file"),
    ])
    func badInputExitsOneWithOneLine(extra: [String], text: String) {
        let r = Spawn.optiscape(args: ["trace", "--network", "2-4-2", "--data", "moons:n=40", "--steps", "2"] + extra)
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("optiscape: ") && r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains(text), "stderr: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.safetensors"))
    }

    @Test(arguments: [["trace", "--data", "moons"],
                      ["trace", "--network", "2-4-2"],
                      ["trace", "--network", "2-4-2", "--data", "moons", "--landscape", "rosenbrock"],
                      ["trace", "--network", "2-4-2", "--data", "moons", "--start=1,2"],
                      ["trace", "--network", "2-4-2", "--data", "moons", "--batch-order", "sequential"],
                      ["trace", "--landscape", "rosenbrock", "--save-weights", "w.safetensors"],
                      ["hessian", "--network", "2-4-2"]])
    func badUsageExitsTwo(args: [String]) {
        let r = Spawn.optiscape(args: args)
        #expect(r.status == 2 && r.stdout.isEmpty, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
