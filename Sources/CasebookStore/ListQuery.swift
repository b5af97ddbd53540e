import CasebookCore

/// The FROM, WHERE and ORDER BY of a client list query, built from a filter.
///
/// Three shapes, each reading about one page of index entries whatever the filter:
/// - browsing walks the index of the chosen sort (within the officer's or phase's range);
/// - a name search walks the token index in (token, name) order, keeping each client once,
///   at the first of its name parts that matches; a word that also finds names in another
///   script walks its key tokens and its own range each in that order, merged;
/// - a name search within a small set (an officer's caseload, a rare phase) reads that set
///   through its own index and sorts it, since walking all tokens would find it only slowly.
struct ListQuery {
    var from = "clients c"
    var conditions: [String] = []
    var arguments: [any SQLBindable] = []
    /// The three expressions of the list order (first, second, id).
    var key: (String, String, String) = ("c.sort_name", "''", "c.id")
    /// For a one-word search without filters but the viewer's offices: the word's match on
    /// `client_search` (its range, and its keys in another script), and the offices' condition
    /// there with its values, counted without reading clients.
    var plainTokenMatch:
        (match: String, arguments: [any SQLBindable], offices: String, officeArguments: [any SQLBindable])?
    /// For a search of several words without filters but the viewer's whole offices: the distinct
    /// clients that match every word (`matchingEveryWord`), counted without reading clients.
    var everyWordMatch: (sql: String, arguments: [any SQLBindable])?
    /// A search of several words reads each word's clients from the token index and intersects
    /// them when each word has at most this many index entries in the viewer's offices.
    static let intersectLimit = 5000

    /// The viewer's offices as a page reads them, where they differ from the count's: which of
    /// `conditions` it replaces. Several offices are filtered in the index walked in list order
    /// (`Visible.condition(office:inListOrder:)`) rather than read office by office and sorted; a
    /// count needs no order and reads them from the office index.
    var officesInListOrder: (index: Int, sql: String)?

    /// How the lead word of a search that walks the token index matches, one part per ordered
    /// range of the index: its own range, and before it the key tokens of the name in another
    /// script when some exist. Not in `conditions`: a page reads each part in list order and merges
    /// them (`page`), since SQLite answers their OR by reading every match and sorting them.
    var leadParts: [(sql: String, arguments: [any SQLBindable])] = []

    /// The conditions with the lead parts as one (a count needs no order), and their values.
    var allConditions: (conditions: [String], arguments: [any SQLBindable]) {
        guard !leadParts.isEmpty else { return (conditions, arguments) }
        let lead = leadParts.map(\.sql).joined(separator: " OR ")
        return (
            [leadParts.count > 1 ? "(" + lead + ")" : lead] + conditions, leadParts.flatMap(\.arguments) + arguments
        )
    }

