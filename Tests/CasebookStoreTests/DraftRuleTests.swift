import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// Haddad enrolled in the sample programme, with what a rule needs set up on demand: a
/// contract, a course, a recognition file.
private final class RuleFixture {
    let fixture: Fixture
    let client: Client
    var store: Store { fixture.store }
    var officer: Staff.ID { fixture.officer.id }

    init() throws {
        fixture = try Fixture()
        client = try fixture.enrolledClient()
    }

    func contract(signed: Bool = false) throws -> Contract {
        let contract = try store.draftContract(
            clientID: client.id, NewContractDraft(settledOn: day("2026-10-01"), draftedOn: day("2026-10-01")),
            actor: officer)
        guard signed else { return contract }
        return try store.signContract(
            id: contract.id, SignatureDraft(newcomer: testDay, authority: testDay), expectedVersion: contract.version,
            actor: officer)
    }

    func pendingObligation() throws -> Obligation {
        let contract = try contract(signed: true)
        return try #require(try store.obligations(contractID: contract.id).first)
    }

    func course() throws -> CourseEnrolment {
        try store.addCourse(
            clientID: client.id,
            CourseDraft(provider: "VO", level: .b1, startsOn: day("2026-09-01"), hoursPlanned: 300),
            actor: officer)
    }

    /// A recognition file at `stage` (walked there from Identified on 2026-10-01).
    func file(at stage: RecognitionStage) throws -> Qualification {
        var file = try store.addQualification(
            clientID: client.id,
            QualificationDraft(title: "BSc", country: "SY", year: 2010, iscedLevel: 6, identifiedOn: day("2026-10-01")),
            actor: officer)
        let path: [RecognitionStage] = [
            .gatheringDocuments, .translation, .routeChosen, .submitted, .acknowledged, .underAssessment,
            .partialRecognition,
        ]
        for next in path.prefix(path.firstIndex(of: stage).map { $0 + 1 } ?? 0) {
            file = try store.stepQualification(
                id: file.id,
                RecognitionStepDraft(to: next, on: day("2026-10-01"), route: next == .routeChosen ? .academic : nil),
                expectedVersion: file.version, actor: officer)
        }
        return file
    }

    /// Everything the Store says about the client: a refusal must leave it as it was.
    func snapshot() throws -> [String] {
        try store.auditTrail(clientID: client.id, limit: 10_000).map { "\($0.id) \($0.field) \($0.newValue ?? "")" }
    }
}

/// A rule a form checks, checked by the Store for every caller: the Store entry point refuses
/// the draft beside the field, and writes nothing.
private struct MovedRule: Sendable, CustomTestStringConvertible {
    let rule: String
    /// Sets up what the rule needs, and returns the call the Store must refuse.
    let prepare: @Sendable (RuleFixture) throws -> () throws -> Void
    let isRefusal: @Sendable (any Error) -> Bool

    var testDescription: String { rule }

    init<Field: DraftField>(
        _ rule: String, _ field: Field, _ message: String = "",
        _ prepare: @escaping @Sendable (RuleFixture) throws -> () throws -> Void
    ) {
        self.rule = rule
        self.prepare = prepare
        isRefusal = { refuses($0, field, message) }
    }

    static let tomorrow = testDay.adding(days: 1)
    static let long501 = String(repeating: "x", count: 501)

