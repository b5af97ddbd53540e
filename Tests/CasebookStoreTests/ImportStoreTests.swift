import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// Import batches: matching rows to clients held, one transaction per batch, undo.
@Suite struct ImportStoreTests {
    /// A valid row of a file: the fixture's draft, validated as the import validates it.
    static func candidate(
        _ family: String, _ given: String, row: Int, number: Int? = nil, external: String? = nil,
        other: String = "", born: String = "1990-05-01"
    ) throws -> ImportCandidate {
        var draft = Fixture.draft(family, given, number: number ?? 999_999, other: other)
        draft[.dateOfBirth] = born
        let client = try draft.validated(version: 1, phase: .referred, today: testDay)
        return ImportCandidate(row: row, client: client, hasCaseNumber: number != nil, externalID: external)
    }

    static let file = ImportedFile(name: "/home/ola/caseload.csv", bytes: Array("a;b\n1;2\n".utf8))

    static func rows() throws -> [ImportCandidate] {
        [
            try candidate("Haddad", "Rasha", row: 2, number: 10),
            try candidate("Khoury", "Layla", row: 3, external: "EXT-7", born: "1985-02-03"),
            try candidate("Nasser", "Omar", row: 4, born: "1979-12-30"),
        ]
    }

    @Test func anImportIsOneBatchWithItsFileCountsAndAuditAndNumbersRowsWithoutACaseNumber() throws {
        let fixture = try Fixture()
        try fixture.add("Solberg", "Kari", number: 3)
        let (plan, batch) = try fixture.store.importClients(
            try Self.rows(), refused: 2, file: Self.file, actor: fixture.admin.id)
        #expect((plan.created, plan.present, plan.duplicates, plan.refused) == (3, 0, 0, 2))
        #expect(batch.fileName == "caseload.csv")
        // sha256sum of the file's bytes.
        #expect(batch.sha256 == "403bea5152c251c5bc7ef420d824d191605723f99392e83a0549ad58c6d46291")
        #expect((batch.created, batch.present, batch.duplicates, batch.refused) == (3, 0, 0, 2))
        #expect(batch.importedBy == "admin")
        let numbers = try fixture.store.clientList.page(ClientFilter(), sort: .caseNumber, limit: 10).map(\.caseNumber)
        // Case 10 from the file; the others the next free numbers after the highest held.
        #expect(numbers.sorted() == ["2026-000003", "2026-000004", "2026-000005", "2026-000010"])
        let khoury = try #require(
            try fixture.store.clientList.page(ClientFilter(search: "Khoury"), sort: .name, limit: 1).first)
        let trail = try fixture.store.auditTrail(clientID: khoury.id)
        #expect(trail.map(\.field) == ["record"])
        #expect(trail.first?.newValue == "import batch \(batch.id), row 3")
        #expect(try fixture.store.check().isHealthy, "the facts of the imported clients are computed")
        #expect(try fixture.store.importBatches(by: fixture.admin.id).map(\.id) == [batch.id])
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    @Test func importingTheSameOrAnOverlappingFileAgainAddsNothingTwice() throws {
        let fixture = try Fixture()
        let first = try Self.rows()
        _ = try fixture.store.importClients(first, refused: 0, file: Self.file, actor: fixture.admin.id)
        let count = try fixture.store.clientList.count(ClientFilter()).value
        // The same file: the row with a case number matches it, the one with an external id
        // matches that, and the one with neither is the same person (a possible duplicate).
        let (again, _) = try fixture.store.importClients(first, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect((again.created, again.present, again.duplicates) == (0, 2, 1))
        #expect(try fixture.store.clientList.count(ClientFilter()).value == count)
        // An overlapping file: one old row, one new.
        let overlap = [first[0], try Self.candidate("Berhane", "Selam", row: 3, number: 40, born: "2001-07-07")]
        let (third, _) = try fixture.store.importClients(overlap, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect((third.created, third.present, third.duplicates) == (1, 1, 0))
        #expect(try fixture.store.clientList.count(ClientFilter()).value == count + 1)
    }

    @Test func aRepeatedRowInOneFileIsImportedOnce() throws {
        let fixture = try Fixture()
        let rows = [
            try Self.candidate("Haddad", "Rasha", row: 2, number: 10),
            try Self.candidate("Haddad", "Rasha", row: 3, number: 10),
            try Self.candidate("Khoury", "Layla", row: 4, external: "EXT-7"),
            try Self.candidate("Khoury", "Leila", row: 5, external: "EXT-7"),
            try Self.candidate("Nasser", "Omar", row: 6),
            try Self.candidate("Nasser", "Omar", row: 7),
        ]
        let (plan, _) = try fixture.store.importClients(rows, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect((plan.created, plan.present, plan.duplicates) == (3, 2, 1))
        guard case .possibleDuplicate(let others) = plan.rows[5].match else {
            Issue.record("row 7 is not a possible duplicate")
            return
        }
        #expect(others.map(\.row) == [6])
    }

    @Test func possibleDuplicatesAcrossScriptsAreLeftOutUnlessAccepted() throws {
        let fixture = try Fixture()
        let held = try fixture.add("Ibrahim", "Yousef", number: 123, other: "يوسف إبراهيم")
        let rows = [
            try Self.candidate("إبراهيم", "يوسف", row: 2),
            try Self.candidate("Ibraheem", "Youssef", row: 3),
            // Same name, another day of birth: someone else.
            try Self.candidate("Ibrahim", "Yousef", row: 4, born: "1991-05-01"),
            // Same day, an unrelated name.
            try Self.candidate("Solberg", "Kari", row: 5),
        ]
        let plan = try fixture.store.planImport(rows, refused: 0, actor: fixture.admin.id)
        #expect(
            plan.rows.map { if case .possibleDuplicate = $0.match { true } else { false } } == [
                true, true, false, false,
            ])
        guard case .possibleDuplicate(let others) = plan.rows[0].match else { return }
        #expect(others.map(\.clientID) == [held.id])
        #expect(others.first?.description == "2026-000123, Ibrahim, Yousef (يوسف إبراهيم)")
        let (accepted, _) = try fixture.store.importClients(
            rows, refused: 0, accepting: [3], file: Self.file, actor: fixture.admin.id)
        #expect((accepted.created, accepted.duplicates) == (3, 1))
        #expect(try fixture.store.clientList.count(ClientFilter()).value == 4)
    }

    /// A person registered twice is found across offices, but an officer of another office learns
    /// only which office to ask: no case number, no name, nothing to open.
    @Test func aDuplicateInAnotherOfficeIsToldByItsOfficeOnly() throws {
        let offices = try TwoOffices()
        var twin = offices.sorbyClient
        twin.id = -1
        let outsider = try offices.staff(offices.nordby, .officer)
        let told = try offices.store.possibleDuplicates(of: twin, viewer: outsider.id)
        #expect(told.count == 1)
        #expect(told.first?.clientID == nil && told.first?.caseNumber == "")
        #expect(told.first?.otherOffice == "Sørby")
        #expect(told.first.map { !$0.description.contains("Nordqvist") && $0.description.contains("Sørby") } == true)
        let colleague = try offices.staff(offices.sorby, .officer)
        #expect(
            try offices.store.possibleDuplicates(of: twin, viewer: colleague.id).map(\.clientID) == [
                offices.sorbyClient.id
            ])
    }

    /// With several offices the import asks which one the clients join; the importer must be
    /// allowed to import there; the batch's clients join it.
    @Test func anImportJoinsTheOfficeNamedAndAsksForOneWhenThereAreSeveral() throws {
        let offices = try TwoOffices()
        let admin = offices.f.admin
        #expect(try offices.store.importOffice(code: nil, actor: admin.id).id == offices.nordby.id)
        try offices.store.setMembership(staffID: admin.id, office: offices.sorby.id, role: .admin, actor: admin.id)
        #expect {
            _ = try offices.store.importOffice(code: nil, actor: admin.id)
        } throws: { "\($0)".contains("--office CODE (MAIN, SOR)") }
        #expect(throws: StoreError.self) {
            _ = try offices.store.importClients(try Self.rows(), refused: 0, file: Self.file, actor: admin.id)
        }
        let sorby = try offices.store.importOffice(code: "sor", actor: admin.id)
        let (plan, _) = try offices.store.importClients(
            try Self.rows(), refused: 0, file: Self.file, office: sorby.id, actor: admin.id)
        // Haddad, Rasha is Nordby's client already: a possible duplicate, left out.
        #expect((plan.created, plan.duplicates) == (2, 1))
        let joined = try offices.store.read {
            try offices.store.database.query(
                "SELECT count(*) FROM clients WHERE office_id = ? AND id IN (SELECT record_id FROM import_batch_records)",
                [sorby.id]
            ) { $0.int(0) }
        }
        #expect(joined == [2])
        // A supervisor of Nordby may not import into Sørby, nor name an office that is not there.
        let supervisor = try offices.staff(offices.nordby, .supervisor)
        #expect {
            _ = try offices.store.importOffice(code: "SOR", actor: supervisor.id)
        } throws: { "\($0)".contains("Sørby") }
        #expect(throws: StoreError.self) {
            _ = try offices.store.planImport(try Self.rows(), refused: 0, office: sorby.id, actor: supervisor.id)
        }
        #expect(throws: StoreError.self) { _ = try offices.store.importOffice(code: "XYZ", actor: supervisor.id) }
    }

    /// The import's report names a possible duplicate only when the importer may open it.
    @Test func theImportsDuplicateInAnotherOfficeIsToldByItsOfficeOnly() throws {
        let offices = try TwoOffices()
        let twin = offices.sorbyClient
        let row = try Self.candidate(
            twin.familyName, twin.givenNames, row: 2, born: twin.dateOfBirth.iso)
        let supervisor = try offices.staff(offices.nordby, .supervisor)
        let plan = try offices.store.planImport([row], refused: 0, actor: supervisor.id)
        guard case .possibleDuplicate(let others) = plan.rows.first?.match else {
            Issue.record("the twin in Sørby is not a possible duplicate")
            return
        }
        #expect(others.map(\.clientID) == [nil])
        #expect(others.map(\.description) == ["a client of Sørby (an office you do not work in); ask its supervisor"])
        let theirs = try offices.staff(offices.sorby, .supervisor)
        let named = try offices.store.planImport([row], refused: 0, actor: theirs.id)
        guard case .possibleDuplicate(let found) = named.rows.first?.match else { return }
        #expect(found.map(\.clientID) == [twin.id])
    }

    @Test func theFormsDuplicateCheckFindsTheSamePersonInAnotherScript() throws {
        let fixture = try Fixture()
        let held = try fixture.add("محمد", "علي", number: 5)
        let latin = try Self.candidate("Mohammed", "Ali", row: 2).client
        #expect(
            try fixture.store.possibleDuplicates(of: latin, viewer: fixture.officer.id).map(\.clientID) == [held.id])
        let other = try Self.candidate("Hansen", "Ali", row: 2).client
        #expect(try fixture.store.possibleDuplicates(of: other, viewer: fixture.officer.id).isEmpty)
        // A client is no duplicate of itself (the edit form).
        let stored = try #require(try fixture.store.client(id: held.id))
        #expect(try fixture.store.possibleDuplicates(of: stored, viewer: fixture.officer.id).isEmpty)
    }

    @Test func aDryRunLeavesTheFileByteForByteUnchanged() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 10)
        let path = fixture.store.path
        let before = [contents(of: path), contents(of: path + "-wal")]
        let reader = try Store.open(path: path, mode: .readOnly, clock: testClock)
        let plan = try reader.planImport(try Self.rows(), refused: 1, actor: fixture.admin.id)
        #expect((plan.created, plan.present, plan.refused) == (2, 1, 1))
        #expect([contents(of: path), contents(of: path + "-wal")] == before)
    }

    @Test func undoRemovesExactlyTheBatchAndKeepsClientsChangedSince() throws {
        let fixture = try Fixture()
        let earlier = try fixture.add("Solberg", "Kari", number: 1)
        let (_, batch) = try fixture.store.importClients(
            try Self.rows(), refused: 0, file: Self.file, actor: fixture.admin.id)
        let (_, other) = try fixture.store.importClients(
            [try Self.candidate("Berhane", "Selam", row: 2, number: 40, born: "2001-07-07")], refused: 0,
            file: Self.file, actor: fixture.admin.id)
        let haddad = try #require(try fixture.store.client(caseNumber: try CaseNumber("2026-000010")))
        var draft = ClientDraft(haddad)
        draft[.phone] = "+47 912 34 567"
        _ = try fixture.store.updateClient(id: haddad.id, with: draft, expectedVersion: 1, actor: fixture.officer.id)

        let undo = try fixture.store.undoImport(batch: batch.id, actor: fixture.admin.id)
        #expect(undo == ImportUndo(removed: 2, kept: ["2026-000010"], gone: 0))
        let left = try fixture.store.clientList.page(ClientFilter(), sort: .caseNumber, limit: 10).map(\.caseNumber)
        #expect(left == [earlier.caseNumber.text, "2026-000010", "2026-000040"])
        #expect(
            try fixture.store.importBatches(by: fixture.admin.id).first { $0.id == batch.id }?.undoneAt == testClock.now
        )
        #expect(try fixture.store.verifyAudit().isIntact)
        #expect(try fixture.store.check().isHealthy)
        #expect {
            _ = try fixture.store.undoImport(batch: batch.id, actor: fixture.admin.id)
        } throws: { "\($0)".contains("undone already") }
        #expect {
            _ = try fixture.store.undoImport(batch: 999, actor: fixture.admin.id)
        } throws: { "\($0)".contains("no import batch 999") }
        #expect(try fixture.store.undoImport(batch: other.id, actor: fixture.admin.id).removed == 1)
    }

    @Test func aClientSavedOnAnotherConnectionSinceTheDryRunIsSeen() throws {
        let fixture = try Fixture()
        let second = try fixture.secondConnection()
        let rows = try Self.rows()
        #expect(try second.planImport(rows, refused: 0, actor: fixture.admin.id).created == 3)
        // A colleague registers case 10 and takes 11, the number the dry run would have given next.
        try fixture.add("Haddad", "Rasha", number: 10)
        try fixture.add("Solberg", "Kari", number: 11)
        let (plan, _) = try second.importClients(rows, refused: 0, file: Self.file, actor: fixture.admin.id)
        #expect((plan.created, plan.present) == (2, 1))
        let numbers = try fixture.store.clientList.page(ClientFilter(), sort: .caseNumber, limit: 10).map(\.caseNumber)
        #expect(numbers == ["2026-000010", "2026-000011", "2026-000012", "2026-000013"])
    }
}