    var condition: (sql: String, arguments: [any SQLBindable]) {
        let (conditions, arguments) = allConditions
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// The columns of a page: what the list shows, and the row's place in the list order.
    enum Column: Int32, ColumnSet {
        case id, caseNumber, familyName, givenNames, officer, phase, arrivalDate, vulnerabilities
        /// Restricted (1), under a legal hold (2), erased (4): three probes of small indexes.
        case recordFlags
        /// The first and second parts of the row's sort key (`key`), chosen per query.
        case first, second

        var expression: String? {
            switch self {
            case .officer: "(SELECT o.username FROM staff o WHERE o.id = c.officer_id)"
            case .recordFlags:
                """
                (EXISTS (SELECT 1 FROM restrictions r WHERE r.client_id = c.id AND r.lifted_at IS NULL)
                    | (EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = c.id AND h.lifted_at IS NULL) << 1)
                    | (EXISTS (SELECT 1 FROM erasures e WHERE e.client_id = c.id) << 2))
                """
            default: nil
            }
        }
    }

    /// The clients a viewer may see: every client of `offices`, and their own caseload in
    /// `ownOnly` (where the policy narrows them to it).
    struct Visible {
        var offices: [Office.ID]
        var ownOnly: [Office.ID]
        var viewer: Staff.ID

        /// The condition on a row whose office is `office` and whose client is `c`, with its values.
        /// `inListOrder`: several offices are filtered inside the index walked in list order
        /// rather than read office by office from the office index, which would need sorting.
        func condition(office: String, inListOrder: Bool = false) -> (String, [any SQLBindable]) {
            let marks = { (ids: [Office.ID]) in ids.map { _ in "?" }.joined(separator: ", ") }
            var parts: [String] = []
            var arguments: [any SQLBindable] = []
            if offices.count == 1 {
                parts.append("\(office) = ?")
            } else if !offices.isEmpty {
                parts.append("\(inListOrder ? "+" : "")\(office) IN (\(marks(offices)))")
            }
            arguments += offices
            if !ownOnly.isEmpty {
                parts.append("(\(office) IN (\(marks(ownOnly))) AND c.officer_id = ?)")
                arguments += ownOnly
                arguments.append(viewer)
            }
            return (parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")", arguments)
        }
    }

    /// Nil when a search word starts no stored name token, so nothing can match. A search within
    /// at most `smallFilterLimit` clients of the indexed filters reads them and sorts.
    init?(
        filter: ClientFilter, sort: ClientSort, visible: Visible?, database: Database, today: Day,
        smallFilterLimit: Int = ClientList.smallFilterLimit, intersectLimit: Int = ListQuery.intersectLimit
    ) throws {
        var filterConditions: [String] = []
        var filterArguments: [any SQLBindable] = []
        // The office leads, so that one office's list walks the office's own indexes.
        if let visible {
            let (condition, values) = visible.condition(office: "c.office_id")
            filterConditions.append(condition)
            filterArguments += values
        }
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
            filterConditions.append(
                "(c.vulnerabilities <> 0 OR EXISTS (SELECT 1 FROM qualifications q WHERE q.client_id = c.id AND \(RuleSQL.recognitionOverdue("q"))))"
            )
            filterArguments.append(today)
        }

        /// Whether at most `smallFilterLimit` clients meet the conditions (counted on their indexes).
        func isSmall(_ conditions: [String], _ arguments: [any SQLBindable]) throws -> Bool {
            let size =
                try database.scalar(
                    "\(ListStatement.probe.mark)SELECT count(*) FROM (SELECT 1 FROM clients c WHERE \(conditions.joined(separator: " AND ")) LIMIT ?)",
                    arguments + [smallFilterLimit + 1]) ?? 0
            return size <= smallFilterLimit
        }
        // Several offices with many clients between them are read in list order (`officesInListOrder`);
        // a few are read from the office index and sorted, which then costs less than skipping
        // other offices' clients in list order.
        let manyInSeveralOffices = { (conditions: [String], arguments: [any SQLBindable]) throws -> Bool in
            guard let visible, visible.offices.count > 1 else { return false }
            return try !isSmall(conditions, arguments)
        }
        let search = trimmed(filter.search)
        // A query that folds to nothing (only punctuation or invisible marks) filters nothing.
        let words = SearchKey.queryWords(search)
        if let prefix = SearchKey.caseNumberPrefix(search) {
            conditions = ["c.case_number >= ? AND c.case_number < ?"] + filterConditions
            arguments = [prefix, prefix + "\u{7F}"] + filterArguments
            key = ("c.case_number", "''", "c.id")
            if let visible,
                try manyInSeveralOffices(
                    [conditions[0]] + indexedConditions, [prefix, prefix + "\u{7F}"] + indexedArguments)
            {
                officesInListOrder = (1, visible.condition(office: "c.office_id", inListOrder: true).0)
            }
        } else if !words.isEmpty {
            // The keys of each word that some client's name in another script has: only those join
            // the search, so a search that finds no name across scripts keeps its plain plan.
            var keys: [String: [String]] = [:]
            for word in words {
                let candidates = NameKey.queryTokens(ofFolded: word)
                guard !candidates.isEmpty else { continue }
                let marks = Array(repeating: "?", count: candidates.count).joined(separator: ", ")
                keys[word] = try database.query(
                    "\(ListStatement.probe.mark)SELECT DISTINCT token FROM client_search WHERE token IN (\(marks))",
                    candidates
                ) { $0.text(0) }
            }
            func tokenMatch(_ column: String, _ word: String) -> (sql: String, arguments: [any SQLBindable]) {
                ListQuery.tokenMatch(column, word, keys: keys[word] ?? [])
            }
            // Words that start no token (nor a key of the name in another script) in the viewer's
            // offices end the search at once: a name found only in another office is no match, and
            // costs no walk through its tokens.
            let offices = visible.map { $0.offices + $0.ownOnly }
            let officeProbe =
                offices.map { " AND office_id IN (" + $0.map { _ in "?" }.joined(separator: ", ") + ")" } ?? ""
            // With several words, the probe also counts each word's index entries (up to a bound),
            // which decides how the words are combined (below).
            var entries: [String: Int] = [:]
            let bound = words.count > 1 ? max(1, intersectLimit + 1) : 1
            for word in words {
                let match = tokenMatch("token", word)
                let found =
                    try database.scalar(
                        "\(ListStatement.probe.mark)SELECT count(*) FROM (SELECT 1 FROM client_search WHERE \(match.sql)\(officeProbe) LIMIT ?)",
                        match.arguments + (offices ?? []) + [bound]) ?? 0
                if found == 0 { return nil }
                entries[word] = Int(found)
            }
            let lead = words[0]
            var otherWords: [String] = []
            var otherArguments: [any SQLBindable] = []
            // The small set's rows are clients (`c`), the token walk's are search keys (`s`): probed
            // there, a row without the other words costs no read of its client.
            func otherWordProbes(on client: String) {
                for word in words.dropFirst() {
                    let probe = ListQuery.hasToken(client, word, keys: keys[word] ?? [])
                    otherWords.append(probe.sql)
                    otherArguments += probe.arguments
                }
            }
            let leadMatch = tokenMatch("t.token", lead)
            let leadRange = leadMatch.arguments
            let small = try !indexedConditions.isEmpty && isSmall(indexedConditions, indexedArguments)
            let wholeOffices = filterConditions.count == (visible == nil ? 0 : 1) && visible?.ownOnly.isEmpty != false
            func everyWord() -> (sql: String, arguments: [any SQLBindable]) {
                ListQuery.matchingEveryWord(
                    words, keys: keys, entries: entries, limit: intersectLimit, offices: offices)
            }
            if small {
                otherWordProbes(on: "c.id")
                from = """
                    (SELECT c.id AS matched, (SELECT min(t.token) FROM client_search t
                        WHERE t.client_id = c.id AND \(leadMatch.sql)) AS token
                     FROM clients c WHERE \(indexedConditions.joined(separator: " AND "))) m
                    CROSS JOIN clients c ON c.id = m.matched
                    """
                arguments = leadRange + indexedArguments + otherArguments + filterArguments
                conditions = otherWords + ["m.token IS NOT NULL"] + filterConditions
                key = ("m.token", "c.sort_name", "c.id")
            } else if words.count > 1, words.allSatisfy({ entries[$0, default: .max] <= intersectLimit }) {
                // Several words, each with few index entries: their clients are intersected and the
                // few that match every word are sorted, where walking the lead word's matches in
                // list order would read all of them when few also have the other words ("mohammed
                // ali"). Same order: each client at the first of its tokens the lead word matches.
                let every = everyWord()
                let first = ListQuery.firstToken("i.client_id", lead, keys: keys[lead] ?? [])
                from = """
                    (SELECT i.client_id AS matched, \(first.sql) AS token FROM (\(every.sql)) i) m
                    CROSS JOIN clients c ON c.id = m.matched
                    """
                arguments = first.arguments + every.arguments + filterArguments
                conditions = filterConditions
                key = ("m.token", "c.sort_name", "c.id")
                if wholeOffices { everyWordMatch = every }
            } else {
                otherWordProbes(on: "s.client_id")
                // The offices are read from the search keys (migration 13), so that one office is
                // a range of its own index in list order and several skip other offices' keys in
                // the token index, without reading a client.
                // The viewer's condition on the clients is the filter's first (see above).
                var tokenConditions = filterConditions
                var tokenArguments = filterArguments
                var offices = ("", [any SQLBindable]())
                if let visible {
                    offices = visible.condition(office: "s.office_id", inListOrder: true)
                    tokenConditions[0] = offices.0
                    tokenArguments.replaceSubrange(0..<offices.1.count, with: offices.1)
                }
                from = "client_search s CROSS JOIN clients c ON c.id = s.client_id"
                // The key tokens start with U+001F and so sort before every word's range.
                if let leadKeys = keys[lead], !leadKeys.isEmpty {
                    let marks = Array(repeating: "?", count: leadKeys.count).joined(separator: ", ")
                    leadParts.append(("s.token IN (\(marks))", leadKeys))
                }
                leadParts.append(ListQuery.tokenMatch("s.token", lead, keys: []))
                // A client is listed once, by the first of its tokens the lead word matches.
                let first = tokenMatch("d.token", lead)
                conditions =
                    [
                        "NOT EXISTS (SELECT 1 FROM client_search d WHERE d.client_id = s.client_id AND d.token < s.token AND \(first.sql))"
                    ] + otherWords + tokenConditions
                arguments = first.arguments + otherArguments + tokenArguments
                key = ("s.token", "s.sort_name", "s.client_id")
                // Counted from the search keys alone when nothing but whole offices filters them: the
                // distinct clients of the matching tokens, with no client read and no order needed.
                if otherWords.isEmpty && wholeOffices {
                    let match = tokenMatch("token", lead)
                    plainTokenMatch = (
                        match.sql, match.arguments, visible?.condition(office: "office_id").0 ?? "", offices.1
                    )
                } else if wholeOffices {
                    everyWordMatch = everyWord()
                }
            }
        } else {
            conditions = filterConditions
            arguments = filterArguments
            // A small cohort is read through its own table and sorted, rather than found by
            // walking the whole sort index.
            if let cohort = filter.cohort, cohort.count <= ClientList.smallFilterLimit {
                from = "temp.cohorts k CROSS JOIN clients c ON c.id = k.client_id"
                conditions.insert("k.tag = ?", at: 0)
                arguments.insert(cohort.tag, at: 0)
            } else if let visible, try manyInSeveralOffices(indexedConditions, indexedArguments) {
                officesInListOrder = (0, visible.condition(office: "c.office_id", inListOrder: true).0)
            }
            switch sort {
            case .name: key = ("c.sort_name", "''", "c.id")
            case .caseNumber: key = ("c.case_number", "''", "c.id")
            case .arrival: key = ("c.arrival_date", "''", "c.id")
            }
        }
    }

