import CasebookTestSupport
import CasebookText
import Testing

@testable import CasebookCore

@Suite struct LanguageRuleTests {

    func assessment(_ skill: Skill, _ level: CEFRLevel, _ date: String, id: Int64) -> LanguageAssessment {
        LanguageAssessment(id: id, clientID: 1, date: day(date), skill: skill, level: level, instrument: "t", provider: "p", isCertified: false)
    }

    @Test func levelsAreOrderedFromPreA1ToC2WithThePlusLevels() {
        #expect(CEFRLevel.allCases.map(\.rawValue) == ["Pre-A1", "A1", "A2", "A2+", "B1", "B1+", "B2", "B2+", "C1", "C2"])
        #expect(CEFRLevel.a2Plus > .a2 && CEFRLevel.a2Plus < .b1)
        #expect(throws: TrackError.unknownLevel("B3")) { try CEFRLevel(parsing: "B3") }
        #expect((try? CEFRLevel(parsing: " b1+ ")) == .b1Plus)
        #expect(throws: TrackError.unknownSkill("speaking")) { try Skill(parsing: "speaking") }
    }

    @Test func theCurrentLevelIsTheLatestAssessmentNotTheHighest() {
        let standing = LanguageStanding(
            assessments: [
                assessment(.reading, .b1, "2026-01-10", id: 1), assessment(.reading, .a2, "2026-06-01", id: 2),
                assessment(.writing, .a1, "2026-06-01", id: 3), assessment(.writing, .a2, "2026-06-01", id: 4),
            ], targets: [:])
        #expect(standing.current[.reading] == .a2)
        #expect(standing.current[.writing] == .a2, "on the same day the later-recorded assessment counts")
        #expect(standing.current[.listening] == nil)
    }

    @Test func targetsAreMetPerSkillAndOverall() {
        let targets: [Skill: CEFRLevel] = [.reading: .a2, .writing: .a2, .spokenInteraction: .b1]
        var standing = LanguageStanding(
            assessments: [
                assessment(.reading, .b1, "2026-01-10", id: 1), assessment(.writing, .a2, "2026-01-10", id: 2),
                assessment(.spokenInteraction, .a2Plus, "2026-01-10", id: 3),
            ], targets: targets)
        #expect(standing.isMet(.reading) && standing.isMet(.writing) && !standing.isMet(.spokenInteraction))
        #expect(!standing.isMet)
        #expect(standing.metCount == (2, 3))
        #expect(standing.lowestCurrent == .a2)
        standing = LanguageStanding(
            assessments: [assessment(.reading, .b1, "2026-01-10", id: 1)], targets: targets,
            overrides: [TargetOverride(skill: .spokenInteraction, level: .a2, reason: "hearing impairment")])
        #expect(standing.targets[.spokenInteraction] == .a2)
        #expect(standing.lowestCurrent == nil, "writing and interaction are not assessed yet")
        #expect(!LanguageStanding(assessments: [], targets: [:]).isMet, "no targets, nothing met")
    }

    @Test func attendanceRateCountsHoursScheduledToDate() {
        let entries = [
            AttendanceEntry(courseID: 1, date: day("2026-09-01"), scheduledHours: 20, attendedHours: 20, absence: nil),
            AttendanceEntry(courseID: 1, date: day("2026-10-01"), scheduledHours: 20, attendedHours: 14, absence: .sick),
            AttendanceEntry(courseID: 1, date: day("2026-11-01"), scheduledHours: 20, attendedHours: 10, absence: .unexcused),
            AttendanceEntry(courseID: 1, date: day("2026-12-01"), scheduledHours: 20, attendedHours: 0, absence: .sick),
        ]
        let ledger = Attendance(entries: entries, through: testDay)
        #expect(ledger.scheduled == 60 && ledger.attended == 44)
        #expect(ledger.rate == 44.0 / 60.0)
        #expect(ledger.missed == [.sick: 6, .unexcused: 10])
        #expect(Attendance(entries: [], through: testDay).rate == nil)
        #expect(hoursLeft(budget: 550, attended: 44) == 506)
        #expect(hoursLeft(budget: 40, attended: 44) == 0)
    }

