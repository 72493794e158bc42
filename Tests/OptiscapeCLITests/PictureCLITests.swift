import Foundation
import Testing

/// `render --format svg|png|pdf` and `play --gif` / `--frames` as a user runs them.
@Suite struct PictureCLITests {
    static let scene = Spawn.packageRoot.appendingPathComponent("scenes/saddle.yaml").path

    /// The same scene and steps give byte-identical SVG and PDF, run to run.
    @Test(arguments: ["svg", "pdf"])
    func picturesAreReproducible(_ format: String) throws {
        let d = OutputFileCLITests.folder()
        defer { try? FileManager.default.removeItem(atPath: d) }
        for name in ["a", "b"] {
            let r = Spawn.optiscape("render", Self.scene, "--steps", "12", "--format", format, "--size", "320x200",
                                    "--show", "loss,inside", "-o", "\(d)/\(name).\(format)")
            #expect(r.status == 0 && r.stderr.isEmpty && r.stdout.isEmpty, "\(r.stderr)")
        }
        let a = try #require(FileManager.default.contents(atPath: "\(d)/a.\(format)"))
        #expect(a.count > 10_000)
        #expect(a == FileManager.default.contents(atPath: "\(d)/b.\(format)"))
    }

    @Test func textStaysTheDefault() {
        let r = Spawn.optiscape("render", Self.scene, "--size", "60x20")
        #expect(r.status == 0 && r.stdout.split(separator: "\n").count == 20)
    }

    @Test func picturesRefuseWhatTheyCannotDraw() {
        for (args, message) in [(["--format", "png"], "--format png needs -o FILE"),
                                (["--format", "svg", "-o", "x.svg", "--show", "vectors"], "--show vectors is not drawn in pictures"),
                                (["--format", "svg", "-o", "x.svg", "--size", "10x10"], "--size must look like 1280x720"),
                                (["--format", "png", "-o", "x.png", "--ansi"], "--ansi goes with text output"),
                                (["--format", "jpeg"], "--format must be text, svg, png or pdf")] {
            let r = Spawn.optiscape(args: ["render"] + args)
            #expect(r.status == 2 && r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }

    /// `--frames DIR`: one PNG per changed frame, the folder made when missing, an earlier
    /// sequence kept without --force.
    @Test func framesWriteOnePicturePerChange() throws {
        let d = OutputFileCLITests.folder()
        defer { try? FileManager.default.removeItem(atPath: d) }
        _ = try RecordingCLITests.record(to: d + "/session.jsonl")
        let args = ["play", d + "/session.jsonl", "--frames", d + "/frames", "--size", "48x32", "--fps", "10"]
        let r = Spawn.optiscape(args: args)
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: d + "/frames").sorted()
        #expect(files.count > 3 && files.first == "frame-00001.png", "\(files)")
        #expect(r.stderr == "optiscape: \(files.count) frames in \(d)/frames\n")
        for f in files {
            let png = try #require(FileManager.default.contents(atPath: d + "/frames/" + f))
            #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        }
        let again = Spawn.optiscape(args: args)
        #expect(again.status == 1 && again.stderr.contains("already exists (use --force"), "\(again.stderr)")
        #expect(Spawn.optiscape(args: args + ["--force"]).status == 0)
        let bad = Spawn.optiscape(args: ["play", d + "/session.jsonl", "--frames", d + "/missing/frames"])
        #expect(bad.status == 1 && bad.stderr.contains("does not exist") && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }
}
