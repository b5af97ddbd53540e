import CasebookCore
import CasebookL10n

/// The supervisor's figures (the dashboard and `casebook report`) over the per-client facts,
/// and the checks that keep those facts true. Owns the second connection the dashboard reads
/// on; one per store (`Store.figures`).
package final class CaseloadFigures {
    /// The store these figures read; it owns them (`Store.figures`).
    unowned let store: Store
    /// The second connection, opened on first use (`flowConnection`).
    private var secondConnection: Database?
    /// Run once while the dashboard's two connections read (tests commit a colleague's save here).
    package var whileReading: (() -> Void)?

    init(store: Store) { self.store = store }

    /// Every figure of the dashboard and the report, over the clients `filter` selects, with the
    /// clients behind each bar.
    ///
    /// Two connections read at once, one per core: the store's reads `client_facts` (one row per
    /// client, three packed integers), the qualifications and the outcomes, while a second reads
    /// the obligations that were ever overdue and the exits, starts and activities of the period
    /// (`DashboardFlows.inBackground`). Both must see the same snapshot: when a colleague's save
    /// commits while they read, the figures are read again, and after three such tries on one
    /// connection alone.
    ///
    /// `siteTarget` (`[dashboard] exit_target`) is the office's own target, which replaces the
    /// programmes'; without one, the target line is `outcomeTarget(_:)`'s.
    package func dashboard(_ filter: DashboardFilter, siteTarget: Double? = nil, inParallel: Bool = true) throws
        -> Dashboard
    {
        // The packed facts came with schema 5; an older file opened read-only was not migrated.
        guard store.schemaVersion >= 5 else {
            throw StoreError.olderSchema(path: store.path, found: store.schemaVersion)
        }
        for _ in 0..<(inParallel ? 3 : 0) {
            guard let connection = flowConnection() else { break }
            if let board = try dashboard(filter, siteTarget: siteTarget, flowsOn: connection) { return board }
        }
        return try dashboard(filter, siteTarget: siteTarget, flowsOn: nil)
            ?? Dashboard(filter: filter, today: store.clock.today)
    }

    /// The target the outcome figures of `filter` are held to: the site's own when it sets one;
    /// else that of the latest version of the programme the filter shows, or, over all
    /// programmes, the one every programme with clients enrolled shares (`OutcomeTarget.shared`):
    /// nil when a programme has none or two differ. Call inside a read.
    func outcomeTarget(_ filter: DashboardFilter, siteTarget: Double?) throws -> OutcomeTarget? {
        if let siteTarget {
            return OutcomeTarget(share: siteTarget, source: tr("the site's own target, [dashboard] exit_target"))
        }
        // Programme targets came with schema 18; an older file opened read-only has none.
        guard store.schemaVersion >= 18 else { return nil }
        let latest = "p.version = (SELECT max(v.version) FROM programmes v WHERE v.id = p.id)"
        let shown =
            filter.programmeID == nil
            ? "EXISTS (SELECT 1 FROM enrolments e WHERE e.programme_id = p.id)" : "p.id = ?"
        let targets = try store.database.query(
            "SELECT p.outcome_target, p.outcome_target_source FROM programmes p WHERE \(latest) AND \(shown) ORDER BY p.id",
            filter.programmeID.map { [$0] } ?? []
        ) { row -> OutcomeTarget? in
            row.isNull(0) ? nil : OutcomeTarget(share: row.double(0), source: row.optionalText(1) ?? "")
        }
        return OutcomeTarget.shared(by: targets)
    }

    /// The offices the figures of `filter` cover, by code: the viewer's offices where they may see
    /// the dashboard (only `filter.officeID` when it is set), every office without a viewer.
    package func offices(of filter: DashboardFilter) throws -> [Office] {
        let all = try store.offices()
        guard let viewer = filter.viewer else { return all }
        let allowed = try store.actor(viewer).offices(for: .seeDashboard, policy: store.policy)
        let ids = Set(allowed.whole + allowed.ownOnly)
        return all.filter { ids.contains($0.id) && (filter.officeID == nil || filter.officeID == $0.id) }
    }

    /// The condition on `client_facts` that keeps the figures to what the filter's viewer may
    /// see (`Action.seeDashboard`): every client of the offices where the policy gives them the
    /// office, their own caseload where a site narrowed it to that. Empty for every client (no
    /// viewer, or one who sees every office). Refuses, with who may, a viewer who sees none.
    /// Call inside a read.
    func visibleClients(_ filter: DashboardFilter) throws -> FactsScope {
        guard let viewer = filter.viewer else { return FactsScope() }
        let allowed = try store.actor(viewer).offices(for: .seeDashboard, policy: store.policy)
        var whole = allowed.whole
        var ownOnly = allowed.ownOnly
        if let office = filter.officeID {
            whole = whole.filter { $0 == office }
            ownOnly = ownOnly.filter { $0 == office }
        }
        guard !whole.isEmpty || !ownOnly.isEmpty else {
            let name = try filter.officeID.flatMap { try store.office(id: $0)?.name }
            throw StoreError.notAllowed(store.policy.refusal(.seeDashboard, officeName: name))
        }
        let everyOffice = try store.database.query("SELECT id FROM offices ORDER BY id") { $0.int64(0) }
        if ownOnly.isEmpty && whole == everyOffice { return FactsScope() }
        let marks = { (ids: [Office.ID]) in ids.map { _ in "?" }.joined(separator: ", ") }
        var parts: [String] = []
        var arguments: [any SQLBindable] = []
        if whole.count == 1 {
            parts.append("office_id = ?")
        } else if !whole.isEmpty {
            // Several offices: the table read in client order and filtered beats the office
            // index, whose rows would come office by office and need sorting.
            parts.append("+office_id IN (\(marks(whole)))")
        }
        arguments += whole
        if !ownOnly.isEmpty {
            parts.append("(office_id IN (\(marks(ownOnly))) AND officer_id = ?)")
            arguments += ownOnly
            arguments.append(viewer)
        }
        return FactsScope(
            condition: parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")", arguments: arguments)
    }

    /// The second connection the dashboard reads its flows on, opened on first use; nil when it
    /// cannot be opened, or when the path no longer names the file the store opened.
    func flowConnection() -> Database? {
        if let secondConnection { return secondConnection }
        let database = store.database
        guard store.isStillTheFileOpened,
            let connection = try? Database(path: store.path, mode: database.isReadOnly ? .readOnly : .readWrite)
        else { return nil }
        connection.waitWhenBusy(milliseconds: 5000)
        guard (try? connection.executeScript("PRAGMA query_only = 1; PRAGMA cache_size = -32768")) != nil else {
            return nil
        }
        secondConnection = connection
        return connection
    }

    /// The figures, with the flows read on `connection` in parallel (nil: on the store's
    /// connection, after the facts). Nil when another connection committed while the two were
    /// reading, so that they may have seen different snapshots.
    private func dashboard(_ filter: DashboardFilter, siteTarget: Double?, flowsOn connection: Database?) throws
        -> Dashboard?
    {
        let database = store.database
        let today = store.clock.today
        let ends = filter.monthEnds
        let earliest = ends.first ?? today
        var snapshot: Int64?
        let board: Dashboard = try store.read {
            // Inside the figures' read: the viewer's offices are those of the same snapshot.
            let visible = try visibleClients(filter)
            let size = Int(try database.scalar("SELECT coalesce(max(id), 0) FROM clients") ?? 0) + 1
            // The snapshot is taken; the second connection starts after it, and a change of
            // `data_version` by the end shows whether anybody committed in between.
            snapshot = try database.scalar("PRAGMA data_version")
            let background = connection.map {
                BackgroundFlows(database: $0, filter: filter, today: today, earliest: earliest)
            }
            defer { _ = try? background?.result() }
            if background != nil, let hook = whileReading {
                whileReading = nil
                hook()
            }
            var tally = DashboardTally(
                board: Dashboard(
                    filter: filter, today: today, target: try outcomeTarget(filter, siteTarget: siteTarget)),
                size: size)
            try tally.countStocks(
                database, filter: filter, visible: visible, civicExemptions: store.schemaVersion >= 18)
            // Read here while the other connection reads the flows.
            try tally.countRecognition(database, filter: filter)
            try tally.countLateAcknowledgements(database)
            var flows = try DashboardFlows.read(
                database, filter: filter, today: today, earliest: earliest,
                only: background == nil ? DashboardFlows.Read.allCases : DashboardFlows.inForeground)
            if let background { flows.add(try background.result()) }
            tally.countOverdue(flows.overdue, monthEnds: ends)
            tally.countExits(flows.exits)
            tally.countStarts(flows.starts)
            tally.countParticipation(flows.activities)
            tally.countOutcomes(flows.outcomes)
            return tally.finished()
        }
        guard connection != nil else { return board }
        return try database.scalar("PRAGMA data_version") == snapshot ? board : nil
    }

    /// Recomputes every client's facts (`casebook check --repair`).
    package func refreshFacts() throws {
        try store.write {
            try store.database.executeScript("DELETE FROM client_facts; " + ClientFacts.refreshSQL(scope: "1"))
        }
    }

    /// Clients whose stored facts differ from a fresh computation (for `check` and the tests).
    package func staleFacts(limit: Int = 10) throws -> [Client.ID] {
        let database = store.database
        // Only a temporary table is written: a read transaction does, even on a read-only file.
        return try store.read {
            // The stored facts' columns (`table_info` leaves out the packed ones SQLite computes
            // from them, which a file of schema 4 opened read-only does not have), empty.
            try database.executeScript(
                "CREATE TEMP TABLE IF NOT EXISTS facts_check AS SELECT * FROM main.client_facts WHERE 0")
            try database.executeScript("DELETE FROM temp.facts_check")
            try database.executeScript(
                ClientFacts.refreshSQL(scope: "1", into: "temp.facts_check", schema: store.schemaVersion))
            let columns = try database.query("SELECT name FROM pragma_table_info('client_facts')") { $0.text(0) }
                .map { "\"\($0)\"" }.joined(separator: ", ")
            let stale = try database.query(
                """
                SELECT client_id FROM (SELECT \(columns) FROM temp.facts_check EXCEPT SELECT \(columns) FROM main.client_facts)
                UNION SELECT client_id FROM (SELECT \(columns) FROM main.client_facts EXCEPT SELECT \(columns) FROM temp.facts_check)
                LIMIT ?
                """, [limit]
            ) { $0.int64(0) }
            try database.executeScript("DELETE FROM temp.facts_check")
            return stale
        }
    }
}

/// Which rows of `client_facts` the figures count: a condition on its columns and the values
/// it binds (empty: every row).
struct FactsScope {
    var condition = ""
    var arguments: [any SQLBindable] = []
}
