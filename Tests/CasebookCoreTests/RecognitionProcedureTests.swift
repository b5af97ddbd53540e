import CasebookCore
import CasebookTestSupport
import Testing

/// A recognition file's procedure (issue 18): the standard one of its programme or a variant
/// (Germany's accelerated skilled-worker procedure, § 81a AufenthG), whose deadlines are the
/// file's wherever one is computed.
@Suite struct RecognitionProcedureTests {
    static let accelerated = Fixture.acceleratedProcedure
    let programme = sampleProgramme(variants: [RecognitionProcedureTests.accelerated])

    /// The procedures of the sample programme with the deadlines each must give: nil is the
    /// standard procedure.
    static let procedures: [(String?, TimeSpan, TimeSpan)] = [
        (nil, TimeSpan(4, .months), TimeSpan(1, .months)),
        ("accelerated", TimeSpan(2, .months), TimeSpan(2, .weeks)),
    ]

    @Test(arguments: procedures)
    func aFileRunsToTheDeadlinesOfItsProcedure(variant: String?, decision: TimeSpan, acknowledgement: TimeSpan) {
        var file = Qualification(
            clientID: 1, title: "Nursing", field: "", country: "SY", institution: "", year: 2012, iscedLevel: 6,
            hasDocuments: true, isRegulatedProfession: true, stage: .submitted, stageSince: day("2026-11-02"),
            variant: variant)
        let rules = file.deadlines(under: programme)
        #expect(rules.decision == decision && rules.acknowledgement == acknowledgement)
        #expect(file.acknowledgementDue(rule: acknowledgement) == acknowledgement.after(day("2026-11-02")))
        file.stage = .acknowledged
        #expect(file.acknowledgementDue(rule: acknowledgement) == nil, "acknowledged: nothing more is owed")
    }

    @Test func withoutAProgrammeTheLisbonNormsFourMonthsApplyAndNoAcknowledgementIsKnown() {
        let file = Qualification(
            clientID: 1, title: "BSc", field: "", country: "SY", institution: "", year: 2012, iscedLevel: 6,
            hasDocuments: true, isRegulatedProfession: false, stageSince: testDay, variant: "accelerated")
        let rules = file.deadlines(under: nil)
        #expect(rules.decision == TimeSpan(4, .months) && rules.acknowledgement == nil)
    }

