import Foundation

/// Reads a data set from CSV text: a header line, then one row per sample, fields separated by
/// commas (spaces around them ignored, no quoting: every field is a number).
///
/// For cross-entropy a column `label` holds the class (an integer 0…C−1); for mse a column
/// `target` (one output) or `target1`, `target2`, … (in that order) holds the targets. Every other
/// column is a feature, in file order. Lines end in LF or CRLF; blank lines are skipped. Every error names the file and
/// line, and the column and field where there is one.
public enum NetworkCSV {
    /// The largest class label accepted (labels only size a check, but a typo like 1e9 should be named).
    public static let maximumLabel = 1_000_000

    public static func load(path: String, loss: NetworkLossKind) throws(DataError) -> NetworkData {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw DataError(description: "\(path): cannot read the file")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw DataError(description: "\(path): not UTF-8 text")
        }
        return try parse(text, path: path, loss: loss)
    }

    public static func parse(_ text: String, path: String, loss: NetworkLossKind) throws(DataError) -> NetworkData {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.hasSuffix("\r") ? $0.element.dropLast() : $0.element) }
            .filter { !$0.text.allSatisfy { $0 == " " || $0 == "\t" } }
        guard !lines.isEmpty else { throw DataError(description: "\(path): empty file (expected a header line, then rows)") }
        let header = lines.removeFirst()
        let names = fields(header.text).map { name -> String in
            let s = String(name)
            return s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
        }
        var seen = Set<String>()
        for (c, name) in names.enumerated() {
            guard !name.isEmpty else { throw DataError(description: "\(path):\(header.number): column \(c + 1) of the header has no name") }
            guard seen.insert(name).inserted else { throw DataError(description: "\(path):\(header.number): column '\(name)' appears twice in the header") }
        }
        let columns = try roles(names, path: path, line: header.number, loss: loss)
        guard !lines.isEmpty else { throw DataError(description: "\(path): no data rows after the header") }

        var features: [Double] = [], targets: [Double] = [], labels: [Int] = []
        features.reserveCapacity(lines.count * columns.features.count)
        for line in lines {
            let f = fields(line.text)
            guard f.count == names.count else {
                throw DataError(description: "\(path):\(line.number): \(f.count) field\(f.count == 1 ? "" : "s"), but the header has \(names.count) columns")
            }
            func number(_ c: Int) throws(DataError) -> Double {
                guard let v = Double(f[c]), v.isFinite else {
                    throw DataError(description: "\(path):\(line.number): column '\(names[c])' (field \(c + 1)): '\(f[c])' is not a finite number")
                }
                return v
            }
            for c in columns.features { features.append(try number(c)) }
            for c in columns.targets { targets.append(try number(c)) }
            if let c = columns.label {
                let v = Double(f[c]) ?? .nan
                guard v.isFinite, v >= 0, v == v.rounded(), v <= Double(maximumLabel) else {
                    throw DataError(description: "\(path):\(line.number): column 'label' (field \(c + 1)): '\(f[c])' is not a class (an integer 0…\(maximumLabel))")
                }
                labels.append(Int(v))
            }
        }
        let t: NetworkData.Targets = columns.label != nil ? .labels(labels) : .values(targets, width: columns.targets.count)
        return NetworkData(features: features, featureCount: columns.features.count, targets: t, source: path)
    }

    /// Comma-separated fields, trimmed of spaces and tabs.
    static func fields(_ line: Substring) -> [Substring] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { f in
            var s = f[...]
            while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
            while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
            return s
        }
    }

    /// Which header columns are features, targets and the label, for this loss.
    static func roles(_ names: [String], path: String, line: Int, loss: NetworkLossKind) throws(DataError) -> (features: [Int], targets: [Int], label: Int?) {
        let label = names.firstIndex(of: "label")
        var targets: [Int] = []
        if let single = names.firstIndex(of: "target") {
            targets = [single]
            if names.contains("target1") { throw DataError(description: "\(path):\(line): the header has both 'target' and 'target1'; use one or the other") }
        } else {
            var k = 1
            while let c = names.firstIndex(of: "target\(k)") { targets.append(c); k += 1 }
            if let stray = names.first(where: { $0.hasPrefix("target") && Int($0.dropFirst(6)).map { $0 >= k } == true }) {
                throw DataError(description: "\(path):\(line): column '\(stray)' without 'target\(k)' before it (targets are target1, target2, … in order)")
            }
        }
        switch loss {
        case .crossEntropy:
            guard let label else {
                throw DataError(description: "\(path):\(line): no 'label' column (cross-entropy needs the class of each row\(targets.isEmpty ? "" : "; for the 'target' columns use --loss mse"))")
            }
            guard targets.isEmpty else { throw DataError(description: "\(path):\(line): a 'label' column and 'target' columns; cross-entropy reads 'label' (drop the targets)") }
            let features = names.indices.filter { $0 != label }
            guard !features.isEmpty else { throw DataError(description: "\(path):\(line): no feature columns besides 'label'") }
            return (features, [], label)
        case .mse:
            guard !targets.isEmpty else {
                throw DataError(description: "\(path):\(line): no 'target' column (mse needs 'target' or 'target1', 'target2', …\(label == nil ? "" : "; for the 'label' column use --loss cross-entropy"))")
            }
            guard label == nil else { throw DataError(description: "\(path):\(line): a 'label' column and 'target' columns; mse reads the targets (drop 'label')") }
            let features = names.indices.filter { !targets.contains($0) }
            guard !features.isEmpty else { throw DataError(description: "\(path):\(line): no feature columns besides the targets") }
            return (features, targets, nil)
        }
    }
}
