import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

@Suite struct StatementCacheTests {
    @Test func theCacheKeepsAtMostItsBoundAndLetsTheLeastRecentlyUsedGo() throws {
        let fixture = try Fixture()
        let database = fixture.store.database
        let kept = "SELECT count(*) FROM staff"
        for number in 0..<(StatementCache.limit + 50) {
            #expect(try database.scalar("SELECT \(number) + 1") == Int64(number + 1))
            // One statement used all along stays prepared.
            _ = try database.scalar(kept)
        }
        #expect(database.cachedStatementCount == StatementCache.limit)
        let before = database.cachedStatementCount
        _ = try database.scalar(kept)
        #expect(database.cachedStatementCount == before, "the statement in use all along was kept")
    }

    @Test func aStatementLetGoWhileItsRowsAreReadReadsThemAll() throws {
        let fixture = try Fixture()
        let database = fixture.store.database
        var rows: [Int64] = []
        try database.forEach(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n"
        ) {
            row in
            rows.append(row.int64(0))
            // Enough other statements to push the one being read out of the cache.
            for other in 0..<(StatementCache.limit / 4) {
                _ = try database.scalar("SELECT \(rows.count * 1000 + other)")
            }
        }
        #expect(rows == Array(1...10))
    }

    @Test func listsOfIdsOfAnyLengthAreOneStatement() throws {
        let fixture = try Fixture()
        let ids = try (1...40).map { try fixture.add("Haddad", "Rasha", number: $0).id }
        let store = fixture.store
        _ = try store.languageStandings(clientIDs: [ids[0]])
        _ = try store.clientsWithOverdueRecognition([ids[0]])
        let prepared = store.database.cachedStatementCount
        for count in 2...ids.count {
            #expect(try store.languageStandings(clientIDs: Array(ids.prefix(count))).count == count)
            _ = try store.clientsWithOverdueRecognition(Array(ids.prefix(count)))
        }
        #expect(store.database.cachedStatementCount == prepared)
    }
}
