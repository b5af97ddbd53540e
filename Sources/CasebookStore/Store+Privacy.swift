import CasebookCore
import CasebookL10n

/// A client whose case is closed, as the retention run sees it.
package struct RetentionCandidate: Hashable, Sendable {
    package var clientID: Client.ID
    package var caseNumber: String
    /// The name of the client's office.
    package var office: String
    package var closedOn: Day
    /// The officer's user name ("" when the case has none).
    package var officer: String
    /// The rule that applies to the client: the programme's own, else the site's; nil when
    /// neither sets one (listed only by a dry run with `--older-than`).
    package var rule: RetentionRule?
    /// What keeps the client from being erased although due: a legal hold or a restriction.
    package var keptBy: RecordFlag?
}

/// What one erasure did, counted by kind (no values).
package struct ErasureResult: Sendable {
    package var caseNumber: String
    package var birthYears: BirthYearBand
    /// Rows blanked or removed per table, in the order they were touched.
    package var rows: [(table: String, count: Int)] = []
    /// Audit values blanked (their hashes kept).
    package var auditValues = 0
}

/// What erasure removes and what the pseudonymous stub keeps, in words for the dry run, the
/// apply's output and docs/PRIVACY.md.
package enum ErasureScope {
    package static var erased: [String] {
        [
            tr("names and other spellings, and the search keys made from them"),
            tr("date of birth (a five-year band is kept)"),
            tr("phone, e-mail, address and permit expiry"),
            tr("vulnerabilities (special-category data)"),
            tr("case-note text, phase and contract notes, reasons"),
            tr("obligations' descriptions, evidence and waiver reasons"),
            tr("qualifications' titles, fields and institutions; target and exemption reasons"),
            tr("the values in the client's audit rows (their hashes stay in the chain)"),
            tr("the reasons of lifted legal holds and restrictions"),
        ]
    }

    package static var kept: [String] {
        [
            tr("case number, sex, country of birth, nationality, languages, arrival, municipality"),
            tr("residence category and programme status, officer, phases and their days, exit reasons"),
            tr("enrolment, assessments' levels, courses and attendance, civic sessions and tests"),
            tr("contract dates and obligations' parties, categories, due and settled days, status"),
            tr("who changed what and when (the audit rows without their values)"),
        ]
    }
}

extension Store {
    // MARK: Legal holds and restrictions

    /// The legal hold and the restriction in force on a client, if any.
    func flags(clientID: Client.ID) throws -> [RecordFlagState] {
        try read {
            var states: [RecordFlagState] = []
            for flag in RecordFlag.allCases {
                if let state = try database.queryFirst(
                    """
                    SELECT f.reason, f.since, coalesce(s.username, '#' || f.placed_by) FROM \(flag.table) f
                    LEFT JOIN staff s ON s.id = f.placed_by WHERE f.client_id = ? AND f.lifted_at IS NULL
                    """, [clientID],
                    { row in
                        RecordFlagState(flag: flag, reason: row.text(0), since: try row.day(1), placedBy: row.text(2))
                    })
                {
                    states.append(state)
                }
            }
            return states
        }
    }

    /// Places a legal hold (supervisors and admins) or a restriction (the case's officer,
    /// supervisors and admins) on a client; audited. Refused when one is already in force.
    package func place(_ flag: RecordFlag, clientID: Client.ID, _ draft: RecordFlagDraft, actor: Staff) throws {
        let (reason, since) = try checked { try draft.validated(today: clock.today) }
        try write {
            // The policy first: to someone outside the office a missing and a foreign client look alike.
            try require(flag.placeAction, by: actor.id, client: clientID)
            _ = try requireClient(clientID)
            guard
                try database.scalar(
                    "SELECT 1 FROM \(flag.table) WHERE client_id = ? AND lifted_at IS NULL", [clientID]) == nil
            else {
                throw StoreError.refused(
                    tr(
                        "This client already has a {flag} in force; lift it first to place a new one.",
                        [
                            "flag": flag.description
                        ]))
            }
            try database.execute(
                "INSERT INTO \(flag.table) (client_id, reason, since, placed_at, placed_by) VALUES (?, ?, ?, ?, ?)",
                [clientID, reason, since, clock.now.iso, actor.id])
            try audit(
                flag.auditEntity, id: database.lastInsertRowID, clientID: clientID, field: .placed, old: nil,
                new: AuditValue.placed(since: since, reason: reason).stored, actor: actor.id)
        }
    }

