import CasebookCore
import Dispatch

/// One step of a case's past, for loading generated or imported histories.
package struct PhaseStep: Sendable {
    package var from: CasePhase?
    package var to: CasePhase
    package var on: Day
    package var exitReason: ExitReason?

    package init(from: CasePhase?, to: CasePhase, on: Day, exitReason: ExitReason? = nil) {
        self.from = from
        self.to = to
        self.on = on
        self.exitReason = exitReason
    }
}

/// A recognition file with every stage it went through, from `identified` to its current one.
package struct RecognitionFile: Sendable {
    package var qualification: Qualification
    package var steps: [(stage: RecognitionStage, on: Day)]

    package init(qualification: Qualification, steps: [(stage: RecognitionStage, on: Day)]) {
        self.qualification = qualification
        self.steps = steps
    }
}

/// A contract for bulk loading: the contract as it stands, its obligations, and the earlier
/// versions' obligations (by version number).
package struct ContractRecord: Sendable {
    package var contract: Contract
    package var draftedOn: Day
    package var obligations: [Obligation]
    package var earlier: [Int: [Obligation]]

    package init(contract: Contract, draftedOn: Day, obligations: [Obligation], earlier: [Int: [Obligation]] = [:]) {
        self.contract = contract
        self.draftedOn = draftedOn
        self.obligations = obligations
        self.earlier = earlier
    }
}

/// Everything the programme tracks hold for one client, for bulk loading.
package struct TrackRecords: Sendable {
    package var contract: ContractRecord?
    package var notes: [CaseNote] = []
    package var assessments: [LanguageAssessment] = []
    package var courses: [(course: CourseEnrolment, attendance: [AttendanceEntry])] = []
    package var recognition: [RecognitionFile] = []
    package var civicRequirement: CivicRequirement?
    package var civicExemptReason = ""
    package var civicAttestedOn: Day?
    package var civicSessions: [CivicSession] = []
    package var civicTests: [CivicTestResult] = []

    package init() {}
}

/// Runs a bulk load's statements on a second thread, in order, so that building the rows (on
/// the calling thread) and writing them (in SQLite) overlap on two cores. The connection is
/// used by one thread at a time: only the writer until `drain` returns.
final class BackgroundWriter: @unchecked Sendable {
    private let database: Database
    private let queue = DispatchQueue(label: "casebook.bulk-writer")
    /// Bounds the batches waiting, and with them the memory they hold.
    private let slots = DispatchSemaphore(value: 16)
    /// Set on the writer thread; read after `drain`.
    private var failure: Error?

    init(database: Database) { self.database = database }

    /// Inserts `rows` of `width` values with `insert` ("INSERT … VALUES "), `perStatement`
    /// rows per statement.
    func enqueue(_ insert: String, width: Int, perStatement: Int, _ rows: PackedRows) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure == nil else { return }
            do { try database.insertRows(insert, width: width, perStatement: perStatement, rows: rows) } catch {
                failure = error
            }
        }
    }

    /// Waits until every queued statement ran; rethrows the first failure.
    func drain() throws {
        queue.sync {}
        if let failure { throw failure }
    }
}

/// Rows for one table, handed to the writer a few hundred at a time.
final class BatchInsert {
    private let writer: BackgroundWriter
    private let insert: String
    private let width: Int
    private let batchRows = 500
    /// Rows per statement: SQLite runs one statement of many rows faster than many of one.
    private let rowsPerStatement = 50
    private var pending: PackedRows
    private var count = 0

    init(_ writer: BackgroundWriter, table: String, columns: [String], orIgnore: Bool = false) {
        self.writer = writer
        insert = "INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        width = columns.count
        pending = PackedRows(reservingBytes: batchRows * width * 12)
    }

    /// Adds one row, its values in the order of the columns.
    func add<each Value: SQLBindable>(_ value: repeat each Value) throws {
        let rows = pending  // one reference for the row, not one per value
        let before = rows.valueCount
        repeat (each value).pack(into: rows)
        try added(rows.valueCount - before)
    }

