import CasebookCore

/// What `casebook check` reports.
package struct CheckReport: Sendable {
    package var integrityProblems: [String]
    package var foreignKeyProblems: Int
    package var schemaVersion: Int
    package var supportedSchemaVersion: Int
    package var counts: [(table: String, rows: Int)]
    package var journalMode: String
    /// Clients whose `client_facts` row differs from a fresh computation (at most 1,000 counted).
    package var staleFacts: Int

    package var isHealthy: Bool { integrityProblems.isEmpty && foreignKeyProblems == 0 && staleFacts == 0 }
}

extension Store {
    /// Runs SQLite's integrity and foreign-key checks and counts the main tables.
    package func check() throws -> CheckReport {
        try read {
            let integrity = try database.query("PRAGMA integrity_check(50)") { $0.text(0) }
            let foreignKeys = try database.query("PRAGMA foreign_key_check") { $0.text(0) }.count
            let tables = try database.query(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ) { $0.text(0) }
            var counts: [(String, Int)] = []
            for table in tables {
                counts.append((table, Int(try database.scalar("SELECT count(*) FROM \"\(table)\"") ?? 0)))
            }
            let journal = try database.queryFirst("PRAGMA journal_mode") { $0.text(0) } ?? "?"
            let stale = integrity == ["ok"] && schemaVersion >= 4 ? try figures.staleFacts(limit: 1000).count : 0
            return CheckReport(
                integrityProblems: integrity == ["ok"] ? [] : integrity, foreignKeyProblems: foreignKeys,
                schemaVersion: schemaVersion, supportedSchemaVersion: currentSchemaVersion, counts: counts,
                journalMode: journal, staleFacts: stale)
        }
    }

    /// Writes a consistent copy of the database to `destination` while others may keep working.
    /// Refuses to replace an existing file unless `overwrite`. Returns the copy's audit chain
    /// head (nil when its log is empty or older than the chain), for the backup to record.
    @discardableResult
    package func backup(to destination: String, overwrite: Bool) throws -> ChainHead? {
        if DatabaseFile.exists(destination) {
            guard overwrite else { throw StoreError.backupExists(path: destination) }
            guard DatabaseFile.kind(of: destination) != .directory else {
                throw StoreError.cannotCreate(path: destination, reason: "it is a folder; give the path of a file")
            }
            try DatabaseFile.remove(destination)
        }
        try DatabaseFile.createPrivate(destination)
        do {
            try database.backup(to: destination)
            // The copy's own head: rows saved since the copy's snapshot are not in it.
            let copy = try Database(path: destination, mode: .readOnly)
            guard try copy.scalar("PRAGMA user_version") ?? 0 >= Store.auditChainSchema else { return nil }
            return try HashChain.audit.head(on: copy)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: destination)
        }
    }
}