    static let all: [MovedRule] = [
        // The case
        MovedRule("a phase change dated in the future", PhaseChangeDraft.Field.effectiveOn, "cannot lie in the future")
        { f in
            {
                _ = try f.store.changePhase(
                    clientID: f.client.id, PhaseChangeDraft(to: .eligibilityCheck, on: tomorrow),
                    expectedVersion: f.client.version, actor: f.officer)
            }
        },
        MovedRule("a phase change without its date", PhaseChangeDraft.Field.effectiveOn, "Required") { f in
            {
                _ = try f.store.changePhase(
                    clientID: f.client.id, PhaseChangeDraft(to: .eligibilityCheck), expectedVersion: f.client.version,
                    actor: f.officer)
            }
        },
        MovedRule("a phase note over 500 characters", PhaseChangeDraft.Field.note, "at most 500") { f in
            {
                _ = try f.store.changePhase(
                    clientID: f.client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay, note: long501),
                    expectedVersion: f.client.version, actor: f.officer)
            }
        },
        MovedRule("closing without an exit reason", PhaseChangeDraft.Field.exitReason, "needs an exit reason") { f in
            var client = f.client
            for phase in [CasePhase.eligibilityCheck, .notEligible] {
                client = try f.store.changePhase(
                    clientID: client.id, PhaseChangeDraft(to: phase, on: testDay), expectedVersion: client.version,
                    actor: f.officer)
            }
            return { [client] in
                _ = try f.store.changePhase(
                    clientID: client.id, PhaseChangeDraft(to: .closed, on: testDay), expectedVersion: client.version,
                    actor: f.officer)
            }
        },
        MovedRule("an exit reason on a move that does not close", PhaseChangeDraft.Field.exitReason, "Only closing") {
            f in
            {
                _ = try f.store.changePhase(
                    clientID: f.client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay, exitReason: .work),
                    expectedVersion: f.client.version, actor: f.officer)
            }
        },
        MovedRule("a move the stored phase does not allow", PhaseChangeDraft.Field.target, "Eligibility check") { f in
            {
                _ = try f.store.changePhase(
                    clientID: f.client.id, PhaseChangeDraft(to: .active, on: testDay),
                    expectedVersion: f.client.version, actor: f.officer)
            }
        },
        MovedRule("a case number another client has", ClientField.caseNumber, "Already taken") { f in
            { try f.fixture.add("Khoury", "Layla", number: 1) }
        },
        MovedRule("a programme version that is not imported", EnrolmentDraft.Field.programme, "not imported") { f in
            {
                try f.store.enrol(
                    clientID: f.client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 7, profile: "basic")),
                    actor: f.officer)
            }
        },
        MovedRule("a profile the programme does not have", EnrolmentDraft.Field.programme, "no profile") { f in
            {
                try f.store.enrol(
                    clientID: f.client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "expert")),
                    actor: f.officer)
            }
        },
        // Language
        MovedRule("an assessment dated in the future", AssessmentDraft.Field.date, "in the future") { f in
            {
                try f.store.addAssessment(
                    clientID: f.client.id,
                    AssessmentDraft(on: tomorrow, level: .a2, instrument: "Test", provider: "VO"), actor: f.officer)
            }
        },
        MovedRule("an assessment without its instrument", AssessmentDraft.Field.instrument, "Required") { f in
            {
                try f.store.addAssessment(
                    clientID: f.client.id, AssessmentDraft(on: testDay, level: .a2, instrument: " ", provider: "VO"),
                    actor: f.officer)
            }
        },
        MovedRule("an assessment of no skill", AssessmentDraft.Field.skills) { f in
            {
                try f.store.addAssessment(
                    clientID: f.client.id,
                    AssessmentDraft(on: testDay, skills: [], level: .a2, instrument: "Test", provider: "VO"),
                    actor: f.officer)
            }
        },
        MovedRule("a target override without its reason", TargetDraft.Field.reason, "Required") { f in
            {
                try f.store.setTargetOverride(
                    clientID: f.client.id, TargetDraft(skill: .writing, level: .a1), actor: f.officer)
            }
        },
        MovedRule("a course that ends before it starts", CourseDraft.Field.endsOn, "end before it starts") { f in
            {
                try f.store.addCourse(
                    clientID: f.client.id,
                    CourseDraft(
                        provider: "VO", level: .b1, startsOn: testDay, endsOn: day("2026-11-01"), hoursPlanned: 100),
                    actor: f.officer)
            }
        },
        MovedRule("a course of more than 3000 hours", CourseDraft.Field.hoursPlanned, "between 1 and 3000") { f in
            {
                try f.store.addCourse(
                    clientID: f.client.id,
                    CourseDraft(provider: "VO", level: .b1, startsOn: testDay, hoursPlanned: 3001), actor: f.officer)
            }
        },
        MovedRule("attendance of under half an hour scheduled", AttendanceDraft.Field.scheduled, "From 0.5") { f in
            let course = try f.course()
            return {
                try f.store.addAttendance(
                    clientID: f.client.id,
                    AttendanceDraft(course: course.id, date: testDay, scheduled: 0.25, attended: 0.25), actor: f.officer
                )
            }
        },
        MovedRule("attendance before its course starts", AttendanceDraft.Field.date, "course starts on 2026-09-01") {
            f in
            let course = try f.course()
            return {
                try f.store.addAttendance(
                    clientID: f.client.id,
                    AttendanceDraft(course: course.id, date: day("2026-08-31"), scheduled: 2, attended: 2),
                    actor: f.officer)
            }
        },
        MovedRule("attendance of another client's course", AttendanceDraft.Field.course, "Not a course of this client")
        { f in
            let course = try f.course()
            let other = try f.fixture.add("Khoury", "Layla", number: 2)
            return {
                try f.store.addAttendance(
                    clientID: other.id, AttendanceDraft(course: course.id, date: testDay, scheduled: 2, attended: 2),
                    actor: f.officer)
            }
        },
        MovedRule("missed hours without their reason", AttendanceDraft.Field.absence, "Say why") { f in
            let course = try f.course()
            return {
                try f.store.addAttendance(
                    clientID: f.client.id, AttendanceDraft(course: course.id, date: testDay, scheduled: 4, attended: 2),
                    actor: f.officer)
            }
        },
        // Recognition
        MovedRule("a qualification identified in the future", QualificationDraft.Field.identifiedOn, "in the future") {
            f in
            {
                try f.store.addQualification(
                    clientID: f.client.id,
                    QualificationDraft(title: "BSc", country: "SY", year: 2010, iscedLevel: 6, identifiedOn: tomorrow),
                    actor: f.officer)
            }
        },
        MovedRule("a qualification of a year to come", QualificationDraft.Field.year, "between 1900 and 2026") { f in
            {
                try f.store.addQualification(
                    clientID: f.client.id,
                    QualificationDraft(title: "BSc", country: "SY", year: 2027, iscedLevel: 6, identifiedOn: testDay),
                    actor: f.officer)
            }
        },
        MovedRule("a recognition step before its stage began", RecognitionStepDraft.Field.on, "2026-10-01") { f in
            let file = try f.file(at: .identified)
            return {
                _ = try f.store.stepQualification(
                    id: file.id, RecognitionStepDraft(to: .gatheringDocuments, on: day("2026-09-30")),
                    expectedVersion: file.version, actor: f.officer)
            }
        },
        MovedRule("a route chosen without the route", RecognitionStepDraft.Field.route, "Choose the route") { f in
            let file = try f.file(at: .translation)
            return {
                _ = try f.store.stepQualification(
                    id: file.id, RecognitionStepDraft(to: .routeChosen, on: testDay), expectedVersion: file.version,
                    actor: f.officer)
            }
        },
        MovedRule("a compensation measure without its start", RecognitionStepDraft.Field.compensationStart) { f in
            let file = try f.file(at: .partialRecognition)
            return {
                _ = try f.store.stepQualification(
                    id: file.id, RecognitionStepDraft(to: .compensation, on: testDay, compensation: .aptitudeTest),
                    expectedVersion: file.version, actor: f.officer)
            }
        },
        MovedRule(
            "an adaptation period over three years", RecognitionStepDraft.Field.compensationEnd, "at most 3 years"
        ) { f in
            let file = try f.file(at: .partialRecognition)
            return {
                _ = try f.store.stepQualification(
                    id: file.id,
                    RecognitionStepDraft(
                        to: .compensation, on: testDay, compensation: .adaptationPeriod, compensationStart: testDay,
                        compensationEnd: testDay.adding(years: 4)), expectedVersion: file.version, actor: f.officer)
            }
        },
        MovedRule("a recognition note over 500 characters", RecognitionStepDraft.Field.note, "at most 500") { f in
            let file = try f.file(at: .identified)
            return {
                _ = try f.store.stepQualification(
                    id: file.id, RecognitionStepDraft(to: .gatheringDocuments, on: testDay, note: long501),
                    expectedVersion: file.version, actor: f.officer)
            }
        },
        // Civic orientation
        MovedRule("an exemption without its reason", CivicRequirementDraft.Field.reason, "needs its reason") { f in
            { try f.store.setCivicRequirement(clientID: f.client.id, CivicRequirementDraft(.exempt), actor: f.officer) }
        },
        MovedRule("a session of a module the programme lacks", CivicSessionDraft.Field.module, "no module") { f in
            {
                try f.store.addCivicSession(
                    clientID: f.client.id,
                    CivicSessionDraft(module: "history", date: testDay, hours: 2, language: "ar"), actor: f.officer)
            }
        },
        MovedRule("a session of more than 40 hours", CivicSessionDraft.Field.hours, "40 hours") { f in
            {
                try f.store.addCivicSession(
                    clientID: f.client.id,
                    CivicSessionDraft(module: "social", date: testDay, hours: 41, language: "ar"), actor: f.officer)
            }
        },
        MovedRule("a session in a language that is no ISO 639 code", CivicSessionDraft.Field.language, "ISO 639") { f in
            {
                try f.store.addCivicSession(
                    clientID: f.client.id, CivicSessionDraft(module: "social", date: testDay, hours: 2, language: "xx"),
                    actor: f.officer)
            }
        },
        MovedRule("a scored test without its score", CivicTestDraft.Field.score, "correct answers") { f in
            { try f.store.addCivicTest(clientID: f.client.id, CivicTestDraft(date: testDay), actor: f.officer) }
        },
        MovedRule("a score above the test's questions", CivicTestDraft.Field.score, "34 questions") { f in
            {
                try f.store.addCivicTest(
                    clientID: f.client.id, CivicTestDraft(date: testDay, score: 35), actor: f.officer)
            }
        },
        MovedRule("an attestation dated in the future", AttestationDraft.Field.date, "in the future") { f in
            { try f.store.attestCivic(clientID: f.client.id, AttestationDraft(on: tomorrow), actor: f.officer) }
        },
        // The contract
        MovedRule("a contract drafted without its day", NewContractDraft.Field.draftedOn, "Required") { f in
            { try f.store.draftContract(clientID: f.client.id, NewContractDraft(settledOn: testDay), actor: f.officer) }
        },
        MovedRule("a settlement in the future", NewContractDraft.Field.settledOn, "in the future") { f in
            {
                try f.store.draftContract(
                    clientID: f.client.id, NewContractDraft(settledOn: tomorrow, draftedOn: testDay), actor: f.officer)
            }
        },
        MovedRule("an obligation without its description", ObligationDraft.Field.description, "Required") { f in
            let contract = try f.contract()
            return {
                try f.store.addObligation(
                    ObligationDraft(description: "  "), contractID: contract.id, expectedVersion: contract.version,
                    actor: f.officer)
            }
        },
        MovedRule("a legal basis over 120 characters", ObligationDraft.Field.legalBasis, "at most 120") { f in
            let contract = try f.contract()
            let terms = ObligationDraft(description: "Attend", legalBasis: String(repeating: "§", count: 121))
            return {
                try f.store.addObligation(
                    terms, contractID: contract.id, expectedVersion: contract.version, actor: f.officer)
            }
        },
        MovedRule("a signature in the future", SignatureDraft.Field.authority, "cannot lie in the future") { f in
            let contract = try f.contract()
            return {
                try f.store.signContract(
                    id: contract.id, SignatureDraft(newcomer: testDay, authority: tomorrow),
                    expectedVersion: contract.version, actor: f.officer)
            }
        },
        MovedRule("a signature before the version was drafted", SignatureDraft.Field.newcomer, "drafted (2026-10-01)") {
            f in
            let contract = try f.contract()
            return {
                try f.store.signContract(
                    id: contract.id, SignatureDraft(newcomer: day("2026-09-30"), authority: testDay),
                    expectedVersion: contract.version, actor: f.officer)
            }
        },
        MovedRule("a waiver without its reason", SettlementDraft.Field.reason, "Say why it is waived") { f in
            let obligation = try f.pendingObligation()
            return {
                try f.store.settleObligation(
                    id: obligation.id, SettlementDraft(.waived, on: testDay), expectedVersion: obligation.version,
                    actor: f.officer)
            }
        },
        MovedRule("an obligation met in the future", SettlementDraft.Field.on, "in the future") { f in
            let obligation = try f.pendingObligation()
            return {
                try f.store.settleObligation(
                    id: obligation.id, SettlementDraft(.met, on: tomorrow), expectedVersion: obligation.version,
                    actor: f.officer)
            }
        },
        MovedRule("evidence over 500 characters", SettlementDraft.Field.evidence, "at most 500") { f in
            let obligation = try f.pendingObligation()
            return {
                try f.store.settleObligation(
                    id: obligation.id, SettlementDraft(.met, on: testDay, evidence: long501),
                    expectedVersion: obligation.version, actor: f.officer)
            }
        },
        MovedRule("a review in the future", ContractReviewDraft.Field.on, "in the future") { f in
            let contract = try f.contract(signed: true)
            return {
                try f.store.reviewContract(
                    id: contract.id, ContractReviewDraft(on: tomorrow), expectedVersion: contract.version,
                    actor: f.officer)
            }
        },
        MovedRule("an amendment without its reason", AmendmentDraft.Field.reason, "Required") { f in
            let contract = try f.contract(signed: true)
            return {
                try f.store.amendContract(
                    id: contract.id, AmendmentDraft(reason: ""), expectedVersion: contract.version, actor: f.officer)
            }
        },
        MovedRule("an end without its reason", ContractEndDraft.Field.reason, "Required") { f in
            let contract = try f.contract(signed: true)
            return {
                try f.store.endContract(
                    id: contract.id, ContractEndDraft(on: testDay), expectedVersion: contract.version, actor: f.officer)
            }
        },
        // Notes
        MovedRule("a contact in the future", NoteDraft.Field.date, "cannot lie in the future") { f in
            { try f.store.addNote(clientID: f.client.id, NoteDraft(date: tomorrow, summary: "Met"), actor: f.officer) }
        },
        MovedRule("a note without its summary", NoteDraft.Field.summary, "Required") { f in
            { try f.store.addNote(clientID: f.client.id, NoteDraft(date: testDay), actor: f.officer) }
        },
        MovedRule("a follow-up before the contact", NoteDraft.Field.followUpOn, "before the contact") { f in
            {
                try f.store.addNote(
                    clientID: f.client.id, NoteDraft(date: testDay, summary: "Met", followUpOn: day("2026-11-22")),
                    actor: f.officer)
            }
        },
        MovedRule("a paste that was not UTF-8 (U+FFFD)", NoteDraft.Field.summary, "could not be read") { f in
            {
                try f.store.addNote(
                    clientID: f.client.id, NoteDraft(date: testDay, summary: "Oslo \u{FFFD}VO"), actor: f.officer)
            }
        },
    ]
}