    /// Lifts the legal hold (supervisors and admins) or the restriction (admins) in force; audited.
    package func lift(_ flag: RecordFlag, clientID: Client.ID, actor: Staff) throws {
        try write {
            try require(flag.liftAction, by: actor.id, client: clientID)
            _ = try requireClient(clientID)
            guard
                let id = try database.scalar(
                    "SELECT id FROM \(flag.table) WHERE client_id = ? AND lifted_at IS NULL", [clientID])
            else {
                throw StoreError.refused(
                    tr("This client has no {flag} in force; nothing was changed.", ["flag": flag.description]))
            }
            try database.execute(
                "UPDATE \(flag.table) SET lifted_at = ?, lifted_by = ? WHERE id = ?", [clock.now.iso, actor.id, id])
            try audit(flag.auditEntity, id: id, clientID: clientID, field: .lifted, old: nil, new: nil, actor: actor.id)
        }
    }

    private func requireClient(_ clientID: Client.ID) throws -> Client {
        guard let client = try client(id: clientID) else { throw StoreError.notFound("client") }
        return client
    }

    /// Refuses a change to a client whose record is restricted (unless the actor is an admin) or
    /// erased. Called by `audit` for the first row of each client in a transaction: every change
    /// to a client's data is audited, so this is the one gate they all pass.
    func requireChangeable(clientID: Client.ID, entity: AuditEntity, actor: Staff.ID) throws {
        // Placing or lifting a flag is what changes a restricted record's state, not its data.
        guard entity != .legalHold, entity != .restriction, entity != .erasure else { return }
        let state = try database.queryFirst(
            """
            SELECT EXISTS (SELECT 1 FROM erasures WHERE client_id = ?1),
                (SELECT since FROM restrictions WHERE client_id = ?1 AND lifted_at IS NULL),
                (SELECT role FROM staff WHERE id = ?2)
            """, [clientID, actor]
        ) { row in (erased: row.int(0) != 0, restrictedSince: row.optionalText(1), role: row.optionalText(2)) }
        guard let state else { return }
        if state.erased {
            throw StoreError.refused(
                tr("This client's personal data was erased under the retention rule; what is left cannot be changed."))
        }
        if let since = state.restrictedSince, state.role != Role.admin.rawValue {
            throw StoreError.refused(
                tr(
                    "This record is restricted (GDPR Art. 18) since {day}: only an admin can change it until the restriction is lifted.",
                    ["day": Sanitized.inline(since, limit: 10)]))
        }
    }

    /// The flags in force and whether the client was erased: what the record's header shows.
    func recordStatus(clientID: Client.ID) throws -> (flags: [RecordFlagState], isErased: Bool) {
        try read { (try flags(clientID: clientID), try isErased(clientID: clientID)) }
    }

    // MARK: Retention

    /// Every client whose case is closed and due on `today`, and not erased yet, oldest closure
    /// first, in the offices where `actor` may see the retention list; those a legal hold or a
    /// restriction keeps say which. A client's rule is its programme version's own, which
    /// overrides `site`; a client with neither is never due. With `olderThan`, every closed case
    /// closed longer ago than that is listed instead, with the rule that would apply (to see
    /// what a period would do before it is set). Reads only.
    package func retentionCandidates(
        site: RetentionRule?, olderThan: TimeSpan? = nil, today: Day, actor: Staff.ID
    ) throws -> [RetentionCandidate] {
        let person = try self.actor(actor)
        guard person.may(.seeRetention, policy: policy) else {
            throw StoreError.notAllowed(policy.refusal(.seeRetention, officeName: nil))
        }
        return try closedCases(site: site, today: today, olderThan: olderThan, clientID: nil).filter {
            person.may(.seeRetention, clientOffice: $0.place.office, officer: $0.place.officer, policy: policy)
        }.map(\.candidate)
    }

