import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// Assessments and qualifications imported for clients held: matched by case number or external
/// id, written as their forms write them, one batch, nothing twice, undone exactly.
@Suite struct RecordImportStoreTests {
    static let file = ImportedFile(name: "tests.csv", bytes: Array("a;b\n1;2\n".utf8))

    static func assessment(
        _ row: Int, case number: String? = nil, external: String? = nil, on day: String = "2026-10-01",
        skills: [Skill] = [.reading], level: CEFRLevel = .b1
    ) throws -> RecordCandidate {
        RecordCandidate(
            row: row, caseNumber: number, externalID: external,
            draft: .assessment(
                AssessmentDraft(
                    on: try Day(iso: day), skills: skills, level: level, instrument: "Norskprøven",
                    provider: "Kompetanse Norge")))
    }

    static func qualification(_ row: Int, case number: String, title: String, country: String = "SY") -> RecordCandidate
    {
        RecordCandidate(
            row: row, caseNumber: number, externalID: nil,
            draft: .qualification(
                QualificationDraft(title: title, country: country, year: 2015, iscedLevel: 6, identifiedOn: testDay)))
    }

    @Test func assessmentsJoinTheirClientsOnceAndUndoRemovesExactlyTheBatch() throws {
        let fixture = try Fixture()
        let haddad = try fixture.add("Haddad", "Rasha", number: 10)
        let khoury = try fixture.add("Khoury", "Layla", number: 11)
        try fixture.store.write {
            try fixture.store.database.execute("UPDATE clients SET external_id = 'K-17' WHERE id = ?", [khoury.id])
        }
        let rows = [
            try Self.assessment(2, case: "2026-000010"),
            try Self.assessment(3, external: "K-17", skills: Skill.core, level: .a2),
            // The same day and skill again, further down the file.
            try Self.assessment(4, case: "2026-000010", level: .b2),
            try Self.assessment(5, case: "2026-000099"),
        ]
        let dry = try fixture.store.planRecordImport(rows, kind: .assessments, refused: 1, actor: fixture.admin.id)
        #expect((dry.created, dry.present, dry.refused) == (2, 1, 2))
        #expect(try fixture.store.assessments(clientID: haddad.id).isEmpty, "the dry run writes nothing")
        guard case .refused(let reason, _) = dry.rows[3].match else {
            Issue.record("an unknown case number is not refused")
            return
        }
        #expect(reason == "no client of your offices has case number 2026-000099")

        let (plan, batch) = try fixture.store.importRecords(
            rows, kind: .assessments, refused: 1, file: Self.file, actor: fixture.admin.id)
        #expect((plan.created, plan.present, plan.refused) == (2, 1, 2))
        #expect(batch.kind == "assessments" && (batch.created, batch.present, batch.refused) == (2, 1, 2))
        #expect(try fixture.store.assessments(clientID: haddad.id).map(\.level) == [.b1])
        #expect(try fixture.store.assessments(clientID: khoury.id).count == 5)
        #expect(try fixture.store.check().isHealthy, "the facts of the clients touched are refreshed")
        #expect(try fixture.store.verifyAudit().isIntact)

        // The same file again adds nothing; a new skill on the same day is new.
        let again = try fixture.store.importRecords(
            rows + [try Self.assessment(6, case: "2026-000010", skills: [.writing])], kind: .assessments,
            refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect((again.plan.created, again.plan.present) == (1, 3))
        #expect(try fixture.store.assessments(clientID: haddad.id).count == 2)

        let undo = try fixture.store.undoImport(batch: batch.id, actor: fixture.admin.id)
        #expect(undo == ImportUndo(kind: "assessments", removed: 6, kept: [], gone: 0))
        #expect(try fixture.store.assessments(clientID: haddad.id).map(\.skill) == [.writing])
        #expect(try fixture.store.assessments(clientID: khoury.id).isEmpty)
        #expect(try fixture.store.check().isHealthy)
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    @Test func qualificationsAreMatchedByTitleAndCountryAndAStepSinceKeepsOne() throws {
        let fixture = try Fixture()
        let haddad = try fixture.add("Haddad", "Rasha", number: 10)
        let rows = [
            Self.qualification(2, case: "2026-000010", title: "Civil engineering"),
            Self.qualification(3, case: "2026-000010", title: "Nursing", country: "IQ"),
            // Written another way: the same qualification.
            Self.qualification(4, case: "2026-000010", title: "CIVIL  Engineering"),
        ]
        let (plan, batch) = try fixture.store.importRecords(
            rows, kind: .qualifications, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect((plan.created, plan.present) == (2, 1))
        #expect(
            try fixture.store.qualifications(clientID: haddad.id).map(\.title).sorted() == [
                "Civil engineering", "Nursing",
            ])
        let (again, _) = try fixture.store.importRecords(
            rows, kind: .qualifications, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect(again.created == 0)

        let nursing = try #require(
            try fixture.store.qualifications(clientID: haddad.id).first { $0.title == "Nursing" })
        _ = try fixture.store.stepQualification(
            id: nursing.id, RecognitionStepDraft(to: .gatheringDocuments, on: testDay), expectedVersion: 1,
            actor: fixture.officer.id)
        let undo = try fixture.store.undoImport(batch: batch.id, actor: fixture.admin.id)
        #expect(undo.kind == "qualifications" && undo.removed == 1 && undo.kept == ["2026-000010"])
        #expect(try fixture.store.qualifications(clientID: haddad.id).map(\.title) == ["Nursing"])
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    /// A client of another office is no client to the importer; a restricted record refuses the row
    /// with why, and the rest of the file is imported.
    @Test func rowsTheImporterMayNotRecordAreRefusedWithWhy() throws {
        let offices = try TwoOffices()
        let supervisor = try offices.staff(offices.nordby, .supervisor)
        try offices.store.place(
            .restriction, clientID: offices.nordbyClient.id, RecordFlagDraft(reason: "Contested", since: testDay),
            actor: supervisor)
        let rows = [
            try Self.assessment(2, case: offices.sorbyClient.caseNumber.text),
            try Self.assessment(3, case: offices.nordbyClient.caseNumber.text),
        ]
        let (plan, _) = try offices.store.importRecords(
            rows, kind: .assessments, refused: 0, file: Self.file, actor: supervisor.id)
        #expect(plan.created == 0 && plan.refused == 2)
        let reasons = plan.rows.map { if case .refused(let reason, _) = $0.match { reason } else { "" } }
        #expect(reasons[0].hasPrefix("no client of your offices has case number"))
        #expect(!reasons[0].contains("Nordqvist"))
        #expect(reasons[1].contains("restricted"))
        // An officer imports nothing at all.
        let officer = try offices.staff(offices.nordby, .officer)
        #expect(throws: StoreError.self) {
            _ = try offices.store.planRecordImport(rows, kind: .assessments, refused: 0, actor: officer.id)
        }
    }

    /// The procedure column names a variant of the client's programme by its id or its name
    /// (case and accents aside); another refuses the row in that column, and nothing is written.
    @Test func aQualificationsProcedureIsOneOfTheClientsProgramme() throws {
        let fixture = try Fixture()
        let store = fixture.store
        try store.importProgramme(
            sampleProgramme(variants: [Fixture.acceleratedProcedure]), sourceFile: "sample.toml", sourceText: "sample",
            actor: fixture.admin.id)
        let haddad = try fixture.add("Haddad", "Rasha", number: 10)
        try store.enrol(clientID: haddad.id, Fixture.sampleBasic, actor: fixture.officer.id)
        func row(_ number: Int, _ title: String, _ procedure: String?) -> RecordCandidate {
            RecordCandidate(
                row: number, caseNumber: "2026-000010", externalID: nil,
                draft: .qualification(
                    QualificationDraft(
                        title: title, country: "SY", year: 2015, iscedLevel: 6, identifiedOn: testDay,
                        procedure: procedure)))
        }
        let rows = [
            row(2, "Nursing", "ACCELERATED PROCEDURE"), row(3, "Pharmacy", "accelerated"), row(4, "Law", nil),
            row(5, "Medicine", "fast-track"),
        ]
        let (plan, _) = try store.importRecords(
            rows, kind: .qualifications, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect(plan.created == 3 && plan.refused == 1)
        let refused = plan.rows.first { $0.candidate.row == 5 }?.match
        guard case .refused(let reason, let inProcedure) = refused else {
            Issue.record("row 5 was not refused")
            return
        }
        #expect(inProcedure && reason.contains("\"fast-track\" is not a procedure") && reason.contains("accelerated"))
        let files = try store.qualifications(clientID: haddad.id)
        #expect(
            Dictionary(uniqueKeysWithValues: files.map { ($0.title, $0.variant ?? "standard") }) == [
                "Nursing": "accelerated", "Pharmacy": "accelerated", "Law": "standard",
            ])
    }
}
