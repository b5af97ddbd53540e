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
    /// A client's audit trail, newest first, at most `limit` rows before the row `before`.
    package func auditTrail(clientID: Client.ID, before: Int64? = nil, limit: Int = 200) throws -> [AuditEntry] {
        try read {
            try database.query(
                """
                SELECT a.id, a.at, coalesce(s.username, '#' || a.staff_id), a.entity, a.entity_id, a.field,
                    a.old_value, a.new_value
                FROM audit a LEFT JOIN staff s ON s.id = a.staff_id
                WHERE a.client_id = ? AND a.id < ?
                ORDER BY a.id DESC LIMIT ?
                """, [clientID, before ?? Int64.max, limit]
            ) { row in
                AuditEntry(
                    id: row.int64(0), at: try row.instant(1), staff: row.text(2), entity: row.text(3),
                    entityID: row.int64(4), field: row.text(5), oldValue: row.optionalText(6),
                    newValue: row.optionalText(7))
            }
        }
    }
}
