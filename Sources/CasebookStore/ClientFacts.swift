import CasebookCore

/// One row per client of what the caseload figures count (`client_facts`): kept current inside
/// every write transaction that touches the client (`Store.write`), so the dashboard reads
/// 100,000 narrow rows instead of joining every track.
///
/// - `contact_since`: the last recorded contact, else the day the current phase began (the
///   worklist's rule);
/// - `cur_<skill>` / `tgt_<skill>`: CEFR ranks (0 Pre-A1 … 9 C2) of the latest assessment and
///   of the target (the officer's override, else the programme profile's);
/// - `level_min`: the lowest current rank over the five core skills, once all five are assessed;
/// - `lang_targets` / `lang_met`: the same per skill as bits (bit i for `Skill.core[i]`), so the
///   dashboard reads two numbers instead of ten;
/// - `civic_required` / `civic_complete`: `CivicProgress`'s requirement and `isComplete` for an
///   enrolled client;
/// - `office_id`: the client's office, so that the figures count the viewer's offices only;
/// - `civic_exempt_from`: for a client `civic_required` counts, the day the programme's age rule
///   exempts them from the civic test (France: 65), which the dashboard compares with the day it
///   reads (an age is reached without any write); a residence exemption is folded into
///   `civic_required` instead, since the residence changes only by a write that refreshes these.
///
/// Every place a fact is computed, and what holds them together:
/// 1. Core's rules, the definition: `CasePhase.isOpen`, `LanguageStanding` (latest assessment,
///    override else profile target, `isMet`), `CivicProgress.isComplete(hasTest:)`, and
///    `WorkItem.contactGapDays`, which the dashboard applies to `contact_since`.
/// 2. SQL, `ClientFacts.refreshSQL`: every write, `casebook check --repair`, and the fresh
///    computation `check` compares the stored rows with. Migration 4 ran a frozen copy once.
/// 3. Swift, `BulkLoader.factsRow`: the demo's bulk load, which cannot run the SQL per client
///    without costing the load its speed (docs/PERFORMANCE.md).
/// 4. SQLite, from the stored facts: `dash_bits` and `dash_days` (migration 5), unpacked by
///    `DashboardFacts`.
/// `FactsTests` holds 2 and 3 to 1 on the same records, and to each other; `DashboardTests`
/// holds 4 to the fact columns.
enum ClientFacts {
    /// The skills with columns of their own, in the order of the `lang_*` bits.
    static let skills: [Skill] = Skill.core

    /// The statement that brings one client's facts up to date (`?` is the client's id).
    static let refreshOneSQL = refreshSQL(scope: "c.id = ?")

    /// Brings the facts of `clients` up to date. Call inside the transaction that changed them.
    static func refresh(_ clients: Set<Int64>, on database: Database) throws {
        for id in clients { try database.execute(refreshOneSQL, [id]) }
    }

