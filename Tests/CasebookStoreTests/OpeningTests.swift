import Dispatch
#if canImport(Glibc)
    import Glibc
#endif
import CasebookCore
import Testing

@testable import CasebookStore
import CasebookTestSupport

@Suite struct OpeningTests {
    @Test func createsAPrivateFileInAPrivateFolderAndReopensIt() throws {
        let folder = TemporaryFolder()
        let path = folder.file("nested/deeper/case.db")
        do {
            let store = try Store.open(path: path, mode: .create, clock: testClock)
            #expect(store.schemaVersion == currentSchemaVersion)
            #expect(try store.bootstrapAdmin(username: "admin", displayName: "Ada"))
            #expect(try !store.bootstrapAdmin(username: "other", displayName: "Other"))
        }
        #expect(DatabaseFile.mode(of: path) == 0o600)
        #expect(DatabaseFile.mode(of: folder.file("nested/deeper")) == 0o700)
        let reopened = try Store.open(path: path, mode: .readWrite, clock: testClock)
        #expect(try reopened.allStaff().map(\.username) == ["admin"])
        #expect(try reopened.staff(username: "admin")?.role == .admin)
    }

    @Test func connectionSettingsAreThoseTheDesignAsksFor() throws {
        let fixture = try Fixture()
        let db = fixture.store.database
        #expect(try db.queryFirst("PRAGMA journal_mode") { $0.text(0) } == "wal")
        #expect(try db.scalar("PRAGMA foreign_keys") == 1)
        #expect(try db.scalar("PRAGMA synchronous") == 2)
    }

    @Test func aSaveWaitsForAColleaguesLockInsteadOfFailing() throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        // The colleague (a second connection, used only by the other thread from here on) holds
        // the write lock for 300 ms.
        let colleague = Unshared(try fixture.secondConnection())
        try colleague.store.database.executeScript("BEGIN IMMEDIATE")
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            usleep(300_000)
            try? colleague.store.database.executeScript("COMMIT")
            released.signal()
        }
        var draft = ClientDraft(client)
        draft[.address] = "Storgata 1"
        let saved = try fixture.store.updateClient(
            id: client.id, with: draft, expectedVersion: client.version, actor: fixture.admin.id)
        #expect(saved.address == "Storgata 1")
        released.wait()
    }

    @Test func aMissingFileIsNotCreatedByOrdinaryCommands() {
        let folder = TemporaryFolder()
        let path = folder.file("absent.db")
        #expect(throws: StoreError.self) { try Store.open(path: path, mode: .readWrite) }
        #expect(!DatabaseFile.exists(path))
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        let folder = TemporaryFolder()
        let path = folder.file("notes.txt")
        write("Dear diary, this is not a database at all.\n", to: path)
        let before = contents(of: path)
        for mode in [Store.OpenMode.create, .readWrite, .readOnly] {
            do {
                _ = try Store.open(path: path, mode: mode)
                Issue.record("opened a text file")
            } catch let error as StoreError {
                #expect(error.description.contains("not a SQLite database"))
            }
        }
        #expect(contents(of: path) == before)
    }

    @Test func aForeignSQLiteDatabaseIsRefusedAndLeftUntouched() throws {
        let folder = TemporaryFolder()
        let path = folder.file("other.db")
        #expect(sqliteShell(path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');") == 0)
        let before = contents(of: path)
        #expect {
            _ = try Store.open(path: path, mode: .create)
        } throws: { ($0 as? StoreError)?.description.contains("not a Casebook one") == true }
        #expect(contents(of: path) == before)
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() throws {
        let fixture = try Fixture()
        let path = fixture.store.path
        try fixture.store.database.executeScript("PRAGMA user_version = \(currentSchemaVersion + 5)")
        try fixture.store.database.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = contents(of: path)
        for mode in [Store.OpenMode.create, .readWrite, .readOnly] {
            #expect {
                _ = try Store.open(path: path, mode: mode)
            } throws: { ($0 as? StoreError)?.description.contains("newer Casebook") == true }
        }
        #expect(contents(of: path) == before)
    }

    @Test func aBlankSQLiteFileIsMigratedByInit() throws {
        let folder = TemporaryFolder()
        let path = folder.file("blank.db")
        #expect(sqliteShell(path, "PRAGMA user_version = 0; VACUUM;") == 0)
        #expect(throws: StoreError.self) { try Store.open(path: path, mode: .readWrite) }
        let store = try Store.open(path: path, mode: .create)
        #expect(store.schemaVersion == currentSchemaVersion)
        #expect(try store.database.scalar("PRAGMA application_id") == casebookApplicationID)
    }

    @Test func aReadOnlyFileIsRefusedForWritingButReadable() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 1)
        let path = fixture.store.path
        try fixture.store.database.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(chmod(path, 0o400) == 0)
        defer { chmod(path, 0o600) }
        #expect {
            _ = try Store.open(path: path, mode: .readWrite)
        } throws: { ($0 as? StoreError)?.description.contains("read-only") == true }
        let reader = try Store.open(path: path, mode: .readOnly)
        #expect(try reader.clientList.page(ClientFilter(), sort: .name, limit: 10).count == 1)
    }
}

/// A connection handed to one other thread, which alone uses it from then on.
private final class Unshared: @unchecked Sendable {
    let store: Store
    init(_ store: Store) { self.store = store }
}

@Suite struct DatabaseAbuseTests {
    @Test func aFullDiskRefusesTheSaveWithAMessageAndKeepsEverythingSavedBefore() throws {
        let fixture = try Fixture()
        let pages = try #require(try fixture.store.database.scalar("PRAGMA page_count"))
        // The file may not grow beyond a few more pages: the disk is "full".
        _ = try fixture.store.database.scalar("PRAGMA max_page_count = \(pages + 3)")
        var saved: [Client] = []
        var refusal: StoreError?
        for number in 1...400 {
            do {
                saved.append(try fixture.add("Haddad", String(repeating: "Rasha ", count: 15), number: number))
            } catch let error as StoreError {
                refusal = error
                break
            }
        }
        let error = try #require(refusal, "the small file filled up")
        #expect(error.description.contains("The disk is full; nothing was saved"))
        // Every save reported done is there, whole, with its audit; the refused one left nothing.
        #expect(try fixture.store.database.scalar("SELECT count(*) FROM clients") == Int64(saved.count))
        #expect(
            try fixture.store.database.scalar("SELECT count(DISTINCT client_id) FROM audit WHERE entity = 'client'")
                == Int64(saved.count))
        #expect(try fixture.store.database.scalar("SELECT count(*) FROM client_facts") == Int64(saved.count))
        #expect(try fixture.store.check().isHealthy)
    }

    @Test func aFileDeletedOrReplacedWhileOpenIsNotWrittenAndSaysSo() throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        let path = fixture.store.path
        let aside = path + ".aside"
        #expect(rename(path, aside) == 0)
        var draft = ClientDraft(client)
        draft[.address] = "Storgata 1"
        #expect {
            try fixture.store.updateClient(
                id: client.id, with: draft, expectedVersion: client.version, actor: fixture.admin.id)
        } throws: { error in
            (error as? StoreError)?.description.contains(
                "was deleted or replaced while Casebook had it open; nothing was saved") == true
        }
        // Put back, the same file takes the save.
        #expect(rename(aside, path) == 0)
        let saved = try fixture.store.updateClient(
            id: client.id, with: draft, expectedVersion: client.version, actor: fixture.admin.id)
        #expect(saved.address == "Storgata 1")
    }
}