    /// Adds one row of values already converted.
    func add(values: [SQLValue]) throws {
        let rows = pending
        for value in values { rows.append(value) }
        try added(values.count)
    }

    private func added(_ values: Int) throws {
        precondition(values == width, "\(insert) takes \(width) values a row, not \(values)")
        count += 1
        if count == batchRows { try flush() }
    }

    func flush() throws {
        guard count > 0 else { return }
        writer.enqueue(insert, width: width, perStatement: rowsPerStatement, pending)
        // The writer owns those rows now.
        pending = PackedRows(reservingBytes: pending.byteCount)
        count = 0
    }
}

/// Adds many records inside one transaction (the demo generator): rows are written in
/// batches with ids assigned here, and each client still gets its search tokens, phase
/// history, enrolment, tracks and an audit row.
package final class BulkLoader {
    let store: Store
    let actor: Staff.ID
    /// One timestamp for the whole load: it is one transaction.
    let now: Instant
    private let stamp: String
    private var nextClientID: Int64
    private var nextCourseID: Int64
    private var nextQualificationID: Int64
    private var nextContractID: Int64
    private let writer: BackgroundWriter
    private let clients, tokens, enrolments, history, audit: BatchInsert
    private let assessments, courses, attendance, qualifications, events, civicStatus, civicSessions, civicTests: BatchInsert
    private let contracts, contractVersions, versionObligations, contractEvents, obligations, notes, facts: BatchInsert
    /// A learner profile of one programme version.
    private struct ProfileKey: Hashable {
        let programme: ProgrammeKey
        let profile: String?
    }
    private var targetRanksByProfile: [ProfileKey: [Int?]] = [:]
    /// Names repeat in a load: each distinct one is folded for search once.
    private var folding = SearchKey.Memo()
    /// Every programme version, read before the load starts (the writer owns the connection after).
    private let programmes: [ProgrammeKey: Programme]

    init(store: Store, actor: Staff.ID) throws {
        self.store = store
        self.actor = actor
        now = store.clock.now
        stamp = now.iso
        let db = store.database
        writer = BackgroundWriter(database: db)
        nextClientID = (try db.scalar("SELECT max(id) FROM clients") ?? 0) + 1
        nextCourseID = (try db.scalar("SELECT max(id) FROM language_courses") ?? 0) + 1
        nextQualificationID = (try db.scalar("SELECT max(id) FROM qualifications") ?? 0) + 1
        nextContractID = (try db.scalar("SELECT max(id) FROM contracts") ?? 0) + 1
        var programmes: [ProgrammeKey: Programme] = [:]
        for summary in try store.programmeVersions() {
            if let programme = try store.programme(id: summary.id, version: summary.version) {
                programmes[ProgrammeKey(id: summary.id, version: summary.version)] = programme
            }
        }
        self.programmes = programmes
        facts = BatchInsert(
            writer, table: "client_facts",
            columns: [
                "client_id", "officer_id", "phase", "is_open", "programme_id", "contact_since", "has_contract", "contract_ended_on",
                "civic_required", "civic_complete", "level_min", "lang_targets", "lang_met",
            ] + Store.factSkills.flatMap { [Store.column($0, "cur"), Store.column($0, "tgt")] })
        contracts = BatchInsert(
            writer, table: "contracts",
            columns: [
                "id", "client_id", "programme_id", "programme_version", "status", "number", "settled_on", "newcomer_signed_on",
                "authority_signed_on", "reviewed_on", "ended_on", "end_reason", "version", "created_at", "created_by",
                "updated_at", "updated_by",
            ])
        contractVersions = BatchInsert(
            writer, table: "contract_versions",
            columns: ["contract_id", "number", "started_on", "reason", "newcomer_signed_on", "authority_signed_on"])
        versionObligations = BatchInsert(
            writer, table: "contract_version_obligations",
            columns: ["contract_id", "number", "position", "party", "category", "description", "legal_basis", "due_on", "status"])
        contractEvents = BatchInsert(
            writer, table: "contract_events", columns: ["contract_id", "kind", "on_day", "note", "recorded_at", "recorded_by"])
        obligations = BatchInsert(
            writer, table: "obligations",
            columns: [
                "contract_id", "client_id", "position", "party", "category", "description", "legal_basis", "anchor",
                "due_offset", "due_on", "status", "waived_reason", "evidence", "settled_on", "version", "updated_at",
                "updated_by",
            ])
        notes = BatchInsert(
            writer, table: "notes",
            columns: [
                "client_id", "contact_type", "contact_on", "interpreter_language", "summary", "follow_up_on", "follow_up_done",
                "created_at", "created_by",
            ])
        clients = BatchInsert(writer, table: "clients", columns: ["id"] + Store.clientInsertColumns)
        tokens = BatchInsert(writer, table: "client_search", columns: ["token", "sort_name", "client_id"], orIgnore: true)
        enrolments = BatchInsert(writer, table: "enrolments", columns: Store.enrolmentInsertColumns)
        history = BatchInsert(
            writer, table: "phase_history",
            columns: ["client_id", "from_phase", "to_phase", "effective_on", "exit_reason", "recorded_at", "recorded_by"])
        audit = BatchInsert(
            writer, table: "audit",
            columns: ["at", "staff_id", "entity", "entity_id", "client_id", "field", "old_value", "new_value"])
        assessments = BatchInsert(
            writer, table: "language_assessments",
            columns: [
                "client_id", "assessed_on", "skill", "level", "level_rank", "instrument", "provider", "certified",
                "recorded_at", "recorded_by",
            ])
        courses = BatchInsert(
            writer, table: "language_courses",
            columns: ["id", "client_id", "provider", "level", "starts_on", "ends_on", "hours_planned", "recorded_at", "recorded_by"])
        attendance = BatchInsert(
            writer, table: "course_attendance",
            columns: ["course_id", "attended_on", "scheduled_hours", "attended_hours", "absence", "recorded_at", "recorded_by"])
        qualifications = BatchInsert(
            writer, table: "qualifications",
            columns: [
                "id", "client_id", "title", "field", "country", "institution", "year", "isced", "has_documents", "regulated",
                "stage", "stage_since", "route", "complete_on", "decision_due", "decided_on", "passport_issued_on",
                "passport_expires_on", "compensation", "compensation_start", "compensation_end", "version", "created_at",
                "created_by", "updated_at", "updated_by",
            ])
        events = BatchInsert(
            writer, table: "recognition_events",
            columns: ["qualification_id", "from_stage", "to_stage", "effective_on", "recorded_at", "recorded_by"])
        civicStatus = BatchInsert(
            writer, table: "civic_status",
            columns: ["client_id", "requirement", "exempt_reason", "attested_on", "updated_at", "updated_by"])
        civicSessions = BatchInsert(
            writer, table: "civic_sessions",
            columns: ["client_id", "module_id", "held_on", "hours", "language", "recorded_at", "recorded_by"])
        civicTests = BatchInsert(
            writer, table: "civic_tests",
            columns: ["client_id", "sat_on", "score", "pass_mark", "passed", "recorded_at", "recorded_by"])
    }

    /// Adds a client whose case went through `history` (the first step's `from` is nil; the
    /// last step's `to` is the client's phase), with what the tracks hold. Returns the new id.
    @discardableResult
    package func add(
        _ client: Client, history steps: [PhaseStep], enrolment: Enrolment, tracks: TrackRecords = TrackRecords(), note: String
    ) throws -> Client.ID {
        let id = nextClientID
        nextClientID += 1
        let since = steps.last?.on ?? store.clock.today
        let sortName = folding.sortKey(family: client.familyName, given: client.givenNames)
        try clients.add(
            values: [sql(id)] + Store.clientValues(client, sortName: sortName, phaseSince: since, now: .text(stamp), actor: actor))
        for token in folding.tokens(of: [client.familyName, client.givenNames, client.otherNames]) {
            try tokens.add(token, sortName, id)
        }
        try enrolments.add(values: Store.enrolmentValues(enrolment, clientID: id))
        for step in steps {
            try history.add(id, step.from, step.to, step.on, step.exitReason, stamp, actor)
        }
        try audit.add(stamp, actor, "client", id, id, "record", nil as String?, note)
        try addTracks(tracks, clientID: id)
        try facts.add(values: factsRow(client, id: id, phaseSince: since, enrolment: enrolment, tracks: tracks))
        return id
    }

    /// The client's `client_facts` row, by the rules of `Store.factsSQL` applied to what is
    /// being loaded (a test holds the two to each other on generated files).
    private func factsRow(_ client: Client, id: Int64, phaseSince: Day, enrolment: Enrolment, tracks: TrackRecords) -> [SQLValue] {
        let programme = enrolment.programmeID.flatMap { programmeID in
            enrolment.programmeVersion.flatMap { programmes[ProgrammeKey(id: programmeID, version: $0)] }
        }
        // Per skill of `Store.factSkills`, by position: this runs for every client.
        let skills = Store.factSkills
        let targets = programme.map { targetRanks($0, profile: enrolment.profile) } ?? Array(repeating: nil, count: skills.count)
        var current = [Int?](repeating: nil, count: skills.count)
        var latest = [Day?](repeating: nil, count: skills.count)
        for assessment in tracks.assessments {
            guard let slot = skills.firstIndex(where: { $0 == assessment.skill }) else { continue }
            if latest[slot].map({ assessment.date >= $0 }) ?? true {
                latest[slot] = assessment.date
                current[slot] = assessment.level.rank
            }
        }
        let levelMin = current.contains(nil) ? nil : current.compactMap { $0 }.min()
        let contactSince = tracks.notes.map(\.date).max() ?? phaseSince
        let contract = tracks.contract?.contract
        let requirement = tracks.civicRequirement ?? (programme?.civicRequired == false ? .notRequired : .required)
        let civicRequired = enrolment.programmeID != nil && requirement == .required
        let lastTest = tracks.civicTests.enumerated().max { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }?.element
        let civicComplete = lastTest.map(\.passed) ?? (tracks.civicAttestedOn != nil && programme?.civicTest == nil)
        var targetBits = 0
        var metBits = 0
        for slot in skills.indices {
            guard let target = targets[slot] else { continue }
            targetBits |= 1 << slot
            if let level = current[slot], level >= target { metBits |= 1 << slot }
        }
        var row: [SQLValue] = [
            sql(id), sql(client.officerID), sql(client.phase.rawValue), sql(client.phase.isOpen), sql(enrolment.programmeID),
            sql(contactSince), sql(contract != nil), sql(contract?.status == .ended ? contract?.endedOn : nil), sql(civicRequired),
            sql(civicComplete), sql(levelMin), sql(targetBits), sql(metBits),
        ]
        row.reserveCapacity(row.count + 2 * skills.count)
        for slot in skills.indices { row += [sql(current[slot]), sql(targets[slot])] }
        return row
    }

    /// The target rank per skill of `Store.factSkills` for a profile of `programme` (none for
    /// an unknown profile), worked out once per profile.
    private func targetRanks(_ programme: Programme, profile: String?) -> [Int?] {
        let key = ProfileKey(programme: ProgrammeKey(id: programme.id, version: programme.version), profile: profile)
        if let known = targetRanksByProfile[key] { return known }
        let targets = programme.profiles.first { $0.id == profile }?.targets ?? [:]
        let ranks = Store.factSkills.map { targets[$0]?.rank }
        targetRanksByProfile[key] = ranks
        return ranks
    }

    private func addTracks(_ tracks: TrackRecords, clientID id: Int64) throws {
        for a in tracks.assessments {
            try assessments.add(id, a.date, a.skill.rawValue, a.level.rawValue, a.level.rank, a.instrument, a.provider, a.isCertified, stamp, actor)
        }
        for (course, entries) in tracks.courses {
            let courseID = nextCourseID
            nextCourseID += 1
            try courses.add(courseID, id, course.provider, course.level.rawValue, course.startsOn, course.endsOn, course.hoursPlanned, stamp, actor)
            for entry in entries {
                try attendance.add(courseID, entry.date, entry.scheduledHours, entry.attendedHours, entry.absence?.rawValue, stamp, actor)
            }
        }
        for file in tracks.recognition {
            let q = file.qualification
            let qid = nextQualificationID
            nextQualificationID += 1
            try qualifications.add(qid, id, q.title, q.field, q.country, q.institution, q.year, q.iscedLevel, q.hasDocuments, q.isRegulatedProfession, q.stage.rawValue, q.stageSince, q.route?.rawValue, q.completeOn, q.decisionDue, q.decidedOn, q.passportIssuedOn, q.passportExpiresOn, q.compensation?.rawValue, q.compensationStart, q.compensationEnd, 1, stamp, actor, stamp, actor)
            var from: RecognitionStage?
            for (stage, day) in file.steps {
                try events.add(qid, from?.rawValue, stage.rawValue, day, stamp, actor)
                from = stage
            }
        }
        if let requirement = tracks.civicRequirement {
            try civicStatus.add(id, requirement.rawValue, tracks.civicExemptReason, tracks.civicAttestedOn, stamp, actor)
        }
        for session in tracks.civicSessions {
            try civicSessions.add(id, session.moduleID, session.date, session.hours, session.language, stamp, actor)
        }
        for test in tracks.civicTests {
            try civicTests.add(id, test.date, test.score, test.passMark, test.passed, stamp, actor)
        }
        for note in tracks.notes {
            try notes.add(id, note.contact.rawValue, note.date, note.interpreterLanguage, note.summary, note.followUpOn, note.followUpDone, stamp, actor)
        }
        if let record = tracks.contract { try addContract(record, clientID: id) }
    }

    private func addContract(_ record: ContractRecord, clientID id: Int64) throws {
        let k = record.contract
        let contractID = nextContractID
        nextContractID += 1
        try contracts.add(contractID, id, k.programmeID, k.programmeVersion, k.status.rawValue, k.number, k.settledOn, k.newcomerSignedOn, k.authoritySignedOn, k.reviewedOn, k.endedOn, k.endReason, 1, stamp, actor, stamp, actor)
        try contractEvents.add(contractID, "drafted", record.draftedOn, "", stamp, actor)
        for number in 1...k.number {
            try contractVersions.add(contractID, number, record.draftedOn, number == 1 ? "first version" : "amended", k.newcomerSignedOn, k.authoritySignedOn)
            for o in record.earlier[number] ?? [] {
                try versionObligations.add(contractID, number, o.position, o.party.rawValue, o.category.rawValue, o.description, o.legalBasis, o.dueOn, o.status.rawValue)
            }
        }
        if let signed = k.signedOn { try contractEvents.add(contractID, "signed", signed, "version \(k.number)", stamp, actor) }
        if let ended = k.endedOn { try contractEvents.add(contractID, "ended", ended, k.endReason, stamp, actor) }
        for o in record.obligations {
            try obligations.add(contractID, id, o.position, o.party.rawValue, o.category.rawValue, o.description, o.legalBasis, o.anchor?.rawValue, o.offset?.text, o.dueOn, o.status.rawValue, o.waivedReason, o.evidence, o.settledOn, 1, stamp, actor)
        }
    }

    /// Writes what is still waiting in the batches, and waits for the writer.
    func finish() throws {
        for batch in [
            clients, tokens, enrolments, history, audit, assessments, courses, attendance, qualifications, events, civicStatus,
            civicSessions, civicTests, contracts, contractVersions, versionObligations, contractEvents, obligations, notes, facts,
        ] {
            try batch.flush()
        }
        try writer.drain()
    }

    /// Registers a staff member (the writer is drained first: this uses the connection).
    package func addStaff(username: String, displayName: String, role: Role) throws -> Staff {
        try writer.drain()
        if let existing = try store.staff(username: username) { return existing }
        return try store.addStaff(username: username, displayName: displayName, role: role, actor: actor)
    }
}

