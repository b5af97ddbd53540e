import CasebookTestSupport
import Testing

@testable import CasebookCore

/// The fields a validation refuses, each with its message (none when it passes).
func problems<Field: DraftField>(_ type: Field.Type, _ validation: () throws -> Any) -> [Field: String] {
    do {
        _ = try validation()
        return [:]
    } catch let failure as ValidationFailure<Field> {
        return Dictionary(failure.issues.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    } catch {
        Issue.record("not a refusal of these fields: \(error)")
        return [:]
    }
}

/// The fields a validation refuses, in field order (none when it passes).
func refused<Field: DraftField>(_ type: Field.Type, _ validation: () throws -> Any) -> [Field] {
    do {
        _ = try validation()
        return []
    } catch let failure as ValidationFailure<Field> {
        return failure.issues.map(\.field)
    } catch {
        Issue.record("not a refusal of these fields: \(error)")
        return []
    }
}

/// A draft left empty (but for `filled`, which decides what else is required), and its
/// validation: what the form marks as required must be exactly what the validation refuses
/// when it is missing.
struct EmptyDraft: Sendable, CustomTestStringConvertible {
    let name: String
    let required: Set<String>
    let refused: @Sendable () -> Set<String>

    var testDescription: String { name }

    init<Draft: FormDraft>(
        _ draft: Draft, filled: Set<Draft.Field> = [], _ validation: @escaping @Sendable (Draft) throws -> Any
    ) {
        name =
            "\(Draft.self)" + (filled.isEmpty ? "" : " with " + filled.map(\.rawValue).sorted().joined(separator: ", "))
        required = Set(draft.requiredFields.subtracting(filled).map(\.rawValue))
        refused = { Set(CasebookCoreTests.refused(Draft.Field.self) { try validation(draft) }.map(\.rawValue)) }
    }

    static let rule = CivicTestRule(name: "Test", questions: 34, passMark: 26, exemptResidence: [], exemptFromAge: nil)

    static let all: [EmptyDraft] = [
        EmptyDraft(ClientDraft()) { try $0.validated(today: testDay) },
        EmptyDraft(PhaseChangeDraft()) { try $0.validated(from: .active, today: testDay) },
        EmptyDraft(EnrolmentDraft()) { try $0.validated(available: nil) },
        EmptyDraft(AssessmentDraft(skills: nil, isCertified: nil)) { try $0.validated(clientID: 1, today: testDay) },
        EmptyDraft(TargetDraft()) { try $0.validated() },
        EmptyDraft(CourseDraft()) { try $0.validated(clientID: 1) },
        EmptyDraft(AttendanceDraft()) { try $0.validated(courseStart: nil, today: testDay) },
        EmptyDraft(QualificationDraft(hasDocuments: nil, isRegulatedProfession: nil)) {
            try $0.validated(clientID: 1, today: testDay)
        },
        EmptyDraft(RecognitionStepDraft()) { try $0.validated(from: .acknowledged, since: testDay, today: testDay) },
        EmptyDraft(RecognitionStepDraft(to: .routeChosen), filled: [.stage]) {
            try $0.validated(from: .translation, since: testDay, today: testDay)
        },
        EmptyDraft(RecognitionStepDraft(to: .compensation), filled: [.stage]) {
            try $0.validated(from: .partialRecognition, since: testDay, today: testDay)
        },
        EmptyDraft(CivicRequirementDraft()) { try $0.validated() },
        EmptyDraft(CivicRequirementDraft(.exempt), filled: [.requirement]) { try $0.validated() },
        EmptyDraft(CivicSessionDraft()) { try $0.validated(clientID: 1, programme: nil, today: testDay) },
        EmptyDraft(AttestationDraft()) { try $0.validated(today: testDay) },
        EmptyDraft(NewContractDraft()) { try $0.validated(today: testDay) },
        EmptyDraft(ObligationDraft(party: nil, category: nil)) { try $0.validated() },
        EmptyDraft(SettlementDraft(.met)) { try $0.validated(today: testDay) },
        EmptyDraft(SettlementDraft(.waived)) { try $0.validated(today: testDay) },
        EmptyDraft(SignatureDraft()) { try $0.validated(drafted: nil, today: testDay) },
        EmptyDraft(ContractReviewDraft()) { try $0.validated(today: testDay) },
        EmptyDraft(AmendmentDraft()) { try $0.validated() },
        EmptyDraft(ContractEndDraft()) { try $0.validated(today: testDay) },
        EmptyDraft(NoteDraft(contact: nil)) { try $0.validated(clientID: 1, today: testDay) },
        EmptyDraft(PeriodDraft()) { try $0.validated() },
    ]
}

@Suite struct DraftTests {
    @Test(arguments: EmptyDraft.all)
    func whatAFormMarksRequiredIsWhatItsValidationRefusesEmpty(_ draft: EmptyDraft) {
        #expect(draft.refused() == draft.required)
    }

    /// The civic test's form shows a score or a result, as its rule says: each is required there.
    @Test func aScoredTestNeedsTheScoreAndAPassFailTestTheResult() {
        let scored = CivicTestDraft(date: testDay)
        #expect(
            refused(CivicTestDraft.Field.self) {
                try scored.validated(clientID: 1, rule: EmptyDraft.rule, today: testDay)
            } == [.score])
        var passFail = EmptyDraft.rule
        (passFail.questions, passFail.passMark) = (nil, nil)
        #expect(
            refused(CivicTestDraft.Field.self) { try scored.validated(clientID: 1, rule: passFail, today: testDay) }
                == [.passed])
        let tooMany = CivicTestDraft(date: testDay, score: 35)
        #expect(
            problems(CivicTestDraft.Field.self) {
                try tooMany.validated(clientID: 1, rule: EmptyDraft.rule, today: testDay)
            }
                == [.score: "Between 0 and 34 (the test has 34 questions)."])
        let result = try? CivicTestDraft(date: testDay, score: 26).validated(
            clientID: 1, rule: EmptyDraft.rule, today: testDay)
        #expect(result?.passed == true && result?.passMark == 26)
    }

    @Test func textIsTrimmedAndRefusedForWhatNoFieldMayHoldOrForItsLength() throws {
        let note = String(repeating: "é", count: 500)
        #expect(
            try PhaseChangeDraft(to: .onLeave, on: testDay, note: "  \(note)\n").validated(
                from: .active, today: testDay
            ).note == note)
        for text in [note + "é", "Moved\u{1B}[2J", "Moved \u{202E}", "Oslo \u{FFFD}VO"] {
            let move = PhaseChangeDraft(to: .onLeave, on: testDay, note: text)
            #expect(
                refused(PhaseChangeDraft.Field.self) { try move.validated(from: .active, today: testDay) } == [.note],
                "\(text.count)")
        }
        let long = problems(PhaseChangeDraft.Field.self) {
            try PhaseChangeDraft(to: .onLeave, on: testDay, note: note + "é").validated(from: .active, today: testDay)
        }
        #expect(long == [.note: "Too long: at most 500 characters."])
    }

    @Test func everyProblemComesAtOnceInTheOrderOfTheFieldsOnePerField() {
        let draft = NoteDraft(contact: nil, date: testDay.adding(days: 1), interpreter: "zz", summary: "")
        let failure = #expect(throws: ValidationFailure<NoteDraft.Field>.self) {
            try draft.validated(clientID: 1, today: testDay)
        }
        #expect(failure?.issues.map(\.field) == [.contact, .date, .interpreter, .summary])
        #expect(failure?.message(for: .summary) == "Required.")
        #expect(
            failure?.description.hasPrefix(
                "contact: Choose how you were in touch. date: A contact cannot lie in the future") == true)
        var issues = FieldIssues<NoteDraft.Field>()
        issues.add(.summary, "first")
        issues.add(.summary, "second")
        #expect(issues.failure.issues == [FieldIssue(.summary, "first")])
    }

    @Test func aPhaseChangeCannotLieInTheFutureAndNamesTheLegalPhases() {
        let tomorrow = PhaseChangeDraft(to: .onLeave, on: testDay.adding(days: 1))
        #expect(
            problems(PhaseChangeDraft.Field.self) { try tomorrow.validated(from: .active, today: testDay) }
                == [.effectiveOn: "A phase change cannot lie in the future."])
        let unchosen = problems(PhaseChangeDraft.Field.self) {
            try PhaseChangeDraft(on: testDay).validated(from: .suspended, today: testDay)
        }
        #expect(unchosen == [.target: "Choose one of Active or Discontinued."])
        let final = problems(PhaseChangeDraft.Field.self) {
            try PhaseChangeDraft(on: testDay).validated(from: .archived, today: testDay)
        }
        #expect(final[.target]?.contains("final") == true)
    }

    @Test func aRecognitionStepNeedsWhatItsStageNeedsAndNoDayBeforeTheStageBegan() {
        func step(_ draft: RecognitionStepDraft, from stage: RecognitionStage = .partialRecognition)
            -> [RecognitionStepDraft.Field]
        {
            refused(RecognitionStepDraft.Field.self) {
                try draft.validated(from: stage, since: day("2026-10-01"), today: testDay)
            }
        }
        #expect(
            step(RecognitionStepDraft(to: .compensation, on: testDay, compensation: .aptitudeTest)) == [
                .compensationStart
            ])
        #expect(step(RecognitionStepDraft(to: .appealed, on: day("2026-09-30"))) == [.on])
        let start = day("2026-12-01")
        #expect(
            step(
                RecognitionStepDraft(
                    to: .compensation, on: testDay, compensation: .adaptationPeriod, compensationStart: start,
                    compensationEnd: start.adding(years: 3).adding(days: 1))) == [.compensationEnd])
        #expect(
            step(
                RecognitionStepDraft(
                    to: .compensation, on: testDay, compensation: .aptitudeTest, compensationStart: start,
                    compensationEnd: start.adding(days: -1))) == [.compensationEnd])
        #expect(step(RecognitionStepDraft(to: .routeChosen, on: testDay), from: .translation) == [.route])
    }

    @Test func aPeriodEndsAfterItStartsAndSpansAtMostTenYears() {
        func period(_ from: String, _ to: String) -> [PeriodDraft.Field: String] {
            problems(PeriodDraft.Field.self) { try PeriodDraft(from: day(from), to: day(to)).validated() }
        }
        #expect(period("2026-01-01", "2026-12-31") == [:])
        #expect(period("2026-02-01", "2026-01-31") == [.to: "The period ends before it starts."])
        #expect(period("2016-01-01", "2026-12-31") == [.to: "The period is at most ten years."])
        #expect(throws: ValidationFailure<PeriodDraft.Field>.self) {
            try DashboardFilter(from: day("2026-02-01"), to: day("2026-01-31")).validate()
        }
    }

    @Test func anEnrolmentIsOfAnImportedVersionAndOneOfItsProfiles() {
        let programme = Programme(
            id: "no", version: 2, name: "Introduksjonsprogrammet", country: "NO", languageCode: "nb",
            languageHours: 550,
            civicHours: 75, recognitionDecision: TimeSpan(4, .months), recognitionAcknowledgement: TimeSpan(1, .months),
            qualificationsPassportValidity: TimeSpan(5, .years), civicRequired: true, civicModules: [], civicTest: nil,
            profiles: [LearnerProfile(id: "basic", name: "Basic", targets: [:])], obligations: [])
        func enrol(_ profile: String, _ available: Programme?) -> [EnrolmentDraft.Field] {
            refused(EnrolmentDraft.Field.self) {
                try EnrolmentDraft(ProgrammeChoice("no", version: 2, profile: profile)).validated(available: available)
            }
        }
        #expect(enrol("basic", programme) == [])
        #expect(enrol("expert", programme) == [.programme])
        #expect(enrol("basic", nil) == [.programme])
    }
}
