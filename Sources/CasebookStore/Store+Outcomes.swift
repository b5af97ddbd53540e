import CasebookCore
import CasebookL10n

extension OutcomeStage: SQLBindable {}
extension MainActivity: SQLBindable {}
extension WorkTime: SQLBindable {}

extension Store {
    /// The case's last exit (its move to closed) and the reason given, nil while it never closed.
    func exit(clientID: Client.ID) throws -> (on: Day, reason: ExitReason?)? {
        try read {
            try database.queryFirst(
                """
                SELECT effective_on, exit_reason FROM phase_history WHERE client_id = ? AND to_phase = 'closed'
                ORDER BY effective_on DESC, id DESC LIMIT 1
                """, [clientID]
            ) { row in (try row.day(0), row.optionalText(1).flatMap(ExitReason.init(rawValue:))) }
        }
    }

    private enum OutcomeColumn: Int32, ColumnSet {
        case clientID, stage, recordedOn, activity, workTime, iscoMajor
    }

    private static let outcomeSelection = OutcomeColumn.selection()

    /// The outcomes recorded for the client: at exit, then at the follow-up.
    func outcomes(clientID: Client.ID) throws -> [Outcome] {
        try read {
            try database.query(
                "SELECT \(Store.outcomeSelection) FROM outcomes WHERE client_id = ? ORDER BY recorded_on", [clientID]
            ) { row in
                let row = NamedRow<OutcomeColumn>(row)
                return Outcome(
                    clientID: row.int64(.clientID), stage: try row.value(.stage, as: OutcomeStage.self),
                    recordedOn: try row.day(.recordedOn), activity: try row.value(.activity, as: MainActivity.self),
                    workTime: row.optionalValue(.workTime, as: WorkTime.self), iscoMajor: row.optionalText(.iscoMajor))
            }
        }
    }

    /// Records (or corrects) the client's main activity at exit or at the follow-up. The case
    /// must have closed; the follow-up is recorded from twelve months after the exit.
    @discardableResult
    package func recordOutcome(clientID: Client.ID, stage: OutcomeStage, _ draft: OutcomeDraft, actor: Staff.ID)
        throws -> Outcome
    {
        try write {
            guard let client = try client(id: clientID) else { throw StoreError.notFound("client") }
            try require(.recordTrack, by: actor, client: clientID)
            guard client.phase == .closed || client.phase == .archived, let exited = try exit(clientID: clientID) else {
                throw StoreError.refused(tr("The case has not closed; the main activity is recorded at exit."))
            }
            let outcome = try checked {
                try draft.validated(clientID: clientID, stage: stage, exitOn: exited.on, today: clock.today)
            }
            let old = try outcomes(clientID: clientID).first { $0.stage == stage }
            try database.execute(
                """
                INSERT INTO outcomes (client_id, stage, recorded_on, activity, work_time, isco_major, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_id, stage) DO UPDATE SET recorded_on = excluded.recorded_on,
                    activity = excluded.activity, work_time = excluded.work_time, isco_major = excluded.isco_major,
                    recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by
                """,
                [
                    clientID, stage, outcome.recordedOn, outcome.activity, outcome.workTime, outcome.iscoMajor,
                    clock.now, actor,
                ])
            try audit(
                .outcome, id: clientID, clientID: clientID, field: AuditField(rawValue: stage.rawValue),
                old: old.map(Store.auditText), new: Store.auditText(outcome), actor: actor)
            return outcome
        }
    }

    private static func auditText(_ outcome: Outcome) -> String {
        AuditValue.outcome(
            on: outcome.recordedOn, activity: outcome.activity, workTime: outcome.workTime, iscoMajor: outcome.iscoMajor
        ).stored
    }

    private enum FollowUpDueColumn: Int32, ColumnSet {
        case clientID, caseNumber, familyName, givenNames, exitOn
    }

    private static let followUpDueSelection = FollowUpDueColumn.selection(from: "c") { column in
        switch column {
        case .clientID: return "c.id"
        case .exitOn: return "h.effective_on"
        default: return nil
        }
    }

    /// The officer's former clients whose twelve-month follow-up is due (`Outcome.remindsOfFollowUp`).
    func outcomeFollowUps(officerID: Staff.ID, offices: [Office.ID], today: Day) throws -> [WorkItem] {
        // Exits between these days are in the reminder's window; Core decides each again.
        let latestExit = Outcome.followUpAfter.before(today.adding(days: WorkItem.outcomeNoticeDays))
        let earliestExit = Outcome.followUpAfter.before(Outcome.reminderLasts.before(today))
        var items: [WorkItem] = []
        try database.forEach(
            """
            SELECT \(Store.followUpDueSelection)
            FROM clients c
            JOIN phase_history h ON h.client_id = c.id AND h.to_phase = 'closed'
                AND h.id = (SELECT max(id) FROM phase_history x WHERE x.client_id = c.id AND x.to_phase = 'closed')
            WHERE c.officer_id = ? AND c.phase = 'closed' AND h.effective_on BETWEEN ? AND ?
                AND c.office_id IN (\(offices.map { _ in "?" }.joined(separator: ", ")))
                AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.client_id = c.id AND o.stage = 'follow_up')
            """, [officerID, earliestExit, latestExit] + offices
        ) { row in
            let row = NamedRow<FollowUpDueColumn>(row)
            let exitOn = try row.day(.exitOn)
            guard Outcome.remindsOfFollowUp(exitOn: exitOn, today: today) else { return }
            let due = Outcome.followUpDue(exitOn: exitOn)
            items.append(
                WorkItem(
                    kind: .outcomeFollowUp, clientID: row.int64(.clientID), caseNumber: row.text(.caseNumber),
                    clientName: Client.displayName(family: row.text(.familyName), given: row.text(.givenNames)),
                    day: due,
                    text: tr("Record the main activity twelve months after the exit on {day}", ["day": exitOn.iso])))
        }
        return items
    }
}
