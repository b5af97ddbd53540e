import CasebookCore
import CasebookStore
import CasebookTUI

#if canImport(Glibc)
    import Glibc
#endif

/// One search keystroke of the benchmark, and where its time went: the client list's statements
/// by kind (`ListStatement`), the other statements (the viewer's offices, the rows' annotations,
/// the read transactions), the rest of the update (preparing statements, Swift) and the frame.
struct Keystroke {
    /// Whose list: the viewer's role and how many offices' clients they see.
    var viewer: String
    /// The search text once the key was handled, and whether the key typed or erased a letter.
    var search: String
    var erased: Bool
    /// The first key after `/` opened the search.
    var isFirst: Bool
    var total: Double
    var frame: Double
    var statements: [StatementTime]

    /// Milliseconds and number of statements of one kind (nil: not the list's own).
    func time(of kind: ListStatement?) -> (milliseconds: Double, count: Int) {
        let mine = statements.filter { ListStatement.of($0.sql) == kind }
        return (mine.reduce(0) { $0 + $1.milliseconds }, mine.count)
    }

    /// The update less every statement: key handling, preparing statements, building queries.
    var rest: Double { total - frame - statements.reduce(0) { $0 + $1.milliseconds } }

    /// One line of the list of slowest keystrokes.
    var text: String {
        func ms(_ value: Double) -> String { String((value * 10).rounded() / 10) }
        func part(_ name: String, _ kind: ListStatement?) -> String {
            let (milliseconds, count) = time(of: kind)
            return "\(name) \(ms(milliseconds)) (\(count))"
        }
        let typed = (erased ? "⌫ " : "+ ") + "\"\(search)\"" + (isFirst ? " first" : "")
        return (ms(total) + " ms").padding(10) + viewer.padding(22) + typed.padding(24)
            + [
                part("count", .count), part("page", .page), part("probes", .probe), part("other", nil),
                "rest \(ms(rest))", "frame \(ms(frame))",
            ].joined(separator: "  ")
    }

    /// How many of the slowest keystrokes the list part prints: `CASEBOOK_BENCH_SLOWEST`, else 10;
    /// 0 prints none and times no statement.
    static var listed: Int {
        guard let value = getenv("CASEBOOK_BENCH_SLOWEST") else { return 10 }
        return max(0, Int(String(cString: value)) ?? 10)
    }

    /// The header and lines of the `count` slowest of `keystrokes`, slowest first.
    static func report(_ keystrokes: [Keystroke], count: Int) -> [String] {
        guard count > 0, !keystrokes.isEmpty else { return [] }
        let slowest = keystrokes.sorted { $0.total > $1.total }.prefix(count)
        return [
            "",
            "slowest \(slowest.count) of \(keystrokes.count) search keystrokes (CASEBOOK_BENCH_SLOWEST=N): total, viewer, "
                + "the search after the key (+ typed, ⌫ erased), then ms (statements) of the list's count, page and "
                + "probes, other statements, the rest of the update, and the frame",
        ] + slowest.map(\.text)
    }

    /// Whose list `me` sees, in a few words: "admin, 9 offices", "officer, own caseload in 1".
    static func viewer(_ me: Staff, store: Store) throws -> String {
        let offices = try store.actor(me.id).offices(for: .seeList, policy: store.policy)
        let whole = offices.whole.count
        let every = try store.offices().count
        let seen =
            whole == every && offices.ownOnly.isEmpty
            ? "all \(whole) offices" : whole > 0 ? "\(whole) of \(every) offices" : "own in \(offices.ownOnly.count)"
        return "\(me.role.rawValue), \(seen)"
    }
}
