import CasebookCore

extension Store {
    static let clientColumns = """
        id, case_number, family_name, given_names, other_names, date_of_birth, sex, country_of_birth,
        nationality, languages, interpreter_language, arrival_date, municipality, residence_category,
        permit_expiry, programme_status, vulnerabilities, phone, email, address, officer_id, phase, version
        """

    static func client(_ row: Row) throws -> Client {
        guard let caseNumber = try? CaseNumber(row.text(1)) else { throw StoreError.corrupt("a stored case number is malformed") }
        return Client(
            id: row.int64(0), caseNumber: caseNumber, familyName: row.text(2), givenNames: row.text(3),
            otherNames: row.text(4), dateOfBirth: try row.day(5), sex: try row.value(6, as: Sex.self),
            countryOfBirth: row.text(7), nationality: row.text(8),
            languages: row.text(9).split(separator: ",").map(String.init),
            interpreterLanguage: row.optionalText(10), arrivalDate: try row.day(11), municipality: row.text(12),
            residenceCategory: try row.value(13, as: ResidenceCategory.self), permitExpiry: try row.optionalDay(14),
            programmeStatus: try row.value(15, as: ProgrammeStatus.self),
            vulnerabilities: Vulnerability.set(mask: row.int(16)), phone: row.text(17), email: row.text(18),
            address: row.text(19), officerID: row.optionalInt64(20), phase: try row.value(21, as: CasePhase.self),
            version: row.int(22))
    }

    package func client(id: Client.ID) throws -> Client? {
        try read {
            try database.queryFirst("SELECT \(Store.clientColumns) FROM clients WHERE id = ?", [id], Store.client)
        }
    }

