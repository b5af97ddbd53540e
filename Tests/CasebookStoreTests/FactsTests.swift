import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The link between the places a per-client fact is computed (`ClientFacts` lists them): the
/// demo's bulk load writes what the SQL computes, and both say what Core's rules say.
@Suite struct FactsTests {
    /// Clients loaded in bulk, each with a case the facts must get right.
    struct BulkLoaded {
        let fixture: Fixture
        var ids: [Int64] = []

        init() throws {
            fixture = try Fixture()
            let store = fixture.store
            try store.importProgramme(sampleProgramme(), sourceFile: "s", sourceText: "s", actor: fixture.admin.id)
            var other = sampleProgramme()
            other.id = "other"
            other.civicRequired = false
            other.civicTest = nil
            try store.importProgramme(other, sourceFile: "o", sourceText: "o", actor: fixture.admin.id)
            var exempting = sampleProgramme()
            exempting.id = "exempting"
            exempting.civicTest = CivicTestRule(
                name: "Exam", questions: 40, passMark: 32, exemptResidence: [.refugee], exemptFromAge: 65)
            try store.importProgramme(exempting, sourceFile: "e", sourceText: "e", actor: fixture.admin.id)
            let officer = fixture.officer.id
            func assessment(_ skill: Skill, _ level: CEFRLevel, _ date: String) -> LanguageAssessment {
                LanguageAssessment(
                    clientID: 0, date: day(date), skill: skill, level: level, instrument: "T", provider: "P",
                    isCertified: false)
            }
            func test(_ date: String, passed: Bool) -> CivicTestResult {
                CivicTestResult(clientID: 0, date: day(date), score: nil, passMark: nil, passed: passed)
            }
            var cases: [(phase: CasePhase, enrolment: Enrolment, tracks: TrackRecords)] = []
            // Nothing recorded, not enrolled.
            cases.append((.referred, Enrolment(), TrackRecords()))
            // Every core skill assessed, one of them twice on the same day (the later counts), and
            // mediation, which has no fact of its own; a note; civic: a failed test, then passed.
            var full = TrackRecords()
            full.assessments =
                Skill.core.map { assessment($0, .b1, "2026-05-01") } + [
                    assessment(.writing, .a2, "2026-06-01"), assessment(.writing, .b2, "2026-06-01"),
                    assessment(.mediation, .c1, "2026-06-01"),
                ]
            full.notes = [
                CaseNote(clientID: 0, contact: .meeting, date: day("2026-10-01"), summary: "Met"),
                CaseNote(clientID: 0, contact: .phone, date: day("2026-11-02"), summary: "Called"),
            ]
            full.civicTests = [test("2026-06-01", passed: false), test("2026-09-01", passed: true)]
            cases.append((.active, Enrolment(programmeID: "sample", programmeVersion: 1, profile: "basic"), full))
            // Four skills of five; civic attested under a programme with a test (not complete); a
            // contract that ended.
            var partial = TrackRecords()
            partial.assessments = Skill.core.dropLast().map { assessment($0, .a2, "2026-04-01") }
            partial.civicRequirement = .required
            partial.civicAttestedOn = day("2026-07-01")
            partial.contract = ContractRecord(
                contract: Contract(
                    id: 0, clientID: 0, programmeID: "sample", programmeVersion: 1, status: .ended, number: 1,
                    settledOn: day("2025-09-01"), newcomerSignedOn: day("2025-09-10"),
                    authoritySignedOn: day("2025-09-10"), reviewedOn: nil, endedOn: day("2026-08-31"),
                    endReason: "moved",
                    version: 1),
                draftedOn: day("2025-09-05"), obligations: [])
            cases.append((.active, Enrolment(programmeID: "sample", programmeVersion: 1, profile: "advanced"), partial))
            // Civic exempt; a profile the programme does not have (no targets); closed.
            var exempt = TrackRecords()
            exempt.civicRequirement = .exempt
            exempt.civicExemptReason = "certificate"
            exempt.assessments = [assessment(.reading, .c2, "2026-02-01")]
            cases.append((.closed, Enrolment(programmeID: "sample", programmeVersion: 1, profile: "none"), exempt))
            // A programme without civic orientation, required for this client all the same: two
            // tests on one day (the later counts).
            var noCivic = TrackRecords()
            noCivic.civicRequirement = .required
            noCivic.civicAttestedOn = day("2026-03-01")
            noCivic.civicTests = [test("2026-03-02", passed: true), test("2026-03-02", passed: false)]
            cases.append((.onLeave, Enrolment(programmeID: "other", programmeVersion: 1, profile: "basic"), noCivic))
            // Required and attested under a programme without a civic test: complete.
            var attested = TrackRecords()
            attested.civicRequirement = .required
            attested.civicAttestedOn = day("2026-03-01")
            cases.append(
                (.suspended, Enrolment(programmeID: "other", programmeVersion: 1, profile: "advanced"), attested))

            // The programme's exemptions: a refugee (the Fixture's residence), and a labour migrant
            // born on a leap day, whose age exemption starts on 1 March 2025 (counted, with its day).
            let exemptingBasic = Enrolment(programmeID: "exempting", programmeVersion: 1, profile: "basic")
            cases.append((.active, exemptingBasic, TrackRecords()))
            cases.append((.active, exemptingBasic, TrackRecords()))
            let leapDayBorn = cases.count - 1

            var ids: [Int64] = []
            try BulkLoader.load(into: store, actor: fixture.admin.id) { loader in
                for (index, (phase, enrolment, tracks)) in cases.enumerated() {
                    var draft = Fixture.draft("Client", "\(index)", number: index + 1, officer: officer)
                    if index == leapDayBorn {
                        draft.values[.residenceCategory] = ResidenceCategory.labourMigrant.rawValue
                        draft.values[.dateOfBirth] = "1960-02-29"
                    }
                    var client = try draft.validated(today: testDay)
                    client.phase = phase
                    client.version = 1
                    var steps = [PhaseStep(from: nil, to: .referred, on: day("2026-01-05"))]
                    if phase != .referred { steps.append(PhaseStep(from: .referred, to: phase, on: day("2026-02-01"))) }
                    ids.append(
                        try loader.add(client, history: steps, enrolment: enrolment, tracks: tracks, note: "test"))
                }
            }
            self.ids = ids
        }
    }

