import CasebookCore

/// The tables whose rows officers open, change and save. Each row carries `version`,
/// `updated_at` and `updated_by`, so that a save made on a copy someone else has saved since is
/// refused, naming who saved first and when, and never overwrites their change.
enum VersionedTable: String, CaseIterable {
    case clients, contracts, obligations, qualifications
    case intakeMappings = "intake_mappings"
    case partners = "partner_organisations"

    /// The record as the refusal names it ("This client was changed by …").
    var entity: String {
        switch self {
        case .clients: return "client"
        case .contracts: return "contract"
        case .obligations: return "obligation"
        case .qualifications: return "recognition file"
        case .intakeMappings: return "intake mapping"
        case .partners: return "partner organisation"
        }
    }
}

extension Store {
    private enum VersionColumn: Int32, ColumnSet {
        case savedBy, savedAt

        var expression: String? {
            switch self {
            case .savedBy: return "coalesce(s.display_name, '#' || t.updated_by)"
            case .savedAt: return "t.updated_at"
            }
        }
    }

    private static let savedBySelection = VersionColumn.selection()

    /// Refuses a save based on version `expected` of a row that is at version `current` (read in
    /// this transaction): throws `StoreError.conflict` with who saved it last and when. Call inside
    /// `write`, before changing anything.
    func requireVersion(_ table: VersionedTable, id: Int64, current: Int, expected: Int) throws {
        guard current == expected else { throw try conflict(table, id: id) }
    }

    /// Saves `assignments` ("status = ?, settled_on = ?", with `values`) to the row at version
    /// `expected`, and moves it to the next version, stamped with who saved it and when; refuses
    /// as `requireVersion` does when another save came first. Call inside `write`.
    func saveVersioned(
        _ table: VersionedTable, id: Int64, expected: Int, set assignments: String = "",
        _ values: [any SQLBindable] = [], actor: Staff.ID
    ) throws {
        let stamp = "version = version + 1, updated_at = ?, updated_by = ?"
        try database.execute(
            "UPDATE \(table.rawValue) SET \(assignments.isEmpty ? stamp : assignments + ", " + stamp) WHERE id = ? AND version = ?",
            values + [clock.now, actor, id, expected])
        guard database.changes == 1 else { throw try conflict(table, id: id) }
    }

    /// The refusal of a save on a stale copy of the row: who saved it last, and when (`notFound`
    /// when the row is gone).
    private func conflict(_ table: VersionedTable, id: Int64) throws -> StoreError {
        let saved = try database.queryFirst(
            """
            SELECT \(Store.savedBySelection) FROM \(table.rawValue) t LEFT JOIN staff s ON s.id = t.updated_by
            WHERE t.id = ?
            """, [id]
        ) { row in
            let row = NamedRow<VersionColumn>(row)
            return (by: row.text(.savedBy), at: try row.instant(.savedAt))
        }
        guard let saved else { return .notFound(table.entity) }
        return .conflict(entity: table.entity, by: saved.by, at: saved.at)
    }
}