/// What schema 11 added, taken out again so that a file made to look older meets the import
/// migration as a real one would.
let undoImportsOfSchemaEleven = """
    DROP TABLE import_batch_records;
    DROP TABLE import_batches;
    DROP INDEX clients_by_external_id;
    DROP INDEX clients_by_birth;
    ALTER TABLE clients DROP COLUMN external_id;
    """

/// The import batches as each office sees them: a batch belongs to the offices its records are
/// in, and someone of one office sees nothing of another office's batches, nor undoes one.
@Suite struct ImportBatchOfficeTests {
    let o: TwoOffices
    let nordbyBatch: ImportBatch
    let sorbyBatch: ImportBatch

    init() throws {
        o = try TwoOffices()
        nordbyBatch = try o.store.importClients(
            [
                try ImportStoreTests.candidate("Haddad", "Samir", row: 2, number: 10),
                try ImportStoreTests.candidate("Lie", "Anne", row: 3, number: 11, born: "1971-03-04"),
            ], refused: 0, file: ImportedFile(name: "nordby.csv", bytes: Array("n".utf8)), office: o.nordby.id,
            actor: try o.staff(o.nordby, .supervisor).id
        ).batch
        sorbyBatch = try o.store.importClients(
            [try ImportStoreTests.candidate("Berg", "Tone", row: 2, number: 20)], refused: 0,
            file: ImportedFile(name: "sorby.csv", bytes: Array("s".utf8)), office: o.sorby.id,
            actor: try o.staff(o.sorby, .supervisor).id
        ).batch
    }

