import CasebookCore
import CasebookL10n

extension Store {
    /// The columns a client is read from.
    enum ClientColumn: Int32, ColumnSet {
        case id, caseNumber, familyName, givenNames, otherNames, dateOfBirth, sex, countryOfBirth, nationality,
            languages
        case interpreterLanguage, arrivalDate, municipality, residenceCategory, permitExpiry, programmeStatus
        case vulnerabilities, phone, email, address, officerID, phase, version
    }

    static let clientSelection = ClientColumn.selection()

    static func client(_ row: Row) throws -> Client {
        let row = NamedRow<ClientColumn>(row)
        guard let caseNumber = try? CaseNumber(row.text(.caseNumber)) else {
            throw StoreError.corrupt("a stored case number is malformed")
        }
        return Client(
            id: row.int64(.id), caseNumber: caseNumber, familyName: row.text(.familyName),
            givenNames: row.text(.givenNames), otherNames: row.text(.otherNames),
            dateOfBirth: try row.day(.dateOfBirth),
            sex: try row.value(.sex, as: Sex.self), countryOfBirth: row.text(.countryOfBirth),
            nationality: row.text(.nationality), languages: row.text(.languages).split(separator: ",").map(String.init),
            interpreterLanguage: row.optionalText(.interpreterLanguage), arrivalDate: try row.day(.arrivalDate),
            municipality: row.text(.municipality),
            residenceCategory: try row.value(.residenceCategory, as: ResidenceCategory.self),
            permitExpiry: try row.optionalDay(.permitExpiry),
            programmeStatus: try row.value(.programmeStatus, as: ProgrammeStatus.self),
            vulnerabilities: Vulnerability.set(mask: row.int(.vulnerabilities)), phone: row.text(.phone),
            email: row.text(.email), address: row.text(.address), officerID: row.optionalInt64(.officerID),
            phase: try row.value(.phase, as: CasePhase.self), version: row.int(.version))
    }

    func client(id: Client.ID) throws -> Client? {
        try read {
            try database.queryFirst("SELECT \(Store.clientSelection) FROM clients WHERE id = ?", [id], Store.client)
        }
    }