    @Test func attendanceEntriesAreChecked() {
        func entry(_ scheduled: Double, _ attended: Double, _ absence: AbsenceKind?) -> [AttendanceDraft.Field] {
            let draft = AttendanceDraft(course: 1, date: testDay, scheduled: scheduled, attended: attended, absence: absence)
            return refused(AttendanceDraft.Field.self) { try draft.validated(courseStart: nil, today: testDay) }
        }
        #expect(entry(10, 12, nil) == [.attended])
        #expect(entry(10, 8, nil) == [.absence])
        #expect(entry(10, 10, .sick) == [.absence])
        #expect(entry(0.25, 0, .sick) == [.scheduled])
        #expect(entry(10, 8, .childSick) == [])
    }

    @Test(arguments: [("14d", "2026-12-07"), ("2w", "2026-12-07"), ("3m", "2027-02-23"), ("1y", "2027-11-23")])
    func timeSpansParseAndApply(_ text: String, _ expected: String) throws {
        #expect(try #require(TimeSpan(text)).after(testDay).iso == expected)
    }

    @Test(arguments: ["3", "m", "3x", "-1m", "", "9999y"])
    func malformedTimeSpansAreRefused(_ text: String) {
        #expect(TimeSpan(text) == nil)
    }
}

@Suite struct RecognitionRuleTests {
    /// The procedure of DOMAIN.md, written out independently of the implementation.
    static let legal: Set<String> = [
        "identified>gathering_documents", "gathering_documents>translation", "gathering_documents>no_documents",
        "no_documents>route_chosen", "translation>route_chosen", "route_chosen>submitted", "submitted>acknowledged",
        "acknowledged>incomplete", "acknowledged>under_assessment", "incomplete>acknowledged",
        "incomplete>under_assessment", "under_assessment>full_recognition", "under_assessment>partial_recognition",
        "under_assessment>comparability_statement", "under_assessment>refused", "full_recognition>licensed",
        "partial_recognition>compensation", "partial_recognition>appealed", "refused>appealed",
        "appealed>full_recognition", "appealed>partial_recognition", "appealed>refused",
        "compensation>compensation_passed", "compensation>compensation_failed", "compensation_failed>compensation",
        "compensation_passed>licensed",
    ]

    static let allPairs: [(RecognitionStage, RecognitionStage)] = RecognitionStage.allCases.flatMap { from in
        RecognitionStage.allCases.map { (from, $0) }
    }

    @Test(arguments: allPairs)
    func everyStepIsLegalExactlyWhenTheProcedureSaysSo(_ from: RecognitionStage, _ to: RecognitionStage) {
        let expected = Self.legal.contains("\(from.rawValue)>\(to.rawValue)")
        #expect(from.canMove(to: to) == expected)
        if !expected {
            let step = RecognitionStepDraft(to: to, on: testDay)
            #expect(
                problems(RecognitionStepDraft.Field.self) {
                    try step.validated(from: from, since: testDay, today: testDay)
                }[.stage] == RecognitionError.illegal(from: from, to: to).description)
            let message = RecognitionError.illegal(from: from, to: to).description
            for next in from.next { #expect(message.contains(next.label)) }
        }
    }

