import CasebookCore

/// One row per client of what the caseload figures count: kept current inside every write
/// transaction that touches the client (see `write`), so the dashboard reads 100,000 narrow
/// rows instead of joining every track.
///
/// - `contact_since`: the last recorded contact, else the day the current phase began (the
///   worklist's rule);
/// - `cur_<skill>` / `tgt_<skill>`: CEFR ranks (0 Pre-A1 … 9 C2) of the latest assessment and
///   of the target (the officer's override, else the programme profile's);
/// - `level_min`: the lowest current rank over the five core skills, once all five are assessed;
/// - `lang_targets` / `lang_met`: the same per skill as bits (bit i for `Skill.core[i]`), so the
///   dashboard reads two numbers instead of ten;
/// - `civic_required` / `civic_complete`: `CivicProgress`'s requirement and `isComplete` for an
///   enrolled client.
extension Store {
    static let factSkills: [Skill] = Skill.core

    static func column(_ skill: Skill, _ prefix: String) -> String { "\(prefix)_\(skill.rawValue)" }

    /// The facts table as schema version 4 made it (frozen: migrations never change).
    static var factsTableV4: String {
        "CREATE TABLE client_facts (\(factsColumns()));\nCREATE INDEX client_facts_by_officer ON client_facts(officer_id, is_open);"
    }

    /// The facts table as it is now, named `table`: the facts, and `dash_bits` and `dash_days`,
    /// which SQLite computes from them whenever a row is written.
    static func factsTable(_ table: String) -> String {
        // A temporary copy (for `staleFacts`) cannot refer to the main schema's clients.
        let columns = factsColumns(referencingClients: !table.hasPrefix("temp."))
        return "CREATE TABLE \(table) (\(columns),\n\(dashboardColumns))"
    }

    /// The columns of the facts themselves, which `factsSQL` writes.
    private static func factsColumns(referencingClients: Bool = true) -> String {
        let skills = factSkills.flatMap { ["\(column($0, "cur")) INTEGER", "\(column($0, "tgt")) INTEGER"] }.joined(
            separator: ", ")
        return """
                client_id INTEGER PRIMARY KEY\(referencingClients ? " REFERENCES clients(id) ON DELETE CASCADE" : ""),
                officer_id INTEGER,
                phase TEXT NOT NULL,
                is_open INTEGER NOT NULL,
                programme_id TEXT,
                contact_since TEXT NOT NULL,
                has_contract INTEGER NOT NULL,
                contract_ended_on TEXT,
                civic_required INTEGER NOT NULL,
                civic_complete INTEGER NOT NULL,
                level_min INTEGER,
                -- bit i set: core skill i (Skill.core order) has a target / is at or above it
                lang_targets INTEGER NOT NULL,
                lang_met INTEGER NOT NULL,
                \(skills)
            """
    }

    /// What the dashboard reads of each client, packed into two integers that SQLite keeps
    /// (reading 100,000 rows costs about a tenth of a microsecond per column; see
    /// `DashboardFacts`, which unpacks them). Days are `Day.ordinal` numbers.
    private static var dashboardColumns: String {
        let phase =
            "CASE phase "
            + CasePhase.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        func ordinal(_ column: String) -> String { "CAST(julianday(\(column)) - 2440587.5 AS INTEGER)" }
        return """
                dash_bits INTEGER GENERATED ALWAYS AS (
                    coalesce(\(phase), 31) | ((is_open <> 0) << 5) | ((programme_id IS NOT NULL) << 7)
                    | ((civic_required <> 0) << 8) | ((civic_complete <> 0) << 9) | ((coalesce(level_min + 1, 0) & 15) << 10)
                    | ((lang_targets & 255) << 16) | ((lang_met & 255) << 24) | ((coalesce(officer_id + 1, 0) & 2147483647) << 32)
                ) STORED,
                dash_days INTEGER GENERATED ALWAYS AS (
                    min(max(coalesce(\(ordinal("contract_ended_on")) + 1, 0), 0), 16777215)
                    | (min(max(coalesce(\(ordinal("contact_since")), 0), 0), 16777215) << 24)
                ) STORED
            """
    }

