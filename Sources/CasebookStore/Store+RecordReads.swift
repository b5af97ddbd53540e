import CasebookCore

/// The doors to a client's record for screens and commands: each takes the person reading and
/// asks the policy (`openRecord`) on the same snapshot as the read, so a client moved to another
/// office between the check and the read is not shown. The loads behind them are internal: the
/// Store calls them inside checks it has already made. Only `openRecord(_:by:)` writes the read
/// log, once per open; the tabs read through these doors without logging again.
extension Store {
    /// Runs `body` on one snapshot once the policy lets `viewer` take `action` on the client.
    func reading<T>(
        _ clientID: Client.ID, by viewer: Staff.ID, as action: Action = .openRecord, _ body: () throws -> T
    ) throws -> T {
        try read {
            try require(action, by: viewer, client: clientID)
            return try body()
        }
    }

    /// The same for a row of `table` (contracts, obligations, qualifications) found by its id: a
    /// row that does not exist reads as `missing`, as the load would say.
    func reading<T>(row id: Int64, of table: String, by viewer: Staff.ID, missing: T, _ body: () throws -> T) throws
        -> T
    {
        try read {
            guard let clientID = try database.scalar("SELECT client_id FROM \(table) WHERE id = ?", [id]) else {
                return missing
            }
            try require(.openRecord, by: viewer, client: clientID)
            return try body()
        }
    }

    /// Those of `clientIDs` on which `viewer` may take `action`, in one query: for reads over a
    /// page of rows, which must not ask once per row.
    func visible(_ clientIDs: [Client.ID], for action: Action, by viewer: Staff.ID) throws -> [Client.ID] {
        guard !clientIDs.isEmpty else { return [] }
        let (whole, ownOnly) = try actor(viewer).offices(for: action, policy: policy)
        guard !whole.isEmpty || !ownOnly.isEmpty else { return [] }
        return try read {
            try database.query(
                """
                SELECT id FROM clients WHERE id IN \(IDList.sql)
                    AND (office_id IN \(IDList.sql) OR (office_id IN \(IDList.sql) AND officer_id = ?))
                """, [IDList(clientIDs), IDList(whole), IDList(ownOnly), viewer]
            ) { $0.int64(0) }
        }
    }

    // MARK: The client

    /// The client, for `viewer`; refused unless they may open the record. Not logged: the record's
    /// screen opens it once with `openRecord(_:by:)` and reloads it through here.
    package func client(id: Client.ID, by viewer: Staff.ID) throws -> Client? {
        try reading(id, by: viewer) { try client(id: id) }
    }

    /// The client with this case number, or nil when there is none or `viewer` may not open their
    /// record: to someone outside the client's office a number held there and a number never
    /// given look the same, so nobody can probe which numbers exist elsewhere.
    package func client(caseNumber: CaseNumber, by viewer: Staff.ID) throws -> Client? {
        try read {
            guard let client = try client(caseNumber: caseNumber) else { return nil }
            do { try require(.openRecord, by: viewer, client: client.id) } catch StoreError.notFound {
                return nil
            } catch StoreError.notAllowed {
                return nil
            }
            return client
        }
    }

    package func office(ofClient clientID: Client.ID, by viewer: Staff.ID) throws -> Office? {
        try reading(clientID, by: viewer) { try office(ofClient: clientID) }
    }

    package func phaseHistory(clientID: Client.ID, by viewer: Staff.ID) throws -> [PhaseChange] {
        try reading(clientID, by: viewer) { try phaseHistory(clientID: clientID) }
    }

    package func enrolment(clientID: Client.ID, by viewer: Staff.ID) throws -> Enrolment? {
        try reading(clientID, by: viewer) { try enrolment(clientID: clientID) }
    }

    package func programme(forClient clientID: Client.ID, by viewer: Staff.ID) throws -> (
        programme: Programme, profile: String?
    )? {
        try reading(clientID, by: viewer) { try programme(forClient: clientID) }
    }

    package func appliedProgramme(forClient clientID: Client.ID, by viewer: Staff.ID) throws -> AppliedProgramme? {
        try reading(clientID, by: viewer) { try appliedProgramme(forClient: clientID) }
    }

    package func auditTrail(clientID: Client.ID, before: Int64? = nil, limit: Int = 200, by viewer: Staff.ID) throws
        -> [AuditEntry]
    {
        try reading(clientID, by: viewer) { try auditTrail(clientID: clientID, before: before, limit: limit) }
    }

    package func recordStatus(clientID: Client.ID, by viewer: Staff.ID) throws -> (
        flags: [RecordFlagState], isErased: Bool
    ) {
        try reading(clientID, by: viewer) { try recordStatus(clientID: clientID) }
    }

    package func flags(clientID: Client.ID, by viewer: Staff.ID) throws -> [RecordFlagState] {
        try reading(clientID, by: viewer) { try flags(clientID: clientID) }
    }

    // MARK: Tracks

    package func assessments(clientID: Client.ID, by viewer: Staff.ID) throws -> [LanguageAssessment] {
        try reading(clientID, by: viewer) { try assessments(clientID: clientID) }
    }

    package func targetOverrides(clientID: Client.ID, by viewer: Staff.ID) throws -> [TargetOverride] {
        try reading(clientID, by: viewer) { try targetOverrides(clientID: clientID) }
    }

    package func languageStanding(clientID: Client.ID, by viewer: Staff.ID) throws -> LanguageStanding {
        try reading(clientID, by: viewer) { try languageStanding(clientID: clientID) }
    }