    @Test func theBulkLoadWritesTheFactsTheSQLComputes() throws {
        let loaded = try BulkLoaded()
        #expect(try loaded.fixture.store.figures.staleFacts(limit: 100).isEmpty)
    }

    @Test func theBulkLoadedFactsAreWhatCoresRulesSay() throws {
        let loaded = try BulkLoaded()
        for id in loaded.ids { try expectCoresFacts(loaded.fixture.store, clientID: id) }
    }

    /// Facts the store computed on every write, on the dashboard's hand-counted caseload.
    @Test func theFactsKeptOnEveryWriteAreWhatCoresRulesSay() throws {
        let caseload = try CaseloadFixture()
        for client in caseload.clients.values { try expectCoresFacts(caseload.store, clientID: client.id) }
    }

    /// The packed phase is frozen in migration 5 as each phase's position in `CasePhase.allCases`,
    /// which `DashboardFacts` reads back: a phase added or moved needs a new migration.
    @Test(arguments: CasePhase.allCases)
    func thePackedPhaseIsThePhasesPositionInCore(phase: CasePhase) throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        try fixture.store.database.execute(
            "UPDATE client_facts SET phase = ? WHERE client_id = ?", [phase.rawValue, client.id])
        let packed = try fixture.store.database.queryFirst(
            "SELECT dash_bits, dash_days FROM client_facts WHERE client_id = ?", [client.id]
        ) { DashboardFacts(bits: $0.int64(0), days: $0.int64(1)) }
        #expect(packed?.phase == CasePhase.allCases.firstIndex(of: phase))
    }

    @Test func theFactColumnsAreTheTablesColumnsInOrder() throws {
        let fixture = try Fixture()
        let columns = try fixture.store.database.query("SELECT name FROM pragma_table_info('client_facts')") {
            $0.text(0)
        }
        #expect(FactColumn.names == columns)
        #expect(FactColumn.perSkill.map(\.current.name) == ClientFacts.skills.map { "cur_" + $0.rawValue })
    }

    /// The client's stored facts against the records read back through the store and Core's rules.
    func expectCoresFacts(_ store: Store, clientID: Int64, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let client = try #require(try store.client(id: clientID))
        let enrolment = try store.enrolment(clientID: clientID)
        let programme = try store.programme(forClient: clientID)?.programme
        let standing = try store.languageStanding(clientID: clientID)
        let civic = try store.civicProgress(clientID: clientID)
        let contract = try store.contract(clientID: clientID)
        let phaseSince = try #require(try store.phaseHistory(clientID: clientID).last?.effectiveOn)
        let row = try #require(
            try store.database.queryFirst(
                "SELECT \(FactColumn.selection()) FROM client_facts WHERE client_id = ?", [clientID]
            ) { row in (0..<FactColumn.allCases.count).map { row.optionalText(Int32($0)) } })
        func fact(_ column: FactColumn) -> String? { row[Int(column.rawValue)] }
        func number(_ value: Int?) -> String? { value.map(String.init) }
        func flag(_ value: Bool) -> String { value ? "1" : "0" }
        let facts = "facts of client \(clientID)"
        #expect(fact(.officerID) == client.officerID.map { String($0) }, "\(facts)", sourceLocation: sourceLocation)
        #expect(fact(.phase) == client.phase.rawValue, "\(facts)", sourceLocation: sourceLocation)
        #expect(fact(.isOpen) == flag(client.phase.isOpen), "\(facts)", sourceLocation: sourceLocation)
        #expect(fact(.programmeID) == enrolment?.programmeID, "\(facts)", sourceLocation: sourceLocation)
        let lastContact = try store.notes(clientID: clientID).map(\.date).max() ?? phaseSince
        #expect(fact(.contactSince) == lastContact.iso, "\(facts)", sourceLocation: sourceLocation)
        #expect(fact(.hasContract) == flag(contract != nil), "\(facts)", sourceLocation: sourceLocation)
        #expect(
            fact(.contractEndedOn) == (contract?.status == .ended ? contract?.endedOn?.iso : nil), "\(facts)",
            sourceLocation: sourceLocation)
        // The residence ground is folded in; the age ground is the day it starts, read against the day.
        var byResidence = false
        if case .residence? = civic.presetExemption { byResidence = true }
        let required = programme != nil && civic.requirement == .required && !byResidence
        #expect(fact(.civicRequired) == flag(required), "\(facts)", sourceLocation: sourceLocation)
        let exemptFrom = required ? programme?.civicTest?.ageExemptionStarts(dateOfBirth: client.dateOfBirth) : nil
        #expect(fact(.civicExemptFrom) == exemptFrom?.iso, "\(facts)", sourceLocation: sourceLocation)
        #expect(
            (civic.presetExemption == .age(65)) == (exemptFrom.map { $0 <= testDay } ?? false), "\(facts)",
            sourceLocation: sourceLocation)
        // What completion means is asked only where orientation is required (the dashboard's share).
        if required, civic.presetExemption == nil {
            #expect(
                fact(.civicComplete) == flag(civic.isComplete(hasTest: programme?.civicTest != nil)), "\(facts)",
                sourceLocation: sourceLocation)
        }
        var targets = 0
        var met = 0
        for (slot, (skill, columns)) in zip(ClientFacts.skills, FactColumn.perSkill).enumerated() {
            #expect(
                fact(columns.current) == number(standing.current[skill]?.rank), "\(facts)",
                sourceLocation: sourceLocation)
            #expect(
                fact(columns.target) == number(standing.targets[skill]?.rank), "\(facts)",
                sourceLocation: sourceLocation)
            if standing.targets[skill] != nil { targets |= 1 << slot }
            if standing.isMet(skill) { met |= 1 << slot }
        }
        let levels = ClientFacts.skills.map { standing.current[$0]?.rank }
        let lowest = levels.contains(nil) ? nil : levels.compactMap { $0 }.min()
        #expect(fact(.levelMin) == number(lowest), "\(facts)", sourceLocation: sourceLocation)
        #expect(fact(.langTargets) == String(targets), "\(facts)", sourceLocation: sourceLocation)
        #expect(fact(.langMet) == String(met), "\(facts)", sourceLocation: sourceLocation)
    }
}
