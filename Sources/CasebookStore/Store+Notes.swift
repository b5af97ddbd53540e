import CasebookCore

extension Store {
    @discardableResult
    package func addNote(_ note: CaseNote, actor: Staff.ID) throws -> CaseNote {
        do {
            try CaseNote.validate(
                date: note.date, summary: note.summary, interpreter: note.interpreterLanguage, followUp: note.followUpOn,
                today: clock.today)
        } catch { throw StoreError.invalidInput(error.description) }
        return try write {
            guard try database.scalar("SELECT 1 FROM clients WHERE id = ?", [note.clientID]) != nil else { throw StoreError.notFound("client") }
            try database.execute(
                """
                INSERT INTO notes (client_id, contact_type, contact_on, interpreter_language, summary, follow_up_on, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    note.clientID, note.contact.rawValue, note.date, note.interpreterLanguage, trimmed(note.summary), note.followUpOn,
                    clock.now, actor,
                ])
            var saved = note
            saved.id = database.lastInsertRowID
            try audit(
                entity: "note", id: saved.id, clientID: note.clientID, field: note.contact.rawValue, old: nil,
                new: "\(note.date.iso)" + (note.followUpOn.map { ", follow up \($0.iso)" } ?? ""), actor: actor)
            return saved
        }
    }

    /// Marks a note's follow-up done.
    package func completeFollowUp(noteID: Int64, actor: Staff.ID) throws {
        try write {
            guard let clientID = try database.scalar("SELECT client_id FROM notes WHERE id = ? AND follow_up_on IS NOT NULL", [noteID]) else {
                throw StoreError.invalidInput("This note has no follow-up.")
            }
            try database.execute("UPDATE notes SET follow_up_done = 1 WHERE id = ?", [noteID])
            try audit(entity: "note", id: noteID, clientID: clientID, field: "follow_up_done", old: "0", new: "1", actor: actor)
        }
    }

    /// A client's notes, newest contact first.
    package func notes(clientID: Client.ID) throws -> [CaseNote] {
        try read {
            try database.query(
                """
                SELECT n.id, n.client_id, n.contact_type, n.contact_on, n.interpreter_language, n.summary, n.follow_up_on,
                    n.follow_up_done, s.display_name
                FROM notes n JOIN staff s ON s.id = n.created_by WHERE n.client_id = ? ORDER BY n.contact_on DESC, n.id DESC
                """, [clientID]
            ) { row in
                CaseNote(
                    id: row.int64(0), clientID: row.int64(1), contact: try row.value(2, as: ContactType.self),
                    date: try row.day(3), interpreterLanguage: row.optionalText(4), summary: row.text(5),
                    followUpOn: try row.optionalDay(6), followUpDone: row.int(7) == 1, author: row.text(8))
            }
        }
    }

    /// The phases whose cases are still followed (`CasePhase.isOpen`), as SQL text.
    static var openPhasesSQL: String {
        CasePhase.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// An officer's day: overdue and due-soon obligations of both sides, follow-ups due,
    /// permits expiring within 60 days, and clients not contacted for 30 days or more, over the
    /// open cases of their caseload.
    package func worklist(officerID: Staff.ID) throws -> [WorkItem] {
        let today = clock.today
        return try read {
            var items: [WorkItem] = []
            let open = Store.openPhasesSQL
            // Overdue or due soon (the SQL of ObligationTiming); Core classes each row again.
            try database.forEach(
                """
                SELECT o.id, c.id, c.case_number, c.family_name, c.given_names, o.due_on, o.party, o.description, o.status
                FROM clients c
                JOIN obligations o ON o.client_id = c.id AND (\(Store.overdueSQL("o")) OR \(Store.dueSoonSQL("o")))
                JOIN contracts k ON k.id = o.contract_id AND k.status <> 'ended'
                WHERE c.officer_id = ? AND c.phase IN (\(open))
                """, Store.overdueArguments(today) + Store.dueSoonArguments(today) + [officerID]
            ) { row in
                let due = try row.optionalDay(5)
                let timing = ObligationTiming.of(due: due, status: try row.value(8, as: ObligationStatus.self), today: today)
                guard timing == .overdue || timing == .dueSoon else { return }
                items.append(
                    WorkItem(
                        kind: timing == .overdue ? .overdueObligation : .dueSoonObligation, clientID: row.int64(1),
                        caseNumber: row.text(2), clientName: Client.displayName(family: row.text(3), given: row.text(4)), day: due,
                        party: try row.value(6, as: Party.self), text: row.text(7), obligationID: row.int64(0)))
            }
            try database.forEach(
                """
                SELECT c.id, c.case_number, c.family_name, c.given_names, n.follow_up_on, n.summary
                FROM clients c JOIN notes n ON n.client_id = c.id AND n.follow_up_done = 0 AND n.follow_up_on IS NOT NULL
                    AND n.follow_up_on <= ?
                WHERE c.officer_id = ? AND c.phase IN (\(open))
                """, [today, officerID]
            ) { row in
                items.append(
                    WorkItem(
                        kind: .followUp, clientID: row.int64(0), caseNumber: row.text(1), clientName: Client.displayName(family: row.text(2), given: row.text(3)),
                        day: try row.optionalDay(4), text: Sanitized.inline(row.text(5), limit: 120)))
            }
            try database.forEach(
                """
                SELECT c.id, c.case_number, c.family_name, c.given_names, c.permit_expiry,
                    (SELECT max(n.contact_on) FROM notes n WHERE n.client_id = c.id), c.phase_since
                FROM clients c WHERE c.officer_id = ? AND c.phase IN (\(open))
                """, [officerID]
            ) { row in
                let name = Client.displayName(family: row.text(2), given: row.text(3))
                if let expiry = try row.optionalDay(4), expiry <= today.adding(days: WorkItem.permitWarningDays) {
                    let days = today.days(until: expiry)
                    items.append(
                        WorkItem(
                            kind: .permitExpiring, clientID: row.int64(0), caseNumber: row.text(1), clientName: name, day: expiry,
                            text: days < 0 ? "Residence permit expired \(-days) days ago" : "Residence permit expires in \(days) days"))
                }
                let lastContact = try row.optionalDay(5)
                let phaseSince = try row.day(6)
                let since = lastContact ?? phaseSince
                if since.days(until: today) >= WorkItem.contactGapDays {
                    items.append(
                        WorkItem(
                            kind: .noContact, clientID: row.int64(0), caseNumber: row.text(1), clientName: name, day: lastContact,
                            text: lastContact.map { "No contact since \($0.iso) (\($0.days(until: today)) days)" }
                                ?? "No contact recorded in \(since.days(until: today)) days"))
                }
            }
            return WorkItem.ordered(items)
        }
    }

    /// `ObligationTiming.overdue` in SQL: pending and due before today. Every query about
    /// overdue obligations uses this, and a test holds it to the Core rule.
    static func overdueSQL(_ alias: String) -> String { "(\(alias).status = 'pending' AND \(alias).due_on < ?)" }
    static func overdueArguments(_ today: Day) -> [any SQLBindable] { [today] }

    /// `ObligationTiming.dueSoon` in SQL: pending and due from today to seven days ahead.
    static func dueSoonSQL(_ alias: String) -> String {
        "(\(alias).status = 'pending' AND \(alias).due_on >= ? AND \(alias).due_on <= ?)"
    }
    static func dueSoonArguments(_ today: Day) -> [any SQLBindable] { [today, today.adding(days: ObligationTiming.soonDays)] }

    /// Every obligation's timing by the SQL rules alone (for the test that holds them to Core).
    package func obligationTimingBySQL(today: Day) throws -> (overdue: Set<Int64>, dueSoon: Set<Int64>) {
        try read {
            let overdue = try database.query(
                "SELECT o.id FROM obligations o WHERE \(Store.overdueSQL("o"))", Store.overdueArguments(today)) { $0.int64(0) }
            let soon = try database.query(
                "SELECT o.id FROM obligations o WHERE \(Store.dueSoonSQL("o"))", Store.dueSoonArguments(today)) { $0.int64(0) }
            return (Set(overdue), Set(soon))
        }
    }
}
