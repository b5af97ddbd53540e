import CasebookCore

/// One step of a case's past, for loading generated or imported histories.
package struct PhaseStep: Sendable {
    package var from: CasePhase?
    package var to: CasePhase
    package var on: Day
    package var exitReason: ExitReason?

    package init(from: CasePhase?, to: CasePhase, on: Day, exitReason: ExitReason? = nil) {
        self.from = from
        self.to = to
        self.on = on
        self.exitReason = exitReason
    }
}

/// Adds many records inside one transaction (the demo generator). Each client still gets
/// its search tokens, its phase history and an audit row.
package final class BulkLoader {
    let store: Store
    let actor: Staff.ID
    /// One timestamp for the whole load: it is one transaction.
    let now: Instant

    init(store: Store, actor: Staff.ID) {
        self.store = store
        self.actor = actor
        self.now = store.clock.now
    }

    /// Adds a client whose case went through `history` (the first step's `from` is nil;
    /// the last step's `to` is the client's phase). Returns the new id.
    @discardableResult
    package func add(_ client: Client, history: [PhaseStep], enrolment: Enrolment, note: String) throws -> Client.ID {
        let since = history.last?.on ?? store.clock.today
        let id = try store.insert(client, actor: actor, now: now, phaseSince: since, enrolment: enrolment)
        try store.insertPhaseSteps(clientID: id, history, now: now, actor: actor)
        try store.audit(entity: "client", id: id, clientID: id, field: "record", old: nil, new: note, actor: actor, at: now)
        return id
    }

    /// Registers a staff member without auditing each one separately.
    package func addStaff(username: String, displayName: String, role: Role) throws -> Staff {
        if let existing = try store.staff(username: username) { return existing }
        return try store.addStaff(username: username, displayName: displayName, role: role, actor: actor)
    }
}

extension Store {
    /// Runs `body` with a loader inside one transaction; all or nothing. The secondary indexes
    /// of the loaded tables are dropped for the load and rebuilt after it, which is several times
    /// faster than updating them row by row.
    package func bulkLoad(actor: Staff.ID, _ body: (BulkLoader) throws -> Void) throws {
        // Foreign keys are checked once for the whole load, at its end, rather than row by row.
        try database.executeScript("PRAGMA foreign_keys = OFF")
        _ = try database.query("PRAGMA journal_mode = DELETE") { $0.text(0) }
        defer { _ = try? database.query("PRAGMA journal_mode = WAL") { $0.text(0) } }
        defer { try? database.executeScript("PRAGMA foreign_keys = ON") }
        try write {
            let indexes = try database.query(
                """
                SELECT name, sql FROM sqlite_schema
                WHERE type = 'index' AND sql IS NOT NULL
                    AND tbl_name IN ('clients', 'client_search', 'phase_history', 'audit', 'enrolments')
                """
            ) { (name: $0.text(0), sql: $0.text(1)) }
            for index in indexes { try database.executeScript("DROP INDEX \"\(index.name)\"") }
            try body(BulkLoader(store: self, actor: actor))
            for index in indexes { try database.executeScript(index.sql) }
            if try database.queryFirst("PRAGMA foreign_key_check", [], { _ in true }) != nil {
                throw StoreError.corrupt("the loaded records refer to missing rows")
            }
        }
    }

    /// True when the file holds no clients yet.
    package func hasClients() throws -> Bool {
        try read { try database.scalar("SELECT 1 FROM clients LIMIT 1") != nil }
    }
}
