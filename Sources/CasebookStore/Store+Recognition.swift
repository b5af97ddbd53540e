import CasebookCore

/// One step of a recognition file.
package struct RecognitionEvent: Hashable, Sendable {
    package var from: RecognitionStage?
    package var to: RecognitionStage
    package var effectiveOn: Day
    package var note: String
    package var recordedBy: String
}

extension Store {
    private enum QualificationColumn: Int32, ColumnSet {
        case id, clientID, title, field, country, institution, year, isced, hasDocuments, regulated, stage, stageSince
        case route, completeOn, decisionDue, decidedOn, passportIssuedOn, passportExpiresOn, compensation
        case compensationStart, compensationEnd, version, variant
    }

    private static let qualificationSelection = QualificationColumn.selection()

    private static func qualification(_ row: Row) throws -> Qualification {
        let row = NamedRow<QualificationColumn>(row)
        return Qualification(
            id: row.int64(.id), clientID: row.int64(.clientID), title: row.text(.title), field: row.text(.field),
            country: row.text(.country), institution: row.text(.institution), year: row.int(.year),
            iscedLevel: row.int(.isced), hasDocuments: row.bool(.hasDocuments),
            isRegulatedProfession: row.bool(.regulated), stage: try row.value(.stage, as: RecognitionStage.self),
            stageSince: try row.day(.stageSince), route: row.optionalValue(.route, as: RecognitionRoute.self),
            completeOn: try row.optionalDay(.completeOn), decisionDue: try row.optionalDay(.decisionDue),
            decidedOn: try row.optionalDay(.decidedOn), passportIssuedOn: try row.optionalDay(.passportIssuedOn),
            passportExpiresOn: try row.optionalDay(.passportExpiresOn),
            compensation: row.optionalValue(.compensation, as: CompensationKind.self),
            compensationStart: try row.optionalDay(.compensationStart),
            compensationEnd: try row.optionalDay(.compensationEnd), variant: row.optionalText(.variant),
            version: row.int(.version))
    }

    /// Adds a qualification at the Identified stage, identified on the draft's day, under the
    /// standard procedure or a variant of the client's programme.
    @discardableResult
    package func addQualification(clientID: Client.ID, _ draft: QualificationDraft, actor: Staff.ID) throws
        -> Qualification
    {
        try write {
            try require(.recordTrack, by: actor, client: clientID)
            let procedures = try programme(forClient: clientID)?.programme.recognitionVariants ?? []
            let file = try checked {
                try draft.validated(clientID: clientID, today: clock.today, procedures: procedures)
            }
            let now = clock.now
            let identified = file.stageSince
            try database.execute(
                """
                INSERT INTO qualifications (client_id, title, field, country, institution, year, isced, has_documents,
                    regulated, stage, stage_since, variant, version, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'identified', ?, ?, 1, ?, ?, ?, ?)
                """,
                [
                    file.clientID, file.title, file.field, file.country, file.institution, file.year, file.iscedLevel,
                    file.hasDocuments, file.isRegulatedProfession, identified, file.variant, now, actor, now, actor,
                ])
            let id = database.lastInsertRowID
            try database.execute(
                """
                INSERT INTO recognition_events (qualification_id, from_stage, to_stage, effective_on, recorded_at, recorded_by)
                VALUES (?, NULL, 'identified', ?, ?, ?)
                """, [id, identified, now, actor])
            try audit(
                .qualification, id: id, clientID: file.clientID, field: .qualification, old: nil,
                new: AuditValue.qualification(
                    title: file.title, country: file.country, year: file.year, isced: file.iscedLevel,
                    procedure: file.variant
                ).stored,
                actor: actor)
            guard let saved = try qualification(id: id) else { throw StoreError.notFound("qualification") }
            return saved
        }
    }

