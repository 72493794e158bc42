import Foundation
import Testing

/// `optiscape hessian` and `optiscape slice`, run as a user would.
@Suite struct NetworkCLITests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OptiscapeCoreTests/Reference/networks/tanh-2-4-3-3-f64.safetensors").path

    @Test func hessianPrintsEveryEigenvalueDescending() throws {
        let r = Spawn.optiscape("hessian", "--network", "2-4-3", "--data", "moons:n=30")
        #expect(r.status == 0 && r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "rank,eigenvalue" && lines.count == 1 + 27)
        let values = lines.dropFirst().map { Double($0.split(separator: ",")[1])! }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func hessianJSONSummarisesTheSpectrum() throws {
        let r = Spawn.optiscape("hessian", "--network", "2-4-3-3", "--weights", Self.reference, "--data", "spirals:n=30", "--format", "json")
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let eig = json["eigenvalues"] as! [Double]
        #expect(eig.count == 39 && json["complete"] as? Bool == true && json["weights"] as? String == Self.reference)
        #expect(json["lambda_max"] as? Double == eig.first && json["lambda_min"] as? Double == eig.last)
        #expect(json["negative"] as? Int == eig.filter { $0 < 0 }.count)
        let top = Spawn.optiscape("hessian", "--network", "2-4-3-3", "--weights", Self.reference, "--data", "spirals:n=30", "--top", "2")
        let t = top.stdout.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
        #expect(t.count == 2 && zip(t, eig).allSatisfy { Swift.abs($0 - $1) <= 1e-8 * Swift.abs(eig[0]) })
    }

    @Test func sliceWritesTheGridRowByRowAndTheCosineToStandardError() {
        let r = Spawn.optiscape("slice", "--network", "2-4-2", "--data", "xor:n=20", "--grid", "3x2", "--range=-1:1,0:2")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 7 && lines[0] == "a,b,loss")
        #expect(lines[1].hasPrefix("-1.0,0.0,") && lines[3].hasPrefix("1.0,0.0,") && lines[4].hasPrefix("-1.0,2.0,"))
        #expect(r.stderr.hasPrefix("optiscape: slice: directions random, normalize filter, cosine "))
    }

    @Test(arguments: [
        (["hessian", "--network", "3-4-2", "--data", "moons"], "network 3-4-2 takes 3 inputs but data 'moons:n=200,noise=0.1' has 2 feature columns"),
        (["hessian", "--network", "2-4-2", "--data", "spirals"], "has 2 outputs but data"),
        (["hessian", "--network", "2-x-2", "--data", "moons"], "--network: network '2-x-2': 'x' is not a layer size"),
        (["hessian", "--network", "2-4-2", "--data", "/nonexistent.csv"], "/nonexistent.csv: cannot read the file"),
        (["hessian", "--network", "2-5-3-3", "--data", "spirals", "--weights", reference], "tensor '0.weight' has shape [4, 2], network 2-5-3-3 needs [5, 2]"),
        (["slice", "--network", "2-4-2", "--data", "moons", "--directions", reference], "unexpected tensor '0.bias' (a directions file holds 'x' and 'y')"),
        (["slice", "--network", "2-4-2", "--data", "moons:noise=x"], "noise=x is not a number"),
    ])
    func badInputExitsOneWithOneLine(args: [String], text: String) {
        let r = Spawn.optiscape(args: args)
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("optiscape: ") && r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains(text), "stderr: \(r.stderr)")
    }

    @Test(arguments: [["slice", "--network", "2-2", "--data", "moons", "--grid", "0x4"],
                      ["slice", "--network", "2-2", "--data", "moons", "--range=1:-1"],
                      ["slice", "--network", "2-2", "--data", "moons", "--directions", "pca"],
                      ["hessian", "--network", "2-2", "--data", "moons", "--top", "0"],
                      ["hessian", "--data", "moons"]])
    func badUsageExitsTwo(args: [String]) {
        let r = Spawn.optiscape(args: args)
        #expect(r.status == 2 && r.stdout.isEmpty)
    }
}