extension Store {
    /// The tables a bulk load fills; their secondary indexes are rebuilt after it.
    private static let bulkTables = [
        "clients", "client_search", "phase_history", "audit", "enrolments", "language_assessments", "language_courses",
        "course_attendance", "qualifications", "recognition_events", "civic_status", "civic_sessions", "civic_tests",
        "contracts", "contract_versions", "contract_version_obligations", "contract_events", "obligations", "notes",
        "client_facts",
    ]

    /// Runs `body` with a loader inside one transaction; all or nothing. The secondary indexes
    /// of the loaded tables that rows do not reach in order are dropped for the load and rebuilt
    /// after it, which is several times faster than updating them row by row.
    ///
    /// Only into a file with no clients yet (the demo), because the load does not wait for the
    /// disk: a power cut during it, or just after, can cost the file, but nothing anyone entered.
    /// The planner's statistics are refreshed at the end.
    package func bulkLoad(actor: Staff.ID, _ body: (BulkLoader) throws -> Void) throws {
        guard try !hasClients() else { throw StoreError.invalidInput("Bulk loads go only into a file with no clients yet.") }
        // Waiting for the disk to flush every page written would add about half a second at
        // 100,000 clients, for data that can be generated again.
        try database.executeScript("PRAGMA synchronous = OFF")
        defer { try? database.executeScript("PRAGMA synchronous = FULL") }
        // Foreign keys are not checked row by row; a rollback journal writes the new pages once
        // (WAL would write them twice).
        try database.executeScript("PRAGMA foreign_keys = OFF")
        _ = try database.query("PRAGMA journal_mode = DELETE") { $0.text(0) }
        defer { _ = try? database.query("PRAGMA journal_mode = WAL") { $0.text(0) } }
        defer { try? database.executeScript("PRAGMA foreign_keys = ON") }
        try write {
            let tables = Store.bulkTables.map { "'\($0)'" }.joined(separator: ", ")
            // Rows arrive client by client, and a track's rows parent by parent, so an index that
            // starts with the parent's id grows at its right edge: cheap to keep up on the writer
            // thread, which has time to spare. The others are dropped and rebuilt at the end.
            let indexes = try database.query(
                """
                SELECT name, sql FROM sqlite_schema s
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables))
                    AND (SELECT name FROM pragma_index_info(s.name) WHERE seqno = 0)
                        NOT IN ('client_id', 'course_id', 'contract_id', 'qualification_id')
                """
            ) { (name: $0.text(0), sql: $0.text(1)) }
            for index in indexes { try database.executeScript("DROP INDEX \"\(index.name)\"") }
            let loader = try BulkLoader(store: self, actor: actor)
            do {
                try body(loader)
                try loader.finish()
            } catch {
                // Let the writer stop before the transaction rolls back on this thread.
                try? loader.finish()
                throw error
            }
            // Index builds sort; with two sorter threads they use both cores.
            try database.executeScript("PRAGMA threads = 2")
            for index in indexes { try database.executeScript(index.sql) }
            try database.executeScript("PRAGMA threads = 0")
            // In the same transaction: a write after the load, in WAL mode, would sync the whole
            // file to disk when the connection closes.
            try database.executeScript(Store.analyzeSQL)
            // Every reference is an id this loader assigned; `casebook check` verifies them, and
            // the tests run it on demo files.
        }
    }

    /// True when the file holds no clients yet.
    package func hasClients() throws -> Bool {
        try read { try database.scalar("SELECT 1 FROM clients LIMIT 1") != nil }
    }
}
