import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// What the bulk loader leaves behind besides the rows (SearchTests holds its search rows, the
/// demo's tests the rest): the audit chain, the indexes it rebuilt and the connection's settings.
@Suite struct BulkLoaderTests {
    /// A fresh file with `count` clients added by one bulk load.
    static func loaded(_ count: Int) throws -> Fixture {
        let fixture = try Fixture()
        try BulkLoader.load(into: fixture.store, actor: fixture.admin.id) { loader in
            for index in 0..<count {
                var client = try Fixture.draft("Bulk", "Person \(index)", number: 1 + index).validated(today: testDay)
                client.version = 1
                try loader.add(
                    client, history: [PhaseStep(from: nil, to: .referred, on: testDay)], enrolment: Enrolment(),
                    note: "loaded")
            }
        }
        return fixture
    }

    @Test func everyLoadedAuditRowHasASaltOfItsOwnAndTheChainHolds() throws {
        // 100 salts of 16 bytes: the loader's buffer of the system's random bytes (4 KB) is
        // read again three times.
        let fixture = try Self.loaded(100)
        let salts = try fixture.store.database.query(
            "SELECT value_salt FROM audit WHERE entity = 'client' ORDER BY id", []
        ) { $0.blob(0) ?? [] }
        #expect(salts.count == 100)
        #expect(salts.allSatisfy { $0.count == HashChain.saltLength && $0.contains { $0 != 0 } })
        #expect(Set(salts).count == salts.count, "a salt repeated")
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    @Test func theRebuiltIndexesAreTheMigratedOnesAndTheCacheIsLeftAsItWas() throws {
        let fresh = try Fixture()
        let migrated = try Self.indexes(fresh.store.database)
        let fixture = try Fixture()
        // The index builds sort with a small cache of their own; the caller's stays.
        try fixture.store.database.executeScript("PRAGMA cache_size = -12345")
        try BulkLoader.load(into: fixture.store, actor: fixture.admin.id) { loader in
            var client = try Fixture.draft("Bulk", "Person", number: 1).validated(today: testDay)
            client.version = 1
            try loader.add(
                client, history: [PhaseStep(from: nil, to: .referred, on: testDay)], enrolment: Enrolment(),
                note: "loaded")
        }
        #expect(try fixture.store.database.scalar("PRAGMA cache_size") == -12345)
        #expect(try fixture.store.database.scalar("PRAGMA threads") == 0)
        #expect(try Self.indexes(fixture.store.database) == migrated)
    }

    static func indexes(_ database: Database) throws -> [String] {
        try database.query(
            "SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name", []
        ) { $0.text(0) }
    }
}