    /// The closed, unerased cases (all, or one client's) that are due under their rule, or
    /// closed longer ago than `olderThan`, with where they are for the policy's check.
    private func closedCases(
        site: RetentionRule?, today: Day, olderThan: TimeSpan?, clientID: Client.ID?
    ) throws -> [(candidate: RetentionCandidate, place: (office: Office.ID, officer: Staff.ID?))] {
        let phases = RetentionRule.closedPhases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let arguments: [any SQLBindable] = clientID.map { [$0] } ?? []
        return try read {
            try database.query(
                """
                SELECT c.id, c.case_number, c.phase_since, coalesce(s.username, ''),
                    EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = c.id AND h.lifted_at IS NULL),
                    EXISTS (SELECT 1 FROM restrictions r WHERE r.client_id = c.id AND r.lifted_at IS NULL),
                    o.name, c.office_id, c.officer_id, p.id, p.version, p.retention_erase_after,
                    p.retention_legal_source
                FROM clients c LEFT JOIN staff s ON s.id = c.officer_id JOIN offices o ON o.id = c.office_id
                    LEFT JOIN enrolments e ON e.client_id = c.id
                    LEFT JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version
                WHERE c.phase IN (\(phases)) AND NOT EXISTS (SELECT 1 FROM erasures x WHERE x.client_id = c.id)
                    \(clientID == nil ? "" : "AND c.id = ?")
                ORDER BY c.phase_since, c.case_number
                """, arguments
            ) { row in
                var programmeRule: RetentionRule?
                if let text = row.optionalText(11) {
                    guard let period = RetentionRule.period(text) else {
                        throw StoreError.corrupt("a programme's retention period is malformed")
                    }
                    programmeRule = RetentionRule(
                        eraseAfter: period, origin: .programme(id: row.text(9), version: row.int(10)),
                        source: row.text(12))
                }
                let candidate = RetentionCandidate(
                    clientID: row.int64(0), caseNumber: row.text(1), office: row.text(6), closedOn: try row.day(2),
                    officer: row.text(3), rule: RetentionRule.applying(programme: programmeRule, site: site),
                    keptBy: row.int(4) != 0 ? .legalHold : row.int(5) != 0 ? .restriction : nil)
                return (candidate, (row.int64(7), row.optionalInt64(8)))
            }.filter { found in
                let closedOn = found.candidate.closedOn
                if let olderThan { return olderThan.after(closedOn) <= today }
                return found.candidate.rule?.isDue(closedOn: closedOn, today: today) ?? false
            }
        }
    }

    /// The tables and columns erasure blanks, by how they reach the client. Every free-text
    /// column that may hold something about the person is here; `ErasureTests` holds the list
    /// to the schema's text columns, so a new one must be placed here or among the kept.
    static let erasedText: [(table: String, columns: [String], clientKey: String)] = [
        ("notes", ["summary"], "client_id = ?1"),
        ("phase_history", ["note"], "client_id = ?1"),
        ("obligations", ["description", "evidence", "waived_reason"], "client_id = ?1"),
        ("contracts", ["end_reason"], "client_id = ?1"),
        ("contract_versions", ["reason"], "contract_id IN (SELECT id FROM contracts WHERE client_id = ?1)"),
        (
            "contract_version_obligations", ["description"],
            "contract_id IN (SELECT id FROM contracts WHERE client_id = ?1)"
        ),
        ("contract_events", ["note"], "contract_id IN (SELECT id FROM contracts WHERE client_id = ?1)"),
        ("qualifications", ["title", "field", "institution"], "client_id = ?1"),
        (
            "recognition_events", ["note"],
            "qualification_id IN (SELECT id FROM qualifications WHERE client_id = ?1)"
        ),
        ("language_target_overrides", ["reason"], "client_id = ?1"),
        ("civic_status", ["exempt_reason"], "client_id = ?1"),
        ("legal_holds", ["reason"], "client_id = ?1"),
        ("restrictions", ["reason"], "client_id = ?1"),
        // The intake mapping's and participation's words (issue 18), a transfer's reason (issue 15).
        ("intake_mappings", ["career_goal", "training_needs"], "client_id = ?1"),
        ("work_experience", ["title"], "client_id = ?1"),
        ("participation", ["note"], "client_id = ?1"),
        ("transfers", ["reason"], "client_id = ?1"),
    ]

