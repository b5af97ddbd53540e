import CasebookCore
import CasebookL10n

/// A row of a file of assessments or qualifications: the client it names and the record.
package struct RecordCandidate: Sendable {
    /// The spreadsheet's row number (the header is row 1).
    package var row: Int
    package var caseNumber: String?
    package var externalID: String?
    package var draft: RecordDraft

    package init(row: Int, caseNumber: String?, externalID: String?, draft: RecordDraft) {
        self.row = row
        self.caseNumber = caseNumber
        self.externalID = externalID
        self.draft = draft
    }
}

/// What a row of an import of records is against what the Store holds.
package enum RecordMatch: Sendable, Equatable {
    /// Written for this client.
    case new(clientID: Client.ID, caseNumber: String)
    /// The client has it already (the same date and skill; the same title and country), or an
    /// earlier row of the file gave it.
    case present(caseNumber: String)
    /// The row cannot be written, and why: no such client the importer may reach, or the policy
    /// (the client's column); or a procedure not of the client's programme (`inProcedure`).
    case refused(String, inProcedure: Bool = false)
}

/// The outcome of matching the valid rows of a file of records.
package struct RecordImportPlan: Sendable {
    package var kind: RecordKind
    package var rows: [(candidate: RecordCandidate, match: RecordMatch)]
    /// Rows the file's reading refused (they never reach the Store).
    package var refusedByFile: Int

    package var created: Int { rows.count { if case .new = $0.match { true } else { false } } }
    package var present: Int { rows.count { if case .present = $0.match { true } else { false } } }
    /// The file's refused rows and those the Store refused.
    package var refused: Int { refusedByFile + rows.count { if case .refused = $0.match { true } else { false } } }
}

extension Store {
    /// Matches the rows to clients and to the records they hold, changing nothing (the dry run).
    package func planRecordImport(
        _ candidates: [RecordCandidate], kind: RecordKind, refused: Int, actor: Staff.ID
    ) throws -> RecordImportPlan {
        try requireImportSchema()
        try require(.importClients, by: actor)
        return try read { try matchRecords(candidates, kind: kind, refused: refused, actor: actor) }
    }

    /// Writes the rows that name a client the importer may record for and that the client does
    /// not hold yet, in one transaction, as one batch (file, who, when, counts) in the audit; each
    /// record is written as its form writes it (the policy's `recordTrack` for its client, one
    /// audit row, the client's facts refreshed). Matching runs again inside the transaction.
    package func importRecords(
        _ candidates: [RecordCandidate], kind: RecordKind, refused: Int, file: ImportedFile, actor: Staff.ID
    ) throws -> (plan: RecordImportPlan, batch: ImportBatch) {
        try requireImportSchema()
        try require(.importClients, by: actor)
        return try write {
            let plan = try matchRecords(candidates, kind: kind, refused: refused, actor: actor)
            let batchID = try openBatch(
                kind: kind.rawValue, file: file, at: clock.now, actor: actor,
                counts: (plan.created, plan.present, 0, plan.refused))
            for (candidate, match) in plan.rows {
                guard case .new(let clientID, _) = match else { continue }
                switch candidate.draft {
                case .assessment(let draft):
                    for saved in try addAssessment(clientID: clientID, draft, actor: actor) {
                        try addToBatch(batchID, .assessment, saved.id)
                    }
                case .qualification(let draft):
                    try addToBatch(
                        batchID, .qualification, try addQualification(clientID: clientID, draft, actor: actor).id)
                }
            }
            try audit(
                .importBatch, id: batchID, clientID: nil, field: .import, old: nil,
                new: AuditValue.recordImport(
                    kind: kind, file: file.name, sha256: file.sha256, created: plan.created, present: plan.present,
                    refused: plan.refused
                ).stored, actor: actor)
            return (plan, try closeBatch(batchID))
        }
    }

    // MARK: Parts