    func qualification(id: Int64) throws -> Qualification? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.qualificationSelection) FROM qualifications WHERE id = ?", [id], Store.qualification)
        }
    }

    func qualifications(clientID: Client.ID) throws -> [Qualification] {
        try read {
            try database.query(
                "SELECT \(Store.qualificationSelection) FROM qualifications WHERE client_id = ? ORDER BY id",
                [clientID],
                Store.qualification)
        }
    }

    /// Moves a recognition file to its next stage if the move is legal and nobody saved the
    /// file since `expectedVersion`. Entering assessment starts the decision clock under the
    /// deadline of the file's procedure in the client's programme; a decision records its day.
    @discardableResult
    package func stepQualification(id: Int64, _ draft: RecognitionStepDraft, expectedVersion: Int, actor: Staff.ID)
        throws -> Qualification
    {
        try write {
            try require(.recordTrack, by: actor, client: try client(of: "qualifications", id: id))
            guard var file = try qualification(id: id) else { throw StoreError.notFound("qualification") }
            try requireVersion(.qualifications, id: id, current: file.version, expected: expectedVersion)
            let step = try checked {
                try draft.validated(from: file.stage, since: file.stageSince, today: clock.today)
            }
            let (stage, day) = (step.stage, step.on)
            let from = file.stage
            switch stage {
            case .routeChosen:
                file.route = step.route
            case .noDocuments:
                if let issued = step.passportIssuedOn {
                    let validity =
                        try programme(forClient: file.clientID)?.programme.qualificationsPassportValidity
                        ?? TimeSpan(5, .years)
                    file.passportIssuedOn = issued
                    file.passportExpiresOn = validity.after(issued)
                }
            case .underAssessment:
                let rule = file.deadlines(under: try programme(forClient: file.clientID)?.programme).decision
                file.completeOn = day
                file.decisionDue = Qualification.decisionDeadline(completeOn: day, rule: rule)
                file.decidedOn = nil
            case .compensation:
                file.compensation = step.compensation
                file.compensationStart = step.compensationStart
                file.compensationEnd = step.compensationEnd
            default:
                break
            }
            if stage.isDecision { file.decidedOn = day }
            file.stage = stage
            file.stageSince = day
            try saveVersioned(
                .qualifications, id: id, expected: expectedVersion,
                set: """
                    stage = ?, stage_since = ?, route = ?, complete_on = ?, decision_due = ?, decided_on = ?,
                    passport_issued_on = ?, passport_expires_on = ?, compensation = ?, compensation_start = ?,
                    compensation_end = ?
                    """,
                [
                    stage.rawValue, day, file.route?.rawValue, file.completeOn, file.decisionDue, file.decidedOn,
                    file.passportIssuedOn, file.passportExpiresOn, file.compensation?.rawValue, file.compensationStart,
                    file.compensationEnd,
                ], actor: actor)
            try database.execute(
                """
                INSERT INTO recognition_events (qualification_id, from_stage, to_stage, effective_on, note, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [id, from.rawValue, stage.rawValue, day, step.note, clock.now, actor])
            try audit(
                .qualification, id: id, clientID: file.clientID, field: .stage, old: from.rawValue,
                new: stage.rawValue, actor: actor)
            if stage == .underAssessment { try fillAnchoredDueDates(clientID: file.clientID, actor: actor) }
            file.version += 1
            return file
        }
    }

    /// Moves a recognition file to another procedure of the client's programme (or back to the
    /// standard one) if nobody saved the file since `expectedVersion` and the authority has not
    /// decided it. A complete file's decision deadline is computed again from the day it became
    /// complete, as the step into assessment computes it, and so is the due date of the
    /// authority's decision on the contract where this file is the one it counts from.
    @discardableResult
    package func changeQualificationProcedure(
        id: Int64, _ draft: RecognitionProcedureDraft, expectedVersion: Int, actor: Staff.ID
    ) throws -> Qualification {
        try write {
            try require(.recordTrack, by: actor, client: try client(of: "qualifications", id: id))
            guard var file = try qualification(id: id) else { throw StoreError.notFound("qualification") }
            try requireVersion(.qualifications, id: id, current: file.version, expected: expectedVersion)
            let programme = try programme(forClient: file.clientID)?.programme
            let procedure = try checked {
                try draft.validated(file: file, procedures: programme?.recognitionVariants ?? [])
            }
            let old = file.variant
            file.variant = procedure
            if let complete = file.completeOn {
                file.decisionDue = Qualification.decisionDeadline(
                    completeOn: complete, rule: file.deadlines(under: programme).decision)
            }
            try saveVersioned(
                .qualifications, id: id, expected: expectedVersion, set: "variant = ?, decision_due = ?",
                [file.variant, file.decisionDue], actor: actor)
            // The audit keeps the procedures' ids, the same in every language.
            try audit(
                .qualification, id: id, clientID: file.clientID, field: .procedure, old: old ?? "standard",
                new: procedure ?? "standard", actor: actor)
            if file.completeOn != nil { try refreshRecognitionDueDates(clientID: file.clientID, actor: actor) }
            file.version += 1
            return file
        }
    }

    private enum RecognitionEventColumn: Int32, ColumnSet {
        case fromStage, toStage, effectiveOn, note, recordedBy

        var expression: String? { self == .recordedBy ? "s.display_name" : nil }
    }

    private static let recognitionEventSelection = RecognitionEventColumn.selection(from: "e")

    func recognitionEvents(qualificationID: Int64) throws -> [RecognitionEvent] {
        try read {
            try database.query(
                """
                SELECT \(Store.recognitionEventSelection) FROM recognition_events e JOIN staff s ON s.id = e.recorded_by
                WHERE e.qualification_id = ? ORDER BY e.id
                """, [qualificationID]
            ) { row in
                let row = NamedRow<RecognitionEventColumn>(row)
                return RecognitionEvent(
                    from: row.optionalValue(.fromStage, as: RecognitionStage.self),
                    to: try row.value(.toStage, as: RecognitionStage.self), effectiveOn: try row.day(.effectiveOn),
                    note: row.text(.note), recordedBy: row.text(.recordedBy))
            }
        }
    }

    /// Which of `clientIDs` have a recognition file past its decision deadline
    /// (`Qualification.isOverdue`).
    func clientsWithOverdueRecognition(_ clientIDs: [Client.ID]) throws -> Set<Client.ID> {
        guard !clientIDs.isEmpty else { return [] }
        return try read {
            let rows = try database.query(
                """
                SELECT DISTINCT client_id FROM qualifications
                WHERE \(RuleSQL.recognitionOverdue("")) AND client_id IN \(IDList.sql)
                """, [clock.today, IDList(clientIDs)]
            ) { $0.int64(0) }
            return Set(rows)
        }
    }
}
