import CasebookCore
import CasebookL10n

/// What a row of the read log says was seen.
package enum ReadKind: String, CaseIterable, Sendable {
    /// The client's record opened.
    case record
    /// Their contract printed.
    case contract
    /// An export that names them.
    case export
    /// Their own data, exported for them (the data-protection issue).
    case subjectExport = "subject_export"

    package var label: String {
        switch self {
        case .record: tr("opened the record")
        case .contract: tr("printed the contract")
        case .export: tr("exported data")
        case .subjectExport: tr("exported their data for them")
        }
    }
}

/// One row of the read log: ids only, never a client's values.
package struct ReadEntry: Hashable, Sendable {
    package var id: Int64
    package var at: Instant
    package var staff: String
    package var kind: ReadKind
}

extension HashChain {
    /// The read log's chain: who saw which client and what, all in the clear (ids only: there
    /// are no personal values to hash apart).
    static let readLog = HashChain(table: "read_log", fields: ["at", "staff_id", "client_id", "seen"], values: [])
}

extension Store {
    /// Appends one row to the read log: `actor` saw `kind` of `clients`. The one door every
    /// open, print and export goes through; an export calls it once with all the clients it names.
    package func logRead(_ kind: ReadKind, clients: [Client.ID], by actor: Staff.ID) throws {
        guard !clients.isEmpty else { return }
        try write {
            let now = clock.now
            for client in clients {
                try HashChain.readLog.append(
                    fields: [now.sqlValue, actor.sqlValue, client.sqlValue, kind.rawValue.sqlValue], values: [],
                    on: database)
            }
        }
    }

    /// Opens a client's record for `actor`: refused unless the policy lets them, and logged.
    package func openRecord(_ clientID: Client.ID, by actor: Staff.ID) throws -> Client {
        try require(.openRecord, by: actor, client: clientID)
        guard let client = try client(id: clientID) else {
            throw StoreError.notFound(tr("That client no longer exists."))
        }
        try logRead(.record, clients: [clientID], by: actor)
        return client
    }

    /// Who looked at a client's record, newest first (supervisors and admins of the office).
    package func accessLog(clientID: Client.ID, by actor: Staff.ID, limit: Int = 500) throws -> [ReadEntry] {
        try require(.seeAccessLog, by: actor, client: clientID)
        return try read {
            try database.query(
                """
                SELECT r.id, r.at, coalesce(s.username, '#' || r.staff_id), r.seen
                FROM read_log r LEFT JOIN staff s ON s.id = r.staff_id
                WHERE r.client_id = ? ORDER BY r.id DESC LIMIT ?
                """, [clientID, limit]
            ) { row in
                ReadEntry(
                    id: row.int64(0), at: try row.instant(1), staff: row.text(2),
                    kind: try row.value(3, as: ReadKind.self))
            }
        }
    }

    /// True when `actor` may see who looked at the client's record.
    package func maySeeAccessLog(clientID: Client.ID, by actor: Staff.ID) -> Bool {
        // Most people hold no role that sees it anywhere: they are answered without a query.
        guard let person = try? self.actor(actor), person.may(.seeAccessLog, policy: policy) else { return false }
        return (try? require(.seeAccessLog, by: actor, client: clientID)) != nil
    }

    /// Walks the read log's chain on one snapshot (as `verifyAudit` does the audit's).
    package func verifyReadLog(recordedHead: ChainHash? = nil) throws -> ChainReport {
        try read { try HashChain.readLog.verify(on: database, recordedHead: recordedHead) }
    }

    /// True when the file has a read log (schema 8 and later).
    package var hasReadLog: Bool { schemaVersion >= 8 }
}
