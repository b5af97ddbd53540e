import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

@Suite struct ProgrammeStoreTests {
    @Test func importingMakesVersionsAndSkipsAnUnchangedFile() throws {
        let fixture = try Fixture()
        let (first, isNew) = try fixture.store.importProgramme(
            sampleProgramme(), sourceFile: "a.toml", sourceText: "one", actor: fixture.admin.id)
        #expect(isNew && first.version == 1)
        let (same, again) = try fixture.store.importProgramme(
            sampleProgramme(), sourceFile: "a.toml", sourceText: "one", actor: fixture.admin.id)
        #expect(!again && same.version == 1)
        let (second, _) = try fixture.store.importProgramme(
            sampleProgramme(decision: "3m"), sourceFile: "a.toml", sourceText: "two", actor: fixture.admin.id)
        #expect(second.version == 2)
        // Versions are read back whole, and the older one is kept as it was.
        let reader = try fixture.secondConnection()
        #expect(try reader.programme(id: "sample", version: 1) == first)
        #expect(try reader.programme(id: "sample", version: 2)?.recognitionDecision.text == "3m")
        #expect(try reader.latestProgrammes().map(\.version) == [2])
        #expect(try reader.programmeVersions().map(\.version) == [2, 1])
    }

    @Test func anEnrolmentKeepsTheVersionItWasMadeUnder() throws {
        let fixture = try Fixture()
        try fixture.store.importProgramme(
            sampleProgramme(), sourceFile: "a", sourceText: "one", actor: fixture.admin.id)
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        try fixture.store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")),
            actor: fixture.officer.id)
        try fixture.store.importProgramme(
            sampleProgramme(decision: "3m"), sourceFile: "a", sourceText: "two", actor: fixture.admin.id)
        let enrolled = try #require(try fixture.store.programme(forClient: client.id))
        #expect(enrolled.programme.version == 1 && enrolled.profile == "basic")
        #expect(throws: StoreError.self) {
            try fixture.store.enrol(
                clientID: client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "expert")),
                actor: fixture.officer.id)
        }
        #expect(
            try fixture.store.auditTrail(clientID: client.id).contains {
                $0.entity == "enrolment" && $0.newValue == "sample v1 basic"
            })
    }
}

@Suite struct LanguageStoreTests {
    let fixture: Fixture
    let client: Client

    init() throws {
        fixture = try Fixture()
        try fixture.store.importProgramme(
            sampleProgramme(), sourceFile: "a", sourceText: "one", actor: fixture.admin.id)
        client = try fixture.add("Haddad", "Rasha", number: 1)
        try fixture.store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")),
            actor: fixture.officer.id)
    }

    @Test func standingUsesTheProfileTargetsAndTheLatestAssessments() throws {
        for skill in Skill.core { try fixture.assess(client.id, skill, .a2, on: "2026-05-01") }
        try fixture.assess(client.id, .spokenInteraction, .b1, on: "2026-10-01")
        var standing = try fixture.store.languageStanding(clientID: client.id)
        #expect(standing.targets[.spokenInteraction] == .b1)
        #expect(standing.metCount == (4, 5))
        try fixture.assess(client.id, .spokenProduction, .b1, on: "2026-11-01")
        standing = try fixture.store.languageStanding(clientID: client.id)
        #expect(standing.isMet)
        let page = try fixture.store.languageStandings(clientIDs: [client.id, 999])
        #expect(page[client.id] == standing && page[999] == nil)
        #expect(try fixture.store.assessments(clientID: client.id).first?.date.iso == "2026-11-01")
    }

    @Test func anOverrideNeedsAReasonAndIsAudited() throws {
        #expect(throws: StoreError.self) {
            try fixture.store.setTargetOverride(
                clientID: client.id, TargetDraft(skill: .writing, level: .a1, reason: " "), actor: fixture.officer.id)
        }
        try fixture.store.setTargetOverride(
            clientID: client.id, TargetDraft(skill: .writing, level: .a1, reason: "Low literacy"),
            actor: fixture.officer.id)
        #expect(try fixture.store.languageStanding(clientID: client.id).targets[.writing] == .a1)
        try fixture.store.setTargetOverride(
            clientID: client.id, TargetDraft(skill: .writing, level: nil, reason: "Reading improved"),
            actor: fixture.officer.id)
        #expect(try fixture.store.languageStanding(clientID: client.id).targets[.writing] == .a2)
        let trail = try fixture.store.auditTrail(clientID: client.id).filter { $0.entity == "target" }
        #expect(trail.count == 2 && trail.last?.newValue == "A1: Low literacy")
    }

    @Test func badAssessmentsAndAttendanceAreRefused() throws {
        #expect(throws: StoreError.self) { try fixture.assess(client.id, .reading, .a2, on: "2026-11-24") }
        #expect(throws: StoreError.self) {
            try fixture.store.addAssessment(
                clientID: client.id,
                AssessmentDraft(
                    on: testDay, skills: [.reading], level: .a1, instrument: "", provider: "VO", isCertified: false),
                actor: fixture.officer.id)
        }
        let course = try fixture.store.addCourse(
            clientID: client.id,
            CourseDraft(provider: "VO", level: .a2, startsOn: day("2026-09-01"), endsOn: nil, hoursPlanned: 300),
            actor: fixture.officer.id)
        #expect(throws: StoreError.self) {
            try fixture.store.addAttendance(
                clientID: client.id,
                AttendanceDraft(course: course.id, date: day("2026-08-01"), scheduled: 10, attended: 10, absence: nil),
                actor: fixture.officer.id)
        }
        #expect(throws: StoreError.self) {
            try fixture.store.addAttendance(
                clientID: client.id,
                AttendanceDraft(course: course.id, date: day("2026-09-08"), scheduled: 10, attended: 6, absence: nil),
                actor: fixture.officer.id)
        }
        try fixture.store.addAttendance(
            clientID: client.id,
            AttendanceDraft(
                course: course.id, date: day("2026-09-08"), scheduled: 10, attended: 6, absence: .childSick),
            actor: fixture.officer.id)
        let ledger = Attendance(
            entries: try fixture.store.attendance(clientID: client.id)[course.id] ?? [], through: testDay)
        #expect(ledger.rate == 0.6 && ledger.missed == [.childSick: 4])
    }
}