    /// Recomputes the facts of the clients `scope` selects (a condition on `c`, the clients)
    /// from the source tables, into `table`, by the rules of `schema`: a file older than schema 13
    /// opened read-only has no office, one older than 18 no preset civic exemptions (`check`
    /// compares its facts as they were).
    static func refreshSQL(scope: String, into table: String = "client_facts", schema: Int = currentSchemaVersion)
        -> String
    {
        let withOffice = schema >= 13
        let withExemptions = schema >= 18
        let columns = FactColumn.allCases.filter {
            (withOffice || $0 != .officeID) && (withExemptions || $0 != .civicExemptFrom)
        }
        var perSkill: [String] = []
        for (skill, columns) in zip(skills, FactColumn.perSkill) {
            perSkill.append(
                """
                (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = '\(skill.rawValue)'
                    ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS \(columns.current.name)
                """)
            perSkill.append(
                """
                coalesce((SELECT \(RuleSQL.rank("o.level")) FROM language_target_overrides o
                        WHERE o.client_id = c.id AND o.skill = '\(skill.rawValue)'),
                    (SELECT \(RuleSQL.rank("t.level")) FROM programme_targets t WHERE t.programme_id = e.programme_id
                        AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = '\(skill.rawValue)'))
                    AS \(columns.target.name)
                """)
        }
        let current = FactColumn.perSkill.map(\.current.name)
        // Each column's value, from the per-client values of the inner query (named alike).
        let values = columns.map { column -> String in
            switch column {
            case .levelMin:
                let all = current.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
                return "CASE WHEN \(all) THEN min(\(current.joined(separator: ", "))) END"
            case .langTargets:
                return zip(FactColumn.perSkill, 0...).map { "(\($0.target.name) IS NOT NULL) * \(1 << $1)" }
                    .joined(separator: " + ")
            case .civicExemptFrom:
                return "CASE WHEN civic_required THEN civic_exempt_age END"
            case .langMet:
                return zip(FactColumn.perSkill, 0...)
                    .map { "coalesce(\($0.current.name) >= \($0.target.name), 0) * \(1 << $1)" }.joined(
                        separator: " + ")
            default:
                return column.name
            }
        }
        return """
            INSERT OR REPLACE INTO \(table) (\(columns.map(\.name).joined(separator: ", ")))
            SELECT \(values.joined(separator: ",\n    "))
            FROM (
                SELECT c.id AS client_id, c.officer_id,\(withOffice ? " c.office_id," : "") c.phase, c.phase IN (\(RuleSQL.openPhases)) AS is_open, e.programme_id,
                    coalesce((SELECT max(n.contact_on) FROM notes n WHERE n.client_id = c.id), c.phase_since) AS contact_since,
                    k.id IS NOT NULL AS has_contract, CASE WHEN k.status = 'ended' THEN k.ended_on END AS contract_ended_on,
                    e.programme_id IS NOT NULL AND coalesce(s.requirement, CASE WHEN p.civic_required THEN 'required' ELSE 'not_required' END) = 'required'\(withExemptions ? "\n        AND NOT (p.civic_test_name IS NOT NULL AND instr(' ' || p.civic_test_exempt_residence || ' ', ' ' || c.residence_category || ' ') > 0)" : "")
                        AS civic_required,\(withExemptions ? "\n    CASE WHEN p.civic_test_name IS NOT NULL THEN date(c.date_of_birth, '+' || p.civic_test_exempt_from_age || ' years') END AS civic_exempt_age," : "")
                    coalesce(
                        (SELECT t.passed FROM civic_tests t WHERE t.client_id = c.id ORDER BY t.sat_on DESC, t.id DESC LIMIT 1),
                        s.attested_on IS NOT NULL AND p.civic_test_name IS NULL) AS civic_complete,
                    \(perSkill.joined(separator: ",\n"))
                FROM clients c
                LEFT JOIN enrolments e ON e.client_id = c.id
                LEFT JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version
                LEFT JOIN civic_status s ON s.client_id = c.id
                LEFT JOIN contracts k ON k.client_id = c.id
                WHERE \(scope)
            )
            """
    }
}

/// The columns of `client_facts` that hold facts (the packed `dash_*` columns SQLite computes
/// from them are not written), in the table's order.
enum FactColumn: Int32, ColumnSet {
    case clientID, officerID, phase, isOpen, programmeID, contactSince, hasContract, contractEndedOn
    case civicRequired, civicComplete, levelMin, langTargets, langMet
    case curListening, tgtListening, curReading, tgtReading, curSpokenInteraction, tgtSpokenInteraction
    case curSpokenProduction, tgtSpokenProduction, curWriting, tgtWriting
    /// The client's office (migration 13, after the packed columns): the figures count only the
    /// viewer's offices.
    case officeID
    /// The day the programme's age rule exempts a counted client from the civic test (migration 18).
    case civicExemptFrom

    /// The current level's and the target's column of each skill of `ClientFacts.skills`.
    static let perSkill: [(current: FactColumn, target: FactColumn)] = ClientFacts.skills.map { skill in
        let columns = FactColumn.allCases
        guard let current = columns.first(where: { $0.name == "cur_" + skill.rawValue }),
            let target = columns.first(where: { $0.name == "tgt_" + skill.rawValue })
        else { preconditionFailure("client_facts has no columns for \(skill.rawValue)") }
        return (current, target)
    }
}