    /// What a query word finds in a token column: the tokens it starts, and `keys`, the key
    /// tokens of the same name in the other script (`NameKey.queryTokens`: "Mohammed" finds
    /// "محمد" and "محمد" finds "Mohammed").
    static func tokenMatch(_ column: String, _ word: String, keys: [String]) -> (
        sql: String, arguments: [any SQLBindable]
    ) {
        let range: [any SQLBindable] = [word, word + "\u{10FFFF}"]
        if keys.isEmpty { return ("\(column) >= ? AND \(column) < ?", range) }
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        return ("(\(column) >= ? AND \(column) < ? OR \(column) IN (\(marks)))", range + keys)
    }

    /// Whether the client `client` has a token the word matches: its range, or one of `keys`, each
    /// one probe of the client's tokens (`client_search_by_client`).
    static func hasToken(_ client: String, _ word: String, keys: [String]) -> (
        sql: String, arguments: [any SQLBindable]
    ) {
        let range =
            "EXISTS (SELECT 1 FROM client_search w WHERE w.client_id = \(client) AND w.token >= ? AND w.token < ?)"
        let arguments: [any SQLBindable] = [word, word + "\u{10FFFF}"]
        if keys.isEmpty { return (range, arguments) }
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        return (
            "(\(range) OR EXISTS (SELECT 1 FROM client_search w WHERE w.client_id = \(client) AND w.token IN (\(marks))))",
            arguments + keys
        )
    }

