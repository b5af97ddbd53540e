import CasebookCore
import CasebookL10n
import CasebookText

extension Store {
    /// A client's civic orientation: requirement, sessions, attestation and tests.
    func civicProgress(clientID: Client.ID) throws -> CivicProgress {
        try read {
            let status = try database.queryFirst(
                "SELECT \(Store.civicStatusSelection) FROM civic_status WHERE client_id = ?", [clientID]
            ) { row in
                let row = NamedRow<CivicStatusColumn>(row)
                return (
                    requirement: try row.value(.requirement, as: CivicRequirement.self),
                    reason: row.text(.exemptReason),
                    attested: try row.optionalDay(.attestedOn)
                )
            }
            let sessions = try civicSessions(clientID: clientID)
            let tests = try database.query(
                "SELECT \(Store.civicTestSelection) FROM civic_tests WHERE client_id = ? ORDER BY sat_on, id",
                [clientID]
            ) { row in
                let row = NamedRow<CivicTestColumn>(row)
                return CivicTestResult(
                    id: row.int64(.id), clientID: row.int64(.clientID), date: try row.day(.satOn),
                    score: row.optionalInt(.score), passMark: row.optionalInt(.passMark), passed: row.bool(.passed))
            }
            let programme = try programme(forClient: clientID)?.programme
            let defaultRequirement: CivicRequirement = programme?.civicRequired == false ? .notRequired : .required
            // The programme's exemption, on today: age starts one without anybody writing.
            let exemption = try programme?.civicTest.flatMap { rule in
                try database.queryFirst(
                    "SELECT residence_category, date_of_birth FROM clients WHERE id = ?", [clientID]
                ) { row in
                    rule.exemption(
                        residence: try row.value(0, as: ResidenceCategory.self), dateOfBirth: try row.day(1),
                        on: clock.today)
                } ?? nil
            }
            return CivicProgress(
                requirement: status?.requirement ?? defaultRequirement, exemptReason: status?.reason ?? "",
                attestedOn: status?.attested, sessions: sessions, tests: tests, presetExemption: exemption)
        }
    }

    private enum CivicStatusColumn: Int32, ColumnSet {
        case requirement, exemptReason, attestedOn
    }

    private static let civicStatusSelection = CivicStatusColumn.selection()

    private enum CivicTestColumn: Int32, ColumnSet {
        case id, clientID, satOn, score, passMark, passed
    }

    private static let civicTestSelection = CivicTestColumn.selection()

    private enum CivicSessionColumn: Int32, ColumnSet {
        case id, clientID, moduleID, heldOn, hours, language
    }

    private static let civicSessionSelection = CivicSessionColumn.selection()

    func civicSessions(clientID: Client.ID) throws -> [CivicSession] {
        try read {
            try database.query(
                "SELECT \(Store.civicSessionSelection) FROM civic_sessions WHERE client_id = ? ORDER BY held_on DESC, id DESC",
                [clientID]
            ) { row in
                let row = NamedRow<CivicSessionColumn>(row)
                return CivicSession(
                    id: row.int64(.id), clientID: row.int64(.clientID), moduleID: row.text(.moduleID),
                    date: try row.day(.heldOn), hours: row.double(.hours), language: row.text(.language))
            }
        }
    }

    /// Records whether civic orientation is required; an exemption needs its reason.
    package func setCivicRequirement(clientID: Client.ID, _ draft: CivicRequirementDraft, actor: Staff.ID) throws {
        let change = try checked { try draft.validated() }
        let (requirement, reason) = (change.requirement, change.reason)
        try write {
            try require(.recordTrack, by: actor, client: clientID)
            let old = try civicProgress(clientID: clientID)
            try database.execute(
                """
                INSERT INTO civic_status (client_id, requirement, exempt_reason, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET requirement = excluded.requirement,
                    exempt_reason = excluded.exempt_reason, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, [clientID, requirement.rawValue, reason, clock.now, actor])
            try audit(
                .civic, id: clientID, clientID: clientID, field: .requirement, old: old.requirement.rawValue,
                new: requirement == .exempt ? AuditValue.exempt(reason: reason).stored : requirement.rawValue,
                actor: actor)
        }
    }

    /// Records the attestation of the civic course.
    package func attestCivic(clientID: Client.ID, _ draft: AttestationDraft, actor: Staff.ID) throws {
        let day = try checked { try draft.validated(today: clock.today) }
        try write {
            try require(.recordTrack, by: actor, client: clientID)
            let progress = try civicProgress(clientID: clientID)
            guard progress.requirement == .required else {
                throw StoreError.refused(
                    tr(
                        "Civic orientation is {requirement} for this client; nothing to attest.",
                        ["requirement": progress.requirement.label.lowercased()]))
            }
            try database.execute(
                """
                INSERT INTO civic_status (client_id, requirement, attested_on, updated_at, updated_by) VALUES (?, 'required', ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET attested_on = excluded.attested_on, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                """, [clientID, day, clock.now, actor])
            try audit(
                .civic, id: clientID, clientID: clientID, field: .attestedOn, old: progress.attestedOn?.iso,
                new: day.iso, actor: actor)
        }
    }

    /// Records a session of one of the modules of the client's programme (any module while the
    /// client is not enrolled).
    @discardableResult
    package func addCivicSession(clientID: Client.ID, _ draft: CivicSessionDraft, actor: Staff.ID) throws
        -> CivicSession
    {
        try write {
            try require(.recordTrack, by: actor, client: clientID)
            let enrolled = try programme(forClient: clientID)?.programme
            let session = try checked {
                try draft.validated(clientID: clientID, programme: enrolled, today: clock.today)
            }
            try database.execute(
                """
                INSERT INTO civic_sessions (client_id, module_id, held_on, hours, language, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [session.clientID, session.moduleID, session.date, session.hours, session.language, clock.now, actor])
            var saved = session
            saved.id = database.lastInsertRowID
            try audit(
                .civicSession, id: saved.id, clientID: saved.clientID, field: .module(saved.moduleID), old: nil,
                new: AuditValue.civicSession(hours: saved.hours, on: saved.date, language: saved.language).stored,
                actor: actor)
            return saved
        }
    }

    /// Records a test sitting. A scored test takes the score, and the programme's pass mark
    /// decides; a pass/fail test takes `passed`.
    @discardableResult
    package func addCivicTest(clientID: Client.ID, _ draft: CivicTestDraft, actor: Staff.ID) throws -> CivicTestResult {
        try write {
            try require(.recordTrack, by: actor, client: clientID)
            guard let rule = try programme(forClient: clientID)?.programme.civicTest else {
                throw StoreError.refused(
                    "The client's programme has no civic test; enrol the client in a programme that has one.")
            }
            let result = try checked { try draft.validated(clientID: clientID, rule: rule, today: clock.today) }
            let day = result.date
            try database.execute(
                "INSERT INTO civic_tests (client_id, sat_on, score, pass_mark, passed, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [clientID, day, result.score, result.passMark, result.passed, clock.now, actor])
            var saved = result
            saved.id = database.lastInsertRowID
            try audit(
                .civicTest, id: saved.id, clientID: clientID, field: .result, old: nil,
                new: AuditValue.civicTest(
                    score: result.score, questions: rule.questions ?? 0, on: day, passed: result.passed
                ).stored, actor: actor)
            return saved
        }
    }
}