@Suite struct RecognitionStoreTests {
    let fixture: Fixture
    let client: Client

    init() throws {
        fixture = try Fixture()
        try fixture.store.importProgramme(
            sampleProgramme(), sourceFile: "a", sourceText: "one", actor: fixture.admin.id)
        client = try fixture.add("Haddad", "Rasha", number: 1)
        try fixture.store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")),
            actor: fixture.officer.id)
    }

    func newFile() throws -> Qualification {
        try fixture.store.addQualification(
            clientID: client.id,
            QualificationDraft(
                title: "BSc Nursing", field: "Health", country: "SY", institution: "Damascus University", year: 2012,
                iscedLevel: 6, hasDocuments: true, isRegulatedProfession: true, identifiedOn: testDay),
            actor: fixture.officer.id)
    }

    @Test func aFileWalksTheProcedureAndTheDeadlineFollowsTheProgrammeRule() throws {
        var file = try newFile()
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-11-23")), .init(to: .translation, on: day("2026-11-23")),
            .init(to: .routeChosen, on: day("2026-11-23"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-11-23")), .init(to: .acknowledged, on: day("2026-11-23")),
            .init(to: .underAssessment, on: day("2026-11-23"), note: "file complete"),
        ]
        for step in steps {
            file = try fixture.store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.officer.id)
        }
        #expect(file.completeOn == testDay && file.decisionDue?.iso == "2027-03-23")
        #expect(file.route == .regulatedProfession)
        #expect(throws: StoreError.self) {
            try fixture.store.stepQualification(
                id: file.id, RecognitionStepDraft(to: .licensed, on: testDay), expectedVersion: file.version,
                actor: fixture.officer.id)
        }
        #expect(throws: StoreError.self) {
            try fixture.store.stepQualification(
                id: file.id, RecognitionStepDraft(to: .fullRecognition, on: testDay), expectedVersion: file.version - 1,
                actor: fixture.officer.id)
        }
        file = try fixture.store.stepQualification(
            id: file.id, RecognitionStepDraft(to: .partialRecognition, on: testDay), expectedVersion: file.version,
            actor: fixture.officer.id)
        #expect(file.decidedOn == testDay && file.decidedInTime == true)
        #expect(throws: StoreError.self) {
            try fixture.store.stepQualification(
                id: file.id,
                RecognitionStepDraft(
                    to: .compensation, on: testDay, compensation: .adaptationPeriod, compensationStart: testDay,
                    compensationEnd: testDay.adding(years: 4)), expectedVersion: file.version, actor: fixture.officer.id
            )
        }
        file = try fixture.store.stepQualification(
            id: file.id,
            RecognitionStepDraft(
                to: .compensation, on: testDay, compensation: .aptitudeTest, compensationStart: testDay,
                compensationEnd: testDay.adding(days: 30)), expectedVersion: file.version, actor: fixture.officer.id)
        let events = try fixture.store.recognitionEvents(qualificationID: file.id)
        #expect(events.map(\.to).first == .identified && events.last?.to == .compensation && events.count == 9)
        #expect(events.contains { $0.note == "file complete" })
    }

    @Test func aFileWithoutDocumentsGetsAPassportThatExpires() throws {
        var file = try newFile()
        file = try fixture.store.stepQualification(
            id: file.id, RecognitionStepDraft(to: .gatheringDocuments, on: testDay), expectedVersion: file.version,
            actor: fixture.officer.id)
        file = try fixture.store.stepQualification(
            id: file.id, RecognitionStepDraft(to: .noDocuments, on: testDay, passportIssuedOn: day("2026-10-01")),
            expectedVersion: file.version, actor: fixture.officer.id)
        #expect(file.passportExpiresOn?.iso == "2031-10-01")
    }

    /// The list's flag and the screen's OVERDUE come from one rule: the SQL filter must agree
    /// with `Qualification.isOverdue` on every file.
    @Test func theOverdueQueryAgreesWithTheCoreRule() throws {
        var random = SystemRandomNumberGenerator()
        var clients: [Client] = []
        for number in 2...60 { clients.append(try fixture.add("Person", "N\(number)", number: number)) }
        for client in clients {
            let file = try fixture.store.addQualification(
                clientID: client.id,
                QualificationDraft(
                    title: "Diploma", field: "", country: "SY", institution: "", year: 2010, iscedLevel: 6,
                    hasDocuments: true, isRegulatedProfession: false, identifiedOn: testDay), actor: fixture.admin.id)
            let complete = testDay.adding(days: -Int.random(in: 0...200, using: &random))
            try fixture.store.database.execute(
                "UPDATE qualifications SET stage = ?, complete_on = ?, decision_due = ?, stage_since = ? WHERE id = ?",
                [
                    ["under_assessment", "under_assessment", "full_recognition", "acknowledged"].randomElement(
                        using: &random)!,
                    complete, Qualification.decisionDeadline(completeOn: complete, rule: TimeSpan(4, .months)),
                    complete, file.id,
                ])
        }
        let ids = clients.map(\.id)
        let bySQL = try fixture.store.clientsWithOverdueRecognition(ids)
        var byCore = Set<Client.ID>()
        for id in ids
        where try fixture.store.qualifications(clientID: id).contains(where: { $0.isOverdue(today: testDay) }) {
            byCore.insert(id)
        }
        #expect(bySQL == byCore)
        #expect(!byCore.isEmpty)
        let flagged = try fixture.store.clientList.page(ClientFilter(flaggedOnly: true), sort: .name, limit: 100).map(
            \.id)
        #expect(Set(flagged) == byCore)
    }
}

