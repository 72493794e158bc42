import Testing
@testable import OptiscapeCore

/// The CSV reader, the generators, validation splits and the fit checks.
@Suite struct NetworkDataTests {
    func csvError(_ text: String, _ loss: NetworkLossKind = .crossEntropy) -> String {
        do { _ = try NetworkCSV.parse(text, path: "d.csv", loss: loss); return "no error" } catch { return error.description }
    }

    @Test func readsLabelsAndFeaturesInFileOrder() throws {
        let d = try NetworkCSV.parse("x1, label ,x2\r\n1,0,2\n\n3.5,2,-4\n", path: "d.csv", loss: .crossEntropy)
        #expect(d.features == [1, 2, 3.5, -4] && d.featureCount == 2 && d.targets == .labels([0, 2]))
    }

    @Test func readsTargetsForMSE() throws {
        let d = try NetworkCSV.parse("target2,a,target1\n1,2,3\n4,5,6\n", path: "d.csv", loss: .mse)
        #expect(d.features == [2, 5] && d.targets == .values([3, 1, 6, 4], width: 2))
        let one = try NetworkCSV.parse("a,target\n1,2\n", path: "d.csv", loss: .mse)
        #expect(one.targets == .values([2], width: 1))
    }

    @Test func badRowsNameFileLineAndField() {
        #expect(csvError("a,label\n1,0\n2\n") == "d.csv:3: 1 field, but the header has 2 columns")
        #expect(csvError("a,label\n1,0\nx,1\n") == "d.csv:3: column 'a' (field 1): 'x' is not a finite number")
        #expect(csvError("a,label\nnan,0\n") == "d.csv:2: column 'a' (field 1): 'nan' is not a finite number")
        #expect(csvError("a,label\n1,0.5\n") == "d.csv:2: column 'label' (field 2): '0.5' is not a class (an integer 0…1000000)")
        #expect(csvError("a,b\n1,0\n").hasPrefix("d.csv:1: no 'label' column"))
        #expect(csvError("a,label\n1,0\n", .mse).hasPrefix("d.csv:1: no 'target' column"))
        #expect(csvError("a,a,label\n1,2,0\n") == "d.csv:1: column 'a' appears twice in the header")
        #expect(csvError("a,label\n") == "d.csv: no data rows after the header")
        #expect(csvError("") == "d.csv: empty file (expected a header line, then rows)")
        #expect(csvError("a,target2\n1,2\n", .mse).contains("'target2' without 'target1'"))
    }

    @Test func networkMustFitTheData() throws {
        let d = try NetworkCSV.parse("a,b,label\n1,2,0\n3,4,2\n", path: "d.csv", loss: .crossEntropy)
        #expect(throws: DataError(description: "network 3-4-3 takes 3 inputs but d.csv has 2 feature columns")) {
            try d.check(fits: try NetworkSpec(sizes: [3, 4, 3]))
        }
        #expect(throws: DataError(description: "network 2-4-2 has 2 outputs but d.csv has labels up to 2 (3 classes)")) {
            try d.check(fits: try NetworkSpec(sizes: [2, 4, 2]))
        }
        try d.check(fits: try NetworkSpec(sizes: [2, 4, 3]))
    }

    @Test func validationSplitTakesTheLastRows() throws {
        let d = NetworkFixtures.data(n: 10, d: 2, seed: 1)
        let (train, val) = try d.split(validationFraction: 0.2)
        #expect(train.count == 8 && val.count == 2)
        #expect(val.features == Array(d.features[16...]))
        #expect(throws: DataError.self) { try d.split(validationFraction: 0.01) }
    }

    @Test(arguments: DataGenerator.Kind.allCases)
    func generatorsAreSeededAndBalanced(_ kind: DataGenerator.Kind) throws {
        let g = try DataGenerator(parsing: "\(kind.rawValue):n=90,noise=0.1")
        let a = g.generate(runSeed: 4, loss: .crossEntropy), b = g.generate(runSeed: 4, loss: .crossEntropy)
        #expect(a == b && a.count == 90 && a.featureCount == 2)
        #expect(a != g.generate(runSeed: 5, loss: .crossEntropy))
        guard case .labels(let y) = a.targets else { Issue.record("labels"); return }
        let classes = Set(y).count
        #expect(classes == (kind == .spirals || kind == .blobs ? 3 : 2))
        if kind != .xor { #expect(y.filter { $0 == 0 }.count == 90 / classes) }
        let mse = g.generate(runSeed: 4, loss: .mse)
        #expect(mse.targets == .values(y.flatMap { c in (0..<classes).map { $0 == c ? 1.0 : 0.0 } }, width: classes))
    }

    /// Noise-free moons lie on scikit-learn's two half circles.
    @Test func moonsWithoutNoiseLieOnTheHalfCircles() throws {
        let d = try DataGenerator(parsing: "moons:n=40,noise=0").generate(runSeed: 1, loss: .crossEntropy)
        guard case .labels(let y) = d.targets else { return }
        for i in 0..<d.count {
            let (x0, x1) = (d.features[2 * i], d.features[2 * i + 1])
            let r = y[i] == 0 ? (x0 * x0 + x1 * x1) : ((x0 - 1) * (x0 - 1) + (x1 - 0.5) * (x1 - 0.5))
            #expect(Swift.abs(r - 1) < 1e-12)
        }
    }

    @Test func generatorSpecErrors() {
        func e(_ s: String) -> String { do { _ = try DataGenerator(parsing: s); return "ok" } catch { return error.description } }
        #expect(e("moons:n=1") == "data 'moons:n=1': n=1 is not an integer in 2…1000000")
        #expect(e("moons:q=1") == "data 'moons:q=1': unknown key 'q' (n, noise, k, factor, seed)")
        #expect(e("moons:noise") == "data 'moons:noise': 'noise' is not key=value")
        #expect(e("spirals:k=4,seed=9") == "ok")
        #expect(DataGenerator.names("spirals:k=4") && !DataGenerator.names("data/spirals.csv"))
    }
}
