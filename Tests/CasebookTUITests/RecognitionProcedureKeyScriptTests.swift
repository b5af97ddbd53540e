import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// The Qualifications tab of a client whose programme has a variant procedure (Germany's
/// accelerated skilled-worker procedure): the form asks which procedure the file runs under and
/// the tab shows it with its deadlines (issue 18).
@Suite struct RecognitionProcedureKeyScriptTests {
    /// Sørensen enrolled in a programme with the accelerated procedure, her Qualifications tab open.
    static func sorensen() throws -> (UIFixture, App) {
        let fixture = try UIFixture()
        var programme = sampleProgramme(variants: [Fixture.acceleratedProcedure])
        programme.id = "sample-fast"
        try fixture.store.importProgramme(
            programme, sourceFile: "fast.toml", sourceText: "fast", actor: fixture.base.admin.id)
        try fixture.store.enrol(
            clientID: fixture.client("Sørensen").id,
            EnrolmentDraft(ProgrammeChoice("sample-fast", version: 1, profile: "basic")), actor: fixture.base.officer.id
        )
        return (fixture, try fixture.record("Sørensen", tab: .qualifications))
    }

    /// Title, field, country (given), institution, year, ISCED, documents (given), regulated,
    /// identified (today), procedure.
    static let keys: [Key] =
        [.character("a")] + typing("Sykepleier") + [.tab, .tab, .tab, .tab] + typing("2012") + [.tab]
        + typing("Bachelor") + [.enter, .tab] + typing("Yes") + [.enter, .tab] + typing("Accel") + [.enter]