    package func client(caseNumber: CaseNumber) throws -> Client? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.clientColumns) FROM clients WHERE case_number = ?", [caseNumber.text], Store.client)
        }
    }

    /// The next free case number of `year` (one past the highest used).
    package func nextCaseNumber(year: Int) throws -> CaseNumber {
        try read {
            let highest = try database.queryFirst(
                "SELECT max(case_number) FROM clients WHERE case_number >= ? AND case_number < ?",
                ["\(year)-", "\(year)."]
            ) { $0.optionalText(0) }
            let sequence = (highest ?? nil).flatMap { try? CaseNumber($0) }?.sequence ?? 0
            guard let number = CaseNumber(year: year, sequence: sequence + 1) else {
                throw StoreError.corrupt("case numbers of \(year) are exhausted")
            }
            return number
        }
    }

    /// Validates and saves a new client in the Referred phase; every field is audited.
    package func addClient(_ draft: ClientDraft, actor: Staff.ID) throws -> Client {
        let client: Client
        do { client = try draft.validated(version: 1, phase: .referred, today: clock.today) } catch {
            throw StoreError.invalid(error)
        }
        return try write {
            let now = clock.now
            let id = try insert(client, actor: actor, now: now, phaseSince: clock.today)
            try insertPhaseSteps(clientID: id, [PhaseStep(from: nil, to: .referred, on: clock.today)], now: now, actor: actor)
            let saved = Client(copying: client, id: id)
            for (field, value) in ClientDraft(saved).values.sorted(by: { $0.key.order < $1.key.order })
            where !value.isEmpty {
                try audit(entity: "client", id: id, clientID: id, field: field.rawValue, old: nil, new: value, actor: actor)
            }
            if let officer = saved.officerID {
                try audit(
                    entity: "client", id: id, clientID: id, field: "officer", old: nil,
                    new: try officerName(officer), actor: actor)
            }
            return saved
        }
    }

    /// The columns a new client row fills, in the order of `clientValues`.
    static let clientInsertColumns = [
        "case_number", "family_name", "given_names", "other_names", "sort_name", "date_of_birth", "sex",
        "country_of_birth", "nationality", "languages", "interpreter_language", "arrival_date", "municipality",
        "residence_category", "permit_expiry", "programme_status", "vulnerabilities", "phone", "email", "address",
        "officer_id", "phase", "phase_since", "version", "created_at", "created_by", "updated_at", "updated_by",
    ]

    /// The values of `clientInsertColumns`; `sortName` when the caller folded it already.
    static func clientValues(
        _ client: Client, sortName: String? = nil, phaseSince: Day, now: SQLValue, actor: Staff.ID
    ) -> [SQLValue] {
        [
            sql(client.caseNumber.text), sql(client.familyName), sql(client.givenNames), sql(client.otherNames),
            sql(sortName ?? SearchKey.sortKey(family: client.familyName, given: client.givenNames)), sql(client.dateOfBirth),
            sql(client.sex.rawValue), sql(client.countryOfBirth), sql(client.nationality),
            sql(client.languages.joined(separator: ",")), sql(client.interpreterLanguage), sql(client.arrivalDate),
            sql(client.municipality), sql(client.residenceCategory.rawValue), sql(client.permitExpiry),
            sql(client.programmeStatus.rawValue), sql(Vulnerability.mask(client.vulnerabilities)), sql(client.phone),
            sql(client.email), sql(client.address), sql(client.officerID), sql(client.phase.rawValue), sql(phaseSince), sql(1),
            now, sql(actor), now, sql(actor),
        ]
    }

    static let enrolmentInsertColumns = [
        "client_id", "programme_id", "programme_version", "profile", "offered_on", "started_on", "planned_end",
    ]

    static func enrolmentValues(_ enrolment: Enrolment, clientID: Client.ID) -> [SQLValue] {
        [
            sql(clientID), sql(enrolment.programmeID), sql(enrolment.programmeVersion), sql(enrolment.profile),
            sql(enrolment.offeredOn), sql(enrolment.startedOn), sql(enrolment.plannedEnd),
        ]
    }

    /// The search tokens of a client, as (token, sort name, id) rows.
    static func tokenRows(_ client: Client, id: Client.ID) -> [[SQLValue]] {
        let sortName = SQLValue.text(SearchKey.sortKey(family: client.familyName, given: client.givenNames))
        return SearchKey.tokens(of: [client.familyName, client.givenNames, client.otherNames]).map { [.text($0), sortName, .integer(id)] }
    }

    /// Inserts the client row, its search tokens and its enrolment. Call inside `write`;
    /// returns the new id. A taken case number throws `duplicateCaseNumber`.
    func insert(
        _ client: Client, actor: Staff.ID, now: Instant, phaseSince: Day, enrolment: Enrolment = Enrolment()
    ) throws -> Client.ID {
        do {
            try database.execute(
                "INSERT INTO clients (\(Store.clientInsertColumns.joined(separator: ", "))) VALUES "
                    + Store.valueRows(count: 1, width: Store.clientInsertColumns.count),
                values: Store.clientValues(client, phaseSince: phaseSince, now: .text(now.iso), actor: actor))
        } catch let error as DatabaseError where error.isConstraint && error.message.contains("case_number") {
            throw StoreError.duplicateCaseNumber(client.caseNumber.text)
        }
        let id = database.lastInsertRowID
        try insertTokens(for: client, id: id)
        try database.execute(
            "INSERT INTO enrolments (\(Store.enrolmentInsertColumns.joined(separator: ", "))) VALUES "
                + Store.valueRows(count: 1, width: Store.enrolmentInsertColumns.count),
            values: Store.enrolmentValues(enrolment, clientID: id))
        return id
    }

    /// Records steps of a case's phase history, in one statement. Call inside `write`.
    func insertPhaseSteps(
        clientID: Client.ID, _ steps: [PhaseStep], note: String = "", now: Instant, actor: Staff.ID
    ) throws {
        guard !steps.isEmpty else { return }
        let stamp = SQLValue.text(now.iso)
        var arguments: [any SQLBindable] = []
        arguments.reserveCapacity(steps.count * 8)
        for step in steps {
            arguments += [clientID, step.from, step.to, step.on, step.exitReason, note, stamp, actor]
        }
        try database.execute(
            """
            INSERT INTO phase_history (client_id, from_phase, to_phase, effective_on, exit_reason, note, recorded_at,
                recorded_by)
            VALUES
            """ + Store.valueRows(count: steps.count, width: 8), arguments)
    }

    /// "(?, ?), (?, ?)" for a multi-row INSERT.
    static func valueRows(count: Int, width: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return Array(repeating: row, count: count).joined(separator: ", ")
    }

    private func insertTokens(for client: Client, id: Client.ID) throws {
        let rows = Store.tokenRows(client, id: id)
        guard !rows.isEmpty else { return }
        try database.execute(
            "INSERT OR IGNORE INTO client_search (token, sort_name, client_id) VALUES " + Store.valueRows(count: rows.count, width: 3),
            values: rows.flatMap { $0 })
    }

    /// Saves an edited client if nobody saved it since `expectedVersion` was read; otherwise
    /// throws `StoreError.conflict` naming who did, and writes nothing. Returns the saved record.
    package func updateClient(
        id: Client.ID, with draft: ClientDraft, expectedVersion: Int, actor: Staff.ID
    ) throws -> Client {
        try write {
            guard let current = try client(id: id) else { throw StoreError.notFound("client") }
            guard current.version == expectedVersion else { throw try conflict(clientID: id) }
            let updated: Client
            do {
                updated = try draft.validated(
                    id: id, version: current.version + 1, phase: current.phase, today: clock.today)
            } catch let failure as ValidationFailure { throw StoreError.invalid(failure) }
            let changes = updated.changes(from: current)
            let officerChanged = updated.officerID != current.officerID
            guard !changes.isEmpty || officerChanged else { return current }
            do {
            try database.execute(
                """
                UPDATE clients SET case_number = ?, family_name = ?, given_names = ?, other_names = ?, sort_name = ?,
                    date_of_birth = ?, sex = ?, country_of_birth = ?, nationality = ?, languages = ?,
                    interpreter_language = ?, arrival_date = ?, municipality = ?, residence_category = ?,
                    permit_expiry = ?, programme_status = ?, vulnerabilities = ?, phone = ?, email = ?, address = ?,
                    officer_id = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ? AND version = ?
                """,
                [
                    updated.caseNumber.text, updated.familyName, updated.givenNames, updated.otherNames,
                    SearchKey.sortKey(family: updated.familyName, given: updated.givenNames),
                    updated.dateOfBirth, updated.sex, updated.countryOfBirth, updated.nationality,
                    updated.languages.joined(separator: ","), updated.interpreterLanguage, updated.arrivalDate,
                    updated.municipality, updated.residenceCategory, updated.permitExpiry, updated.programmeStatus,
                    Vulnerability.mask(updated.vulnerabilities), updated.phone, updated.email, updated.address,
                    updated.officerID, clock.now, actor, id, expectedVersion,
                ])
            } catch let error as DatabaseError where error.isConstraint && error.message.contains("case_number") {
                throw StoreError.duplicateCaseNumber(updated.caseNumber.text)
            }
            guard database.changes == 1 else { throw try conflict(clientID: id) }
            if changes.contains(where: { [.familyName, .givenNames, .otherNames].contains($0.field) }) {
                // The tokens carry the sort name too, so any name change rewrites them.
                try database.execute("DELETE FROM client_search WHERE client_id = ?", [id])
                try insertTokens(for: updated, id: id)
            }
            for change in changes {
                try audit(
                    entity: "client", id: id, clientID: id, field: change.field.rawValue,
                    old: change.old, new: change.new, actor: actor)
            }
            if officerChanged {
                try audit(
                    entity: "client", id: id, clientID: id, field: "officer",
                    old: try current.officerID.map(officerName), new: try updated.officerID.map(officerName),
                    actor: actor)
            }
            return updated
        }
    }

    /// The conflict error for a client: who saved it last, and when.
    func conflict(clientID: Client.ID) throws -> StoreError {
        let last = try database.queryFirst(
            """
            SELECT s.display_name, c.updated_at FROM clients c JOIN staff s ON s.id = c.updated_by
            WHERE c.id = ?
            """, [clientID]
        ) { (name: $0.text(0), at: try $0.instant(1)) }
        guard let last else { throw StoreError.notFound("client") }
        return .conflict(entity: "client", by: last.name, at: last.at)
    }

    func officerName(_ id: Staff.ID) throws -> String {
        try database.queryFirst("SELECT username FROM staff WHERE id = ?", [id]) { $0.text(0) } ?? "#\(id)"
    }
}

extension Client {
    init(copying client: Client, id: Client.ID) {
        self = client
        self.id = id
    }
}

extension ClientField {
    /// Position in forms and audit listings.
    var order: Int { ClientField.allCases.firstIndex(of: self) ?? 0 }
}
