import CasebookCore
import CasebookL10n
import CasebookText

/// The order of the client list.
package enum ClientSort: String, CaseIterable, Sendable {
    case name
    case caseNumber = "case_number"
    case arrival

    package var label: String {
        switch self {
        // TRANSLATORS: what the client list is sorted by, lower case.
        case .name: return tr("name")
        case .caseNumber: return tr("case number")
        case .arrival: return tr("arrival")
        }
    }
}

/// Which clients the list shows.
package struct ClientFilter: Hashable, Sendable {
    /// Only this officer's caseload; nil for everyone's.
    package var officerID: Staff.ID?
    package var phase: CasePhase?
    /// Only clients with a flag: a vulnerability, or a recognition decision past its deadline.
    package var flaggedOnly: Bool
    /// Typed search: name parts (any order, each the start of a name part) or the start of a case number.
    package var search: String
    /// Only the clients behind a dashboard figure.
    package var cohort: Cohort?
    /// Whose list it is: only the clients the policy lets them see (`Action.seeList`). Nil only
    /// for the whole file's own checks and measurements, which no screen or command builds.
    package var viewer: Staff.ID?

    package init(
        officerID: Staff.ID? = nil, phase: CasePhase? = nil, flaggedOnly: Bool = false, search: String = "",
        cohort: Cohort? = nil, viewer: Staff.ID? = nil
    ) {
        self.viewer = viewer
        self.officerID = officerID
        self.phase = phase
        self.flaggedOnly = flaggedOnly
        self.search = search
        self.cohort = cohort
    }
}

/// A fixed set of clients (the ones behind a dashboard bar), held for this connection in a
/// temporary table until the list showing them closes.
package struct Cohort: Hashable, Sendable {
    package let tag: Int
    /// What the clients have in common, for the list's title.
    package let label: String
    package let count: Int
}

/// One row of the client list: what the list shows and the key it pages by.
package struct ClientSummary: Hashable, Sendable, Identifiable {
    package var id: Client.ID
    package var caseNumber: String
    package var familyName: String
    package var givenNames: String
    package var officer: String?
    package var phase: CasePhase
    package var arrivalDate: Day
    package var vulnerabilities: Set<Vulnerability>
    /// A restriction or legal hold in force.
    package var recordFlags: Set<RecordFlag> = []
    /// The person's data was erased (a pseudonymous stub).
    package var isErased = false
    /// Where the row stands in the list order; pass the row back to get the page after or before it.
    package var position: ListPosition

    package var displayName: String { Client.displayName(family: familyName, given: givenNames) }
}

/// The sort key of a row in its list: (first, second, id) compared in that order.
package struct ListPosition: Hashable, Sendable {
    package var first: String
    package var second: String
    package var id: Int64
}

/// How many clients match, exactly or at least.
package struct ClientCount: Hashable, Sendable {
    package var value: Int
    /// True when counting stopped at `value` and there are more.
    package var isAtLeast: Bool

    package init(value: Int, isAtLeast: Bool) {
        self.value = value
        self.isAtLeast = isAtLeast
    }
}

/// The order rows come in: the chosen sort when browsing; the matching name part (then the
/// name) when searching by name; the case number when searching by case number.
package enum ListOrder: Equatable, Sendable {
    case sorted(ClientSort)
    case byMatch
    case byCaseNumber

    package var label: String {
        switch self {
        // TRANSLATORS: the order of the client list, shown in its title.
        case .sorted(.name): return tr("by name")
        case .sorted(.caseNumber), .byCaseNumber: return tr("by case number")
        case .sorted(.arrival): return tr("by arrival")
        case .byMatch: return tr("by matching name")
        }
    }
}

/// The client list's statements, each marked by a comment SQLite ignores at its start, so that a
/// statement trace (`Store.timingStatements`, the benchmark's slowest keystrokes) says which part
/// of a keystroke each one was.
package enum ListStatement: String, CaseIterable, Sendable {
    /// A page of rows in list order.
    case page
    /// The number of matches.
    case count
    /// What chooses a query's shape: a word's keys in another script and its index entries, the
    /// size of a filter's set.
    case probe

    package var mark: String { "/* list \(rawValue) */ " }

    /// The kind of a statement of the list, from its text; nil for any other statement.
    package static func of(_ sql: String) -> ListStatement? { allCases.first { sql.hasPrefix($0.mark) } }
}