    private func matchRecords(_ candidates: [RecordCandidate], kind: RecordKind, refused: Int, actor: Staff.ID) throws
        -> RecordImportPlan
    {
        let person = try self.actor(actor)
        var clients: [String: (id: Client.ID, caseNumber: String)?] = [:]
        var refusals: [Client.ID: String?] = [:]
        // What earlier rows of the file give: assessments by client, day and skill; qualifications
        // by client, folded title and country.
        var given: Set<String> = []
        var rows: [(candidate: RecordCandidate, match: RecordMatch)] = []
        rows.reserveCapacity(candidates.count)
        for var candidate in candidates {
            let key = candidate.caseNumber.map { "c" + $0 } ?? candidate.externalID.map { "e" + $0 } ?? ""
            if clients[key] == nil {
                clients[key] = try findClient(candidate, person: person)
            }
            guard let found = clients[key] ?? nil else {
                let reason =
                    if let number = candidate.caseNumber {
                        tr("no client of your offices has case number {case}", ["case": number])
                    } else {
                        tr(
                            "no client of your offices has the external id {id}",
                            ["id": Sanitized.inline(candidate.externalID ?? "", limit: 40)])
                    }
                rows.append((candidate, .refused(reason)))
                continue
            }
            if refusals[found.id] == nil { refusals[found.id] = try refusal(found.id, person: person) }
            if let reason = refusals[found.id] ?? nil {
                rows.append((candidate, .refused(reason)))
                continue
            }
            let match: RecordMatch
            switch candidate.draft {
            case .assessment(var draft):
                var skills: [Skill] = []
                for skill in draft.skills ?? [] {
                    let day = draft.date ?? clock.today
                    let mark = "a\(found.id) \(day.iso) \(skill.rawValue)"
                    let held =
                        try given.contains(mark)
                        || database.scalar(
                            "SELECT 1 FROM language_assessments WHERE client_id = ? AND assessed_on = ? AND skill = ? LIMIT 1",
                            [found.id, day, skill.rawValue]) != nil
                    given.insert(mark)
                    if !held { skills.append(skill) }
                }
                if skills.isEmpty {
                    match = .present(caseNumber: found.caseNumber)
                } else {
                    draft.skills = skills
                    candidate.draft = .assessment(draft)
                    match = .new(clientID: found.id, caseNumber: found.caseNumber)
                }
            case .qualification(var draft):
                if let text = draft.procedure {
                    let procedures = try programme(forClient: found.id)?.programme.recognitionVariants ?? []
                    guard let procedure = Store.procedure(named: text, among: procedures) else {
                        let choices = procedures.map { "\"\($0.id)\"" } + [tr("nothing for the standard procedure")]
                        let reason = tr(
                            "\"{value}\" is not a procedure of the client's programme; write {choices}",
                            ["value": Sanitized.inline(text, limit: 60), "choices": listing(choices)])
                        rows.append((candidate, .refused(reason, inProcedure: true)))
                        continue
                    }
                    draft.procedure = procedure
                    candidate.draft = .qualification(draft)
                }
                let title = Store.titleKey(draft.title)
                let mark = "q\(found.id) \(draft.country ?? "") \(title)"
                let held =
                    try given.contains(mark)
                    || database.query(
                        "SELECT title FROM qualifications WHERE client_id = ? AND country = ?",
                        [found.id, draft.country ?? ""]
                    ) { $0.text(0) }.contains { Store.titleKey($0) == title }
                given.insert(mark)
                match =
                    held
                    ? .present(caseNumber: found.caseNumber) : .new(clientID: found.id, caseNumber: found.caseNumber)
            }
            rows.append((candidate, match))
        }
        return RecordImportPlan(kind: kind, rows: rows, refusedByFile: refused)
    }

    /// The variant of a programme a cell names by its id or its name, case and accents aside
    /// (the import read the standard procedure's words as no procedure at all).
    private static func procedure(named text: String, among procedures: [RecognitionVariant]) -> String? {
        let word = titleKey(text)
        return procedures.first { titleKey($0.id) == word || titleKey($0.name) == word }?.id
    }

    /// A title as two rows or records are compared: folded, with its spaces made single.
    private static func titleKey(_ title: String) -> String {
        SearchKey.fold(title).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The client a row names, if the importer belongs to its office: a client of another office
    /// is, to them, no client at all.
    private func findClient(_ candidate: RecordCandidate, person: Actor) throws -> (
        id: Client.ID, caseNumber: String
    )? {
        let column = candidate.caseNumber == nil ? "external_id" : "case_number"
        guard let value = candidate.caseNumber ?? candidate.externalID,
            let found = try database.queryFirst(
                "SELECT id, case_number, office_id FROM clients WHERE \(column) = ? LIMIT 1", [value],
                { (id: $0.int64(0), caseNumber: $0.text(1), office: $0.int64(2)) }),
            person.role(in: found.office) != nil
        else { return nil }
        return (found.id, found.caseNumber)
    }

    /// Why the importer may not record for this client (the policy's `recordTrack`, a
    /// restriction, an erasure), or nil when they may.
    private func refusal(_ clientID: Client.ID, person: Actor) throws -> String? {
        guard
            let place = try database.queryFirst(
                "SELECT office_id, officer_id FROM clients WHERE id = ?", [clientID],
                { (office: $0.int64(0), officer: $0.optionalInt64(1)) })
        else { return tr("the client was removed") }
        guard person.may(.recordTrack, clientOffice: place.office, officer: place.officer, policy: policy) else {
            return policy.refusal(.recordTrack, officeName: try office(id: place.office)?.name)
        }
        do {
            try requireChangeable(clientID: clientID, entity: .assessment, actor: person.id)
        } catch StoreError.refused(let reason) {
            return reason
        }
        return nil
    }
}
