import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// Seven clients built by hand, with every figure of the dashboard worked out by hand below.
/// Today is 2026-11-23; the period is 2025-12-01 to 2026-11-23.
struct CaseloadFixture {
    let fixture: Fixture
    let a: Staff
    let b: Staff
    var clients: [String: Client] = [:]
    var store: Store { fixture.store }

    init() throws {
        fixture = try Fixture()
        a = fixture.officer
        b = try fixture.store.addStaff(
            username: "bnilsen", displayName: "Berit Nilsen", role: .officer, actor: fixture.admin.id)
        try store.importProgramme(sampleProgramme(), sourceFile: "s", sourceText: "s", actor: fixture.admin.id)
        var other = sampleProgramme()
        other.id = "other"
        try store.importProgramme(other, sourceFile: "o", sourceText: "o", actor: fixture.admin.id)

        // C1, officer A: started 2026-02-01 (offered 2025-11-10: 83 days); A2 in every skill;
        // the authority's course place (due 2026-04-10) still pending; contact 22 days ago.
        var c1 = try add("Ahmed", 1, officer: a, programme: "sample")
        c1 = try walk(
            c1,
            [
                (.eligibilityCheck, "2025-11-01"), (.offered, "2025-11-10"), (.intakeAssessment, "2025-12-01"),
                (.planDraft, "2025-12-10"), (.contractSigned, "2026-01-20"), (.active, "2026-02-01"),
            ])
        for skill in Skill.core { try fixture.assess(c1.id, skill, .a2, on: "2026-05-01") }
        var k1 = try store.draftContract(
            clientID: c1.id, NewContractDraft(settledOn: day("2026-01-10"), draftedOn: day("2026-01-15")), actor: a.id)
        k1 = try store.signContract(
            id: k1.id, SignatureDraft(newcomer: day("2026-01-20"), authority: day("2026-01-20")),
            expectedVersion: k1.version, actor: a.id)
        try settle(c1, "Attend the intake meeting", on: "2026-02-10")
        try note(c1, "2026-11-01")
        clients["C1"] = c1

        // C2, officer A: started 2026-03-01 (offered 2026-01-10: 50 days); not assessed; civic
        // passed; recognition decided in time after 120 days; last contact 53 days ago.
        var c2 = try add("Bauer", 2, officer: a, programme: "sample")
        c2 = try walk(
            c2,
            [
                (.eligibilityCheck, "2026-01-05"), (.offered, "2026-01-10"), (.intakeAssessment, "2026-01-20"),
                (.planDraft, "2026-02-01"), (.contractSigned, "2026-02-10"), (.active, "2026-03-01"),
            ])
        try store.attestCivic(clientID: c2.id, AttestationDraft(on: day("2026-06-01")), actor: a.id)
        try store.addCivicTest(clientID: c2.id, CivicTestDraft(date: day("2026-06-15"), score: 30), actor: a.id)
        try recognition(c2, complete: "2026-03-02", decision: .fullRecognition, on: "2026-06-30")
        try note(c2, "2026-10-01")
        clients["C2"] = c2

        // C3, officer B: started before the period; B1 in every skill; civic exempt; recognition
        // refused late after 191 days; the newcomer's intake meeting (due 2025-10-24) and the
        // authority's decision (due 2026-05-05) pending; the course place met late, 2026-02-15.
        var c3 = try add("Chen", 3, officer: b, programme: "sample")
        c3 = try walk(
            c3,
            [
                (.eligibilityCheck, "2025-09-01"), (.offered, "2025-09-10"), (.intakeAssessment, "2025-09-20"),
                (.planDraft, "2025-09-25"), (.contractSigned, "2025-10-10"), (.active, "2025-10-15"),
            ])
        for skill in Skill.core { try fixture.assess(c3.id, skill, .b1, on: "2026-06-01") }
        try store.setCivicRequirement(
            clientID: c3.id, CivicRequirementDraft(.exempt, reason: "Passed the test in 2019"), actor: b.id)
        var k3 = try store.draftContract(
            clientID: c3.id, NewContractDraft(settledOn: day("2025-10-01"), draftedOn: day("2025-10-05")), actor: b.id)
        k3 = try store.signContract(
            id: k3.id, SignatureDraft(newcomer: day("2025-10-10"), authority: day("2025-10-10")),
            expectedVersion: k3.version, actor: b.id)
        try settle(c3, "Offer a course place", on: "2026-02-15")
        try recognition(c3, complete: "2026-01-05", decision: .refused, on: "2026-07-15")
        try note(c3, "2026-11-20")
        clients["C3"] = c3

        // C4, officer B: closed to work on 2026-09-30. C5, unassigned: closed, neither, 2026-02-10.
        // C7, officer A: closed to education before the period.
        let c4 = try add("Diallo", 4, officer: b, programme: nil)
        clients["C4"] = try walk(
            c4,
            [
                (.eligibilityCheck, "2025-06-01"), (.offered, "2025-06-10"), (.intakeAssessment, "2025-06-20"),
                (.planDraft, "2025-07-01"), (.contractSigned, "2025-07-10"), (.active, "2025-07-15"),
                (.completed, "2026-08-31"), (.closed, "2026-09-30"),
            ], exit: .work)
        let c5 = try add("Eriksen", 5, officer: nil, programme: nil)
        clients["C5"] = try walk(
            c5, [(.eligibilityCheck, "2026-02-01"), (.notEligible, "2026-02-05"), (.closed, "2026-02-10")],
            exit: .neither)
        let c7 = try add("Gashi", 7, officer: a, programme: nil)
        clients["C7"] = try walk(
            c7, [(.eligibilityCheck, "2025-01-10"), (.notEligible, "2025-01-20"), (.closed, "2025-06-30")],
            exit: .education)

        // C6, officer A: referred today under the other programme; nothing recorded yet.
        clients["C6"] = try add("Farah", 6, officer: a, programme: "other")
    }

