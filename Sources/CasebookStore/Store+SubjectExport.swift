import CSQLite
import CasebookCore
import CasebookL10n

extension Store {
    /// The tables that hold something about one client, and how each reaches the client
    /// (a condition on `?1`, the client's id), found from the schema itself: a table with a
    /// `client_id` column, then, until none is added, a table whose foreign key points at one
    /// already found. A table a later migration adds is exported and erased-checked without a
    /// change here.
    func clientTables() throws -> [(table: String, condition: String)] {
        let tables = try database.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ) { $0.text(0) }
        var found: [(table: String, condition: String)] = [("clients", "id = ?1")]
        var conditions = ["clients": "id = ?1"]
        for table in tables where table != "clients" {
            let columns = try database.query("SELECT name FROM pragma_table_info(?)", [table]) { $0.text(0) }
            if columns.contains("client_id") {
                found.append((table, "client_id = ?1"))
                conditions[table] = "client_id = ?1"
            }
        }
        var added = true
        while added {
            added = false
            for table in tables where conditions[table] == nil {
                let keys = try database.query(
                    "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq", [table]
                ) { (parent: $0.text(0), from: $0.text(1), to: $0.text(2)) }
                guard let key = keys.first(where: { conditions[$0.parent] != nil }),
                    let parent = conditions[key.parent]
                else { continue }
                let condition = "\(key.from) IN (SELECT \(key.to) FROM \(key.parent) WHERE \(parent))"
                found.append((table, condition))
                conditions[table] = condition
                added = true
            }
        }
        return found
    }

    /// Columns that are the chain's machinery or staff references shown by user name.
    private static let staffColumns: Set<String> = [
        "created_by", "updated_by", "recorded_by", "placed_by", "lifted_by", "erased_by", "imported_by", "staff_id",
        "officer_id",
    ]

    /// Everything held about the client (GDPR Art. 15): every row of every table that concerns
    /// them, every column as stored (staff by user name; the chain's hashes and salts, which say
    /// nothing about the person, left out). The case's officer, supervisors and admins only.
    package func subjectExport(clientID: Client.ID, actor: Staff) throws -> SubjectExport {
        // Only a client of the person's own offices, and every export is in the read log.
        try require(.openRecord, by: actor.id, client: clientID)
        let export = try collectSubjectExport(clientID: clientID, actor: actor)
        try logRead(.subjectExport, clients: [clientID], by: actor.id)
        return export
    }

    private func collectSubjectExport(clientID: Client.ID, actor: Staff) throws -> SubjectExport {
        try read {
            guard let client = try client(id: clientID) else { throw StoreError.notFound("client") }
            if actor.role == .officer && client.officerID != actor.id {
                throw StoreError.refused(
                    tr("Only the case's officer, supervisors and admins can export a person's data; ask one of them."))
            }
            let staff = Dictionary(
                try database.query("SELECT id, username FROM staff") { ($0.int64(0), $0.text(1)) },
                uniquingKeysWith: { first, _ in first })
            var sections: [ExportSection] = []
            for (table, condition) in try clientTables() {
                let columns = try database.query("SELECT name, type FROM pragma_table_info(?)", [table]) {
                    (name: $0.text(0), type: $0.text(1))
                }.filter { $0.type.uppercased() != "BLOB" }.map(\.name)
                let selection = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let order = columns.contains("id") ? "id" : "rowid"
                let rows = try database.query(
                    "SELECT \(selection) FROM \(table) WHERE \(condition) ORDER BY \(order)", [clientID]
                ) { row in
                    (0..<columns.count).map { index -> ExportValue in
                        let column = Int32(index)
                        switch row.storageClass(column) {
                        case SQLITE_INTEGER:
                            if Store.staffColumns.contains(columns[index]), let name = staff[row.int64(column)] {
                                return .text(name)
                            }
                            return .integer(row.int64(column))
                        case SQLITE_FLOAT: return .real(row.double(column))
                        case SQLITE_TEXT: return .text(row.text(column))
                        default: return .null
                        }
                    }
                }
                sections.append(ExportSection(table: table, columns: columns, rows: rows))
            }
            let programme = try database.queryFirst(
                """
                SELECT p.name, p.id, p.version FROM enrolments e
                JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version WHERE e.client_id = ?
                """, [clientID]
            ) { (name: $0.text(0), id: $0.text(1), version: $0.int(2)) }
            let laws =
                try programme.map { programme in
                    try database.query(
                        """
                        SELECT DISTINCT legal_basis FROM programme_obligations WHERE programme_id = ? AND version = ?
                        AND legal_basis <> '' ORDER BY position
                        """, [programme.id, programme.version]
                    ) { $0.text(0) }
                } ?? []
            return SubjectExport(
                caseNumber: client.caseNumber.text, exportedAt: clock.now, exportedBy: actor.username,
                programme: programme?.name, programmeLaws: laws, sections: sections)
        }
    }
}