    @Test func theOfficerAddsAFileUnderTheAcceleratedProcedure() throws {
        let (fixture, app) = try Self.sorensen()
        let terminal = VirtualTerminal(width: 80, height: 24)
        let form = fixture.run(app, on: terminal, Self.keys)
        #expect(form.contains("Procedure") && form.contains("Accelerated procedure"))
        let text = fixture.run(app, on: terminal, [.control("s")])
        let file = try #require(
            try fixture.store.qualifications(clientID: fixture.client("Sørensen").id, by: app.me.id).first)
        #expect(file.variant == "accelerated" && file.title == "Sykepleier" && file.isRegulatedProfession)
        #expect(text.contains("Procedure: Accelerated procedure · AufenthG § 81a"))
        #expect(text.contains("The authority acknowledges within 2 weeks and decides within 2 months."))
        expectReadable(terminal)
        expectGolden("qualifications-accelerated-80x24", text)
        let wide = VirtualTerminal(width: 132, height: 43)
        expectGolden("qualifications-accelerated-132x43", fixture.run(app, on: wide))
    }

    @Test func theStandardProcedureIsTheFormsFirstChoiceAndTheTabSaysSo() throws {
        let (fixture, app) = try Self.sorensen()
        let terminal = VirtualTerminal(width: 132, height: 43)
        let keys = Array(Self.keys.dropLast(6)) + [.control("s")]
        let text = fixture.run(app, on: terminal, keys)
        let file = try #require(
            try fixture.store.qualifications(clientID: fixture.client("Sørensen").id, by: app.me.id).first)
        #expect(file.variant == nil)
        #expect(text.contains("Procedure: standard"))
        #expect(text.contains("The authority acknowledges within 1 month and decides within 4 months."))
    }

    /// A file submitted on 2026-11-03: the accelerated procedure's two weeks ran out on
    /// 2026-11-17, the standard month runs to 2026-12-03.
    @Test(
        arguments: [("accelerated", "NOT ACKNOWLEDGED 6 d"), (nil, "acknowledge by 2026-12-03, 10 d left")]
            as [(String?, String)])
    func aSubmittedFileShowsTheAcknowledgementItsProcedureOwes(procedure: String?, shown: String) throws {
        let (fixture, app) = try Self.sorensen()
        let store = fixture.store
        var file = try store.addQualification(
            clientID: fixture.client("Sørensen").id,
            QualificationDraft(
                title: "Sykepleier", country: "TH", year: 2012, iscedLevel: 6, identifiedOn: day("2026-10-05"),
                procedure: procedure),
            actor: fixture.base.officer.id)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-10-06")), .init(to: .translation, on: day("2026-10-07")),
            .init(to: .routeChosen, on: day("2026-10-08"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-11-03")),
        ]
        for step in steps {
            file = try store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.base.officer.id)
        }
        let text = fixture.run(app, on: VirtualTerminal(width: 132, height: 43), [.control("r")])
        #expect(text.contains(shown))
    }

    @Test func aClientWhoseProgrammeHasNoVariantIsNotAskedForAProcedure() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .qualifications)
        let terminal = VirtualTerminal(width: 80, height: 24)
        let form = fixture.run(app, on: terminal, [.character("a")])
        #expect(form.contains("Identified on") && !form.contains("Procedure"))
    }

    /// A standard file complete on 2026-09-01 (decision due 2027-01-01), moved to the
    /// accelerated procedure from its own form: the tab, the due date and the file follow.
    @Test func theOfficerMovesAFileToTheAcceleratedProcedureLater() throws {
        let (fixture, app) = try Self.sorensen()
        let store = fixture.store
        var file = try store.addQualification(
            clientID: fixture.client("Sørensen").id,
            QualificationDraft(
                title: "Sykepleier", country: "TH", year: 2012, iscedLevel: 6, identifiedOn: day("2026-08-01")),
            actor: fixture.base.officer.id)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-08-02")), .init(to: .translation, on: day("2026-08-03")),
            .init(to: .routeChosen, on: day("2026-08-04"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-08-05")), .init(to: .acknowledged, on: day("2026-08-06")),
            .init(to: .underAssessment, on: day("2026-09-01")),
        ]
        for step in steps {
            file = try store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.base.officer.id)
        }
        let terminal = VirtualTerminal(width: 80, height: 24)
        let form = fixture.run(app, on: terminal, [.control("r"), .character("p")])
        #expect(form.contains("Procedure of Sykepleier"))
        let text = fixture.run(app, on: terminal, typing("Accel") + [.enter, .control("s")])
        let saved = try #require(try store.qualification(id: file.id, by: app.me.id))
        #expect(saved.variant == "accelerated" && saved.decisionDue == day("2026-11-01"))
        #expect(text.contains("Procedure: Accelerated procedure"))
        #expect(text.contains("OVERDUE"))
        expectReadable(terminal)
    }

    @Test func theProcedureFormIsNotOfferedWhereTheProgrammeHasOnlyTheStandardOne() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .qualifications)
        try fixture.store.addQualification(
            clientID: fixture.client("Haddad").id,
            QualificationDraft(title: "BSc", country: "SY", year: 2012, iscedLevel: 6, identifiedOn: testDay),
            actor: fixture.base.officer.id)
        let text = fixture.run(app, on: VirtualTerminal(width: 80, height: 24), [.control("r"), .character("p")])
        #expect(text.contains("only the standard procedure") && !text.contains("Procedure of BSc"))
    }

    /// The accelerated file submitted on 2026-11-03 and not acknowledged by 2026-11-17 is the
    /// authority's overdue item on My day (`w` from the client list), with its title and day.
    @Test func myDayListsTheLateAcknowledgementAmongTheAuthoritysOverdueItems() throws {
        let (fixture, _) = try Self.sorensen()
        let store = fixture.store
        var file = try store.addQualification(
            clientID: fixture.client("Sørensen").id,
            QualificationDraft(
                title: "Sykepleier", country: "TH", year: 2012, iscedLevel: 6, identifiedOn: day("2026-10-05"),
                procedure: "accelerated"),
            actor: fixture.base.officer.id)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-10-06")), .init(to: .translation, on: day("2026-10-07")),
            .init(to: .routeChosen, on: day("2026-10-08"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-11-03")),
        ]
        for step in steps {
            file = try store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.base.officer.id)
        }
        // Sørensen has no officer in the fixture: she joins the officer's caseload.
        let sorensen = fixture.client("Sørensen")
        try store.write {
            try store.database.execute(
                "UPDATE clients SET officer_id = ? WHERE id = ?", [fixture.base.officer.id, sorensen.id])
        }
        let app = try fixture.app()
        let text = fixture.run(app, on: VirtualTerminal(width: 132, height: 43), [.character("w")])
        let line = try #require(
            text.split(separator: "\n").first { $0.contains("Acknowledge receipt of the recognition file Sykepleier") })
        #expect(line.contains("OVERDUE") && line.contains("Authority") && line.contains("2026-11-17"))
    }
}