    /// The first of the client's tokens the word matches: a key token if any (they sort before
    /// every word's range), else the first of its range.
    static func firstToken(_ client: String, _ word: String, keys: [String]) -> (
        sql: String, arguments: [any SQLBindable]
    ) {
        let range =
            "(SELECT min(t.token) FROM client_search t WHERE t.client_id = \(client) AND t.token >= ? AND t.token < ?)"
        let arguments: [any SQLBindable] = [word, word + "\u{10FFFF}"]
        if keys.isEmpty { return (range, arguments) }
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        return (
            "coalesce((SELECT min(t.token) FROM client_search t WHERE t.client_id = \(client) AND t.token IN (\(marks))), \(range))",
            keys + arguments
        )
    }

    /// The distinct clients (`client_id`) whose names match every word, within `offices` (nil:
    /// every office), read from the search keys alone. The words with at most `limit` index entries
    /// (`entries`, counted up to just past it) read their clients and are intersected; the others
    /// are probed per client, since reading a common word's range would cost more than the probes.
    static func matchingEveryWord(
        _ words: [String], keys: [String: [String]], entries: [String: Int], limit: Int, offices: [Office.ID]?
    ) -> (sql: String, arguments: [any SQLBindable]) {
        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        var read = unique.filter { entries[$0, default: .max] <= limit }
        if read.isEmpty { read = [unique[0]] }
        let officeCondition = offices.map { " AND office_id IN (" + $0.map { _ in "?" }.joined(separator: ", ") + ")" }
        var sets: [String] = []
        var arguments: [any SQLBindable] = []
        for word in read {
            let match = tokenMatch("token", word, keys: keys[word] ?? [])
            sets.append("SELECT client_id FROM client_search WHERE \(match.sql)\(officeCondition ?? "")")
            arguments += match.arguments + (offices ?? [])
        }
        // One word's rows repeat a client with several matching tokens; INTERSECT keeps each once.
        var sql =
            sets.count == 1
            ? "SELECT DISTINCT" + sets[0].dropFirst("SELECT".count) : sets.joined(separator: " INTERSECT ")
        let probed = unique.filter { !read.contains($0) }.map { hasToken("i.client_id", $0, keys: keys[$0] ?? []) }
        if !probed.isEmpty {
            sql =
                "SELECT i.client_id AS client_id FROM (\(sql)) i WHERE \(probed.map(\.sql).joined(separator: " AND "))"
            arguments += probed.flatMap(\.arguments)
        }
        return (sql, arguments)
    }

