import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// Each rule `RuleSQL` writes in SQL, held to its definition in Core.
@Suite struct RuleSQLTests {
    /// A client with one drafted contract of 400 obligations (and the programme's four), due from
    /// 20 days before the test day to 20 after (some without a day), in every status, settled on
    /// days up to 20 days back.
    struct Obligations {
        let fixture: Fixture
        let client: Client
        let all: [Obligation]

        init() throws {
            fixture = try Fixture()
            let store = fixture.store
            let officer = fixture.officer.id
            client = try fixture.enrolledClient()
            var contract = try store.draftContract(
                clientID: client.id, NewContractDraft(settledOn: day("2026-09-01"), draftedOn: testDay), actor: officer)
            var generator = SplitMix(seed: 20_261_123)
            for index in 0..<400 {
                let due: Day? = index % 37 == 0 ? nil : testDay.adding(days: Int(generator.next() % 41) - 20)
                contract = try store.addObligation(
                    ObligationDraft(
                        party: index % 2 == 0 ? .newcomer : .authority, category: .other,
                        description: "Obligation \(index)", legalBasis: "", dueOn: due), contractID: contract.id,
                    expectedVersion: contract.version, actor: officer)
            }
            for obligation in try store.obligations(contractID: contract.id) {
                let status: ObligationStatus = [.pending, .met, .waived, .breached][Int(generator.next() % 4)]
                guard status != .pending else { continue }
                let settled = testDay.adding(days: -Int(generator.next() % 21))
                try store.settleObligation(
                    id: obligation.id, SettlementDraft(status, on: settled, evidence: "", reason: "r"),
                    expectedVersion: obligation.version, actor: officer)
            }
            all = try store.obligations(contractID: contract.id)
        }

        func ids(_ condition: String, _ arguments: [any SQLBindable]) throws -> Set<Int64> {
            Set(
                try fixture.store.database.query("SELECT o.id FROM obligations o WHERE \(condition)", arguments) {
                    $0.int64(0)
                })
        }
    }

    @Test func theOverdueAndDueSoonConditionsPickWhatObligationTimingNamesOnEveryDay() throws {
        let obligations = try Obligations()
        #expect(Set(obligations.all.map(\.status)).count == 4)
        for offset in -25...25 {
            let today = testDay.adding(days: offset)
            let overdue = Set(obligations.all.filter { $0.timing(today: today) == .overdue }.map(\.id))
            let soon = Set(obligations.all.filter { $0.timing(today: today) == .dueSoon }.map(\.id))
            #expect(try obligations.ids(RuleSQL.overdue("o"), [today]) == overdue, "overdue on \(today.iso)")
            #expect(
                try obligations.ids(RuleSQL.dueSoon("o"), RuleSQL.dueSoonArguments(today)) == soon,
                "due soon on \(today.iso)")
        }
        #expect(obligations.all.contains { $0.timing(today: testDay) == .overdue })
        #expect(obligations.all.contains { $0.timing(today: testDay) == .dueSoon })
    }

    /// The dashboard counts overdue obligations by the worklist's condition, and at month ends by
    /// `ObligationTiming.wasOverdue`, on every day.
    @Test func theDashboardCountsOverdueObligationsAsObligationTimingDoes() throws {
        let obligations = try Obligations()
        for offset in stride(from: -21, through: 21, by: 3) {
            let today = testDay.adding(days: offset)
            let store = try Store.open(
                path: obligations.fixture.store.path, mode: .readWrite, clock: FixedClock(today: today))
            let period = DashboardFilter(from: today.adding(days: -40), to: today)
            let board = try store.figures.dashboard(period)
            for party in [Party.newcomer, .authority] {
                let side = obligations.all.filter { $0.party == party }
                #expect(
                    board.overdueNow.count(party) == side.filter { $0.timing(today: today) == .overdue }.count,
                    "\(party) overdue on \(today.iso)")
                for point in board.overdueByMonth {
                    let expected = side.filter {
                        ObligationTiming.wasOverdue(due: $0.dueOn, settledOn: $0.settledOn, on: point.day)
                    }
                    #expect(point.count(party) == expected.count, "\(party) overdue on \(point.day.iso)")
                }
            }
        }
    }

    @Test func theObligationsEverOverdueAreReadFromThePartialIndexOfTheSameCondition() throws {
        let fixture = try Fixture()
        let index = try fixture.store.database.queryFirst(
            "SELECT sql FROM sqlite_schema WHERE name = 'obligations_overdue_history'"
        ) { $0.text(0) }
        #expect(index?.hasSuffix("WHERE \(RuleSQL.everOverdue)") == true, "\(index ?? "no index")")
        let plan = try fixture.store.database.queryPlan(DashboardFlows.overdueQuery, [testDay, testDay, testDay])
        #expect(plan.contains { $0.contains("obligations_overdue_history") }, "\(plan)")
    }

    @Test(arguments: CasePhase.allCases)
    func theOpenPhasesAreTheOpenOnes(phase: CasePhase) throws {
        let fixture = try Fixture()
        let open = try fixture.store.database.scalar("SELECT ? IN (\(RuleSQL.openPhases))", [phase.rawValue])
        #expect(open == (phase.isOpen ? 1 : 0))
    }

    @Test(arguments: CEFRLevel.allCases)
    func aLevelsRankIsCoresRank(level: CEFRLevel) throws {
        let fixture = try Fixture()
        #expect(try fixture.store.database.scalar("SELECT \(RuleSQL.rank("?"))", [level.rawValue]) == Int64(level.rank))
    }

    @Test(arguments: RecognitionStage.allCases)
    func aRecognitionFileIsOverdueAsQualificationSays(stage: RecognitionStage) throws {
        let fixture = try Fixture()
        for due in [nil, testDay.adding(days: -1), testDay, testDay.adding(days: 1)] {
            let file = Qualification(
                clientID: 1, title: "t", field: "", country: "SY", institution: "", year: 2010, iscedLevel: 6,
                hasDocuments: true, isRegulatedProfession: false, stage: stage, stageSince: testDay, decisionDue: due)
            let overdue = try fixture.store.database.scalar(
                "SELECT \(RuleSQL.recognitionOverdue("q")) FROM (SELECT ? AS stage, ? AS decision_due) q",
                [testDay, stage.rawValue, due])
            #expect((overdue ?? 0) == (file.isOverdue(today: testDay) ? 1 : 0), "due \(due?.iso ?? "none")")
        }
    }
}