    /// The standings of the clients of a page of the list that `viewer` may see there; others
    /// have none.
    package func languageStandings(clientIDs: [Client.ID], by viewer: Staff.ID) throws -> [Client.ID:
        LanguageStanding]
    {
        try languageStandings(clientIDs: try visible(clientIDs, for: .seeList, by: viewer))
    }

    package func courses(clientID: Client.ID, by viewer: Staff.ID) throws -> [CourseEnrolment] {
        try reading(clientID, by: viewer) { try courses(clientID: clientID) }
    }

    package func attendance(clientID: Client.ID, by viewer: Staff.ID) throws -> [Int64: [AttendanceEntry]] {
        try reading(clientID, by: viewer) { try attendance(clientID: clientID) }
    }

    package func qualifications(clientID: Client.ID, by viewer: Staff.ID) throws -> [Qualification] {
        try reading(clientID, by: viewer) { try qualifications(clientID: clientID) }
    }

    package func qualification(id: Int64, by viewer: Staff.ID) throws -> Qualification? {
        try reading(row: id, of: "qualifications", by: viewer, missing: nil) { try qualification(id: id) }
    }

    package func recognitionEvents(qualificationID: Int64, by viewer: Staff.ID) throws -> [RecognitionEvent] {
        try reading(row: qualificationID, of: "qualifications", by: viewer, missing: []) {
            try recognitionEvents(qualificationID: qualificationID)
        }
    }

    /// Which of a page's clients that `viewer` may see there have a recognition file past its
    /// deadline.
    package func clientsWithOverdueRecognition(_ clientIDs: [Client.ID], by viewer: Staff.ID) throws -> Set<
        Client.ID
    > {
        try clientsWithOverdueRecognition(try visible(clientIDs, for: .seeList, by: viewer))
    }

    package func civicProgress(clientID: Client.ID, by viewer: Staff.ID) throws -> CivicProgress {
        try reading(clientID, by: viewer) { try civicProgress(clientID: clientID) }
    }

    package func civicSessions(clientID: Client.ID, by viewer: Staff.ID) throws -> [CivicSession] {
        try reading(clientID, by: viewer) { try civicSessions(clientID: clientID) }
    }

    package func notes(clientID: Client.ID, by viewer: Staff.ID) throws -> [CaseNote] {
        try reading(clientID, by: viewer) { try notes(clientID: clientID) }
    }

    // MARK: Intake, participation and outcomes

    package func intakeMapping(clientID: Client.ID, by viewer: Staff.ID) throws -> IntakeMapping? {
        try reading(clientID, by: viewer) { try intakeMapping(clientID: clientID) }
    }

    package func workExperience(clientID: Client.ID, by viewer: Staff.ID) throws -> [WorkExperience] {
        try reading(clientID, by: viewer) { try workExperience(clientID: clientID) }
    }

    package func profileSuggestion(clientID: Client.ID, by viewer: Staff.ID) throws -> ProfileSuggestion? {
        try reading(clientID, by: viewer) { try profileSuggestion(clientID: clientID) }
    }

    package func activities(clientID: Client.ID, by viewer: Staff.ID) throws -> [ParticipationActivity] {
        try reading(clientID, by: viewer) { try activities(clientID: clientID) }
    }

    package func exit(clientID: Client.ID, by viewer: Staff.ID) throws -> (on: Day, reason: ExitReason?)? {
        try reading(clientID, by: viewer) { try exit(clientID: clientID) }
    }

    package func outcomes(clientID: Client.ID, by viewer: Staff.ID) throws -> [Outcome] {
        try reading(clientID, by: viewer) { try outcomes(clientID: clientID) }
    }

    // MARK: The contract

    package func contract(clientID: Client.ID, by viewer: Staff.ID) throws -> Contract? {
        try reading(clientID, by: viewer) { try contract(clientID: clientID) }
    }

    package func contract(id: Int64, by viewer: Staff.ID) throws -> Contract? {
        try reading(row: id, of: "contracts", by: viewer, missing: nil) { try contract(id: id) }
    }

    package func obligations(contractID: Int64, by viewer: Staff.ID) throws -> [Obligation] {
        try reading(row: contractID, of: "contracts", by: viewer, missing: []) {
            try obligations(contractID: contractID)
        }
    }

    package func obligation(id: Int64, by viewer: Staff.ID) throws -> Obligation? {
        try reading(row: id, of: "obligations", by: viewer, missing: nil) { try obligation(id: id) }
    }

    package func contractVersions(contractID: Int64, by viewer: Staff.ID) throws -> [ContractVersion] {
        try reading(row: contractID, of: "contracts", by: viewer, missing: []) {
            try contractVersions(contractID: contractID)
        }
    }

    package func contractEvents(contractID: Int64, by viewer: Staff.ID) throws -> [ContractEvent] {
        try reading(row: contractID, of: "contracts", by: viewer, missing: []) {
            try contractEvents(contractID: contractID)
        }
    }

    package func trackFacts(clientID: Client.ID, by viewer: Staff.ID) throws -> TrackFacts {
        try reading(clientID, by: viewer) { try trackFacts(clientID: clientID) }
    }

    /// The contract and its obligations as printed for `viewer`: refused unless they may print
    /// it, and written to the read log as a print. Nil when the client has no contract yet.
    package func contractForPrint(clientID: Client.ID, by viewer: Staff.ID) throws -> (
        contract: Contract, obligations: [Obligation]
    )? {
        let printed: (contract: Contract, obligations: [Obligation])? = try reading(
            clientID, by: viewer, as: .printContract
        ) {
            guard let contract = try contract(clientID: clientID) else { return nil }
            return (contract, try obligations(contractID: contract.id))
        }
        if printed != nil { try logRead(.contract, clients: [clientID], by: viewer) }
        return printed
    }
}