    func client(caseNumber: CaseNumber) throws -> Client? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.clientSelection) FROM clients WHERE case_number = ?", [caseNumber.text], Store.client)
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
    /// The client belongs to `office`: when nil, the one office where the actor registers clients.
    package func addClient(_ draft: ClientDraft, office: Office.ID? = nil, actor: Staff.ID) throws -> Client {
        let client = try checked { try draft.validated(version: 1, phase: .referred, today: clock.today) }
        return try write {
            let office =
                try office ?? draft.officeID
                ?? registeringOffice(of: actor, officer: client.officerID, municipality: client.municipality)
            try require(.registerClient, by: actor, office: office)
            if let officer = client.officerID, try self.actor(officer).role(in: office) == nil {
                throw StoreError.refused(
                    tr("The officer chosen does not work in this office; choose one of its officers."))
            }
            let now = clock.now
            let id = try insert(client, office: office, actor: actor, now: now, phaseSince: clock.today)
            try insertPhaseSteps(
                clientID: id, [PhaseStep(from: nil, to: .referred, on: clock.today)], now: now, actor: actor)
            let saved = Client(copying: client, id: id)
            for (field, value) in ClientDraft(saved).values.sorted(by: { $0.key.order < $1.key.order })
            where !value.isEmpty {
                try audit(.client, id: id, clientID: id, field: .client(field), old: nil, new: value, actor: actor)
            }
            if let officer = saved.officerID {
                try audit(
                    .client, id: id, clientID: id, field: .officer, old: nil, new: try officerName(officer),
                    actor: actor)
            }
            return saved
        }
    }

    /// The client row as written (`id` NULL for a client of the store's own: SQLite numbers it).
    static func clientRow(
        _ client: Client, id: Client.ID?, sortName: String? = nil, phaseSince: Day, now: SQLValue, actor: Staff.ID,
        office: Office.ID
    ) -> RowValues<ClientRowColumn> {
        var row = RowValues<ClientRowColumn>()
        row[.id] = sql(id)
        row[.officeID] = sql(office)
        row[.caseNumber] = sql(client.caseNumber.text)
        row[.familyName] = sql(client.familyName)
        row[.givenNames] = sql(client.givenNames)
        row[.otherNames] = sql(client.otherNames)
        row[.sortName] = sql(sortName ?? SearchKey.sortKey(family: client.familyName, given: client.givenNames))
        row[.dateOfBirth] = sql(client.dateOfBirth)
        row[.sex] = sql(client.sex.rawValue)
        row[.countryOfBirth] = sql(client.countryOfBirth)
        row[.nationality] = sql(client.nationality)
        row[.languages] = sql(client.languages.joined(separator: ","))
        row[.interpreterLanguage] = sql(client.interpreterLanguage)
        row[.arrivalDate] = sql(client.arrivalDate)
        row[.municipality] = sql(client.municipality)
        row[.residenceCategory] = sql(client.residenceCategory.rawValue)
        row[.permitExpiry] = sql(client.permitExpiry)
        row[.programmeStatus] = sql(client.programmeStatus.rawValue)
        row[.vulnerabilities] = sql(Vulnerability.mask(client.vulnerabilities))
        row[.phone] = sql(client.phone)
        row[.email] = sql(client.email)
        row[.address] = sql(client.address)
        row[.officerID] = sql(client.officerID)
        row[.phase] = sql(client.phase.rawValue)
        row[.phaseSince] = sql(phaseSince)
        row[.version] = sql(1)
        row[.createdAt] = now
        row[.createdBy] = sql(actor)
        row[.updatedAt] = now
        row[.updatedBy] = sql(actor)
        return row
    }

    static func enrolmentRow(_ enrolment: Enrolment, clientID: Client.ID) -> RowValues<EnrolmentColumn> {
        var row = RowValues<EnrolmentColumn>()
        row[.clientID] = sql(clientID)
        row[.programmeID] = sql(enrolment.programmeID)
        row[.programmeVersion] = sql(enrolment.programmeVersion)
        row[.profile] = sql(enrolment.profile)
        row[.offeredOn] = sql(enrolment.offeredOn)
        row[.startedOn] = sql(enrolment.startedOn)
        row[.plannedEnd] = sql(enrolment.plannedEnd)
        return row
    }

    /// `INSERT INTO table (the columns) VALUES (?, …)`, `rows` rows of `Columns`.
    static func insertSQL<Columns: ColumnSet>(
        _ table: String, _ columns: Columns.Type, rows: Int = 1, orIgnore: Bool = false
    ) -> String {
        let names = Columns.names
        return "INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(names.joined(separator: ", "))) VALUES "
            + valueRows(count: rows, width: names.count)
    }

    /// Inserts the client row, its search tokens and its enrolment. Call inside `write`;
    /// returns the new id. A taken case number is refused beside its field.
    func insert(
        _ client: Client, office: Office.ID, actor: Staff.ID, now: Instant, phaseSince: Day,
        enrolment: Enrolment = Enrolment()
    ) throws -> Client.ID {
        do {
            try database.execute(
                Store.newClientSQL,
                values: Store.clientRow(
                    client, id: nil, phaseSince: phaseSince, now: .text(now.iso), actor: actor, office: office
                ).values)
        } catch let error as DatabaseError where error.isConstraint && error.message.contains("case_number") {
            throw Store.caseNumberTaken
        }
        let id = database.lastInsertRowID
        try insertTokens(for: client, id: id, office: office)
        try database.execute(Store.newEnrolmentSQL, values: Store.enrolmentRow(enrolment, clientID: id).values)
        return id
    }

    private static let newClientSQL = insertSQL("clients", ClientRowColumn.self)
    private static let newEnrolmentSQL = insertSQL("enrolments", EnrolmentColumn.self)

    /// Records steps of a case's phase history, in one statement. Call inside `write`.
    func insertPhaseSteps(
        clientID: Client.ID, _ steps: [PhaseStep], note: String = "", now: Instant, actor: Staff.ID
    ) throws {
        let stamp = SQLValue.text(now.iso)
        for step in steps {
            var row = RowValues<PhaseStepColumn>()
            row[.clientID] = sql(clientID)
            row[.fromPhase] = sql(step.from)
            row[.toPhase] = sql(step.to)
            row[.effectiveOn] = sql(step.on)
            row[.exitReason] = sql(step.exitReason)
            row[.note] = sql(note)
            row[.recordedAt] = stamp
            row[.recordedBy] = sql(actor)
            try database.execute(Store.phaseStepSQL, values: row.values)
        }
    }

    private enum PhaseStepColumn: Int32, ColumnSet {
        case clientID, fromPhase, toPhase, effectiveOn, exitReason, note, recordedAt, recordedBy
    }

    private static let phaseStepSQL = insertSQL("phase_history", PhaseStepColumn.self)

    /// "(?, ?), (?, ?)" for a multi-row INSERT.
    static func valueRows(count: Int, width: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return Array(repeating: row, count: count).joined(separator: ", ")
    }

    /// The client's search tokens, in one INSERT of as many rows as the name has tokens; each
    /// carries the client's office, which the search reads before the name (migration 13).
    private func insertTokens(for client: Client, id: Client.ID, office: Office.ID) throws {
        let tokens = SearchKey.indexTokens(of: [client.familyName, client.givenNames, client.otherNames])
        guard !tokens.isEmpty else { return }
        let sortName = SQLValue.text(SearchKey.sortKey(family: client.familyName, given: client.givenNames))
        var values: [SQLValue] = []
        for token in tokens {
            var row = RowValues<TokenColumn>()
            row[.token] = .text(token)
            row[.sortName] = sortName
            row[.clientID] = .integer(id)
            row[.officeID] = .integer(office)
            values += row.values
        }
        try database.execute(
            Store.insertSQL("client_search", TokenColumn.self, rows: tokens.count, orIgnore: true), values: values)
    }

    /// Saves an edited client if nobody saved it since `expectedVersion` was read; otherwise
    /// throws `StoreError.conflict` naming who did, and writes nothing. Returns the saved record.
    package func updateClient(
        id: Client.ID, with draft: ClientDraft, expectedVersion: Int, actor: Staff.ID
    ) throws -> Client {
        try write {
            try require(.editIdentity, by: actor, client: id)
            guard let current = try client(id: id) else { throw StoreError.notFound("client") }
            try requireVersion(.clients, id: id, current: current.version, expected: expectedVersion)
            let updated = try checked {
                try draft.validated(id: id, version: current.version + 1, phase: current.phase, today: clock.today)
            }
            let changes = updated.changes(from: current)
            let officerChanged = updated.officerID != current.officerID
            guard !changes.isEmpty || officerChanged else { return current }
            do {
                try saveVersioned(
                    .clients, id: id, expected: expectedVersion,
                    set: """
                        case_number = ?, family_name = ?, given_names = ?, other_names = ?, sort_name = ?,
                        date_of_birth = ?, sex = ?, country_of_birth = ?, nationality = ?, languages = ?,
                        interpreter_language = ?, arrival_date = ?, municipality = ?, residence_category = ?,
                        permit_expiry = ?, programme_status = ?, vulnerabilities = ?, phone = ?, email = ?, address = ?,
                        officer_id = ?
                        """,
                    [
                        updated.caseNumber.text, updated.familyName, updated.givenNames, updated.otherNames,
                        SearchKey.sortKey(family: updated.familyName, given: updated.givenNames),
                        updated.dateOfBirth, updated.sex, updated.countryOfBirth, updated.nationality,
                        updated.languages.joined(separator: ","), updated.interpreterLanguage, updated.arrivalDate,
                        updated.municipality, updated.residenceCategory, updated.permitExpiry, updated.programmeStatus,
                        Vulnerability.mask(updated.vulnerabilities), updated.phone, updated.email, updated.address,
                        updated.officerID,
                    ], actor: actor)
            } catch let error as DatabaseError where error.isConstraint && error.message.contains("case_number") {
                throw Store.caseNumberTaken
            }
            if changes.contains(where: { [.familyName, .givenNames, .otherNames].contains($0.field) }) {
                // The tokens carry the sort name too, so any name change rewrites them.
                let office = try database.scalar("SELECT office_id FROM clients WHERE id = ?", [id]) ?? 0
                try database.execute("DELETE FROM client_search WHERE client_id = ?", [id])
                try insertTokens(for: updated, id: id, office: office)
            }
            for change in changes {
                try audit(
                    .client, id: id, clientID: id, field: .client(change.field), old: change.old, new: change.new,
                    actor: actor)
            }
            if officerChanged {
                try audit(
                    .client, id: id, clientID: id, field: .officer, old: try current.officerID.map(officerName),
                    new: try updated.officerID.map(officerName), actor: actor)
            }
            return updated
        }
    }

    /// The refusal of a case number another client has.
    static let caseNumberTaken = StoreError.invalid(
        ClientField.caseNumber, "Already taken by another client; choose another number.")

    func officerName(_ id: Staff.ID) throws -> String {
        try database.queryFirst("SELECT username FROM staff WHERE id = ?", [id]) { $0.text(0) } ?? "#\(id)"
    }
}

