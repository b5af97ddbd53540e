import CasebookCore

extension Store {
    @discardableResult
    package func addNote(clientID: Client.ID, _ draft: NoteDraft, actor: Staff.ID) throws -> CaseNote {
        let note = try checked { try draft.validated(clientID: clientID, today: clock.today) }
        return try write {
            try require(.recordTrack, by: actor, client: clientID)
            guard try database.scalar("SELECT 1 FROM clients WHERE id = ?", [note.clientID]) != nil else {
                throw StoreError.notFound("client")
            }
            try database.execute(
                """
                INSERT INTO notes (client_id, contact_type, contact_on, interpreter_language, summary, follow_up_on, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    note.clientID, note.contact.rawValue, note.date, note.interpreterLanguage, note.summary,
                    note.followUpOn,
                    clock.now, actor,
                ])
            var saved = note
            saved.id = database.lastInsertRowID
            try audit(
                .note, id: saved.id, clientID: note.clientID, field: .contact(note.contact), old: nil,
                new: AuditValue.note(on: note.date, followUp: note.followUpOn).stored, actor: actor)
            return saved
        }
    }

    /// Marks a note's follow-up done.
    package func completeFollowUp(noteID: Int64, actor: Staff.ID) throws {
        try write {
            try require(.recordTrack, by: actor, client: try client(of: "notes", id: noteID))
            guard
                let clientID = try database.scalar(
                    "SELECT client_id FROM notes WHERE id = ? AND follow_up_on IS NOT NULL", [noteID])
            else {
                throw StoreError.refused("This note has no follow-up.")
            }
            try database.execute("UPDATE notes SET follow_up_done = 1 WHERE id = ?", [noteID])
            try audit(.note, id: noteID, clientID: clientID, field: .followUpDone, old: "0", new: "1", actor: actor)
        }
    }

    private enum NoteColumn: Int32, ColumnSet {
        case id, clientID, contactType, contactOn, interpreterLanguage, summary, followUpOn, followUpDone, author

        var expression: String? { self == .author ? "s.display_name" : nil }
    }

    private static let noteSelection = NoteColumn.selection(from: "n")

    /// A client's notes, newest contact first.
    func notes(clientID: Client.ID) throws -> [CaseNote] {
        try read {
            try database.query(
                """
                SELECT \(Store.noteSelection) FROM notes n JOIN staff s ON s.id = n.created_by
                WHERE n.client_id = ? ORDER BY n.contact_on DESC, n.id DESC
                """, [clientID]
            ) { row in
                let row = NamedRow<NoteColumn>(row)
                return CaseNote(
                    id: row.int64(.id), clientID: row.int64(.clientID),
                    contact: try row.value(.contactType, as: ContactType.self),
                    date: try row.day(.contactOn), interpreterLanguage: row.optionalText(.interpreterLanguage),
                    summary: row.text(.summary), followUpOn: try row.optionalDay(.followUpOn),
                    followUpDone: row.bool(.followUpDone), author: row.text(.author))
            }
        }
    }
}