    @Test(arguments: procedures)
    func theAuthoritysDecisionObligationRunsToTheProcedureOfTheCompleteFile(
        variant: String?, decision: TimeSpan, acknowledgement: TimeSpan
    ) throws {
        let complete = day("2026-09-01")
        let anchors = AnchorDates(
            arrival: day("2025-09-14"), settlement: day("2025-09-14"), recognitionComplete: complete,
            recognitionVariant: variant)
        let decide = try #require(programme.obligations.first { $0.anchor == .recognitionComplete })
        let rule = decide.rule(under: programme, anchors: anchors)
        #expect(rule.offset == decision && rule.dueOn == decision.after(complete))
        // Every other obligation keeps its own time, whatever the file's procedure.
        for template in programme.obligations where template.anchor != .recognitionComplete {
            #expect(template.rule(under: programme, anchors: anchors).offset == template.due)
        }
        // The newcomer's obligations never run to the authority's deadline.
        #expect(
            programme.due(
                anchor: .recognitionComplete, category: .recognition, party: .newcomer, time: TimeSpan(6, .months),
                recognitionVariant: variant) == TimeSpan(6, .months))
    }

    @Test func aProcedureNotOfTheClientsProgrammeIsRefusedWithASentence() {
        let draft = QualificationDraft(
            title: "Nursing", country: "SY", year: 2012, iscedLevel: 6, identifiedOn: testDay, procedure: "accelerated")
        let none = problems(QualificationDraft.Field.self) { try draft.validated(clientID: 1, today: testDay) }
        #expect(none.keys.sorted { $0.rawValue < $1.rawValue } == [.procedure])
        #expect(none[.procedure]?.contains("no other procedure than the standard one") == true)
        let other = RecognitionVariant(
            id: "fast-track", name: "Fast track", legalBasis: "§ 1", decisionWithin: TimeSpan(1, .months),
            acknowledgeWithin: TimeSpan(1, .weeks))
        let foreign = problems(QualificationDraft.Field.self) {
            try draft.validated(clientID: 1, today: testDay, procedures: [other])
        }
        #expect(foreign[.procedure]?.contains("Fast track") == true)
        let file = try? draft.validated(
            clientID: 1, today: testDay, procedures: [RecognitionProcedureTests.accelerated])
        #expect(file?.variant == "accelerated")
        var standard = draft
        standard.procedure = nil
        #expect((try? standard.validated(clientID: 1, today: testDay))?.variant == nil)
    }

    /// A file of the sample programme at `stage`, decided on `decided` or not.
    static func file(_ stage: RecognitionStage, variant: String? = nil, decided: Day? = nil) -> Qualification {
        Qualification(
            clientID: 1, title: "Nursing", field: "", country: "SY", institution: "", year: 2012, iscedLevel: 6,
            hasDocuments: true, isRegulatedProfession: true, stage: stage, stageSince: testDay, decidedOn: decided,
            variant: variant)
    }

    @Test(arguments: RecognitionStage.allCases)
    func theProcedureChangesUntilTheAuthorityDecides(stage: RecognitionStage) {
        let procedures = [RecognitionProcedureTests.accelerated]
        let open = Self.file(stage)
        #expect(
            (try? RecognitionProcedureDraft(procedure: "accelerated").validated(file: open, procedures: procedures))
                == "accelerated")
        let back = Self.file(stage, variant: "accelerated")
        #expect(
            (try? RecognitionProcedureDraft(procedure: nil).validated(file: back, procedures: procedures))
                == .some(nil),
            "back to the standard procedure")
        let decided = Self.file(stage, decided: day("2026-10-01"))
        let refused = problems(RecognitionProcedureDraft.Field.self) {
            try RecognitionProcedureDraft(procedure: "accelerated").validated(file: decided, procedures: procedures)
        }
        #expect(refused[.procedure]?.contains("decided this file on 2026-10-01") == true)
    }

    @Test func aProcedureNotOfTheProgrammeOrTheFilesOwnIsRefusedWithItsField() {
        let file = Self.file(.submitted)
        let foreign = problems(RecognitionProcedureDraft.Field.self) {
            try RecognitionProcedureDraft(procedure: "fast-track").validated(
                file: file, procedures: [RecognitionProcedureTests.accelerated])
        }
        #expect(foreign[.procedure]?.contains("Accelerated procedure") == true)
        let none = problems(RecognitionProcedureDraft.Field.self) {
            try RecognitionProcedureDraft(procedure: "accelerated").validated(file: file, procedures: [])
        }
        #expect(none[.procedure]?.contains("no other procedure than the standard one") == true)
        let same = problems(RecognitionProcedureDraft.Field.self) {
            try RecognitionProcedureDraft(procedure: nil).validated(
                file: file, procedures: [RecognitionProcedureTests.accelerated])
        }
        #expect(same[.procedure]?.contains("already runs under this procedure") == true)
    }

    /// The authority's acknowledgement is late the day after it was due, only while the file
    /// waits at Submitted, and never where no deadline is known.
    @Test(arguments: RecognitionStage.allCases)
    func anAcknowledgementIsLateAfterItsDayWhileTheFileIsSubmitted(stage: RecognitionStage) {
        let file = Self.file(stage, variant: "accelerated")
        let rule = file.deadlines(under: programme).acknowledgement
        let due = TimeSpan(2, .weeks).after(testDay)
        #expect(!file.isAcknowledgementLate(today: due, rule: rule))
        #expect(file.isAcknowledgementLate(today: due.adding(days: 1), rule: rule) == (stage == .submitted))
        #expect(!file.isAcknowledgementLate(today: due.adding(days: 400), rule: nil))
    }
}