extension Store {
    /// True when the file holds no clients yet.
    package func hasClients() throws -> Bool {
        try read { try database.scalar("SELECT 1 FROM clients LIMIT 1") != nil }
    }
}

/// The columns of a client row as written.
enum ClientRowColumn: Int32, ColumnSet {
    case id, caseNumber, familyName, givenNames, otherNames, sortName, dateOfBirth, sex, countryOfBirth, nationality
    case languages, interpreterLanguage, arrivalDate, municipality, residenceCategory, permitExpiry, programmeStatus
    case vulnerabilities, phone, email, address, officerID, phase, phaseSince, version, createdAt, createdBy
    case updatedAt, updatedBy
    case officeID
}

enum EnrolmentColumn: Int32, ColumnSet {
    case clientID, programmeID, programmeVersion, profile, offeredOn, startedOn, plannedEnd
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

extension Store {
    /// The office a new client belongs to when none is named: the chosen officer's office
    /// where the actor registers clients too, else the first of the actor's offices where they
    /// do. (The new-client form names no office yet; an admin of several offices registers in
    /// the first, or in the officer's.)
    func registeringOffice(of actor: Staff.ID, officer: Staff.ID?, municipality: String = "") throws -> Office.ID {
        let offices = try self.actor(actor).offices(for: .registerClient, policy: policy).whole
        guard let first = offices.first else {
            throw StoreError.notAllowed(policy.refusal(.registerClient, officeName: nil))
        }
        if let serving = try servingOffice(municipality, among: offices),
            try officer.map({ try self.actor($0).role(in: serving) != nil }) ?? true
        {
            return serving
        }
        if let officer, let theirs = try self.actor(officer).memberships.map(\.officeID).first(where: offices.contains) {
            return theirs
        }
        return first
    }

    /// The office of `offices` that serves `municipality` (by its name, ignoring case), if one does.
    package func servingOffice(_ municipality: String, among offices: [Office.ID]) throws -> Office.ID? {
        let name = trimmed(municipality).lowercased()
        guard !name.isEmpty else { return nil }
        return try self.offices().first { office in
            offices.contains(office.id) && office.municipalities.contains { $0.lowercased() == name }
        }?.id
    }
}
