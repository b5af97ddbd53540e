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
