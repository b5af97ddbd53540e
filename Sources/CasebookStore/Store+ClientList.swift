import CasebookCore

/// The order of the client list.
package enum ClientSort: String, CaseIterable, Sendable {
    case name
    case caseNumber = "case_number"
    case arrival

    package var label: String {
        switch self {
        case .name: return "name"
        case .caseNumber: return "case number"
        case .arrival: return "arrival"
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

    package init(officerID: Staff.ID? = nil, phase: CasePhase? = nil, flaggedOnly: Bool = false, search: String = "", cohort: Cohort? = nil) {
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
        case .sorted(let sort): return "by \(sort.label)"
        case .byMatch: return "by matching name"
        case .byCaseNumber: return "by case number"
        }
    }
}

extension Store {
    /// A filter's clients are driven from its own index, rather than from the name tokens,
    /// when there are at most this many of them (an officer's caseload, a rare phase).
    static let smallFilterLimit = 3000

    /// Holds `ids` as a cohort the client list can show (and drops cohorts no list uses any more).
    package func makeCohort(_ ids: [Int64], label: String) throws -> Cohort {
        nextCohortTag += 1
        let tag = nextCohortTag
        try read {
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
    package func clientPage(
        _ filter: ClientFilter, sort: ClientSort, after: ClientSummary? = nil, limit: Int
    ) throws -> [ClientSummary] {
        try read {
            guard let query = try ListQuery(filter: filter, sort: sort, database: database, today: clock.today) else { return [] }
            return try page(query, cursor: after?.position, forward: true, limit: limit)
        }
    }

    /// Up to `limit` clients before `before` in the list order (from the bottom when nil),
    /// returned in list order.
    package func clientPage(
        _ filter: ClientFilter, sort: ClientSort, before: ClientSummary?, limit: Int
    ) throws -> [ClientSummary] {
        try read {
            guard let query = try ListQuery(filter: filter, sort: sort, database: database, today: clock.today) else { return [] }
            return try page(query, cursor: before?.position, forward: false, limit: limit).reversed()
        }
    }

    /// The order a filter's rows come in.
    package func listOrder(_ filter: ClientFilter, sort: ClientSort) -> ListOrder {
        let search = trimmed(filter.search)
        if search.isEmpty || SearchKey.queryWords(search).isEmpty { return .sorted(sort) }
        return SearchKey.caseNumberPrefix(search) != nil ? .byCaseNumber : .byMatch
    }

    /// The number of matching clients, counting at most `cap` (then `isAtLeast` is true):
    /// "1,000+ matches" is all a broad search needs to say, and counting further costs time.
    /// Without a search the count is exact by default: the filters have indexes to count on.
    package func countClients(_ filter: ClientFilter, cap: Int? = nil) throws -> ClientCount {
        let searching = !SearchKey.queryWords(filter.search).isEmpty
        let cap = cap ?? (searching ? 1000 : Int(Int32.max))
        return try read {
            guard let query = try ListQuery(filter: filter, sort: .name, database: database, today: clock.today) else {
                return ClientCount(value: 0, isAtLeast: false)
            }
            let (sql, arguments) = query.count(cap: cap)
            let counted = try database.scalar(sql, arguments) ?? 0
            return ClientCount(value: min(Int(counted), cap), isAtLeast: counted > cap)
        }
    }

    /// The query plan of a first page, for tests that hold the list to its indexes.
    package func clientPagePlan(_ filter: ClientFilter, sort: ClientSort) throws -> [String] {
        guard let query = try ListQuery(filter: filter, sort: sort, database: database, today: clock.today) else { return [] }
        let (sql, arguments) = query.page(cursor: nil, forward: true, limit: 50)
        return try database.queryPlan(sql, arguments)
    }

    private func page(_ query: ListQuery, cursor: ListPosition?, forward: Bool, limit: Int) throws -> [ClientSummary] {
        let (sql, arguments) = query.page(cursor: cursor, forward: forward, limit: limit)
        return try database.query(sql, arguments) { row in
            ClientSummary(
                id: row.int64(0), caseNumber: row.text(1), familyName: row.text(2), givenNames: row.text(3),
                officer: row.optionalText(4), phase: try row.value(5, as: CasePhase.self),
                arrivalDate: try row.day(6), vulnerabilities: Vulnerability.set(mask: row.int(7)),
                position: ListPosition(first: row.text(8), second: row.text(9), id: row.int64(0)))
        }
    }
}

/// The FROM, WHERE and ORDER BY of a client list query, built from a filter.
///
/// Three shapes, each reading about one page of index entries whatever the filter:
/// - browsing walks the index of the chosen sort (within the officer's or phase's range);
/// - a name search walks the token index in (token, name) order, keeping each client once,
///   at the first of its name parts that matches;
/// - a name search within a small set (an officer's caseload, a rare phase) reads that set
///   through its own index and sorts it, since walking all tokens would find it only slowly.
private struct ListQuery {
    var from = "clients c"
    var conditions: [String] = []
    var arguments: [any SQLBindable] = []
    /// The three expressions of the list order (first, second, id).
    var key: (String, String, String) = ("c.sort_name", "''", "c.id")
    /// For a one-word search without filters: the token range, counted without reading clients.
    var plainTokenRange: [any SQLBindable]?

    var condition: String { conditions.isEmpty ? "1" : conditions.joined(separator: " AND ") }

    /// Nil when a search word starts no stored name token, so nothing can match.
    init?(filter: ClientFilter, sort: ClientSort, database: Database, today: Day) throws {
        var filterConditions: [String] = []
        var filterArguments: [any SQLBindable] = []
        if let officer = filter.officerID {
            filterConditions.append("c.officer_id = ?")
            filterArguments.append(officer)
        }
        if let phase = filter.phase {
            filterConditions.append("c.phase = ?")
            filterArguments.append(phase)
        }
        if let cohort = filter.cohort {
            filterConditions.append("c.id IN (SELECT client_id FROM temp.cohorts WHERE tag = ?)")
            filterArguments.append(cohort.tag)
        }
        let indexedConditions = filterConditions
        let indexedArguments = filterArguments
        if filter.flaggedOnly {
            // The overdue rule of Qualification.isOverdue: under assessment, due before today.
            filterConditions.append(
                """
                (c.vulnerabilities <> 0 OR EXISTS (SELECT 1 FROM qualifications q
                    WHERE q.client_id = c.id AND q.stage = 'under_assessment' AND q.decision_due < ?))
                """)
            filterArguments.append(today)
        }

        let search = trimmed(filter.search)
        // A query that folds to nothing (only punctuation or invisible marks) filters nothing.
        let words = SearchKey.queryWords(search)
        if let prefix = SearchKey.caseNumberPrefix(search) {
            conditions = ["c.case_number >= ? AND c.case_number < ?"] + filterConditions
            arguments = [prefix, prefix + "\u{7F}"] + filterArguments
            key = ("c.case_number", "''", "c.id")
        } else if !words.isEmpty {
            // Words that start no token at all end the search at once.
            for word in words {
                if try database.scalar(
                    "SELECT 1 FROM client_search WHERE token >= ? AND token < ? LIMIT 1", [word, word + "\u{10FFFF}"]) == nil
                {
                    return nil
                }
            }
            let lead = words[0]
            var otherWords: [String] = []
            var otherArguments: [any SQLBindable] = []
            for word in words.dropFirst() {
                otherWords.append(
                    "EXISTS (SELECT 1 FROM client_search w WHERE w.client_id = c.id AND w.token >= ? AND w.token < ?)")
                otherArguments += [word, word + "\u{10FFFF}"]
            }
            let leadRange: [any SQLBindable] = [lead, lead + "\u{10FFFF}"]
            let small: Bool
            if indexedConditions.isEmpty {
                small = false
            } else {
                let size = try database.scalar(
                    "SELECT count(*) FROM (SELECT 1 FROM clients c WHERE \(indexedConditions.joined(separator: " AND ")) LIMIT ?)",
                    indexedArguments + [Store.smallFilterLimit + 1]) ?? 0
                small = size <= Store.smallFilterLimit
            }
            if small {
                from = """
                    (SELECT c.id AS matched, (SELECT min(t.token) FROM client_search t
                        WHERE t.client_id = c.id AND t.token >= ? AND t.token < ?) AS token
                     FROM clients c WHERE \(indexedConditions.joined(separator: " AND "))) m
                    CROSS JOIN clients c ON c.id = m.matched
                    """
                arguments = leadRange + indexedArguments + otherArguments + filterArguments
                conditions = otherWords + ["m.token IS NOT NULL"] + filterConditions
                key = ("m.token", "c.sort_name", "c.id")
            } else {
                from = "client_search s CROSS JOIN clients c ON c.id = s.client_id"
                conditions =
                    [
                        "s.token >= ? AND s.token < ?",
                        "NOT EXISTS (SELECT 1 FROM client_search d WHERE d.client_id = s.client_id AND d.token >= ? AND d.token < s.token)",
                    ] + otherWords + filterConditions
                arguments = leadRange + [lead] + otherArguments + filterArguments
                key = ("s.token", "s.sort_name", "s.client_id")
                if otherWords.isEmpty && filterConditions.isEmpty { plainTokenRange = leadRange }
            }
        } else {
            conditions = filterConditions
            arguments = filterArguments
            // A small cohort is read through its own table and sorted, rather than found by
            // walking the whole sort index.
            if let cohort = filter.cohort, cohort.count <= Store.smallFilterLimit {
                from = "temp.cohorts k CROSS JOIN clients c ON c.id = k.client_id"
                conditions.insert("k.tag = ?", at: 0)
                arguments.insert(cohort.tag, at: 0)
            }
            switch sort {
            case .name: key = ("c.sort_name", "''", "c.id")
            case .caseNumber: key = ("c.case_number", "''", "c.id")
            case .arrival: key = ("c.arrival_date", "''", "c.id")
            }
        }
    }

    /// Counts matches, stopping after `cap + 1`.
    func count(cap: Int) -> (String, [any SQLBindable]) {
        if cap >= Int(Int32.max) {
            return ("SELECT count(*) FROM \(from) WHERE \(condition)", arguments)
        }
        if let range = plainTokenRange {
            return (
                "SELECT count(*) FROM (SELECT DISTINCT client_id FROM client_search WHERE token >= ? AND token < ? LIMIT ?)",
                range + [cap + 1]
            )
        }
        return ("SELECT count(*) FROM (SELECT 1 FROM \(from) WHERE \(condition) LIMIT ?)", arguments + [cap + 1])
    }

    func page(cursor: ListPosition?, forward: Bool, limit: Int) -> (String, [any SQLBindable]) {
        var conditions = self.conditions
        var arguments = self.arguments
        let twoPart = key.1 == "''"
        if let cursor {
            let comparison = forward ? ">" : "<"
            if twoPart {
                conditions.append("(\(key.0), \(key.2)) \(comparison) (?, ?)")
                arguments += [cursor.first, cursor.id]
            } else {
                conditions.append("(\(key.0), \(key.1), \(key.2)) \(comparison) (?, ?, ?)")
                arguments += [cursor.first, cursor.second, cursor.id]
            }
        }
        let direction = forward ? "" : " DESC"
        let order = (twoPart ? [key.0, key.2] : [key.0, key.1, key.2]).map { $0 + direction }.joined(separator: ", ")
        let sql = """
            SELECT c.id, c.case_number, c.family_name, c.given_names,
                (SELECT o.username FROM staff o WHERE o.id = c.officer_id), c.phase, c.arrival_date,
                c.vulnerabilities, \(key.0), \(key.1)
            FROM \(from)
            WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ?
            """
        return (sql, arguments + [limit])
    }
}