@Suite struct DraftRuleTests {
    @Test(arguments: MovedRule.all)
    fileprivate func theStoreRefusesTheDraftBesideItsFieldAndWritesNothing(_ rule: MovedRule) throws {
        let fixture = try RuleFixture()
        let call = try rule.prepare(fixture)
        let before = try fixture.snapshot()
        #expect { try call() } throws: { rule.isRefusal($0) }
        #expect(try fixture.snapshot() == before, "a refused draft left something behind")
    }

    /// The rules that only the forms checked before, with what they allow.
    @Test func whatTheFormsAlreadyAllowedTheStoreSavesToo() throws {
        let f = try RuleFixture()
        let client = try f.store.changePhase(
            clientID: f.client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay, note: "  Checked.  "),
            expectedVersion: f.client.version, actor: f.officer)
        #expect(try f.store.phaseHistory(clientID: client.id).last?.note == "Checked.")
        let course = try f.course()
        let entry = try f.store.addAttendance(
            clientID: f.client.id, AttendanceDraft(course: course.id, date: testDay, scheduled: 0.5, attended: 0.5),
            actor: f.officer)
        #expect(entry.scheduledHours == 0.5 && entry.absence == nil)
        let note = try f.store.addNote(
            clientID: f.client.id, NoteDraft(date: testDay, summary: String(repeating: "ü", count: 2000)),
            actor: f.officer)
        #expect(note.summary.count == 2000)
    }

    /// What the record holds, not a field, rules these out: the refusal is a sentence of its own.
    @Test func refusalsOfTheRecordsStateCarryNoField() throws {
        let f = try RuleFixture()
        let obligation = try f.pendingObligation()
        let met = try f.store.settleObligation(
            id: obligation.id, SettlementDraft(.met, on: testDay), expectedVersion: obligation.version, actor: f.officer
        )
        #expect {
            try f.store.settleObligation(
                id: met.id, SettlementDraft(.breached, on: testDay), expectedVersion: met.version, actor: f.officer)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            return message.contains("Only a pending obligation")
        }
        #expect {
            try f.store.attestCivic(clientID: f.client.id, AttestationDraft(on: testDay), actor: f.officer)
            try f.store.setCivicRequirement(
                clientID: f.client.id, CivicRequirementDraft(.notRequired), actor: f.officer)
            try f.store.attestCivic(clientID: f.client.id, AttestationDraft(on: testDay), actor: f.officer)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            return message.contains("nothing to attest")
        }
    }
}