    /// The client row's and search keys' columns erasure blanks, replaces or removes (the
    /// statement in `erase`), and the audit's values.
    static let erasedClientColumns: Set<String> = [
        "clients.family_name", "clients.given_names", "clients.other_names", "clients.sort_name",
        "clients.date_of_birth", "clients.phone", "clients.email", "clients.address", "clients.permit_expiry",
        "clients.external_id", "client_search.token", "client_search.sort_name", "audit.old_value", "audit.new_value",
    ]

    /// The text columns the pseudonymous stub keeps: codes from fixed lists, days and time
    /// stamps, the case number, and the names of organisations (course providers, test
    /// instruments), none of which names the person.
    static let keptText: Set<String> = Set(
        [
            "clients": [
                "case_number", "sex", "country_of_birth", "nationality", "languages", "interpreter_language",
                "arrival_date", "municipality", "residence_category", "programme_status", "phase", "phase_since",
                "created_at", "updated_at",
            ],
            "enrolments": ["programme_id", "profile", "offered_on", "started_on", "planned_end"],
            "phase_history": ["from_phase", "to_phase", "effective_on", "exit_reason", "recorded_at"],
            "audit": ["at", "entity", "field"],
            "language_assessments": ["assessed_on", "skill", "level", "instrument", "provider", "recorded_at"],
            "language_target_overrides": ["skill", "level", "recorded_at"],
            "language_courses": ["provider", "level", "starts_on", "ends_on", "recorded_at"],
            "course_attendance": ["attended_on", "absence", "recorded_at"],
            "qualifications": [
                "country", "stage", "stage_since", "route", "complete_on", "decision_due", "decided_on",
                "passport_issued_on", "passport_expires_on", "compensation", "compensation_start", "compensation_end",
                "created_at", "updated_at", "variant",
            ],
            "recognition_events": ["from_stage", "to_stage", "effective_on", "recorded_at"],
            "civic_status": ["requirement", "attested_on", "updated_at"],
            "civic_sessions": ["module_id", "held_on", "language", "recorded_at"],
            "civic_tests": ["sat_on", "recorded_at"],
            "contracts": [
                "programme_id", "status", "settled_on", "newcomer_signed_on", "authority_signed_on", "reviewed_on",
                "ended_on", "created_at", "updated_at",
            ],
            "contract_versions": ["started_on", "newcomer_signed_on", "authority_signed_on"],
            "contract_version_obligations": ["party", "category", "legal_basis", "due_on", "status"],
            "contract_events": ["kind", "on_day", "recorded_at"],
            "obligations": [
                "party", "category", "legal_basis", "anchor", "due_offset", "due_on", "status", "settled_on",
                "updated_at",
            ],
            "notes": ["contact_type", "contact_on", "interpreter_language", "follow_up_on", "created_at"],
            // civic_exempt_from is refreshed by the erasing write from the stand-in date of birth.
            "client_facts": ["phase", "programme_id", "contact_since", "contract_ended_on", "civic_exempt_from"],
            "legal_holds": ["since", "placed_at", "lifted_at"],
            "restrictions": ["since", "placed_at", "lifted_at"],
            "erasures": ["erased_at", "birth_years"],
            // Codes, levels and days: what the intake, participation and outcome figures count.
            "intake_mappings": [
                "mapped_on", "schooling_country", "first_language_literacy", "latin_literacy", "digital_skills",
                "driving_licence", "updated_at",
            ],
            "work_experience": ["country", "isco", "recorded_at"],
            "participation": ["kind", "starts_on", "ends_on", "recorded_at"],
            "outcomes": ["stage", "activity", "work_time", "isco_major", "recorded_on", "recorded_at"],
            // Ids only (who looked, when, what kind of look), and a transfer's course.
            "read_log": ["at", "seen"],
            "transfers": ["state", "proposed_at", "decided_at"],
        ].flatMap { table, columns in columns.map { "\(table).\($0)" } })