/// The client list's reads: pages in list order (keyset paging), counts, and the cohorts of
/// clients behind dashboard bars. Owns the cohort tags of its store's connection; one per store
/// (`Store.clientList`).
package final class ClientList {
    /// A filter's clients are driven from its own index, rather than from the name tokens,
    /// when there are at most this many of them (an officer's caseload, a rare phase).
    static let smallFilterLimit = 3000
    /// `smallFilterLimit` for this list; tests lower it to walk the tokens on a small file.
    var smallFilterLimit = ClientList.smallFilterLimit
    /// `ListQuery.intersectLimit` for this list; tests lower it to walk the lead word's matches.
    var intersectLimit = ListQuery.intersectLimit

    /// The store this list reads; it owns the list (`Store.clientList`).
    unowned let store: Store
    /// The tag of the last cohort made: tags name cohorts in this connection's temporary table.
    private var lastCohortTag = 0

    init(store: Store) { self.store = store }

    /// Holds `ids` as a cohort the client list can show (and drops cohorts no list uses any more).
    package func makeCohort(_ ids: [Int64], label: String) throws -> Cohort {
        lastCohortTag += 1
        let tag = lastCohortTag
        let database = store.database
        try store.read {
            try database.executeScript(
                """
                CREATE TEMP TABLE IF NOT EXISTS cohorts (tag INTEGER NOT NULL, client_id INTEGER NOT NULL,
                    PRIMARY KEY (tag, client_id)) WITHOUT ROWID
                """)
            try database.execute("DELETE FROM temp.cohorts WHERE tag <= ?", [tag - 4])
            let rows = PackedRows(reservingBytes: ids.count * 18)
            for id in ids {
                rows.append(Int64(tag))
                rows.append(id)
            }
            try database.insertRows(
                "INSERT OR IGNORE INTO temp.cohorts (tag, client_id) VALUES ", width: 2, perStatement: 250, rows: rows)
        }
        return Cohort(tag: tag, label: label, count: Set(ids).count)
    }

    /// Up to `limit` clients after `after` in the list order (from the top when nil).
    package func page(_ filter: ClientFilter, sort: ClientSort, after: ClientSummary? = nil, limit: Int) throws
        -> [ClientSummary]
    {
        try store.read {
            guard let query = try query(filter, sort: sort) else { return [] }
            return try page(query, cursor: after?.position, forward: true, limit: limit)
        }
    }

    /// Up to `limit` clients before `before` in the list order (from the bottom when nil),
    /// returned in list order.
    package func page(_ filter: ClientFilter, sort: ClientSort, before: ClientSummary?, limit: Int) throws
        -> [ClientSummary]
    {
        try store.read {
            guard let query = try query(filter, sort: sort) else { return [] }
            return try page(query, cursor: before?.position, forward: false, limit: limit).reversed()
        }
    }

    /// The order a filter's rows come in.
    package func order(_ filter: ClientFilter, sort: ClientSort) -> ListOrder {
        let search = trimmed(filter.search)
        if search.isEmpty || SearchKey.queryWords(search).isEmpty { return .sorted(sort) }
        return SearchKey.caseNumberPrefix(search) != nil ? .byCaseNumber : .byMatch
    }

    /// The number of matching clients, counting at most `cap` (then `isAtLeast` is true):
    /// "1,000+ matches" is all a broad search needs to say, and counting further costs time.
    /// Without a search the count is exact by default: the filters have indexes to count on.
    package func count(_ filter: ClientFilter, cap: Int? = nil) throws -> ClientCount {
        try store.read {
            guard let query = try query(filter, sort: .name) else { return ClientCount(value: 0, isAtLeast: false) }
            return try count(query, cap: cap ?? ClientList.cap(filter))
        }
    }

    /// The count (as `count`) and the first `limit` rows (as `page`) of one filter, read together
    /// as the list shows them after each search keystroke: in one snapshot, with the query's
    /// probes (a word's keys and index entries, the viewer's offices) run once instead of twice.
    ///
    /// The last few are kept with what they were read from (`FirstPageKey`): a backspace returns
    /// the search to what it was a moment ago, and while no connection has written since, that is
    /// what it reads again, at no cost.
    package func firstPage(_ filter: ClientFilter, sort: ClientSort, limit: Int) throws -> (
        count: ClientCount, rows: [ClientSummary]
    ) {
        try store.read {
            let database = store.database
            // Another connection's commit changes `data_version`; this connection's own writes
            // (a save, a cohort's rows) change `total_changes()`.
            let versions =
                try database.queryFirst(
                    "SELECT (SELECT data_version FROM pragma_data_version), total_changes()"
                ) { [$0.int64(0), $0.int64(1)] } ?? []
            let key = FirstPageKey(
                filter: filter, sort: sort, limit: limit, versions: versions, today: store.clock.today,
                policy: store.policy, limits: [smallFilterLimit, intersectLimit])
            if let kept = recentFirstPages.first(where: { $0.key == key }) { return kept.value }
            // The sort decides only a page's order; a count is the same whatever the sort.
            var read = (count: ClientCount(value: 0, isAtLeast: false), rows: [ClientSummary]())
            if let query = try query(filter, sort: sort) {
                read.count = try count(query, cap: ClientList.cap(filter))
                read.rows = try page(query, cursor: nil, forward: true, limit: limit)
            }
            recentFirstPages = [(key, read)] + recentFirstPages.filter { $0.key.versions == versions }.prefix(7)
            return read
        }
    }

    /// Lets go of the first pages kept, so that the next is read from the file: for tests that
    /// compare what two reads run.
    package func forgetFirstPages() { recentFirstPages = [] }

    /// What a first page was read from: the filter, and the state of the file and the rules.
    private struct FirstPageKey: Equatable {
        var filter: ClientFilter
        var sort: ClientSort
        var limit: Int
        var versions: [Int64]
        var today: Day
        var policy: Policy
        var limits: [Int]
    }

    /// The first pages read since the file last changed, newest first (`firstPage`).
    private var recentFirstPages: [(key: FirstPageKey, value: (count: ClientCount, rows: [ClientSummary]))] = []

    /// How far a filter is counted by default: a search to 1,000, the indexed filters exactly.
    private static func cap(_ filter: ClientFilter) -> Int {
        SearchKey.queryWords(filter.search).isEmpty ? Int(Int32.max) : 1000
    }

    private func count(_ query: ListQuery, cap: Int) throws -> ClientCount {
        let (sql, arguments) = query.count(cap: cap)
        let counted = try store.database.scalar(sql, arguments) ?? 0
        return ClientCount(value: min(Int(counted), cap), isAtLeast: counted > cap)
    }

    /// The query plan of a first page, for tests that hold the list to its indexes.
    func plan(_ filter: ClientFilter, sort: ClientSort) throws -> [String] {
        guard let query = try query(filter, sort: sort) else { return [] }
        let (sql, arguments) = query.page(cursor: nil, forward: true, limit: 50)
        return try store.database.queryPlan(sql, arguments)
    }

    /// The query plan of a search's capped count, for the same tests.
    func countPlan(_ filter: ClientFilter) throws -> [String] {
        guard let query = try query(filter, sort: .name) else { return [] }
        let (sql, arguments) = query.count(cap: 1000)
        return try store.database.queryPlan(sql, arguments)
    }

    private func query(_ filter: ClientFilter, sort: ClientSort) throws -> ListQuery? {
        var visible: ListQuery.Visible?
        if let viewer = filter.viewer {
            let offices = try store.actor(viewer).offices(for: .seeList, policy: store.policy)
            if offices.whole.isEmpty && offices.ownOnly.isEmpty { return nil }
            // Someone who sees every office's clients (an admin of all of them) needs no office
            // condition, and the list keeps the shape and speed of a one-office file.
            let everyOffice = try store.database.query("SELECT id FROM offices ORDER BY id") { $0.int64(0) }
            if !(offices.ownOnly.isEmpty && offices.whole == everyOffice) {
                visible = ListQuery.Visible(offices: offices.whole, ownOnly: offices.ownOnly, viewer: viewer)
            }
        }
        return try ListQuery(
            filter: filter, sort: sort, visible: visible, database: store.database, today: store.clock.today,
            smallFilterLimit: smallFilterLimit, intersectLimit: intersectLimit)
    }

    /// A page as the list read it before a word's parts were merged (one condition, every match
    /// sorted by SQLite), in list order: what tests hold the merged pages to.
    func sortedPage(_ filter: ClientFilter, sort: ClientSort, cursor: ClientSummary?, forward: Bool, limit: Int)
        throws -> [ClientSummary]
    {
        try store.read {
            guard let query = try query(filter, sort: sort) else { return [] }
            let rows = try page(query, cursor: cursor?.position, forward: forward, limit: limit, merged: false)
            return forward ? rows : rows.reversed()
        }
    }

    private func page(_ query: ListQuery, cursor: ListPosition?, forward: Bool, limit: Int, merged: Bool = true)
        throws -> [ClientSummary]
    {
        let (sql, arguments) = query.page(cursor: cursor, forward: forward, limit: limit, merged: merged)
        return try store.database.query(sql, arguments) { row in
            let row = NamedRow<ListQuery.Column>(row)
            return ClientSummary(
                id: row.int64(.id), caseNumber: row.text(.caseNumber), familyName: row.text(.familyName),
                givenNames: row.text(.givenNames), officer: row.optionalText(.officer),
                phase: try row.value(.phase, as: CasePhase.self), arrivalDate: try row.day(.arrivalDate),
                vulnerabilities: Vulnerability.set(mask: row.int(.vulnerabilities)),
                recordFlags: Set(
                    [
                        row.int(.recordFlags) & 1 != 0 ? RecordFlag.restriction : nil,
                        row.int(.recordFlags) & 2 != 0 ? .legalHold : nil,
                    ]
                    .compactMap { $0 }),
                isErased: row.int(.recordFlags) & 4 != 0,
                position: ListPosition(first: row.text(.first), second: row.text(.second), id: row.int64(.id)))
        }
    }
}