    func add(_ family: String, _ number: Int, officer: Staff?, programme: String?) throws -> Client {
        let client = try fixture.add(family, "X", number: number, officer: officer?.id, arrival: "2025-01-05")
        if let programme {
            try store.enrol(
                clientID: client.id, EnrolmentDraft(ProgrammeChoice(programme, version: 1, profile: "basic")),
                actor: fixture.admin.id)
        }
        return client
    }

    func walk(_ client: Client, _ steps: [(CasePhase, String)], exit: ExitReason? = nil) throws -> Client {
        var client = client
        for (phase, date) in steps {
            client = try store.changePhase(
                clientID: client.id,
                PhaseChangeDraft(to: phase, on: day(date), exitReason: phase == .closed ? exit : nil),
                expectedVersion: client.version, actor: fixture.admin.id)
        }
        return client
    }

    func settle(_ client: Client, _ description: String, on date: String) throws {
        let contract = try #require(try store.contract(clientID: client.id))
        let obligation = try #require(
            try store.obligations(contractID: contract.id).first { $0.description == description })
        try store.settleObligation(
            id: obligation.id, SettlementDraft(.met, on: day(date), evidence: ""), expectedVersion: obligation.version,
            actor: fixture.admin.id)
    }

    func note(_ client: Client, _ date: String) throws {
        try store.addNote(
            clientID: client.id, NoteDraft(contact: .meeting, date: day(date), summary: "Met"), actor: fixture.admin.id)
    }

    func recognition(_ client: Client, complete: String, decision: RecognitionStage, on date: String) throws {
        var file = try store.addQualification(
            clientID: client.id,
            QualificationDraft(
                title: "Diploma", field: "Health", country: "SY", institution: "U", year: 2010, iscedLevel: 6,
                hasDocuments: true, isRegulatedProfession: false, identifiedOn: day("2025-11-01")),
            actor: fixture.admin.id)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2025-11-02")), .init(to: .translation, on: day("2025-11-03")),
            .init(to: .routeChosen, on: day("2025-11-04"), route: .academic),
            .init(to: .submitted, on: day("2025-11-05")), .init(to: .acknowledged, on: day("2025-11-06")),
            .init(to: .underAssessment, on: day(complete)), .init(to: decision, on: day(date)),
        ]
        for step in steps {
            file = try store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.admin.id)
        }
    }

    func id(_ name: String) -> Int64 { clients[name]!.id }
}