    /// Erases one client's personal data in one transaction, keeping the pseudonymous stub the
    /// past figures need (`ErasureScope`). Admins only; refused unless the case is closed, past
    /// its rule (its programme's, else `site`), and under no legal hold or restriction. The bytes freed stay in the file's
    /// free pages and the WAL until `purgeFreedPages` runs; with `secure_delete` (on here)
    /// SQLite zeroes them as it frees them.
    @discardableResult
    package func erase(clientID: Client.ID, site: RetentionRule?, actor: Staff) throws -> ErasureResult {
        try require(.erase, by: actor.id, client: clientID)
        try database.executeScript("PRAGMA secure_delete = ON")
        return try write {
            guard
                let candidate = try closedCases(site: site, today: clock.today, olderThan: nil, clientID: clientID)
                    .first?.candidate
            else {
                throw StoreError.refused(
                    tr("This client is not due for erasure (the case is open, not past the period, or already erased).")
                )
            }
            if let flag = candidate.keptBy {
                throw StoreError.refused(
                    tr(
                        "This client is kept by a {flag}; it is erased only once that is lifted.",
                        [
                            "flag": flag.description
                        ]))
            }
            let client = try requireClient(clientID)
            var result = ErasureResult(caseNumber: candidate.caseNumber, birthYears: BirthYearBand(client.dateOfBirth))
            try database.execute(
                """
                UPDATE clients SET family_name = '', given_names = '', other_names = '', sort_name = '',
                    date_of_birth = ?2, phone = '', email = '', address = '', permit_expiry = NULL, external_id = NULL,
                    vulnerabilities = 0, version = version + 1, updated_at = ?3, updated_by = ?4
                WHERE id = ?1
                """, [clientID, result.birthYears.standIn, clock.now.iso, actor.id])
            result.rows.append(("clients", database.changes))
            try database.execute("DELETE FROM client_search WHERE client_id = ?", [clientID])
            result.rows.append(("client_search", database.changes))
            for target in Store.erasedText {
                let blank = target.columns.map { "\($0) = ''" }.joined(separator: ", ")
                let anyText = target.columns.map { "\($0) <> ''" }.joined(separator: " OR ")
                try database.execute(
                    "UPDATE \(target.table) SET \(blank) WHERE (\(target.clientKey)) AND (\(anyText))", [clientID])
                if database.changes > 0 { result.rows.append((target.table, database.changes)) }
            }
            try database.execute(
                """
                UPDATE audit SET old_value = NULL, new_value = NULL, value_salt = NULL
                WHERE client_id = ? AND (old_value IS NOT NULL OR new_value IS NOT NULL OR value_salt IS NOT NULL)
                """, [clientID])
            result.auditValues = database.changes
            try audit(.erasure, id: clientID, clientID: clientID, field: .erased, old: nil, new: nil, actor: actor.id)
            try database.execute(
                "INSERT INTO erasures (client_id, erased_at, erased_by, birth_years) VALUES (?, ?, ?, ?)",
                [clientID, clock.now.iso, actor.id, result.birthYears.description])
            return result
        }
    }

    /// True when the client's personal data was erased.
    func isErased(clientID: Client.ID) throws -> Bool {
        try read { try database.scalar("SELECT 1 FROM erasures WHERE client_id = ?", [clientID]) != nil }
    }

    /// Leaves nothing erased in the file: moves the WAL into the database and empties it, then
    /// rebuilds the file without its free pages (VACUUM), and empties the WAL again. Returns
    /// false when another connection kept the WAL from being emptied (someone has the file
    /// open); the caller says to run it again.
    @discardableResult
    package func purgeFreedPages() throws -> Bool {
        do {
            try database.executeScript("PRAGMA secure_delete = ON")
            let first = try checkpointTruncate()
            try database.executeScript("VACUUM")
            let second = try checkpointTruncate()
            return first && second
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// `wal_checkpoint(TRUNCATE)`: true when every frame was copied and the WAL emptied.
    private func checkpointTruncate() throws -> Bool {
        let busy = try database.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)") { $0.int(0) }
        return busy == 0
    }
}

extension RecordFlag {
    var auditEntity: AuditEntity { self == .legalHold ? .legalHold : .restriction }
}