    /// `CASE level WHEN 'Pre-A1' THEN 0 … END`: a CEFR level's rank in SQL.
    static func rankSQL(_ expression: String) -> String {
        "CASE \(expression) "
            + CEFRLevel.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }.joined(separator: " ") + " END"
    }

    /// Recomputes the facts of the clients `scope` selects (a condition on `c`), from the
    /// source tables. The same statement fills a new file, a bulk load and every write.
    static func factsSQL(scope: String, into table: String = "client_facts") -> String {
        let open = CasePhase.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var columns: [String] = []
        var values: [String] = []
        for skill in factSkills {
            columns += [column(skill, "cur"), column(skill, "tgt")]
            values.append(
                """
                (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = '\(skill.rawValue)'
                    ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
                """)
            values.append(
                """
                coalesce((SELECT \(rankSQL("o.level")) FROM language_target_overrides o WHERE o.client_id = c.id AND o.skill = '\(skill.rawValue)'),
                    (SELECT \(rankSQL("t.level")) FROM programme_targets t WHERE t.programme_id = e.programme_id
                        AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = '\(skill.rawValue)'))
                """)
        }
        let current = factSkills.map { "cur_\($0.rawValue)" }
        let targets = factSkills.enumerated().map { "(tgt_\($1.rawValue) IS NOT NULL) * \(1 << $0)" }.joined(
            separator: " + ")
        let met = factSkills.enumerated().map { "coalesce(cur_\($1.rawValue) >= tgt_\($1.rawValue), 0) * \(1 << $0)" }
            .joined(separator: " + ")
        return """
            INSERT OR REPLACE INTO \(table) (client_id, officer_id, phase, is_open, programme_id, contact_since,
                has_contract, contract_ended_on, civic_required, civic_complete, level_min, lang_targets, lang_met,
                \(columns.joined(separator: ", ")))
            SELECT id, officer_id, phase, is_open, programme_id, contact_since, has_contract, contract_ended_on,
                civic_required, civic_complete,
                CASE WHEN \(current.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")) THEN min(\(current.joined(separator: ", "))) END,
                \(targets), \(met),
                \(columns.joined(separator: ", "))
            FROM (
                SELECT c.id, c.officer_id, c.phase, c.phase IN (\(open)) AS is_open, e.programme_id,
                    coalesce((SELECT max(n.contact_on) FROM notes n WHERE n.client_id = c.id), c.phase_since) AS contact_since,
                    k.id IS NOT NULL AS has_contract, CASE WHEN k.status = 'ended' THEN k.ended_on END AS contract_ended_on,
                    e.programme_id IS NOT NULL AND coalesce(s.requirement, CASE WHEN p.civic_required THEN 'required' ELSE 'not_required' END) = 'required'
                        AS civic_required,
                    coalesce(
                        (SELECT t.passed FROM civic_tests t WHERE t.client_id = c.id ORDER BY t.sat_on DESC, t.id DESC LIMIT 1),
                        s.attested_on IS NOT NULL AND p.civic_test_name IS NULL) AS civic_complete,
                    \(zip(columns, values).map { "\($1) AS \($0)" }.joined(separator: ",\n"))
                FROM clients c
                LEFT JOIN enrolments e ON e.client_id = c.id
                LEFT JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version
                LEFT JOIN civic_status s ON s.client_id = c.id
                LEFT JOIN contracts k ON k.client_id = c.id
                WHERE \(scope)
            )
            """
    }

    /// Brings the facts of the clients changed in this transaction up to date. Called by
    /// `write` before it commits.
    func refreshChangedFacts() throws {
        guard !changedClients.isEmpty else { return }
        let ids = changedClients
        changedClients.removeAll()
        for id in ids { try database.execute(Store.factsSQL(scope: "c.id = ?"), [id]) }
    }

    /// Recomputes every client's facts (`casebook check --repair`).
    package func refreshAllFacts() throws {
        try write { try database.executeScript("DELETE FROM client_facts; " + Store.factsSQL(scope: "1")) }
    }

    /// Clients whose stored facts differ from a fresh computation (for `check` and the tests).
    package func staleFacts(limit: Int = 10) throws -> [Client.ID] {
        // Only the temporary table is written: a read transaction does, even on a read-only file.
        try read {
            if try database.scalar("SELECT count(*) FROM temp.sqlite_schema WHERE name = 'facts_check'") == 0 {
                try database.executeScript(Store.factsTable("temp.facts_check"))
            }
            try database.executeScript("DELETE FROM temp.facts_check")
            let fresh = Store.factsSQL(scope: "1", into: "temp.facts_check")
            try database.executeScript(fresh)
            // The facts themselves (`table_info` leaves out the packed columns SQLite computes from
            // them, which a file of schema 4 opened read-only does not have).
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
