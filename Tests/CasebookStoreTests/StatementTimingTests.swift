import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The statement timings behind the benchmark's slowest keystrokes (`Store.timingStatements`):
/// every statement the body ran, each with the kind of list statement it was.
@Suite struct StatementTimingTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
        try fixture.add("Hassan", "Mohammed", number: 1)
        try fixture.add("Hassani", "Ali", number: 2)
        try fixture.add("Haddad", "Rasha", number: 3)
    }

    /// A search's count and page are each one statement of their kind, after the probes that
    /// chose their shape; the viewer's offices are other statements, not the list's.
    @Test(arguments: ["h", "hassan ali", "2026-0000"])
    func aSearchReportsItsCountPageAndProbes(_ search: String) throws {
        let list = fixture.store.clientList
        let filter = ClientFilter(search: search, viewer: fixture.admin.id)
        let (rows, times) = try fixture.store.timingStatements {
            _ = try list.count(filter)
            return try list.page(filter, sort: .name, limit: 50)
        }
        #expect(!rows.isEmpty)
        let kinds = times.map { ListStatement.of($0.sql) }
        #expect(kinds.filter { $0 == .count }.count == 1, "\(times.map(\.sql))")
        #expect(kinds.filter { $0 == .page }.count == 1, "\(times.map(\.sql))")
        #expect(kinds.firstIndex(of: .count) ?? 0 < kinds.firstIndex(of: .page) ?? 0)
        #expect(kinds.contains(nil), "the viewer's offices and the read transactions are other statements")
        if search.contains(" ") { #expect(kinds.contains(.probe)) }
        #expect(times.allSatisfy { $0.milliseconds >= 0 })
    }

    /// The list's first page and count read together run each probe once, where reading them
    /// one after the other ran every probe twice, and give what the two give.
    @Test(arguments: ["h", "hassan ali", "mohammed a", "2026-0000", ""])
    func theFirstPageProbesOnce(_ search: String) throws {
        let list = fixture.store.clientList
        let filter = ClientFilter(search: search, viewer: fixture.admin.id)
        let (apart, twice) = try fixture.store.timingStatements {
            (try list.count(filter), try list.page(filter, sort: .name, limit: 50))
        }
        let (together, once) = try fixture.store.timingStatements { try list.firstPage(filter, sort: .name, limit: 50) }
        #expect(together.count == apart.0 && together.rows == apart.1)
        let probes = { (times: [StatementTime]) in times.filter { ListStatement.of($0.sql) == .probe }.count }
        #expect(probes(twice) == 2 * probes(once))
        #expect(once.count < twice.count, "the viewer's offices are read once")
    }

    /// The same first page read again while nothing has changed runs no statement of the list;
    /// a colleague's commit on another connection, or a write on this one, reads it afresh.
    @Test func aFirstPageIsReadAgainOnlyWhenTheFileChanged() throws {
        let store = fixture.store
        let list = store.clientList
        let filter = ClientFilter(search: "hassan", viewer: fixture.admin.id)
        let (first, _) = try store.timingStatements { try list.firstPage(filter, sort: .name, limit: 50) }
        let (again, times) = try store.timingStatements { try list.firstPage(filter, sort: .name, limit: 50) }
        #expect(again.count == first.count && again.rows == first.rows)
        #expect(!times.contains { ListStatement.of($0.sql) != nil }, "\(times.map(\.sql))")
        // Another sort, limit or search is read, not taken for the one kept.
        #expect(try list.firstPage(filter, sort: .name, limit: 1).rows.count == 1)

        let colleague = try Store.open(path: fixture.folder.file("case.db"), mode: .readWrite, clock: testClock)
        _ = try colleague.addClient(Fixture.draft("Hassanein", "Omar", number: 9), actor: fixture.admin.id)
        let afterColleague = try list.firstPage(filter, sort: .name, limit: 50)
        #expect(afterColleague.count.value == first.count.value + 1)
        #expect(afterColleague.rows.map(\.familyName).contains("Hassanein"))

        try fixture.add("Hassan", "Yusuf", number: 10)
        let afterOwn = try list.firstPage(filter, sort: .name, limit: 50)
        #expect(afterOwn.count.value == first.count.value + 2)
        #expect(afterOwn.count == (try list.count(filter)))
        #expect(afterOwn.rows == (try list.page(filter, sort: .name, limit: 50)))
    }

    /// Nothing is timed once the body has returned, and a failing body stops the timing too.
    @Test func timingStopsWithTheBody() throws {
        let store = fixture.store
        _ = try store.timingStatements { try store.clientList.count(ClientFilter(search: "h")) }
        let (_, none) = try store.timingStatements {}
        #expect(none.isEmpty)
        struct Stop: Error {}
        #expect(throws: Stop.self) { try store.timingStatements { () throws -> Int in throw Stop() } }
        let (_, after) = try store.timingStatements {}
        #expect(after.isEmpty)
    }
}
