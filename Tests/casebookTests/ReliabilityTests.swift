import CasebookTestSupport
import Foundation
import Testing

/// The stress driver, built beside `casebook`.
enum Stress {
    static let binary = URL(fileURLWithPath: Casebook.binary).deletingLastPathComponent().appendingPathComponent("casebook-stress").path

    /// Starts a driver saving the clients `ids` of `db` as `user`; its output collects in the pipe.
    static func start(db: String, user: String, ids: [Int], seconds: Double, tag: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [db, user, ids.map(String.init).joined(separator: ","), String(seconds), tag]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }

    /// Every line the driver printed, once it has exited (`early`: what was read before).
    static func lines(_ process: Process, _ pipe: Pipe, early: Data = Data()) -> [String] {
        let data = early + pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// What the driver printed up to its first reported save (or its exit): the driver writes
    /// each line as it happens, so this returns as soon as it is saving.
    static func untilFirstSave(_ pipe: Pipe) -> Data {
        var early = Data()
        while !String(decoding: early, as: UTF8.self).contains("saved ") {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            early.append(chunk)
        }
        return early
    }
}

/// Rows of a sqlite3 query, split into fields.
func rows(_ db: String, _ query: String) throws -> [[String]] {
    try shell("sqlite3", db, query).split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
}

/// Losing nothing: processes killed in the middle of saves, and several processes saving the
/// same clients at once. See docs/RELIABILITY.md.
@Suite(.serialized) struct ReliabilityTests {
    let cli: CLIFixture
    var scratch: Scratch { cli.scratch }

    init() throws { cli = try CLIFixture() }

    func demo(_ name: String) throws -> (db: String, user: String) {
        let db = try cli.demo(clients: 30, seed: 2, name: name)
        let user = try shell("sqlite3", db, "SELECT username FROM staff WHERE role = 'admin' LIMIT 1;").trimmingCharacters(in: .whitespacesAndNewlines)
        return (db, user)
    }

    /// The address saves the audit log holds, by value.
    func auditedAddresses(_ db: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try rows(db, "SELECT new_value FROM audit WHERE entity = 'client' AND field = 'address' AND new_value LIKE 'Stress %';") {
            counts[row[0], default: 0] += 1
        }
        return counts
    }

    @Test func killedInTheMiddleOfSavesNothingReportedIsLostAndTheFileStaysWhole() throws {
        let (db, user) = try demo("crash.db")
        var generator = SystemRandomNumberGenerator()
        var reported: [String] = []
        for round in 0..<50 {
            let (process, pipe) = try Stress.start(db: db, user: user, ids: [1, 2, 3, 4, 5], seconds: 30, tag: "K\(round)")
            // Killed while it saves, however long a loaded machine takes to start it: after its
            // first save, at a random moment.
            let early = Stress.untilFirstSave(pipe)
            usleep(UInt32.random(in: 0...200_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            let lines = Stress.lines(process, pipe, early: early)
            #expect(process.terminationReason == .uncaughtSignal, "round \(round) was killed, not finished")
            #expect(!lines.contains { $0.hasPrefix("error") }, "round \(round): \(lines.filter { $0.hasPrefix("error") })")
            reported += lines.filter { $0.hasPrefix("saved ") }.map { String($0.split(separator: " ", maxSplits: 2)[2]) }
            #expect(try shell("sqlite3", db, "PRAGMA integrity_check;").trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "round \(round)")
        }
        #expect(reported.count >= 50, "the driver saved in every round before it was killed")
        let audited = try auditedAddresses(db)
        let missing = reported.filter { audited[$0] == nil }
        #expect(missing.isEmpty, "saves reported done but not in the file: \(missing.prefix(5))")
        // Every client's address is the last save of it in the audit log: no half-saved record.
        for row in try rows(
            db,
            """
            SELECT c.id, c.address, (SELECT a.new_value FROM audit a WHERE a.client_id = c.id AND a.field = 'address'
                ORDER BY a.id DESC LIMIT 1) FROM clients c WHERE c.id <= 5;
            """)
        {
            #expect(row[1] == row[2], "client \(row[0])")
        }
        let check = try Casebook.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.output)")
        let chain = try Casebook.run(["audit", "verify", "--db", db])
        #expect(chain.status == 0, "the kills left one valid audit chain: \(chain.error)")
    }

    @Test func fourEditorsAtOnceLoseNoUpdateAndNeverSeeALockedDatabase() throws {
        let (db, user) = try demo("concurrent.db")
        let overlapping = [[1, 2, 3, 4], [3, 4, 5, 6], [1, 3, 5, 7], [2, 4, 6, 8]]
        let drivers = try overlapping.enumerated().map { index, ids in
            try Stress.start(db: db, user: user, ids: ids, seconds: 30, tag: "P\(index)")
        }
        var saved: [String] = []
        var conflicts = 0
        for (process, pipe) in drivers {
            let lines = Stress.lines(process, pipe)
            #expect(process.terminationStatus == 0 && lines.last == "done")
            let errors = lines.filter { $0.hasPrefix("error") }
            #expect(errors.isEmpty, "no error reaches the user, busy or otherwise: \(errors.prefix(3))")
            saved += lines.filter { $0.hasPrefix("saved ") }.map { String($0.split(separator: " ", maxSplits: 2)[2]) }
            conflicts += lines.filter { $0.hasPrefix("conflict ") }.count
        }
        #expect(saved.count > 200)
        // Each reported save is in the audit log exactly once, and nothing else is.
        let audited = try auditedAddresses(db)
        #expect(audited.values.allSatisfy { $0 == 1 })
        #expect(Set(saved) == Set(audited.keys), "every save, and only those, is in the audit log")
        #expect(saved.count == audited.values.reduce(0, +))
        // The clients hold the last save the audit log records for each: no update was lost.
        for row in try rows(
            db,
            """
            SELECT c.id, c.address, (SELECT a.new_value FROM audit a WHERE a.client_id = c.id AND a.field = 'address'
                ORDER BY a.id DESC LIMIT 1) FROM clients c WHERE c.id <= 8;
            """)
        {
            #expect(row[1] == row[2], "client \(row[0])")
        }
        #expect(conflicts > 0, "overlapping editors met conflicts, reported as conflicts")
        #expect(try Casebook.run(["check", "--db", db]).status == 0)
        // Four writers, one chain: each read the head inside its immediate transaction.
        let chain = try Casebook.run(["audit", "verify", "--db", db])
        #expect(chain.status == 0, "\(chain.error)")
    }
}