@Suite struct CivicStoreTests {
    @Test func sessionsAttestationAndTestsWithTheProgrammesPassMark() throws {
        let fixture = try Fixture()
        try fixture.store.importProgramme(
            sampleProgramme(), sourceFile: "a", sourceText: "one", actor: fixture.admin.id)
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        #expect(throws: StoreError.self) {
            try fixture.store.addCivicTest(
                clientID: client.id, CivicTestDraft(date: testDay, score: 30), actor: fixture.officer.id)
        }
        try fixture.store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")),
            actor: fixture.officer.id)
        #expect(try fixture.store.civicProgress(clientID: client.id).stage == .required)
        #expect(throws: StoreError.self) {
            try fixture.store.addCivicSession(
                clientID: client.id, CivicSessionDraft(module: "history", date: testDay, hours: 5, language: "ar"),
                actor: fixture.officer.id)
        }
        try fixture.store.addCivicSession(
            clientID: client.id, CivicSessionDraft(module: "social", date: testDay, hours: 25, language: "ar"),
            actor: fixture.officer.id)
        try fixture.store.addCivicSession(
            clientID: client.id, CivicSessionDraft(module: "social", date: testDay, hours: 25, language: "ti"),
            actor: fixture.officer.id)
        try fixture.store.attestCivic(clientID: client.id, AttestationDraft(on: testDay), actor: fixture.officer.id)
        #expect(throws: StoreError.self) {
            try fixture.store.addCivicTest(
                clientID: client.id, CivicTestDraft(date: testDay, score: 35), actor: fixture.officer.id)
        }
        let failed = try fixture.store.addCivicTest(
            clientID: client.id, CivicTestDraft(date: testDay.adding(days: -10), score: 25), actor: fixture.officer.id)
        #expect(!failed.passed && failed.passMark == 26)
        try fixture.store.addCivicTest(
            clientID: client.id, CivicTestDraft(date: testDay, score: 26), actor: fixture.officer.id)
        let progress = try fixture.store.civicProgress(clientID: client.id)
        #expect(progress.stage == .passed && progress.hoursByModule["social"] == 50 && progress.tests.count == 2)
        #expect(throws: StoreError.self) {
            try fixture.store.setCivicRequirement(
                clientID: client.id, CivicRequirementDraft(.exempt, reason: ""), actor: fixture.officer.id)
        }
        try fixture.store.setCivicRequirement(
            clientID: client.id, CivicRequirementDraft(.exempt, reason: "Holds the certificate"),
            actor: fixture.officer.id)
        #expect(try fixture.store.civicProgress(clientID: client.id).stage == .exempt)
    }
}
