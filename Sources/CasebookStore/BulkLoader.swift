import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

/// Adds many records inside one transaction (the demo generator): rows are written in
/// batches with ids assigned here, and each client still gets its search tokens, phase
/// history, enrolment, tracks and an audit row, chained to the audit log like any other.
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
    private let clients: BatchInsert<ClientRowColumn>
    private let tokens: BatchInsert<TokenColumn>
    private let enrolments: BatchInsert<EnrolmentColumn>
    private let history: BatchInsert<HistoryColumn>
    private let audit: BatchInsert<AuditColumn>
    /// The hash of the last audit row added: each row the loader adds chains to it.
    private var auditHead: [UInt8]
    /// The audit rows' salts (16 bytes a client, one draw a byte).
    private var random = BufferedSystemRandom()
    private let assessments: BatchInsert<AssessmentColumn>
    private let courses: BatchInsert<CourseColumn>
    private let attendance: BatchInsert<AttendanceColumn>
    private let qualifications: BatchInsert<QualificationColumn>
    private let events: BatchInsert<RecognitionEventColumn>
    private let civicStatus: BatchInsert<CivicStatusColumn>
    private let civicSessions: BatchInsert<CivicSessionColumn>
    private let civicTests: BatchInsert<CivicTestColumn>
    private let contracts: BatchInsert<ContractColumn>
    private let contractVersions: BatchInsert<ContractVersionColumn>
    private let versionObligations: BatchInsert<VersionObligationColumn>
    private let contractEvents: BatchInsert<ContractEventColumn>
    private let obligations: BatchInsert<ObligationColumn>
    private let notes: BatchInsert<NoteColumn>
    private let facts: BatchInsert<FactColumn>
    private let intakes: BatchInsert<IntakeColumn>
    private let jobs: BatchInsert<WorkColumn>
    private let activities: BatchInsert<ActivityColumn>
    private let outcomes: BatchInsert<OutcomeColumn>
    /// Every batch, to flush them all at the end.
    private let batches: [any Flushable]
    /// A learner profile of one programme version.
    private struct ProfileKey: Hashable {
        let programme: ProgrammeKey
        let profile: String?
    }
    private var targetRanksByProfile: [ProfileKey: [Int?]] = [:]
    /// Names repeat in a load: each distinct one is folded for search once.
    private var folding = SearchKey.Memo()
    /// The key tokens of each distinct folded word met so far (`indexTokens(of:)`).
    private var keyTokens: [SearchKey.ExactText: [String]] = [:]
    /// Every programme version, read before the load starts (the writer owns the connection after).
    private let programmes: [ProgrammeKey: Programme]

    /// The tables a bulk load fills; their secondary indexes are rebuilt after it.
    private static let tables = [
        "clients", "client_search", "phase_history", "audit", "enrolments", "language_assessments", "language_courses",
        "course_attendance", "qualifications", "recognition_events", "civic_status", "civic_sessions", "civic_tests",
        "contracts", "contract_versions", "contract_version_obligations", "contract_events", "obligations", "notes",
        "client_facts", "intake_mappings", "work_experience", "participation", "outcomes",
    ]

    /// Runs `body` with a loader inside one transaction on `store`; all or nothing. The
    /// secondary indexes of the loaded tables that rows do not reach in order are dropped for the
    /// load and rebuilt after it, which is several times faster than updating them row by row.
    ///
    /// Only into a file with no clients yet (the demo), because the load does not wait for the
    /// disk: a power cut during it, or just after, can cost the file, but nothing anyone entered.
    /// The planner's statistics are refreshed at the end.
    @discardableResult
    package static func load(into store: Store, actor: Staff.ID, _ body: (BulkLoader) throws -> Void) throws
        -> BulkLoadTimes
    {
        let clock = ContinuousClock()
        let started = clock.now
        var times = BulkLoadTimes()
        var mark = started
        guard try !store.hasClients() else {
            throw StoreError.invalidInput("Bulk loads go only into a file with no clients yet.")
        }
        let database = store.database
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
        try store.write {
            let tables = BulkLoader.tables.map { "'\($0)'" }.joined(separator: ", ")
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
            let loader = try BulkLoader(store: store, actor: actor)
            mark = clock.now
            times.preparing = (mark - started).seconds
            do {
                try body(loader)
                times.generating = (clock.now - mark).seconds
                mark = clock.now
                try loader.finish()
                times.draining = (clock.now - mark).seconds
            } catch {
                // Let the writer stop before the transaction rolls back on this thread.
                try? loader.finish()
                throw error
            }
            times.waitingForWriter = loader.writer.waited.seconds
            times.tables = loader.writer.tableTimes
            // Index builds sort. SQLite's sorter keeps up to a page cache's worth of keys in one
            // run before it writes the run out, and only then hands runs to its worker threads: with
            // the demo's 256 MB cache each index was one run of a million keys, sorted on one thread
            // and out of the processor's caches. Runs of 2 MB are sorted on the second core while
            // this one reads the table, and merged (the search keys' two indexes took about half the
            // time, and a third less processor time, in the shell). The pages the load left in the
            // cache are written to the file as they make room, as the commit would have written them.
            let cacheSize = try database.scalar("PRAGMA cache_size") ?? -2000
            try database.executeScript("PRAGMA cache_size = -2048; PRAGMA threads = 2")
            for index in indexes {
                mark = clock.now
                try database.executeScript(index.sql)
                times.indexes.append((index.name, (clock.now - mark).seconds))
            }
            try database.executeScript("PRAGMA threads = 0; PRAGMA cache_size = \(cacheSize)")
            mark = clock.now
            // In the same transaction: a write after the load, in WAL mode, would sync the whole
            // file to disk when the connection closes.
            try database.executeScript(Store.analyzeSQL)
            times.analyzing = (clock.now - mark).seconds
            // Every reference is an id this loader assigned; `casebook check` verifies them, and
            // the tests run it on demo files.
            mark = clock.now
        }
        times.committing = (clock.now - mark).seconds
        times.total = (clock.now - started).seconds
        return times
    }

    private init(store: Store, actor: Staff.ID) throws {
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
        // Inside the load's immediate transaction: no other process appends meanwhile.
        auditHead = try HashChain.audit.head(on: db)?.hash.bytes ?? HashChain.audit.genesis.bytes
        var programmes: [ProgrammeKey: Programme] = [:]
        for summary in try store.programmeVersions() {
            if let programme = try store.programme(id: summary.id, version: summary.version) {
                programmes[ProgrammeKey(id: summary.id, version: summary.version)] = programme
            }
        }
        self.programmes = programmes
        facts = BatchInsert(writer, table: "client_facts")
        contracts = BatchInsert(writer, table: "contracts")
        contractVersions = BatchInsert(writer, table: "contract_versions")
        versionObligations = BatchInsert(writer, table: "contract_version_obligations")
        contractEvents = BatchInsert(writer, table: "contract_events")
        obligations = BatchInsert(writer, table: "obligations")
        notes = BatchInsert(writer, table: "notes")
        clients = BatchInsert(writer, table: "clients")
        tokens = BatchInsert(writer, table: "client_search", orIgnore: true)
        enrolments = BatchInsert(writer, table: "enrolments")
        history = BatchInsert(writer, table: "phase_history")
        audit = BatchInsert(writer, table: "audit")
        assessments = BatchInsert(writer, table: "language_assessments")
        courses = BatchInsert(writer, table: "language_courses")
        attendance = BatchInsert(writer, table: "course_attendance")
        qualifications = BatchInsert(writer, table: "qualifications")
        events = BatchInsert(writer, table: "recognition_events")
        civicStatus = BatchInsert(writer, table: "civic_status")
        civicSessions = BatchInsert(writer, table: "civic_sessions")
        civicTests = BatchInsert(writer, table: "civic_tests")
        intakes = BatchInsert(writer, table: "intake_mappings")
        jobs = BatchInsert(writer, table: "work_experience")
        activities = BatchInsert(writer, table: "participation")
        outcomes = BatchInsert(writer, table: "outcomes")
        batches = [
            clients, tokens, enrolments, history, audit, assessments, courses, attendance, qualifications, events,
            civicStatus, civicSessions, civicTests, contracts, contractVersions, versionObligations, contractEvents,
            obligations, notes, facts, intakes, jobs, activities, outcomes,
        ]
    }

    /// Adds an office (and its audit row) before the clients that belong to it.
    package func addOffice(code: String, name: String, municipalities: [String]) throws -> Office {
        try audit.flush()
        try writer.drain()
        let office = try store.addOffice(code: code, name: name, municipalities: municipalities, actor: actor)
        auditHead = try HashChain.audit.head(on: store.database)?.hash.bytes ?? auditHead
        return office
    }

    /// Names the file's first office (MAIN) and its municipalities.
    package func renameFirstOffice(to name: String, municipalities: [String]) throws -> Office {
        try audit.flush()
        try writer.drain()
        var office = try store.renameOffice(code: "MAIN", to: name, actor: actor)
        try store.database.execute(
            "UPDATE offices SET municipalities = ? WHERE id = ?", [municipalities.joined(separator: "\n"), office.id])
        office.municipalities = municipalities
        auditHead = try HashChain.audit.head(on: store.database)?.hash.bytes ?? auditHead
        return office
    }

    /// Gives a staff member (already added) a role in one more office.
    package func addMembership(_ staff: Staff.ID, office: Office.ID, role: Role) throws {
        try audit.flush()
        try writer.drain()
        try store.setMembership(staffID: staff, office: office, role: role, actor: actor)
        auditHead = try HashChain.audit.head(on: store.database)?.hash.bytes ?? auditHead
    }

    /// Adds a client whose case went through `history` (the first step's `from` is nil; the
    /// last step's `to` is the client's phase), with what the tracks hold. Returns the new id.
    @discardableResult
    package func add(
        _ client: Client, office: Office.ID = 1, history steps: [PhaseStep], enrolment: Enrolment,
        tracks: TrackRecords = TrackRecords(), note: String
    ) throws -> Client.ID {
        let id = nextClientID
        nextClientID += 1
        let since = steps.last?.on ?? store.clock.today
        let sortName = folding.sortKey(family: client.familyName, given: client.givenNames)
        try clients.add(
            Store.clientRow(
                client, id: id, sortName: sortName, phaseSince: since, now: .text(stamp), actor: actor, office: office))
        for token in indexTokens(of: [client.familyName, client.givenNames, client.otherNames]) {
            try tokens.add {
                $0.put(.token, token)
                $0.put(.sortName, sortName)
                $0.put(.clientID, id)
                $0.put(.officeID, office)
            }
        }
        try enrolments.add(Store.enrolmentRow(enrolment, clientID: id))
        for step in steps {
            try history.add {
                $0.put(.clientID, id)
                $0.put(.fromPhase, step.from)
                $0.put(.toPhase, step.to)
                $0.put(.effectiveOn, step.on)
                $0.put(.exitReason, step.exitReason)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
        let fields: [SQLValue] = [
            .text(stamp), .integer(actor), .text(AuditEntity.client.rawValue), .integer(id), .integer(id),
            .text(AuditField.record.rawValue),
        ]
        let link = HashChain.audit.link(fields: fields, values: [nil, note], previous: auditHead, using: &random)
        auditHead = link.hash.bytes
        try audit.add {
            $0.put(.at, stamp)
            $0.put(.staffID, actor)
            $0.put(.entity, AuditEntity.client.rawValue)
            $0.put(.entityID, id)
            $0.put(.clientID, id)
            $0.put(.field, AuditField.record.rawValue)
            $0.put(.oldValue, nil as String?)
            $0.put(.newValue, note)
            $0.put(.valueSalt, link.salt.map(SQLValue.blob) ?? .null)
            $0.put(.oldHash, link.valueHashes[0])
            $0.put(.newHash, link.valueHashes[1])
            $0.put(.prevHash, SQLValue.blob(link.previous))
            $0.put(.hash, link.hash)
        }
        try addTracks(tracks, clientID: id)
        try facts.add(factsRow(client, id: id, office: office, phaseSince: since, enrolment: enrolment, tracks: tracks))
        return id
    }

    /// As `SearchKey.indexTokens(of:)`: the words (folded once per distinct name text), then the
    /// key tokens of each distinct word, worked out once per load (`NameKey.indexTokens`; about
    /// 750,000 key rows at 100,000 clients from a few thousand distinct words).
    private func indexTokens(of names: [String]) -> [String] {
        let words = folding.tokens(of: names)
        var keys: [String] = []
        for word in words {
            let known: [String]
            if let found = keyTokens[SearchKey.ExactText(word)] {
                known = found
            } else {
                known = NameKey.indexTokens(ofFolded: [word])
                keyTokens[SearchKey.ExactText(word)] = known
            }
            // Two words may have the same keys (Hasan, Hassan); each key once, as for the words.
            // Key tokens are ASCII: comparing bytes is String's equality without its normalization.
            for token in known where !keys.contains(where: { $0.utf8.elementsEqual(token.utf8) }) {
                keys.append(token)
            }
        }
        return words + keys
    }

    /// The client's `client_facts` row, by the rules of `ClientFacts.refreshSQL` applied to what
    /// is being loaded (`FactsTests` holds the two to each other and to Core's rules).
    private func factsRow(
        _ client: Client, id: Int64, office: Office.ID, phaseSince: Day, enrolment: Enrolment, tracks: TrackRecords
    )
        -> RowValues<FactColumn>
    {
        let programme = enrolment.programmeID.flatMap { programmeID in
            enrolment.programmeVersion.flatMap { programmes[ProgrammeKey(id: programmeID, version: $0)] }
        }
        // Per skill of `ClientFacts.skills`, by position: this runs for every client.
        let skills = ClientFacts.skills
        let targets =
            programme.map { targetRanks($0, profile: enrolment.profile) } ?? Array(repeating: nil, count: skills.count)
        var current = [Int?](repeating: nil, count: skills.count)
        var latest = [Day?](repeating: nil, count: skills.count)
        for assessment in tracks.assessments {
            guard let slot = skills.firstIndex(where: { $0 == assessment.skill }) else { continue }
            if latest[slot].map({ assessment.date >= $0 }) ?? true {
                latest[slot] = assessment.date
                current[slot] = assessment.level.rank
            }
        }
        let contract = tracks.contract?.contract
        let requirement = tracks.civicRequirement ?? (programme?.civicRequired == false ? .notRequired : .required)
        let lastTest = tracks.civicTests.enumerated().max {
            ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
        }?.element
        var targetBits = 0
        var metBits = 0
        for slot in skills.indices {
            guard let target = targets[slot] else { continue }
            targetBits |= 1 << slot
            if let level = current[slot], level >= target { metBits |= 1 << slot }
        }
        var row = RowValues<FactColumn>()
        row[.clientID] = sql(id)
        row[.officerID] = sql(client.officerID)
        row[.officeID] = sql(office)
        row[.phase] = sql(client.phase.rawValue)
        row[.isOpen] = sql(client.phase.isOpen)
        row[.programmeID] = sql(enrolment.programmeID)
        row[.contactSince] = sql(tracks.notes.map(\.date).max() ?? phaseSince)
        row[.hasContract] = sql(contract != nil)
        row[.contractEndedOn] = sql(contract?.status == .ended ? contract?.endedOn : nil)
        // The programme's residence exemption is folded in; its age rule is a day the figures
        // compare with theirs (`ClientFacts`).
        let rule = programme?.civicTest
        let counted =
            enrolment.programmeID != nil && requirement == .required
            && rule?.exemptResidence.contains(client.residenceCategory) != true
        row[.civicRequired] = sql(counted)
        row[.civicExemptFrom] = sql(counted ? rule?.ageExemptionStarts(dateOfBirth: client.dateOfBirth) : nil)
        row[.civicComplete] = sql(
            lastTest.map(\.passed) ?? (tracks.civicAttestedOn != nil && programme?.civicTest == nil))
        row[.levelMin] = sql(current.contains(nil) ? nil : current.compactMap { $0 }.min())
        row[.langTargets] = sql(targetBits)
        row[.langMet] = sql(metBits)
        for (slot, columns) in FactColumn.perSkill.enumerated() {
            row[columns.current] = sql(current[slot])
            row[columns.target] = sql(targets[slot])
        }
        return row
    }

    /// The target rank per skill of `ClientFacts.skills` for a profile of `programme` (none for
    /// an unknown profile), worked out once per profile.
    private func targetRanks(_ programme: Programme, profile: String?) -> [Int?] {
        let key = ProfileKey(programme: ProgrammeKey(id: programme.id, version: programme.version), profile: profile)
        if let known = targetRanksByProfile[key] { return known }
        let targets = programme.profiles.first { $0.id == profile }?.targets ?? [:]
        let ranks = ClientFacts.skills.map { targets[$0]?.rank }
        targetRanksByProfile[key] = ranks
        return ranks
    }

    private func addTracks(_ tracks: TrackRecords, clientID id: Int64) throws {
        for a in tracks.assessments {
            try assessments.add {
                $0.put(.clientID, id)
                $0.put(.assessedOn, a.date)
                $0.put(.skill, a.skill.rawValue)
                $0.put(.level, a.level.rawValue)
                $0.put(.levelRank, a.level.rank)
                $0.put(.instrument, a.instrument)
                $0.put(.provider, a.provider)
                $0.put(.certified, a.isCertified)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
        for (course, entries) in tracks.courses {
            let courseID = nextCourseID
            nextCourseID += 1
            try courses.add {
                $0.put(.id, courseID)
                $0.put(.clientID, id)
                $0.put(.provider, course.provider)
                $0.put(.level, course.level.rawValue)
                $0.put(.startsOn, course.startsOn)
                $0.put(.endsOn, course.endsOn)
                $0.put(.hoursPlanned, course.hoursPlanned)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
            for entry in entries {
                try attendance.add {
                    $0.put(.courseID, courseID)
                    $0.put(.attendedOn, entry.date)
                    $0.put(.scheduledHours, entry.scheduledHours)
                    $0.put(.attendedHours, entry.attendedHours)
                    $0.put(.absence, entry.absence?.rawValue)
                    $0.put(.recordedAt, stamp)
                    $0.put(.recordedBy, actor)
                }
            }
        }
        for file in tracks.recognition {
            let q = file.qualification
            let qid = nextQualificationID
            nextQualificationID += 1
            try qualifications.add {
                $0.put(.id, qid)
                $0.put(.clientID, id)
                $0.put(.title, q.title)
                $0.put(.field, q.field)
                $0.put(.country, q.country)
                $0.put(.institution, q.institution)
                $0.put(.year, q.year)
                $0.put(.isced, q.iscedLevel)
                $0.put(.hasDocuments, q.hasDocuments)
                $0.put(.regulated, q.isRegulatedProfession)
                $0.put(.stage, q.stage.rawValue)
                $0.put(.stageSince, q.stageSince)
                $0.put(.route, q.route?.rawValue)
                $0.put(.completeOn, q.completeOn)
                $0.put(.decisionDue, q.decisionDue)
                $0.put(.decidedOn, q.decidedOn)
                $0.put(.passportIssuedOn, q.passportIssuedOn)
                $0.put(.passportExpiresOn, q.passportExpiresOn)
                $0.put(.compensation, q.compensation?.rawValue)
                $0.put(.compensationStart, q.compensationStart)
                $0.put(.compensationEnd, q.compensationEnd)
                $0.put(.version, 1)
                $0.put(.createdAt, stamp)
                $0.put(.createdBy, actor)
                $0.put(.updatedAt, stamp)
                $0.put(.updatedBy, actor)
                $0.put(.variant, q.variant)
            }
            var from: RecognitionStage?
            for (stage, day) in file.steps {
                try events.add {
                    $0.put(.qualificationID, qid)
                    $0.put(.fromStage, from?.rawValue)
                    $0.put(.toStage, stage.rawValue)
                    $0.put(.effectiveOn, day)
                    $0.put(.recordedAt, stamp)
                    $0.put(.recordedBy, actor)
                }
                from = stage
            }
        }
        // The facts (`factsRow`) count an attestation only with the requirement row it is stored in.
        precondition(
            tracks.civicRequirement != nil || tracks.civicAttestedOn == nil,
            "an attestation is loaded with its requirement")
        if let requirement = tracks.civicRequirement {
            try civicStatus.add {
                $0.put(.clientID, id)
                $0.put(.requirement, requirement.rawValue)
                $0.put(.exemptReason, tracks.civicExemptReason)
                $0.put(.attestedOn, tracks.civicAttestedOn)
                $0.put(.updatedAt, stamp)
                $0.put(.updatedBy, actor)
            }
        }
        for session in tracks.civicSessions {
            try civicSessions.add {
                $0.put(.clientID, id)
                $0.put(.moduleID, session.moduleID)
                $0.put(.heldOn, session.date)
                $0.put(.hours, session.hours)
                $0.put(.language, session.language)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
        for test in tracks.civicTests {
            try civicTests.add {
                $0.put(.clientID, id)
                $0.put(.satOn, test.date)
                $0.put(.score, test.score)
                $0.put(.passMark, test.passMark)
                $0.put(.passed, test.passed)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
        for note in tracks.notes {
            try notes.add {
                $0.put(.clientID, id)
                $0.put(.contactType, note.contact.rawValue)
                $0.put(.contactOn, note.date)
                $0.put(.interpreterLanguage, note.interpreterLanguage)
                $0.put(.summary, note.summary)
                $0.put(.followUpOn, note.followUpOn)
                $0.put(.followUpDone, note.followUpDone)
                $0.put(.createdAt, stamp)
                $0.put(.createdBy, actor)
            }
        }
        if let record = tracks.contract { try addContract(record, clientID: id) }
        try addIntakeAndParticipation(tracks, clientID: id)
    }

    /// The intake mapping, work experience, participation and outcomes of issue 18.
    private func addIntakeAndParticipation(_ tracks: TrackRecords, clientID id: Int64) throws {
        if let m = tracks.intake {
            try intakes.add {
                $0.put(.clientID, id)
                $0.put(.mappedOn, m.mappedOn)
                $0.put(.schoolingYears, m.schoolingYears)
                $0.put(.highestIsced, m.highestLevel?.rawValue)
                $0.put(.schoolingCountry, m.schoolingCountry)
                $0.put(.levelCompleted, m.levelCompleted)
                $0.put(.firstLanguageLiteracy, m.firstLanguageLiteracy.rawValue)
                $0.put(.latinLiteracy, m.latinLiteracy.rawValue)
                $0.put(.digitalSkills, m.digitalSkills.rawValue)
                $0.put(.drivingLicence, m.drivingLicence.rawValue)
                $0.put(.careerGoal, m.careerGoal)
                $0.put(.trainingNeeds, m.trainingNeeds)
                $0.put(.mappedBy, m.mappedBy == 0 ? actor : m.mappedBy)
                $0.put(.updatedAt, stamp)
                $0.put(.updatedBy, actor)
            }
        }
        for job in tracks.workExperience {
            try jobs.add {
                $0.put(.clientID, id)
                $0.put(.isco, job.isco)
                $0.put(.title, job.title)
                $0.put(.years, job.years)
                $0.put(.country, job.country)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
        for activity in tracks.participation {
            try activities.add {
                $0.put(.clientID, id)
                $0.put(.kind, activity.kind.rawValue)
                $0.put(.partnerID, activity.partnerID)
                $0.put(.startsOn, activity.startsOn)
                $0.put(.endsOn, activity.endsOn)
                $0.put(.hours, activity.hours)
                $0.put(.note, activity.note)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
        for outcome in tracks.outcomes {
            try outcomes.add {
                $0.put(.clientID, id)
                $0.put(.stage, outcome.stage.rawValue)
                $0.put(.recordedOn, outcome.recordedOn)
                $0.put(.activity, outcome.activity.rawValue)
                $0.put(.workTime, outcome.workTime?.rawValue)
                $0.put(.iscoMajor, outcome.iscoMajor)
                $0.put(.recordedAt, stamp)
                $0.put(.recordedBy, actor)
            }
        }
    }

    private func addContract(_ record: ContractRecord, clientID id: Int64) throws {
        let k = record.contract
        let contractID = nextContractID
        nextContractID += 1
        try contracts.add {
            $0.put(.id, contractID)
            $0.put(.clientID, id)
            $0.put(.programmeID, k.programmeID)
            $0.put(.programmeVersion, k.programmeVersion)
            $0.put(.status, k.status.rawValue)
            $0.put(.number, k.number)
            $0.put(.settledOn, k.settledOn)
            $0.put(.newcomerSignedOn, k.newcomerSignedOn)
            $0.put(.authoritySignedOn, k.authoritySignedOn)
            $0.put(.reviewedOn, k.reviewedOn)
            $0.put(.endedOn, k.endedOn)
            $0.put(.endReason, k.endReason)
            $0.put(.version, 1)
            $0.put(.createdAt, stamp)
            $0.put(.createdBy, actor)
            $0.put(.updatedAt, stamp)
            $0.put(.updatedBy, actor)
        }
        try event(contractID, "drafted", on: record.draftedOn, note: "")
        for number in 1...k.number {
            try contractVersions.add {
                $0.put(.contractID, contractID)
                $0.put(.number, number)
                $0.put(.startedOn, record.draftedOn)
                $0.put(.reason, number == 1 ? "first version" : "amended")
                $0.put(.newcomerSignedOn, k.newcomerSignedOn)
                $0.put(.authoritySignedOn, k.authoritySignedOn)
            }
            for o in record.earlier[number] ?? [] {
                try versionObligations.add {
                    $0.put(.contractID, contractID)
                    $0.put(.number, number)
                    $0.put(.position, o.position)
                    $0.put(.party, o.party.rawValue)
                    $0.put(.category, o.category.rawValue)
                    $0.put(.description, o.description)
                    $0.put(.legalBasis, o.legalBasis)
                    $0.put(.dueOn, o.dueOn)
                    $0.put(.status, o.status.rawValue)
                }
            }
        }
        if let signed = k.signedOn { try event(contractID, "signed", on: signed, note: "version \(k.number)") }
        if let ended = k.endedOn { try event(contractID, "ended", on: ended, note: k.endReason) }
        for o in record.obligations {
            try obligations.add {
                $0.put(.contractID, contractID)
                $0.put(.clientID, id)
                $0.put(.position, o.position)
                $0.put(.party, o.party.rawValue)
                $0.put(.category, o.category.rawValue)
                $0.put(.description, o.description)
                $0.put(.legalBasis, o.legalBasis)
                $0.put(.anchor, o.anchor?.rawValue)
                $0.put(.dueOffset, o.offset?.text)
                $0.put(.dueOn, o.dueOn)
                $0.put(.status, o.status.rawValue)
                $0.put(.waivedReason, o.waivedReason)
                $0.put(.evidence, o.evidence)
                $0.put(.settledOn, o.settledOn)
                $0.put(.version, 1)
                $0.put(.updatedAt, stamp)
                $0.put(.updatedBy, actor)
            }
        }
    }

    private func event(_ contractID: Int64, _ kind: String, on day: Day, note: String) throws {
        try contractEvents.add {
            $0.put(.contractID, contractID)
            $0.put(.kind, kind)
            $0.put(.onDay, day)
            $0.put(.note, note)
            $0.put(.recordedAt, stamp)
            $0.put(.recordedBy, actor)
        }
    }

    /// Writes what is still waiting in the batches, and waits for the writer.
    func finish() throws {
        for batch in batches { try batch.flush() }
        try writer.drain()
    }

    /// Adds a partner organisation to `office`'s register (and its audit row) before the
    /// clients that take part in its activities.
    package func addPartner(_ draft: PartnerDraft, office: Office.ID) throws -> PartnerOrganisation {
        try audit.flush()
        try writer.drain()
        let partner = try store.addPartner(draft, office: office, actor: actor)
        auditHead = try HashChain.audit.head(on: store.database)?.hash.bytes ?? auditHead
        return partner
    }

    /// Registers a staff member (the writer is drained first: this uses the connection).
    /// Its audit row goes after the loader's rows so far, and the loader's next rows after it.
    package func addStaff(username: String, displayName: String, role: Role, office: Office.ID = 1) throws -> Staff {
        try audit.flush()
        try writer.drain()
        if let existing = try store.staff(username: username) { return existing }
        let staff = try store.addStaff(
            username: username, displayName: displayName, role: role, office: office, actor: actor)
        auditHead = try HashChain.audit.head(on: store.database)?.hash.bytes ?? auditHead
        return staff
    }
}

/// The operating system's random bytes, read 4 KB at a time. `SystemRandomNumberGenerator`
/// makes a system call for every draw, and a salt takes one draw a byte: 1.6 million calls for
/// 100,000 clients, half of the time the generator spent on the audit chain.
private struct BufferedSystemRandom: RandomNumberGenerator {
    private var buffer = [UInt64](repeating: 0, count: 512)
    private var position = 512

    mutating func next() -> UInt64 {
        if position == buffer.count {
            refill()
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func refill() {
        #if canImport(Glibc)
            // The kernel's generator, as SystemRandomNumberGenerator's, through its device.
            let device = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            if device >= 0 {
                defer { close(device) }
                let filled = buffer.withUnsafeMutableBytes { bytes -> Bool in
                    guard let base = bytes.baseAddress else { return false }
                    var done = 0
                    while done < bytes.count {
                        let count = read(device, base + done, bytes.count - done)
                        if count > 0 {
                            done += count
                        } else if count == 0 || errno != EINTR {
                            return false
                        }
                    }
                    return true
                }
                if filled { return }
            }
        #endif
        var system = SystemRandomNumberGenerator()
        for index in buffer.indices { buffer[index] = system.next() }
    }
}

/// Where a bulk load's time went, for `CASEBOOK_DEMO_PHASES` (seconds of wall time).
package struct BulkLoadTimes: Sendable {
    /// Dropping the indexes rebuilt later, and reading what the loader needs.
    package var preparing = 0.0
    /// The caller's body: building the rows, and waiting when the writer is behind
    /// (`waitingForWriter`, part of it).
    package var generating = 0.0
    package var waitingForWriter = 0.0
    /// After the body, waiting for the writer to write the last batches.
    package var draining = 0.0
    /// The writer thread's time per table, the slowest first.
    package var tables: [TableTime] = []
    package var indexes: [(name: String, seconds: Double)] = []
    package var analyzing = 0.0
    package var committing = 0.0
    package var total = 0.0
}

// The columns each table is loaded with, in the order of the INSERT (see `ColumnSet`).

enum TokenColumn: Int32, ColumnSet { case token, sortName, clientID, officeID }

private enum HistoryColumn: Int32, ColumnSet {
    case clientID, fromPhase, toPhase, effectiveOn, exitReason, recordedAt, recordedBy
}

private enum AuditColumn: Int32, ColumnSet {
    case at, staffID, entity, entityID, clientID, field, oldValue, newValue, valueSalt, oldHash, newHash, prevHash, hash
}

private enum AssessmentColumn: Int32, ColumnSet {
    case clientID, assessedOn, skill, level, levelRank, instrument, provider, certified, recordedAt, recordedBy
}

private enum CourseColumn: Int32, ColumnSet {
    case id, clientID, provider, level, startsOn, endsOn, hoursPlanned, recordedAt, recordedBy
}

private enum AttendanceColumn: Int32, ColumnSet {
    case courseID, attendedOn, scheduledHours, attendedHours, absence, recordedAt, recordedBy
}

private enum QualificationColumn: Int32, ColumnSet {
    case id, clientID, title, field, country, institution, year, isced, hasDocuments, regulated, stage, stageSince
    case route, completeOn, decisionDue, decidedOn, passportIssuedOn, passportExpiresOn, compensation
    case compensationStart, compensationEnd, version, createdAt, createdBy, updatedAt, updatedBy, variant
}

private enum RecognitionEventColumn: Int32, ColumnSet {
    case qualificationID, fromStage, toStage, effectiveOn, recordedAt, recordedBy
}

private enum CivicStatusColumn: Int32, ColumnSet {
    case clientID, requirement, exemptReason, attestedOn, updatedAt, updatedBy
}

private enum CivicSessionColumn: Int32, ColumnSet {
    case clientID, moduleID, heldOn, hours, language, recordedAt, recordedBy
}

private enum CivicTestColumn: Int32, ColumnSet {
    case clientID, satOn, score, passMark, passed, recordedAt, recordedBy
}

private enum ContractColumn: Int32, ColumnSet {
    case id, clientID, programmeID, programmeVersion, status, number, settledOn, newcomerSignedOn, authoritySignedOn
    case reviewedOn, endedOn, endReason, version, createdAt, createdBy, updatedAt, updatedBy
}

private enum ContractVersionColumn: Int32, ColumnSet {
    case contractID, number, startedOn, reason, newcomerSignedOn, authoritySignedOn
}

private enum VersionObligationColumn: Int32, ColumnSet {
    case contractID, number, position, party, category, description, legalBasis, dueOn, status
}

private enum ContractEventColumn: Int32, ColumnSet {
    case contractID, kind, onDay, note, recordedAt, recordedBy
}

private enum ObligationColumn: Int32, ColumnSet {
    case contractID, clientID, position, party, category, description, legalBasis, anchor, dueOffset, dueOn, status
    case waivedReason, evidence, settledOn, version, updatedAt, updatedBy
}

private enum NoteColumn: Int32, ColumnSet {
    case clientID, contactType, contactOn, interpreterLanguage, summary, followUpOn, followUpDone, createdAt, createdBy
}

private enum IntakeColumn: Int32, ColumnSet {
    case clientID, mappedOn, schoolingYears, highestIsced, schoolingCountry, levelCompleted, firstLanguageLiteracy
    case latinLiteracy, digitalSkills, drivingLicence, careerGoal, trainingNeeds, mappedBy, updatedAt, updatedBy
}

private enum WorkColumn: Int32, ColumnSet {
    case clientID, isco, title, years, country, recordedAt, recordedBy
}

private enum ActivityColumn: Int32, ColumnSet {
    case clientID, kind, partnerID, startsOn, endsOn, hours, note, recordedAt, recordedBy
}

private enum OutcomeColumn: Int32, ColumnSet {
    case clientID, stage, recordedOn, activity, workTime, iscoMajor, recordedAt, recordedBy
}
