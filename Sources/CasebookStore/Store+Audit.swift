import CasebookCore

/// One row of the audit log.
package struct AuditEntry: Hashable, Sendable {
    package var id: Int64
    package var at: Instant
    package var staff: String
    package var entity: String
    package var entityID: Int64
    package var field: String
    package var oldValue: String?
    package var newValue: String?
}

extension Store {
    private enum AuditEntryColumn: Int32, ColumnSet {
        case id, at, staff, entity, entityID, field, oldValue, newValue

        var expression: String? { self == .staff ? "coalesce(s.username, '#' || a.staff_id)" : nil }
    }

    private static let auditSelection = AuditEntryColumn.selection(from: "a")

    /// A client's audit trail, newest first, at most `limit` rows before the row `before`.
    func auditTrail(clientID: Client.ID, before: Int64? = nil, limit: Int = 200) throws -> [AuditEntry] {
        try read {
            try database.query(
                """
                SELECT \(Store.auditSelection) FROM audit a LEFT JOIN staff s ON s.id = a.staff_id
                WHERE a.client_id = ? AND a.id < ?
                ORDER BY a.id DESC LIMIT ?
                """, [clientID, before ?? Int64.max, limit]
            ) { row in
                let row = NamedRow<AuditEntryColumn>(row)
                return AuditEntry(
                    id: row.int64(.id), at: try row.instant(.at), staff: row.text(.staff), entity: row.text(.entity),
                    entityID: row.int64(.entityID), field: row.text(.field), oldValue: row.optionalText(.oldValue),
                    newValue: row.optionalText(.newValue))
            }
        }
    }
}

extension HashChain {
    /// The audit log's chain: who changed what and when in the clear, the old and new values
    /// through their salted hashes.
    static let audit = HashChain(
        table: "audit", fields: ["at", "staff_id", "entity", "entity_id", "client_id", "field"],
        values: [
            Value(column: "old_value", hashColumn: "old_hash"), Value(column: "new_value", hashColumn: "new_hash"),
        ])
}

extension Store {
    /// The first schema whose audit rows are chained.
    package static let auditChainSchema = 7

    /// Walks the audit chain on one snapshot (`HashChain.verify`); `recordedHead` is a head a
    /// backup recorded, to prove the log still holds everything up to it.
    package func verifyAudit(recordedHead: ChainHash? = nil) throws -> ChainReport {
        try requireAuditChain()
        return try read { try HashChain.audit.verify(on: database, recordedHead: recordedHead) }
    }

    /// The audit log's last row and its hash (nil when empty).
    package func auditHead() throws -> ChainHead? {
        try requireAuditChain()
        return try read { try HashChain.audit.head(on: database) }
    }

    private func requireAuditChain() throws {
        guard schemaVersion >= Store.auditChainSchema else {
            throw StoreError.invalidInput(
                "This file's schema \(schemaVersion) predates the audit chain; open it once with Casebook to bring it up to date (`casebook init --db FILE`)."
            )
        }
    }
}