    @Test(arguments: [
        ("2026-01-31", "4m", "2026-05-31"), ("2026-10-31", "4m", "2027-02-28"), ("2027-10-31", "4m", "2028-02-29"),
        ("2026-11-30", "3m", "2027-02-28"), ("2024-02-29", "1y", "2025-02-28"), ("2026-12-15", "3m", "2027-03-15"),
    ])
    func decisionDeadlinesCrossMonthEndsAndLeapYears(_ complete: String, _ rule: String, _ due: String) throws {
        let deadline = Qualification.decisionDeadline(completeOn: day(complete), rule: try #require(TimeSpan(rule)))
        #expect(deadline.iso == due)
    }

    @Test func aFileIsOverdueOnlyWhileUnderAssessmentAfterItsDeadline() throws {
        var file = Qualification(
            clientID: 1, title: "BSc Nursing", field: "Health", country: "SY", institution: "Damascus", year: 2012, iscedLevel: 6,
            hasDocuments: true, isRegulatedProfession: true, stage: .underAssessment, stageSince: day("2026-06-01"),
            completeOn: day("2026-06-01"), decisionDue: day("2026-10-01"))
        #expect(file.isOverdue(today: day("2026-10-02")))
        #expect(!file.isOverdue(today: day("2026-10-01")), "the due day itself is still in time")
        #expect(file.daysToDecision(today: day("2026-10-11")) == -10)
        file.stage = .fullRecognition
        file.decidedOn = day("2026-10-05")
        #expect(!file.isOverdue(today: day("2026-12-01")))
        #expect(file.decidedInTime == false)
    }

    @Test func qualificationFieldsAreChecked() throws {
        let today = day("2026-11-23")
        func fields(_ title: String, _ year: Int, _ isced: Int, _ country: String) -> [QualificationDraft.Field] {
            let draft = QualificationDraft(title: title, country: country, year: year, iscedLevel: isced, identifiedOn: today)
            return refused(QualificationDraft.Field.self) { try draft.validated(clientID: 1, today: today) }
        }
        #expect(fields(" ", 2010, 6, "SY") == [.title])
        #expect(fields("BSc", 2027, 6, "SY") == [.year])
        #expect(fields("BSc", 2010, 9, "SY") == [.isced])
        #expect(fields("BSc", 2010, 6, "QQ") == [.country])
        #expect(fields("BSc", 2010, 6, "SY") == [])
    }
}

@Suite struct CivicRuleTests {
    let module = CivicModule(id: "social", name: "Social studies", hours: 75)

    @Test func progressFollowsSessionsAttestationAndTheLatestTest() throws {
        let start = day("2026-03-01")
        var progress = CivicProgress(requirement: .required, attestedOn: nil, sessions: [], tests: [])
        #expect(progress.stage == .required)
        let sessions = [
            CivicSession(clientID: 1, moduleID: "social", date: start, hours: 30, language: "ar"),
            CivicSession(clientID: 1, moduleID: "social", date: start, hours: 30, language: "ar"),
        ]
        progress = CivicProgress(requirement: .required, attestedOn: nil, sessions: sessions, tests: [])
        #expect(progress.stage == .inSessions)
        #expect(progress.completion(of: module) == 0.8)
        progress = CivicProgress(requirement: .required, attestedOn: start, sessions: sessions, tests: [])
        #expect(progress.stage == .attested)
        #expect(!progress.isComplete(hasTest: true) && progress.isComplete(hasTest: false))
        let failed = CivicTestResult(id: 1, clientID: 1, date: start, score: 20, passMark: 26)
        let passed = CivicTestResult(id: 2, clientID: 1, date: start.adding(days: 60), score: 26, passMark: 26)
        #expect(!failed.passed && passed.passed)
        progress = CivicProgress(requirement: .required, attestedOn: start, sessions: sessions, tests: [passed, failed])
        #expect(progress.stage == .passed, "the retake decides")
        #expect(CivicProgress(requirement: .exempt, exemptReason: "certificate", attestedOn: nil, sessions: [], tests: []).isComplete(hasTest: true))
        #expect(CivicProgress(requirement: .required, attestedOn: nil, sessions: [], tests: []).completion(of: CivicModule(id: "x", name: "x", hours: nil)) == nil)
    }

    @Test func anExemptionNeedsItsReason() {
        func fields(_ requirement: CivicRequirement, _ reason: String) -> [CivicRequirementDraft.Field] {
            refused(CivicRequirementDraft.Field.self) { try CivicRequirementDraft(requirement, reason: reason).validated() }
        }
        #expect(fields(.exempt, "  ") == [.reason])
        #expect(fields(.exempt, "Holds the certificate") == [])
        #expect(fields(.required, "") == [])
    }
}
