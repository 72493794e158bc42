import Foundation
import Glibc
import OptiscapeCore

/// Recording in the interactive UI: `R` starts and stops it, `optiscape record` starts with it
/// on. A recording always begins at the scene's opening state: starting it in the middle of a
/// session writes the commands so far first (the ``SessionDriver`` keeps them), so the file
/// replays the whole session. It ends with `R`, quit, or another scene (N/P).
public final class Recorder {
    /// The files written, for the message printed after the terminal is restored.
    public private(set) var paths: [String] = []
    /// Problems met while recording (a failed write, a file that could not be created).
    public private(set) var problems: [String] = []
    /// Opened before the UI (`record -o FILE`): used by the first recording.
    private var prepared: RecordingWriter?
    private var active: RecordingWriter?
    /// Whether the next scene session starts recording at once.
    public private(set) var startsOn: Bool

    /// `prepared`: a file already created (so an unwritable path fails before the UI starts);
    /// the first session records into it from its start.
    public init(prepared: RecordingWriter? = nil) {
        self.prepared = prepared
        startsOn = prepared != nil
    }

    public var isRecording: Bool { active != nil }

    /// Starts a recording of a session that began with `header`'s scene and has applied
    /// `history` so far. Returns an error message, or nil.
    func start(header: Recording.Header, history: [RecordedEvent]) -> String? {
        startsOn = false
        // The scene is embedded in the file: it must read back as a scene file.
        do { _ = try SceneFile.parse(SceneJSON.text(header.scene), path: "recorded scene") } catch {
            return "cannot record this scene: \(error)"
        }
        let writer: RecordingWriter
        if let p = prepared {
            writer = p
            prepared = nil
        } else {
            // The default place is the current folder: say so plainly when it cannot be written.
            guard access(".", W_OK) == 0 else {
                let here = FileManager.default.currentDirectoryPath
                return "cannot record: this folder (\(here)) is not writable; start optiscape in one that is, or use optiscape record -o FILE"
            }
            do { writer = try RecordingWriter(path: RecordingWriter.defaultPath(scene: header.scene), force: false) } catch {
                problems.append("\(error)")
                return "cannot record: \(error)"
            }
        }
        active = writer
        paths.append(writer.path)
        writer.write(header.json)
        for e in history { writer.write(e.json) }
        return nil
    }

    /// `path` as the status bar shows it: absolute, so it says which folder.
    static func shown(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    }

    func record(_ e: RecordedEvent) { active?.write(e.json) }

    func stop(frame: Int, millis: Int) {
        guard let w = active else { return }
        w.write(Recording.endLine(frame: frame, millis: millis))
        if let f = w.failure { problems.append(f) }
        w.close()
        active = nil
    }
}