    /// Counts matches, stopping after `cap + 1`.
    func count(cap: Int) -> (String, [any SQLBindable]) {
        let (sql, arguments) = unmarkedCount(cap: cap)
        return (ListStatement.count.mark + sql, arguments)
    }

    private func unmarkedCount(cap: Int) -> (String, [any SQLBindable]) {
        let condition = condition
        if cap >= Int(Int32.max) {
            return ("SELECT count(*) FROM \(from) WHERE \(condition.sql)", condition.arguments)
        }
        if let every = everyWordMatch {
            return ("SELECT count(*) FROM (\(every.sql) LIMIT ?)", every.arguments + [cap + 1])
        }
        if let plain = plainTokenMatch {
            let offices = plain.offices.isEmpty ? "" : " AND " + plain.offices
            return (
                "SELECT count(*) FROM (SELECT DISTINCT client_id FROM client_search WHERE \(plain.match)\(offices) LIMIT ?)",
                plain.arguments + plain.officeArguments + [cap + 1]
            )
        }
        return (
            "SELECT count(*) FROM (SELECT 1 FROM \(from) WHERE \(condition.sql) LIMIT ?)",
            condition.arguments + [cap + 1]
        )
    }

    /// A page of `limit` rows after (`forward`) or before `cursor` in list order. `merged`: the
    /// lead word's parts each read in list order and merged (`UNION ALL` under one `ORDER BY`,
    /// which SQLite answers by merging); false reads them as one condition and sorts every match,
    /// as the list did before, for the tests that hold the two to the same rows.
    func page(cursor: ListPosition?, forward: Bool, limit: Int, merged: Bool = true) -> (String, [any SQLBindable]) {
        let (sql, arguments) = unmarkedPage(cursor: cursor, forward: forward, limit: limit, merged: merged)
        return (ListStatement.page.mark + sql, arguments)
    }

    private func unmarkedPage(cursor: ListPosition?, forward: Bool, limit: Int, merged: Bool) -> (
        String, [any SQLBindable]
    ) {
        let merging = merged && leadParts.count > 1
        var (conditions, arguments) = merging ? (self.conditions, self.arguments) : allConditions
        if let offices = officesInListOrder {
            conditions[offices.index + conditions.count - self.conditions.count] = offices.sql
        }
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
        if merging {
            // The id is selected as the walked index has it (the same value as `c.id`), so that
            // each part's order is the index's own and the merge needs no sorting.
            let columns = Column.selection(from: "c") { column in
                column == .id ? key.2 : column == .first ? key.0 : column == .second ? key.1 : nil
            }
            // A compound's ORDER BY names the result columns by position.
            let positions = twoPart ? [Column.first, .id] : [Column.first, .second, .id]
            let order = positions.map { "\($0.rawValue + 1)\(direction)" }.joined(separator: ", ")
            let selects = leadParts.map { part in
                """
                SELECT \(columns)
                FROM \(from)
                WHERE \(([part.sql] + conditions).joined(separator: " AND "))
                """
            }
            return (
                selects.joined(separator: "\nUNION ALL\n") + "\nORDER BY \(order) LIMIT ?",
                leadParts.flatMap { $0.arguments + arguments } + [limit]
            )
        }
        let order = (twoPart ? [key.0, key.2] : [key.0, key.1, key.2]).map { $0 + direction }.joined(separator: ", ")
        let columns = Column.selection(from: "c") { column in
            column == .first ? key.0 : column == .second ? key.1 : nil
        }
        let sql = """
            SELECT \(columns)
            FROM \(from)
            WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ?
            """
        return (sql, arguments + [limit])
    }
}