@Suite struct DashboardTests {
    let period = DashboardFilter.lastTwelveMonths(today: testDay)

    @Test func thePeriodIsTheLastTwelveMonthsCountedAtEachMonthEnd() {
        #expect(period.from == day("2025-12-01") && period.to == testDay)
        #expect(
            period.monthEnds.map(\.iso) == [
                "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
                "2026-07-31",
                "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-23",
            ])
        let short = DashboardFilter(from: day("2026-10-15"), to: day("2026-11-23"))
        #expect(short.monthEnds.map(\.iso) == ["2026-10-31", "2026-11-23"])
        #expect(median([]) == nil && median([3, 1, 2]) == 2 && median([120, 191]) == 155.5)
    }

    @Test func everyFigureMatchesTheHandCount() throws {
        let f = try CaseloadFixture()
        let board = try f.store.figures.dashboard(period)

        #expect(board.phases == [.active: 3, .closed: 3, .referred: 1])
        #expect(
            board.officers.map {
                "\($0.username) \($0.openCases) \($0.overdueNewcomer) \($0.overdueAuthority) \($0.noContact)"
            } == [
                "bnilsen 1 1 1 0", "okarlsen 3 0 1 1",
            ])
        #expect(board.overdueNow.newcomer == 1 && board.overdueNow.authority == 2)
        #expect(board.overdueByMonth.map(\.newcomer) == Array(repeating: 1, count: 12))
        #expect(board.overdueByMonth.map(\.authority) == [0, 1, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2])

        #expect(board.language[.listening] == Share(2, of: 4))
        #expect(board.language[.reading] == Share(2, of: 4))
        #expect(board.language[.writing] == Share(2, of: 4))
        #expect(board.language[.spokenInteraction] == Share(1, of: 4))
        #expect(board.language[.spokenProduction] == Share(1, of: 4))
        #expect(board.levels == [CEFRLevel.a2.rank: 1, CEFRLevel.b1.rank: 1, nil: 2])

        #expect(board.recognitionStages == [.fullRecognition: 1, .refused: 1])
        #expect(board.decidedInTime == Share(1, of: 2))
        #expect(board.medianDaysToDecision == 155.5)
        #expect(board.civic == Share(1, of: 3))
        #expect(board.exits == [.work: 1, .neither: 1])
        #expect(board.workOrEducation == Share(1, of: 2))
        #expect(board.starts == 2 && board.medianDaysOfferToStart == 66.5)
    }

    @Test func theClientsBehindEachBarAreExactlyThoseCounted() throws {
        let f = try CaseloadFixture()
        let board = try f.store.figures.dashboard(period)
        #expect(board.clients(behind: .overdueNow(.authority)) == [f.id("C1"), f.id("C3")])
        #expect(board.clients(behind: .overdueNow(.newcomer)) == [f.id("C3")])
        #expect(board.clients(behind: .officerNoContact(f.a.id)) == [f.id("C2")])
        #expect(board.clients(behind: .officerOpen(f.a.id)) == [f.id("C1"), f.id("C2"), f.id("C6")])
        #expect(board.clients(behind: .officerOverdue(f.b.id, .authority)) == [f.id("C3")])
        #expect(board.clients(behind: .overdueOn(day("2026-01-31"), .authority)) == [f.id("C3")])
        #expect(board.clients(behind: .skillAtTarget(.spokenInteraction)) == [f.id("C3")])
        #expect(board.clients(behind: .level(nil)) == [f.id("C2"), f.id("C6")])
        #expect(board.clients(behind: .decidedLate) == [f.id("C3")])
        #expect(board.clients(behind: .civicIncomplete) == [f.id("C1"), f.id("C6")])
        #expect(board.clients(behind: .exit(.work)) == [f.id("C4")])
        #expect(board.clients(behind: .phase(.closed)) == [f.id("C4"), f.id("C5"), f.id("C7")])
    }

    @Test func everyBarThatCountsClientsListsAsManyAsItCounts() throws {
        let f = try CaseloadFixture()
        for filter in [period, DashboardFilter(officerID: f.a.id, from: period.from, to: period.to)] {
            let board = try f.store.figures.dashboard(filter)
            func count(_ bar: DashboardBar) -> Int { board.clients(behind: bar).count }
            for (phase, clients) in board.phases { #expect(count(.phase(phase)) == clients) }
            for officer in board.officers {
                #expect(count(.officerOpen(officer.officerID)) == officer.openCases)
                #expect(count(.officerNoContact(officer.officerID)) == officer.noContact)
            }
            for (skill, share) in board.language { #expect(count(.skillAtTarget(skill)) == share.count) }
            for (level, clients) in board.levels { #expect(count(.level(level)) == clients) }
            #expect(count(.civicComplete) == board.civic.count)
            #expect(count(.civicIncomplete) == board.civic.of - board.civic.count)
            for (reason, cases) in board.exits { #expect(count(.exit(reason)) == cases) }
        }
    }

    @Test func filtersNarrowEveryFigure() throws {
        let f = try CaseloadFixture()
        var byB = period
        byB.officerID = f.b.id
        let b = try f.store.figures.dashboard(byB)
        #expect(b.phases == [.active: 1, .closed: 1])
        #expect(b.officers.map(\.username) == ["bnilsen"])
        #expect(b.overdueNow.newcomer == 1 && b.overdueNow.authority == 1)
        #expect(b.language[.spokenProduction] == Share(1, of: 1))
        #expect(b.decidedInTime == Share(0, of: 1) && b.medianDaysToDecision == 191)
        #expect(b.exits == [.work: 1] && b.starts == 0 && b.medianDaysOfferToStart == nil)

        var other = period
        other.programmeID = "other"
        let o = try f.store.figures.dashboard(other)
        #expect(o.phases == [.referred: 1])
        #expect(o.civic == Share(0, of: 1) && o.language[.listening] == Share(0, of: 1))
        #expect(o.overdueByMonth.allSatisfy { $0.newcomer == 0 && $0.authority == 0 })

        // A period before anything happened: no flows, the same stocks.
        let early = try f.store.figures.dashboard(DashboardFilter(from: day("2020-01-01"), to: day("2020-12-31")))
        #expect(early.exits.isEmpty && early.starts == 0 && early.decidedInTime == Share(0, of: 0))
        #expect(early.phases == [.active: 3, .closed: 3, .referred: 1])
    }

    @Test(arguments: [nil, "sample", "other"])
    func readingOnTwoConnectionsGivesWhatOneConnectionGives(programme: String?) throws {
        let f = try CaseloadFixture()
        for officer in [nil, f.a.id, f.b.id] {
            var filter = period
            filter.programmeID = programme
            filter.officerID = officer
            #expect(try f.store.figures.dashboard(filter) == f.store.figures.dashboard(filter, inParallel: false))
        }
    }

    @Test func aColleaguesSaveWhileTheTwoConnectionsReadIsNeverHalfCounted() throws {
        let f = try CaseloadFixture()
        let colleague = try f.fixture.secondConnection()
        // A new referral and a case moved on (two phase counts) are saved by a colleague while
        // the two connections read: the figures are read again, all from after the save.
        f.store.figures.whileReading = {
            _ = try? colleague.addClient(Fixture.draft("Haddad", "Y", number: 8, officer: f.b.id), actor: f.b.id)
            if let c6 = try? colleague.client(id: f.id("C6")) {
                _ = try? colleague.changePhase(
                    clientID: c6.id, PhaseChangeDraft(to: .eligibilityCheck, on: day("2026-11-20")),
                    expectedVersion: c6.version, actor: f.a.id)
            }
        }
        let board = try f.store.figures.dashboard(period)
        #expect(f.store.figures.whileReading == nil)
        #expect(board.phases[.referred] == 1 && board.phases[.eligibilityCheck] == 1)
        #expect(board == (try f.store.figures.dashboard(period, inParallel: false)))
    }

    @Test func thePackedFactsSayWhatTheFactColumnsSay() throws {
        let f = try CaseloadFixture()
        // Edge values written by hand: SQLite packs them again on every write of the row.
        try f.store.database.execute(
            "UPDATE client_facts SET contract_ended_on = '2026-02-28', contact_since = '1969-12-31', officer_id = NULL WHERE client_id = ?",
            [f.id("C3")])
        try f.store.database.execute(
            "UPDATE client_facts SET level_min = 9, lang_targets = 31, lang_met = 21 WHERE client_id = ?", [f.id("C1")])
        let packed = try f.store.database.query("SELECT dash_bits, dash_days FROM client_facts") {
            DashboardFacts(bits: $0.int64(0), days: $0.int64(1))
        }
        #expect(packed.count == 7)
        try f.store.database.forEach(
            """
            SELECT dash_bits, dash_days, phase, is_open, programme_id IS NOT NULL, civic_required, civic_complete, level_min,
                lang_targets, lang_met, officer_id, contract_ended_on, contact_since FROM client_facts
            """
        ) { row in
            let facts = DashboardFacts(bits: row.int64(0), days: row.int64(1))
            #expect(CasePhase.allCases[facts.phase].rawValue == row.text(2))
            #expect(facts.isOpen == (row.int(3) == 1))
            #expect(facts.isEnrolled == (row.int(4) == 1))
            #expect(facts.isCivicRequired == (row.int(5) == 1) && facts.isCivicComplete == (row.int(6) == 1))
            #expect(facts.levelSlot == (row.optionalInt(7).map { $0 + 1 } ?? 0))
            #expect(facts.languageTargets == row.int(8) && facts.languageMet == row.int(9))
            #expect(facts.officerID == row.optionalInt64(10))
            let ended = try row.optionalText(11).map { try Day(iso: $0).ordinal }
            let contact = try Day(iso: row.text(12)).ordinal
            #expect(facts.contractEndedOn == ended)
            // Before 1970 counts as 1970: such a contact is long past the 30-day gap either way.
            #expect(facts.contactSince == max(0, contact))
        }
        #expect(
            packed.contains {
                $0.contractEndedOn == day("2026-02-28").ordinal && $0.officerID == nil && $0.contactSince == 0
            })
        #expect(packed.contains { $0.levelSlot == 10 && $0.languageTargets == 31 && $0.languageMet == 21 })
    }

    @Test func aFileOfSchemaFourGainsThePackedFactsAndTheSameFigures() throws {
        let f = try CaseloadFixture()
        let before = try f.store.figures.dashboard(period)
        try f.store.database.executeScript(undoCivicExemptionsOfSchemaEighteen + undoOfficeKeysOfSchemaThirteen)
        // The facts table as version 4 had it, without the packed columns (`table_info` leaves
        // generated columns out).
        let columns = try f.store.database.query("SELECT name FROM pragma_table_info('client_facts')") { $0.text(0) }
        #expect(columns.count == 23)
        // The table and its index, as migration 4 made them.
        let v4 = try #require(migrations.first { $0.version == 4 }).sql
        let table = try #require(v4.range(of: "INSERT OR REPLACE INTO client_facts"))
        try f.store.database.executeScript(
            """
            CREATE TABLE facts_v4 AS SELECT * FROM client_facts;
            DROP TABLE client_facts;
            \(v4[..<table.lowerBound])
            INSERT INTO client_facts SELECT \(columns.joined(separator: ", ")) FROM facts_v4;
            DROP TABLE facts_v4;
            \(undoExportLogOfSchemaTwentyOne)
            \(undoDashboardIndexesOfSchemaTwenty)
            \(undoProceduresAndPartnerOfficesOfSchemaNineteen)
            \(undoProgrammeTextsOfSchemaSeventeen)
            \(undoProgrammeRetentionOfSchemaFifteen)
            DELETE FROM client_search WHERE token >= char(31) AND token < char(32);
            \(undoIntakeOfSchemaTwelve)
            \(undoImportsOfSchemaEleven)
            \(undoPrivacyOfSchemaTen)
            \(undoOfficesOfSchemaEight)
            \(undoAuditChainOfSchemaSeven)
            \(undoProgrammesOfSchemaSix)
            PRAGMA user_version = 4;
            """)
        #expect(
            try f.store.database.scalar(
                "SELECT count(*) FROM pragma_table_xinfo('client_facts') WHERE name LIKE 'dash%'") == 0)
        // Opened read-only it stays as it is: `check` still compares the facts, and the figures
        // ask for the file to be brought up to date.
        let readOnly = try Store.open(path: f.store.path, mode: .readOnly, clock: f.store.clock)
        #expect(try readOnly.figures.staleFacts().isEmpty)
        #expect {
            _ = try readOnly.figures.dashboard(period)
        } throws: { error in
            guard case StoreError.olderSchema(_, 4) = error else { return false }
            return "\(error)".contains("casebook init")
        }
        let reopened = try f.fixture.secondConnection()
        #expect(reopened.schemaVersion == currentSchemaVersion)
        #expect(try reopened.verifyAudit().isIntact, "its audit rows are chained again")
        #expect(
            try reopened.database.scalar(
                "SELECT count(*) FROM pragma_table_xinfo('client_facts') WHERE name LIKE 'dash%'") == 2)
        #expect(try reopened.figures.staleFacts().isEmpty)
        #expect(try reopened.figures.dashboard(period) == before)
    }

    @Test func theStoredFactsFollowEveryWrite() throws {
        let f = try CaseloadFixture()
        #expect(try f.store.figures.staleFacts().isEmpty)
        // A change made by hand, behind the store's back, is caught.
        try f.store.database.execute(
            "UPDATE client_facts SET contact_since = '2000-01-01' WHERE client_id = ?", [f.id("C1")])
        #expect(try f.store.figures.staleFacts() == [f.id("C1")])
        try f.store.figures.refreshFacts()
        #expect(try f.store.figures.staleFacts().isEmpty)
    }
}

@Suite struct DayOrdinalReadingTests {
    @Test func readingADayFromItsBytesAgreesWithDay() throws {
        let fixture = try Fixture()
        let texts = ["1970-01-01", "2000-02-29", "2026-11-23", "2028-02-29", "1899-12-31", "2100-03-01", "0001-01-01"]
        for text in texts {
            let ordinal = try fixture.store.database.queryFirst("SELECT ?", [text]) { $0.dayOrdinal(0) } ?? nil
            #expect(ordinal == (try Day(iso: text)).ordinal, "\(text)")
        }
        for bad in ["2026-1-23", "2026/11/23", "20261123xx", "", "abcd-ef-gh", "2026-13-01"] {
            #expect(
                (try fixture.store.database.queryFirst("SELECT ?", [bad]) { $0.dayOrdinal(0) } ?? nil) == nil, "\(bad)")
        }
        #expect((try fixture.store.database.queryFirst("SELECT NULL") { $0.dayOrdinal(0) } ?? nil) == nil)
    }
}