/// The authority's late acknowledgement (`Qualification.isAcknowledgementLate`), written in SQL
/// from the programme's tables (`RuleSQL.acknowledgementLate`).
@Suite struct AcknowledgementRuleSQLTests {
    @Test(arguments: ["0d", "3d", "2w", "1m", "2m", "3m", "1y", "2y"])
    func aSpanAfterADayIsTheDayTimeSpanGives(text: String) throws {
        let fixture = try Fixture()
        let span = try #require(TimeSpan(text))
        // Every day of a leap year and the next, month ends and February included.
        for offset in 0..<731 {
            let start = day("2027-12-01").adding(days: offset)
            let after = try fixture.store.database.queryFirst(
                "SELECT \(RuleSQL.after("s.span", "s.day")) FROM (SELECT ? AS span, ? AS day) s", [text, start]
            ) { $0.text(0) }
            #expect(after == span.after(start).iso, "\(text) after \(start.iso)")
        }
    }

    /// Files of an enrolled client under both procedures, at every stage, submitted on days
    /// around the deadlines, and the same for a client in no programme.
    @Test func theLateAcknowledgementsAreThoseQualificationNames() throws {
        let fixture = try Fixture()
        let store = fixture.store
        try store.importProgramme(
            sampleProgramme(variants: [Fixture.acceleratedProcedure]), sourceFile: "sample.toml", sourceText: "sample",
            actor: fixture.admin.id)
        let enrolled = try fixture.add("Haddad", "Rasha", number: 1, officer: fixture.officer.id)
        try store.enrol(clientID: enrolled.id, Fixture.sampleBasic, actor: fixture.officer.id)
        let outside = try fixture.add("Karimi", "Omid", number: 2, officer: fixture.officer.id)
        var files: [Qualification] = []
        for (index, stage) in RecognitionStage.allCases.enumerated() {
            for variant in [nil, "accelerated"] as [String?] {
                for client in [enrolled, outside] {
                    let since = testDay.adding(days: -(index * 3 % 50))
                    try store.database.execute(
                        """
                        INSERT INTO qualifications (client_id, title, field, country, institution, year, isced,
                            has_documents, regulated, stage, stage_since, variant, created_at, created_by, updated_at,
                            updated_by)
                        VALUES (?, 't', '', 'SY', '', 2010, 6, 1, 0, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [
                            client.id, stage.rawValue, since, variant, testClock.now, fixture.officer.id,
                            testClock.now, fixture.officer.id,
                        ])
                    files.append(contentsOf: try store.qualifications(clientID: client.id).suffix(1))
                }
            }
        }
        let programme = try #require(try store.programme(forClient: enrolled.id)?.programme)
        for offset in stride(from: -10, through: 60, by: 2) {
            let today = testDay.adding(days: offset)
            let late = try Set(
                store.database.query(
                    """
                    SELECT q.id FROM qualifications q \(RuleSQL.acknowledgementJoin("q"))
                    WHERE \(RuleSQL.acknowledgementLate("q"))
                    """, [today]
                ) { $0.int64(0) })
            let expected = Set(
                files.filter {
                    $0.clientID == enrolled.id
                        && $0.isAcknowledgementLate(today: today, rule: $0.deadlines(under: programme).acknowledgement)
                }.map(\.id))
            #expect(late == expected, "late on \(today.iso)")
        }
    }
}

extension OverduePoint {
    fileprivate func count(_ party: Party) -> Int { party == .newcomer ? newcomer : authority }
}