    func listed(by office: Office, _ role: Role) throws -> [String] {
        try o.store.importBatches(by: try o.staff(office, role).id).map(\.fileName)
    }

    @Test(arguments: [Role.supervisor, .admin])
    func eachOfficeListsItsOwnBatchesOnly(role: Role) throws {
        #expect(try listed(by: o.nordby, role) == ["nordby.csv"])
        #expect(try listed(by: o.sorby, role) == ["sorby.csv"])
        // Officers do not import, so they list nothing at all.
        #expect(throws: StoreError.self) { _ = try o.store.importBatches(by: try o.staff(o.sorby, .officer).id) }
    }

    @Test func anotherOfficesBatchCannotBeUndoneAndReadsAsNoBatch() throws {
        let outsider = try o.staff(o.sorby, .admin)
        func refusal(_ id: Int64) -> String {
            do {
                _ = try o.store.undoImport(batch: id, actor: outsider.id)
                return ""
            } catch { return "\(error)" }
        }
        #expect(
            refusal(nordbyBatch.id)
                == "There is no import batch \(nordbyBatch.id); `casebook import list` shows the batches.")
        #expect(refusal(999) == "There is no import batch 999; `casebook import list` shows the batches.")
        #expect(try listed(by: o.nordby, .admin) == ["nordby.csv"], "still there, not undone")
    }

    @Test func aBatchOfTwoOfficesIsShownOnlyToWhoImportsInBoth() throws {
        // One of the batch's two clients moves to Sørby: the batch now holds clients of both.
        let client = try #require(try o.store.client(caseNumber: try CaseNumber("2026-000010")))
        let transfer = try o.store.proposeTransfer(
            client: client.id, to: o.sorby.id, reason: "Moved", by: try o.staff(o.nordby, .supervisor).id)
        try o.store.decideTransfer(transfer, accept: true, by: try o.staff(o.sorby, .supervisor).id)
        #expect(try listed(by: o.nordby, .supervisor).isEmpty)
        #expect(try listed(by: o.sorby, .supervisor) == ["sorby.csv"])
        try o.store.setMembership(staffID: o.f.admin.id, office: o.sorby.id, role: .admin, actor: o.f.admin.id)
        #expect(try o.store.importBatches(by: o.f.admin.id).map(\.fileName) == ["sorby.csv", "nordby.csv"])
    }

    @Test func anUndoneBatchIsShownToItsImporterAndToWhoImportsEverywhere() throws {
        let importer = try o.staff(o.nordby, .supervisor)
        _ = try o.store.undoImport(batch: nordbyBatch.id, actor: importer.id)
        #expect(try listed(by: o.nordby, .supervisor) == ["nordby.csv"])
        #expect(try listed(by: o.nordby, .admin).isEmpty, "nothing left names Nordby")
        #expect(try listed(by: o.sorby, .admin) == ["sorby.csv"])
        try o.store.setMembership(staffID: o.f.admin.id, office: o.sorby.id, role: .admin, actor: o.f.admin.id)
        #expect(try o.store.importBatches(by: o.f.admin.id).map(\.fileName) == ["sorby.csv", "nordby.csv"])
    }
}
