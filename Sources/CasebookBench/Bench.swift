import CasebookCore
import CasebookStore

/// Measures the interactions officers wait for, on a real case file, and prints one table.
package enum Bench {
    /// Names typed the way officers type them: without diacritics, letter by letter.
    static let typedNames = ["odegard", "muller", "sorensen", "nguyen", "hassan", "shevchenko", "tesfay", "ahmadi", "wang", "2026-0001"]

    package static func run(store: Store, output: (String) -> Void) throws {
        output("Casebook benchmark on \(store.path)")
        output("figure".padding(40) + "median".padding(12) + "p99".padding(12) + "target")
        for figure in try storeFigures(store) { output(figure.text) }
    }

    static func storeFigures(_ store: Store) throws -> [Figure] {
        var search = Samples()
        var counting = Samples()
        // Warm the page cache the way a running application has it warm.
        _ = try store.clientPage(ClientFilter(), sort: .name, limit: 50)
        for name in typedNames {
            for length in 1...name.count {
                let filter = ClientFilter(search: String(name.prefix(length)))
                search.add(try time { _ = try store.clientPage(filter, sort: .name, limit: 50) })
                counting.add(try time { _ = try store.countClients(filter) })
            }
        }
        return [
            Figure(name: "name search, first page (store)", median: search.median, p99: search.p99, unit: "ms", target: "< 5 ms"),
            Figure(name: "name search, match count (store)", median: counting.median, p99: counting.p99, unit: "ms", target: ""),
        ]
    }
}
