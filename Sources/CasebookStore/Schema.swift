/// One step of the schema. Steps run in order, each in its own transaction, and
/// `PRAGMA user_version` records the last one applied. Never edit a released step: add one.
struct Migration {
    let version: Int
    let name: String
    let sql: String
    /// What the step does after its SQL that SQLite cannot (SHA-256). Frozen like the SQL: a
    /// named, versioned step that is never edited, held by `MigrationTests` to the hashes it
    /// gave a fixed file when it was released.
    var swiftStep: SwiftStep? = nil

    enum SwiftStep {
        /// Chains the audit rows written before migration 7 (`HashChain` format v1).
        case chainAuditV1
        /// Writes the name keys of every client held into the search index (migration 14).
        case nameKeyTokensV1

        func run(on database: Database, using random: inout some RandomNumberGenerator) throws {
            switch self {
            case .chainAuditV1: try HashChain.audit.chainUnchainedRows(on: database, using: &random)
            case .nameKeyTokensV1: try NameKeyIndex.writeTokensV1(on: database)
            }
        }
    }

    /// Runs the step's SQL, then its Swift step, in the caller's transaction.
    func apply(on database: Database) throws {
        var random = SystemRandomNumberGenerator()
        try apply(on: database, using: &random)
    }

    func apply(on database: Database, using random: inout some RandomNumberGenerator) throws {
        try database.executeScript(sql)
        try swiftStep?.run(on: database, using: &random)
    }
}

/// The `PRAGMA application_id` of a Casebook file: "CASE" in ASCII.
let casebookApplicationID: Int64 = 0x4341_5345

// CHECK constraints list allowed values with OR, not IN (...): SQLite builds a temporary
// table for an IN list every time a CHECK runs, which made bulk inserts several times slower.
let migrations: [Migration] = [
    Migration(version: 1, name: "staff, clients, case phases, search tokens, audit log", sql: schemaV1),
    Migration(version: 2, name: "programmes, language, recognition, civic orientation", sql: schemaV2),
    Migration(version: 3, name: "integration contracts, obligations, case notes", sql: schemaV3),
    Migration(version: 4, name: "per-client facts for the caseload figures", sql: schemaV4),
    Migration(
        version: 5, name: "the dashboard's facts packed into two integers; an unused index dropped", sql: schemaV5),
    Migration(
        version: 6, name: "programme versions: valid_from, the basis of figures, variants, admission stops",
        sql: schemaV6),
    Migration(
        version: 7, name: "the audit log hash-chained: value salts and hashes, previous hash, hash",
        sql: schemaV7, swiftStep: .chainAuditV1),
    Migration(
        version: 8,
        name:
            "offices: every client and staff member (with their role) now in one office, \"Main office\" (MAIN), to rename with `casebook office rename MAIN`; the read log; transfers",
        sql: schemaV8),
    Migration(
        version: 10, name: "legal holds, restrictions of processing, erasures; erasure may blank audit values",
        sql: schemaV10),
    Migration(
        version: 11, name: "import batches, clients' external ids, the date-of-birth index for duplicates",
        sql: schemaV11),
    Migration(
        version: 12, name: "intake mapping, work experience, partner organisations, participation, outcomes",
        sql: schemaV12),
    Migration(
        version: 13, name: "the office in the dashboard's facts and in the search keys, each with an office-leading index",
        sql: schemaV13),
    Migration(
        version: 14, name: "the search index: names' keys across scripts, so that Mohammed finds محمد",
        sql: schemaV14, swiftStep: .nameKeyTokensV1),
    Migration(
        version: 15, name: "a programme version's own retention period and its legal source", sql: schemaV15),
    Migration(
        version: 17, name: "obligation descriptions in the languages of the programme's country", sql: schemaV17),
    Migration(
        version: 18, name: "civic test exemptions from the programme in the facts; a programme's outcome target",
        sql: schemaV18),
    Migration(
        version: 19,
        name:
            "a recognition file's procedure (a programme's variant); partner organisations per office: each goes to the office whose clients' activities name it most (the first office when none do), and an office whose clients named another's partner gets its own copy",
        sql: schemaV19),
    Migration(
        version: 20, name: "the dashboard reads the period's activities and outcomes from covering indexes",
        sql: schemaV20),
    Migration(
        version: 21, name: "the list exports: who, when, how many clients, which filter (chained like the read log)",
        sql: schemaV21),
]

/// The schema version this program writes.
package let currentSchemaVersion = migrations.last?.version ?? 0

private let schemaV1 = """
    CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role = 'officer' OR role = 'supervisor' OR role = 'admin'),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active BETWEEN 0 AND 1),
        created_at TEXT NOT NULL
    );

    CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        family_name TEXT NOT NULL,
        given_names TEXT NOT NULL,
        other_names TEXT NOT NULL DEFAULT '',
        -- folded "family\\x01given": the list's name order, independent of case and accents
        sort_name TEXT NOT NULL,
        date_of_birth TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex = 'F' OR sex = 'M' OR sex = 'X' OR sex = 'U'),
        country_of_birth TEXT NOT NULL,
        nationality TEXT NOT NULL,
        languages TEXT NOT NULL DEFAULT '',
        interpreter_language TEXT,
        arrival_date TEXT NOT NULL,
        municipality TEXT NOT NULL DEFAULT '',
        residence_category TEXT NOT NULL,
        permit_expiry TEXT,
        programme_status TEXT NOT NULL,
        vulnerabilities INTEGER NOT NULL DEFAULT 0,
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        officer_id INTEGER REFERENCES staff(id),
        -- the case: its current phase and since when; transitions are in phase_history
        phase TEXT NOT NULL,
        phase_since TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES staff(id),
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX clients_by_name ON clients(sort_name, id);
    CREATE INDEX clients_by_arrival ON clients(arrival_date, id);
    CREATE INDEX clients_by_officer_name ON clients(officer_id, sort_name, id);
    CREATE INDEX clients_by_officer_arrival ON clients(officer_id, arrival_date, id);
    CREATE INDEX clients_by_officer_case ON clients(officer_id, case_number);
    CREATE INDEX clients_by_phase_name ON clients(phase, sort_name, id);

    -- One row per folded name token: "odegard" for Ødegård. Searched by prefix range, and
    -- walked in (token, sort_name) order so that a broad search reads only one page.
    -- (An ordinary table with a unique index rather than WITHOUT ROWID, so that bulk loads can
    -- drop the index and build it once, sorted.)
    CREATE TABLE client_search (
        token TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX client_search_key ON client_search(token, sort_name, client_id);
    CREATE INDEX client_search_by_client ON client_search(client_id, token);

    -- The programme a case is enrolled in, and the dates the indicators count from.
    CREATE TABLE enrolments (
        client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
        programme_id TEXT,
        programme_version INTEGER,
        profile TEXT,
        offered_on TEXT,
        started_on TEXT,
        planned_end TEXT
    );

    CREATE TABLE phase_history (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        from_phase TEXT,
        to_phase TEXT NOT NULL,
        effective_on TEXT NOT NULL,
        exit_reason TEXT CHECK (exit_reason = 'work' OR exit_reason = 'education' OR exit_reason = 'both' OR exit_reason = 'neither' OR exit_reason = 'moved' OR exit_reason = 'other'),
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX phase_history_by_client ON phase_history(client_id, id);
    -- exits by day, for the outcome indicators
    CREATE INDEX phase_history_exits ON phase_history(effective_on) WHERE to_phase = 'closed';

    -- Who changed what and when. Append-only: the triggers refuse every UPDATE and DELETE.
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        client_id INTEGER,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    );
    CREATE INDEX audit_by_client ON audit(client_id, id);
    CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """

private let schemaV2 = """
    -- A programme's rules, one row per imported version; the tables below hold its parts.
    CREATE TABLE programmes (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        language TEXT NOT NULL,
        language_hours INTEGER NOT NULL,
        civic_hours INTEGER NOT NULL,
        recognition_decision TEXT NOT NULL,
        recognition_acknowledgement TEXT NOT NULL,
        passport_validity TEXT NOT NULL,
        civic_required INTEGER NOT NULL,
        civic_test_name TEXT,
        civic_test_questions INTEGER,
        civic_test_pass_mark INTEGER,
        source_file TEXT NOT NULL,
        source_text TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by INTEGER NOT NULL REFERENCES staff(id),
        PRIMARY KEY (id, version)
    );
    CREATE TABLE programme_profiles (
        programme_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        profile_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        language_hours INTEGER,
        duration TEXT,
        PRIMARY KEY (programme_id, version, profile_id),
        FOREIGN KEY (programme_id, version) REFERENCES programmes(id, version)
    );
    CREATE TABLE programme_targets (
        programme_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        profile_id TEXT NOT NULL,
        skill TEXT NOT NULL,
        level TEXT NOT NULL,
        PRIMARY KEY (programme_id, version, profile_id, skill),
        FOREIGN KEY (programme_id, version, profile_id) REFERENCES programme_profiles(programme_id, version, profile_id)
    );
    CREATE TABLE programme_civic_modules (
        programme_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        module_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        hours INTEGER,
        PRIMARY KEY (programme_id, version, module_id),
        FOREIGN KEY (programme_id, version) REFERENCES programmes(id, version)
    );
    CREATE TABLE programme_obligations (
        programme_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        party TEXT NOT NULL CHECK (party = 'newcomer' OR party = 'authority' OR party = 'provider'),
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        anchor TEXT NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (programme_id, version, position),
        FOREIGN KEY (programme_id, version) REFERENCES programmes(id, version)
    );

    CREATE TABLE language_assessments (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        assessed_on TEXT NOT NULL,
        skill TEXT NOT NULL CHECK (skill = 'listening' OR skill = 'reading' OR skill = 'spoken_interaction' OR skill = 'spoken_production' OR skill = 'writing' OR skill = 'mediation'),
        level TEXT NOT NULL CHECK (level = 'Pre-A1' OR level = 'A1' OR level = 'A2' OR level = 'A2+' OR level = 'B1' OR level = 'B1+' OR level = 'B2' OR level = 'B2+' OR level = 'C1' OR level = 'C2'),
        -- 0 for Pre-A1 ... 9 for C2, so that queries compare levels
        level_rank INTEGER NOT NULL,
        instrument TEXT NOT NULL,
        provider TEXT NOT NULL,
        certified INTEGER NOT NULL CHECK (certified BETWEEN 0 AND 1),
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX language_assessments_latest ON language_assessments(client_id, skill, assessed_on, id);
    CREATE TABLE language_target_overrides (
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        skill TEXT NOT NULL,
        level TEXT NOT NULL,
        reason TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id),
        PRIMARY KEY (client_id, skill)
    );
    CREATE TABLE language_courses (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        level TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        ends_on TEXT,
        hours_planned INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX language_courses_by_client ON language_courses(client_id);
    CREATE TABLE course_attendance (
        id INTEGER PRIMARY KEY,
        course_id INTEGER NOT NULL REFERENCES language_courses(id) ON DELETE CASCADE,
        attended_on TEXT NOT NULL,
        scheduled_hours REAL NOT NULL,
        attended_hours REAL NOT NULL,
        absence TEXT CHECK (absence = 'sick' OR absence = 'child_sick' OR absence = 'approved_leave' OR absence = 'unexcused'),
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX course_attendance_by_course ON course_attendance(course_id, attended_on);

    CREATE TABLE qualifications (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        field TEXT NOT NULL,
        country TEXT NOT NULL,
        institution TEXT NOT NULL,
        year INTEGER NOT NULL,
        isced INTEGER NOT NULL CHECK (isced BETWEEN 0 AND 8),
        has_documents INTEGER NOT NULL,
        regulated INTEGER NOT NULL,
        stage TEXT NOT NULL,
        stage_since TEXT NOT NULL,
        route TEXT,
        complete_on TEXT,
        -- computed by the programme's rule when the file became complete
        decision_due TEXT,
        decided_on TEXT,
        passport_issued_on TEXT,
        passport_expires_on TEXT,
        compensation TEXT,
        compensation_start TEXT,
        compensation_end TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES staff(id),
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX qualifications_by_client ON qualifications(client_id);
    CREATE INDEX qualifications_awaiting_decision ON qualifications(decision_due, client_id) WHERE stage = 'under_assessment';
    CREATE TABLE recognition_events (
        id INTEGER PRIMARY KEY,
        qualification_id INTEGER NOT NULL REFERENCES qualifications(id) ON DELETE CASCADE,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        effective_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX recognition_events_by_qualification ON recognition_events(qualification_id, id);

    CREATE TABLE civic_status (
        client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
        requirement TEXT NOT NULL CHECK (requirement = 'not_required' OR requirement = 'exempt' OR requirement = 'required'),
        exempt_reason TEXT NOT NULL DEFAULT '',
        attested_on TEXT,
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE TABLE civic_sessions (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        module_id TEXT NOT NULL,
        held_on TEXT NOT NULL,
        hours REAL NOT NULL,
        language TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX civic_sessions_by_client ON civic_sessions(client_id, held_on);
    CREATE TABLE civic_tests (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        sat_on TEXT NOT NULL,
        score INTEGER,
        pass_mark INTEGER,
        passed INTEGER NOT NULL CHECK (passed BETWEEN 0 AND 1),
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX civic_tests_by_client ON civic_tests(client_id, sat_on);
    """

private let schemaV3 = """
    -- One integration contract per client, with numbered versions. `obligations` holds the
    -- version in force (or being drafted); superseded versions are copied, frozen, below.
    CREATE TABLE contracts (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL UNIQUE REFERENCES clients(id) ON DELETE CASCADE,
        programme_id TEXT NOT NULL,
        programme_version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status = 'draft' OR status = 'active' OR status = 'amending' OR status = 'ended'),
        number INTEGER NOT NULL,
        settled_on TEXT,
        newcomer_signed_on TEXT,
        authority_signed_on TEXT,
        reviewed_on TEXT,
        ended_on TEXT,
        end_reason TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES staff(id),
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE TABLE contract_versions (
        contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        started_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        newcomer_signed_on TEXT,
        authority_signed_on TEXT,
        PRIMARY KEY (contract_id, number)
    );
    CREATE TABLE contract_version_obligations (
        contract_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        position INTEGER NOT NULL,
        party TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        due_on TEXT,
        status TEXT NOT NULL,
        PRIMARY KEY (contract_id, number, position),
        FOREIGN KEY (contract_id, number) REFERENCES contract_versions(contract_id, number) ON DELETE CASCADE
    );
    CREATE TABLE contract_events (
        id INTEGER PRIMARY KEY,
        contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        on_day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX contract_events_by_contract ON contract_events(contract_id, id);
    CREATE TABLE obligations (
        id INTEGER PRIMARY KEY,
        contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        party TEXT NOT NULL CHECK (party = 'newcomer' OR party = 'authority' OR party = 'provider'),
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        legal_basis TEXT NOT NULL DEFAULT '',
        anchor TEXT,
        due_offset TEXT,
        due_on TEXT,
        status TEXT NOT NULL CHECK (status = 'pending' OR status = 'met' OR status = 'waived' OR status = 'breached'),
        waived_reason TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        -- when it was met, waived or breached
        settled_on TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX obligations_by_client ON obligations(client_id, status, due_on);
    CREATE INDEX obligations_by_contract ON obligations(contract_id, position);
    -- what is overdue now, by party (the dashboard)
    CREATE INDEX obligations_pending_by_due ON obligations(due_on, party) WHERE status = 'pending';

    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        contact_type TEXT NOT NULL CHECK (contact_type = 'meeting' OR contact_type = 'phone' OR contact_type = 'home_visit'
            OR contact_type = 'letter' OR contact_type = 'email'),
        contact_on TEXT NOT NULL,
        interpreter_language TEXT,
        summary TEXT NOT NULL,
        follow_up_on TEXT,
        follow_up_done INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done BETWEEN 0 AND 1),
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX notes_by_client ON notes(client_id, contact_on);
    CREATE INDEX notes_open_follow_ups ON notes(client_id, follow_up_on) WHERE follow_up_done = 0 AND follow_up_on IS NOT NULL;
    """

// Migrations 4 and 5 were first built from live code (the facts SQL, `CasePhase.allCases`,
// `CEFRLevel.allCases`, `Skill.core`); their text below was generated once from that code (at
// cbb7877) and is frozen like every released step: `MigrationTests` holds each step's text to
// its recorded SHA-256. A new phase, level or fact needs a new migration, not an edit here.

/// The caseload figures' per-client facts (`client_facts`), filled for the clients already there,
/// and covering indexes for the dashboard's flow figures.
private let schemaV4 = """
    CREATE TABLE client_facts (    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
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
        cur_listening INTEGER, tgt_listening INTEGER, cur_reading INTEGER, tgt_reading INTEGER, cur_spoken_interaction INTEGER, tgt_spoken_interaction INTEGER, cur_spoken_production INTEGER, tgt_spoken_production INTEGER, cur_writing INTEGER, tgt_writing INTEGER);
    CREATE INDEX client_facts_by_officer ON client_facts(officer_id, is_open);
    INSERT OR REPLACE INTO client_facts (client_id, officer_id, phase, is_open, programme_id, contact_since,
        has_contract, contract_ended_on, civic_required, civic_complete, level_min, lang_targets, lang_met,
        cur_listening, tgt_listening, cur_reading, tgt_reading, cur_spoken_interaction, tgt_spoken_interaction, cur_spoken_production, tgt_spoken_production, cur_writing, tgt_writing)
    SELECT id, officer_id, phase, is_open, programme_id, contact_since, has_contract, contract_ended_on,
        civic_required, civic_complete,
        CASE WHEN cur_listening IS NOT NULL AND cur_reading IS NOT NULL AND cur_spoken_interaction IS NOT NULL AND cur_spoken_production IS NOT NULL AND cur_writing IS NOT NULL THEN min(cur_listening, cur_reading, cur_spoken_interaction, cur_spoken_production, cur_writing) END,
        (tgt_listening IS NOT NULL) * 1 + (tgt_reading IS NOT NULL) * 2 + (tgt_spoken_interaction IS NOT NULL) * 4 + (tgt_spoken_production IS NOT NULL) * 8 + (tgt_writing IS NOT NULL) * 16, coalesce(cur_listening >= tgt_listening, 0) * 1 + coalesce(cur_reading >= tgt_reading, 0) * 2 + coalesce(cur_spoken_interaction >= tgt_spoken_interaction, 0) * 4 + coalesce(cur_spoken_production >= tgt_spoken_production, 0) * 8 + coalesce(cur_writing >= tgt_writing, 0) * 16,
        cur_listening, tgt_listening, cur_reading, tgt_reading, cur_spoken_interaction, tgt_spoken_interaction, cur_spoken_production, tgt_spoken_production, cur_writing, tgt_writing
    FROM (
        SELECT c.id, c.officer_id, c.phase, c.phase IN ('referred', 'eligibility_check', 'offered', 'intake_assessment', 'plan_draft', 'contract_signed', 'active', 'on_leave', 'suspended', 'reopened') AS is_open, e.programme_id,
            coalesce((SELECT max(n.contact_on) FROM notes n WHERE n.client_id = c.id), c.phase_since) AS contact_since,
            k.id IS NOT NULL AS has_contract, CASE WHEN k.status = 'ended' THEN k.ended_on END AS contract_ended_on,
            e.programme_id IS NOT NULL AND coalesce(s.requirement, CASE WHEN p.civic_required THEN 'required' ELSE 'not_required' END) = 'required'
                AS civic_required,
            coalesce(
                (SELECT t.passed FROM civic_tests t WHERE t.client_id = c.id ORDER BY t.sat_on DESC, t.id DESC LIMIT 1),
                s.attested_on IS NOT NULL AND p.civic_test_name IS NULL) AS civic_complete,
            (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = 'listening'
        ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS cur_listening,
    coalesce((SELECT CASE o.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM language_target_overrides o WHERE o.client_id = c.id AND o.skill = 'listening'),
        (SELECT CASE t.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM programme_targets t WHERE t.programme_id = e.programme_id
            AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = 'listening')) AS tgt_listening,
    (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = 'reading'
        ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS cur_reading,
    coalesce((SELECT CASE o.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM language_target_overrides o WHERE o.client_id = c.id AND o.skill = 'reading'),
        (SELECT CASE t.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM programme_targets t WHERE t.programme_id = e.programme_id
            AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = 'reading')) AS tgt_reading,
    (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = 'spoken_interaction'
        ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS cur_spoken_interaction,
    coalesce((SELECT CASE o.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM language_target_overrides o WHERE o.client_id = c.id AND o.skill = 'spoken_interaction'),
        (SELECT CASE t.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM programme_targets t WHERE t.programme_id = e.programme_id
            AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = 'spoken_interaction')) AS tgt_spoken_interaction,
    (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = 'spoken_production'
        ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS cur_spoken_production,
    coalesce((SELECT CASE o.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM language_target_overrides o WHERE o.client_id = c.id AND o.skill = 'spoken_production'),
        (SELECT CASE t.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM programme_targets t WHERE t.programme_id = e.programme_id
            AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = 'spoken_production')) AS tgt_spoken_production,
    (SELECT a.level_rank FROM language_assessments a WHERE a.client_id = c.id AND a.skill = 'writing'
        ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS cur_writing,
    coalesce((SELECT CASE o.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM language_target_overrides o WHERE o.client_id = c.id AND o.skill = 'writing'),
        (SELECT CASE t.level WHEN 'Pre-A1' THEN 0 WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'A2+' THEN 3 WHEN 'B1' THEN 4 WHEN 'B1+' THEN 5 WHEN 'B2' THEN 6 WHEN 'B2+' THEN 7 WHEN 'C1' THEN 8 WHEN 'C2' THEN 9 END FROM programme_targets t WHERE t.programme_id = e.programme_id
            AND t.version = e.programme_version AND t.profile_id = e.profile AND t.skill = 'writing')) AS tgt_writing
        FROM clients c
        LEFT JOIN enrolments e ON e.client_id = c.id
        LEFT JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version
        LEFT JOIN civic_status s ON s.client_id = c.id
        LEFT JOIN contracts k ON k.client_id = c.id
        WHERE 1
    );
    CREATE INDEX enrolments_started ON enrolments(started_on, client_id, offered_on) WHERE started_on IS NOT NULL;
    CREATE INDEX qualifications_figures ON qualifications(client_id, stage, complete_on, decided_on, decision_due);
    DROP INDEX phase_history_exits;
    CREATE INDEX phase_history_exits ON phase_history(effective_on, client_id, exit_reason) WHERE to_phase = 'closed';
    CREATE INDEX obligations_overdue_history ON obligations(due_on, settled_on, party, client_id, status) WHERE status = 'pending' OR settled_on > due_on;

    """

/// The facts table again, with the generated columns (SQLite adds stored generated columns
/// only to a new table): built beside the old one, filled from it, and put in its place.
private let schemaV5 = """
    CREATE TABLE client_facts_v5 (    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
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
        cur_listening INTEGER, tgt_listening INTEGER, cur_reading INTEGER, tgt_reading INTEGER, cur_spoken_interaction INTEGER, tgt_spoken_interaction INTEGER, cur_spoken_production INTEGER, tgt_spoken_production INTEGER, cur_writing INTEGER, tgt_writing INTEGER,
        dash_bits INTEGER GENERATED ALWAYS AS (
            coalesce(CASE phase WHEN 'referred' THEN 0 WHEN 'eligibility_check' THEN 1 WHEN 'not_eligible' THEN 2 WHEN 'offered' THEN 3 WHEN 'intake_assessment' THEN 4 WHEN 'plan_draft' THEN 5 WHEN 'contract_signed' THEN 6 WHEN 'active' THEN 7 WHEN 'on_leave' THEN 8 WHEN 'suspended' THEN 9 WHEN 'discontinued' THEN 10 WHEN 'completed' THEN 11 WHEN 'exempted' THEN 12 WHEN 'transferred_out' THEN 13 WHEN 'closed' THEN 14 WHEN 'reopened' THEN 15 WHEN 'archived' THEN 16 END, 31) | ((is_open <> 0) << 5) | ((programme_id IS NOT NULL) << 7)
            | ((civic_required <> 0) << 8) | ((civic_complete <> 0) << 9) | ((coalesce(level_min + 1, 0) & 15) << 10)
            | ((lang_targets & 255) << 16) | ((lang_met & 255) << 24) | ((coalesce(officer_id + 1, 0) & 2147483647) << 32)
        ) STORED,
        dash_days INTEGER GENERATED ALWAYS AS (
            min(max(coalesce(CAST(julianday(contract_ended_on) - 2440587.5 AS INTEGER) + 1, 0), 0), 16777215)
            | (min(max(coalesce(CAST(julianday(contact_since) - 2440587.5 AS INTEGER), 0), 0), 16777215) << 24)
        ) STORED);
    INSERT INTO client_facts_v5 SELECT * FROM client_facts;
    DROP TABLE client_facts;
    ALTER TABLE client_facts_v5 RENAME TO client_facts;
    CREATE INDEX client_facts_by_officer ON client_facts(officer_id, is_open);
    -- No query reads obligations by due day alone any more (the dashboard reads
    -- obligations_overdue_history, My day reads by client); every save and load kept it up.
    DROP INDEX IF EXISTS obligations_pending_by_due;
    """

/// What a programme file says since issue 18: the day a version took effect, what stands
/// behind a figure (law, an international norm, guidance), profile-bound obligations and
/// modules, legacy course types, repeat hours, extensions, civic test exemptions, faster
/// recognition procedures and admission stops. Versions imported before keep the law as the
/// basis of every figure and no valid_from: nobody recorded it.
private let schemaV6 = """
    ALTER TABLE programmes ADD COLUMN valid_from TEXT;
    ALTER TABLE programmes ADD COLUMN language_hours_basis TEXT NOT NULL DEFAULT 'law'
        CHECK (language_hours_basis = 'law' OR language_hours_basis = 'norm' OR language_hours_basis = 'guidance');
    ALTER TABLE programmes ADD COLUMN civic_hours_basis TEXT NOT NULL DEFAULT 'law'
        CHECK (civic_hours_basis = 'law' OR civic_hours_basis = 'norm' OR civic_hours_basis = 'guidance');
    ALTER TABLE programmes ADD COLUMN recognition_decision_basis TEXT NOT NULL DEFAULT 'law'
        CHECK (recognition_decision_basis = 'law' OR recognition_decision_basis = 'norm' OR recognition_decision_basis = 'guidance');
    ALTER TABLE programmes ADD COLUMN recognition_acknowledgement_basis TEXT NOT NULL DEFAULT 'law'
        CHECK (recognition_acknowledgement_basis = 'law' OR recognition_acknowledgement_basis = 'norm'
            OR recognition_acknowledgement_basis = 'guidance');
    -- residence categories, space-separated
    ALTER TABLE programmes ADD COLUMN civic_test_exempt_residence TEXT NOT NULL DEFAULT '';
    ALTER TABLE programmes ADD COLUMN civic_test_exempt_from_age INTEGER;

    ALTER TABLE programme_profiles ADD COLUMN language_hours_basis TEXT NOT NULL DEFAULT 'law'
        CHECK (language_hours_basis = 'law' OR language_hours_basis = 'norm' OR language_hours_basis = 'guidance');
    ALTER TABLE programme_profiles ADD COLUMN extension TEXT;
    ALTER TABLE programme_profiles ADD COLUMN repeat_hours INTEGER;
    ALTER TABLE programme_profiles ADD COLUMN discontinued_from TEXT;

    -- profile ids, space-separated; '' binds every profile
    ALTER TABLE programme_civic_modules ADD COLUMN profiles TEXT NOT NULL DEFAULT '';
    ALTER TABLE programme_obligations ADD COLUMN profiles TEXT NOT NULL DEFAULT '';
    ALTER TABLE programme_obligations ADD COLUMN due_basis TEXT NOT NULL DEFAULT 'law'
        CHECK (due_basis = 'law' OR due_basis = 'norm' OR due_basis = 'guidance');

    CREATE TABLE programme_recognition_variants (
        programme_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        variant_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        decision_within TEXT NOT NULL,
        acknowledge_within TEXT NOT NULL,
        PRIMARY KEY (programme_id, version, variant_id),
        FOREIGN KEY (programme_id, version) REFERENCES programmes(id, version)
    );
    CREATE TABLE programme_admission_stops (
        programme_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        stop_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        -- programme statuses, space-separated
        statuses TEXT NOT NULL,
        from_day TEXT NOT NULL,
        until_day TEXT,
        PRIMARY KEY (programme_id, version, stop_id),
        FOREIGN KEY (programme_id, version) REFERENCES programmes(id, version)
    );
    """

/// The audit chain (`HashChain`): each row's salt, the hashes of its old and new values, the
/// previous row's hash and its own. The rows already there are chained by the step's Swift part
/// (`Migration.SwiftStep.chainAuditV1`), which runs after this SQL in the same transaction; the
/// update trigger lets only that fill a row that has no hash yet, and every new row must come
/// with its hash.
private let schemaV7 = """
    ALTER TABLE audit ADD COLUMN value_salt BLOB;
    ALTER TABLE audit ADD COLUMN old_hash BLOB;
    ALTER TABLE audit ADD COLUMN new_hash BLOB;
    ALTER TABLE audit ADD COLUMN prev_hash BLOB;
    ALTER TABLE audit ADD COLUMN hash BLOB;
    DROP TRIGGER audit_is_append_only_update;
    CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit WHEN old.hash IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_rows_are_chained BEFORE INSERT ON audit
    WHEN new.hash IS NULL OR new.prev_hash IS NULL OR length(new.hash) <> 32
    BEGIN SELECT RAISE(ABORT, 'an audit row is written with its chain hash'); END;
    """

/// Offices (issue 15): staff hold a role in each office they belong to, every client belongs to
/// one. A file from before has one office holding every client and every staff member, each
/// keeping their role. The read log records who opened, printed or exported which client (ids
/// only, chained like the audit: `HashChain.readLog`); transfers move a client between offices
/// once the receiving office accepts. `clients.office_id` has no REFERENCES clause (SQLite adds
/// no such column with a default), so triggers keep it naming an office.
private let schemaV8 = """
    CREATE TABLE offices (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        -- the municipalities it serves, one per line
        municipalities TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    INSERT INTO offices (id, code, name, created_at)
        VALUES (1, 'MAIN', 'Main office', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    CREATE TABLE staff_offices (
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        office_id INTEGER NOT NULL REFERENCES offices(id),
        role TEXT NOT NULL CHECK (role = 'officer' OR role = 'supervisor' OR role = 'admin'),
        PRIMARY KEY (staff_id, office_id)
    ) WITHOUT ROWID;
    CREATE INDEX staff_offices_by_office ON staff_offices(office_id, staff_id);
    INSERT INTO staff_offices (staff_id, office_id, role) SELECT id, 1, role FROM staff;

    ALTER TABLE clients ADD COLUMN office_id INTEGER NOT NULL DEFAULT 1;
    CREATE TRIGGER clients_office_exists_insert BEFORE INSERT ON clients
    WHEN NOT EXISTS (SELECT 1 FROM offices WHERE id = new.office_id)
    BEGIN SELECT RAISE(ABORT, 'a client belongs to an office that exists'); END;
    CREATE TRIGGER clients_office_exists_update BEFORE UPDATE OF office_id ON clients
    WHEN NOT EXISTS (SELECT 1 FROM offices WHERE id = new.office_id)
    BEGIN SELECT RAISE(ABORT, 'a client belongs to an office that exists'); END;
    -- The list's orders within an office, for everyone who sees one office's clients.
    CREATE INDEX clients_by_office_name ON clients(office_id, sort_name, id);
    CREATE INDEX clients_by_office_arrival ON clients(office_id, arrival_date, id);
    CREATE INDEX clients_by_office_case ON clients(office_id, case_number);

    CREATE TABLE read_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        client_id INTEGER NOT NULL,
        seen TEXT NOT NULL CHECK (seen = 'record' OR seen = 'contract' OR seen = 'export' OR seen = 'subject_export'),
        value_salt BLOB,
        prev_hash BLOB,
        hash BLOB
    );
    CREATE INDEX read_log_by_client ON read_log(client_id, id);
    CREATE TRIGGER read_log_is_append_only_update BEFORE UPDATE ON read_log
    BEGIN SELECT RAISE(ABORT, 'the read log is append-only'); END;
    CREATE TRIGGER read_log_is_append_only_delete BEFORE DELETE ON read_log
    BEGIN SELECT RAISE(ABORT, 'the read log is append-only'); END;
    CREATE TRIGGER read_log_rows_are_chained BEFORE INSERT ON read_log
    WHEN new.hash IS NULL OR new.prev_hash IS NULL OR length(new.hash) <> 32
    BEGIN SELECT RAISE(ABORT, 'a read log row is written with its chain hash'); END;

    CREATE TABLE transfers (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        from_office INTEGER NOT NULL REFERENCES offices(id),
        to_office INTEGER NOT NULL REFERENCES offices(id),
        reason TEXT NOT NULL,
        proposed_by INTEGER NOT NULL REFERENCES staff(id),
        proposed_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'accepted' OR state = 'declined'),
        decided_by INTEGER REFERENCES staff(id),
        decided_at TEXT,
        CHECK (from_office <> to_office)
    );
    CREATE UNIQUE INDEX transfers_one_pending ON transfers(client_id) WHERE state = 'pending';
    CREATE INDEX transfers_pending_to ON transfers(to_office) WHERE state = 'pending';
    CREATE INDEX transfers_pending_from ON transfers(from_office) WHERE state = 'pending';
    """

/// Retention and erasure, and restriction of processing (issue 16). Version 9 was given to the
/// permissions issue, which needed one migration only: a file goes from 8 to 10.
///
/// A legal hold keeps a client out of erasure until it is lifted; a restriction (GDPR Art. 18)
/// makes the record read-only for everyone but admins, and keeps it out of erasure too. Each
/// placing is a row, lifted by filling `lifted_at`; at most one of each is in force per client.
/// `erasures` marks the pseudonymous stubs and keeps what erasure left of the date of birth.
/// The audit's update trigger now lets through one change only: blanking a row's values and salt
/// with everything else as it was, which the chain still vouches for (the values entered it only
/// by their salted hashes).
private let schemaV10 = """
    CREATE TABLE legal_holds (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        since TEXT NOT NULL,
        placed_at TEXT NOT NULL,
        placed_by INTEGER NOT NULL REFERENCES staff(id),
        lifted_at TEXT,
        lifted_by INTEGER REFERENCES staff(id)
    );
    CREATE UNIQUE INDEX legal_holds_in_force ON legal_holds(client_id) WHERE lifted_at IS NULL;
    CREATE TABLE restrictions (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        since TEXT NOT NULL,
        placed_at TEXT NOT NULL,
        placed_by INTEGER NOT NULL REFERENCES staff(id),
        lifted_at TEXT,
        lifted_by INTEGER REFERENCES staff(id)
    );
    CREATE UNIQUE INDEX restrictions_in_force ON restrictions(client_id) WHERE lifted_at IS NULL;
    CREATE TABLE erasures (
        client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
        erased_at TEXT NOT NULL,
        erased_by INTEGER NOT NULL REFERENCES staff(id),
        -- the five-year band of the date of birth, "1985-1989"
        birth_years TEXT NOT NULL
    );
    DROP TRIGGER audit_is_append_only_update;
    CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit WHEN old.hash IS NOT NULL AND NOT (
        new.old_value IS NULL AND new.new_value IS NULL AND new.value_salt IS NULL
        AND new.id = old.id AND new.at IS old.at AND new.staff_id IS old.staff_id AND new.entity IS old.entity
        AND new.entity_id IS old.entity_id AND new.client_id IS old.client_id AND new.field IS old.field
        AND new.old_hash IS old.old_hash AND new.new_hash IS old.new_hash AND new.prev_hash IS old.prev_hash
        AND new.hash IS old.hash)
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """

/// Spreadsheet imports (issue 17): each import is a batch that names its file by name and
/// SHA-256, who imported it and when, and what it counted; the clients it created are listed
/// (and the assessments or qualifications it added) so that `casebook import undo` removes
/// exactly those. `audit_until` is the batch's last audit
/// row: a client with a later audit row was changed since and is kept by an undo. The records of a
/// batch have no foreign key, because an undo or an erasure removes them and the batch must
/// still say what it made. A client's id in the system a file came from
/// (`external_id`) matches a re-imported row; the date of birth is looked up for duplicates.
private let schemaV11 = """
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind = 'clients' OR kind = 'assessments' OR kind = 'qualifications'),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
        imported_at TEXT NOT NULL,
        imported_by INTEGER NOT NULL REFERENCES staff(id),
        created INTEGER NOT NULL,
        present INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        refused INTEGER NOT NULL,
        audit_until INTEGER NOT NULL,
        undone_at TEXT,
        undone_by INTEGER REFERENCES staff(id)
    );
    CREATE TABLE import_batch_records (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        entity TEXT NOT NULL CHECK (entity = 'client' OR entity = 'assessment' OR entity = 'qualification'),
        record_id INTEGER NOT NULL,
        PRIMARY KEY (batch_id, entity, record_id)
    ) WITHOUT ROWID;
    ALTER TABLE clients ADD COLUMN external_id TEXT;
    CREATE INDEX clients_by_external_id ON clients(external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX clients_by_birth ON clients(date_of_birth);
    """

/// Issue 18: the intake mapping (one per client, edited like the client record), the work
/// experience it lists, the office's partner organisations, the client's participation
/// activities, and the main activity at exit and twelve months after.
private let schemaV12 = """
    CREATE TABLE intake_mappings (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL UNIQUE REFERENCES clients(id) ON DELETE CASCADE,
        mapped_on TEXT NOT NULL,
        schooling_years INTEGER NOT NULL CHECK (schooling_years BETWEEN 0 AND 30),
        highest_isced INTEGER CHECK (highest_isced BETWEEN 0 AND 8),
        schooling_country TEXT,
        level_completed INTEGER CHECK (level_completed BETWEEN 0 AND 1),
        first_language_literacy TEXT NOT NULL CHECK (first_language_literacy = 'none'
            OR first_language_literacy = 'basic' OR first_language_literacy = 'functional'),
        latin_literacy TEXT NOT NULL CHECK (latin_literacy = 'none' OR latin_literacy = 'basic'
            OR latin_literacy = 'functional'),
        digital_skills TEXT NOT NULL CHECK (digital_skills = 'none' OR digital_skills = 'basic'
            OR digital_skills = 'everyday' OR digital_skills = 'advanced'),
        driving_licence TEXT NOT NULL CHECK (driving_licence = 'none' OR driving_licence = 'foreign'
            OR driving_licence = 'valid'),
        career_goal TEXT NOT NULL DEFAULT '',
        training_needs TEXT NOT NULL DEFAULT '',
        mapped_by INTEGER NOT NULL REFERENCES staff(id),
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE TABLE work_experience (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        isco TEXT,
        title TEXT NOT NULL,
        years INTEGER NOT NULL CHECK (years BETWEEN 0 AND 60),
        country TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX work_experience_by_client ON work_experience(client_id);
    CREATE TABLE partner_organisations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind = 'association' OR kind = 'sports_club' OR kind = 'culture'
            OR kind = 'faith_community' OR kind = 'volunteer_centre' OR kind = 'school' OR kind = 'public_body'
            OR kind = 'employer' OR kind = 'other'),
        contact TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES staff(id),
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE UNIQUE INDEX partner_organisations_by_name ON partner_organisations(name COLLATE NOCASE);
    CREATE TABLE participation (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind = 'mentoring' OR kind = 'volunteering' OR kind = 'association'
            OR kind = 'sport_culture' OR kind = 'parents_school' OR kind = 'consultative_body'
            OR kind = 'voting_rights_session' OR kind = 'intercultural_event' OR kind = 'other'),
        partner_id INTEGER REFERENCES partner_organisations(id),
        starts_on TEXT NOT NULL,
        ends_on TEXT,
        hours REAL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id)
    );
    CREATE INDEX participation_by_client ON participation(client_id, starts_on);
    CREATE TABLE outcomes (
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        stage TEXT NOT NULL CHECK (stage = 'exit' OR stage = 'follow_up'),
        recorded_on TEXT NOT NULL,
        activity TEXT NOT NULL CHECK (activity = 'work' OR activity = 'education' OR activity = 'both'
            OR activity = 'neither' OR activity = 'moved' OR activity = 'other' OR activity = 'not_reached'),
        work_time TEXT CHECK (work_time = 'full' OR work_time = 'part'),
        isco_major TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id),
        PRIMARY KEY (client_id, stage)
    );
    """

/// The translations of programme obligations' descriptions (`description.nb` in a preset), keyed by
/// the English text within the programme: a contract drafted under any version shows the words of the
/// latest import that translated them, and an obligation the officer reworded shows as written.
private let schemaV17 = """
    CREATE TABLE programme_texts (
        programme_id TEXT NOT NULL,
        english TEXT NOT NULL,
        language TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (programme_id, english, language)
    ) WITHOUT ROWID;
    """

/// A programme preset's own retention period with the law that sets it (issue 16): it
/// overrides the site's `[retention] erase_after` for the clients enrolled under that version.
/// Both NULL for every version imported before, which keeps the site's rule.
private let schemaV15 = """
    ALTER TABLE programmes ADD COLUMN retention_erase_after TEXT;
    ALTER TABLE programmes ADD COLUMN retention_legal_source TEXT;
    """

/// Issue 17: search finds a name in another script (`NameKey.indexTokens`). SQL cannot compute
/// the keys, so the migration's Swift step writes them for the clients held; nothing else changes.
private let schemaV14 = """
    -- client_search gains rows, not columns: the key tokens of every client (Swift step nameKeyTokensV1)
    """

/// The office of each client where the figures and the search read (issue 15): the dashboard,
/// the report and the search count only the viewer's offices, and an office of a three-office
/// file is then a third of the index, read in order, instead of every row filtered. A client's
/// office changes only by a transfer; the trigger keeps the search keys in step with it, and
/// the facts follow because every write refreshes them (`ClientFacts.refreshSQL`).
private let schemaV13 = """
    ALTER TABLE client_facts ADD COLUMN office_id INTEGER;
    UPDATE client_facts SET office_id = (SELECT c.office_id FROM clients c WHERE c.id = client_facts.client_id);
    -- Covering: one office's figures are read from the index alone, in client order.
    CREATE INDEX client_facts_by_office ON client_facts(office_id, client_id, dash_bits, dash_days);

    ALTER TABLE client_search ADD COLUMN office_id INTEGER;
    UPDATE client_search SET office_id = (SELECT c.office_id FROM clients c WHERE c.id = client_search.client_id);
    -- The office follows the list order, so that a viewer of several offices walks the tokens in
    -- order and skips other offices' rows inside the index; one office walks its own range.
    DROP INDEX client_search_key;
    CREATE UNIQUE INDEX client_search_key ON client_search(token, sort_name, client_id, office_id);
    CREATE INDEX client_search_by_office ON client_search(office_id, token, sort_name, client_id);
    CREATE TRIGGER clients_office_search AFTER UPDATE OF office_id ON clients BEGIN
        UPDATE client_search SET office_id = NEW.office_id WHERE client_id = NEW.id;
    END;
    """

/// Issue 18: a programme's civic test exemptions count in the dashboard's facts, and a programme
/// version carries its outcome target with its source. A client exempt by residence is no longer
/// `civic_required`; for a counted client under an age rule, `civic_exempt_from` is the birthday
/// the exemption starts on, compared with the day the figures are read (nobody writes when an age
/// is reached). The facts held are brought to those rules here; the enrolments' programme index
/// tells which programmes have clients, for the dashboard's target over all programmes.
private let schemaV18 = """
    ALTER TABLE programmes ADD COLUMN outcome_target REAL CHECK (outcome_target BETWEEN 0 AND 1);
    ALTER TABLE programmes ADD COLUMN outcome_target_source TEXT;
    ALTER TABLE client_facts ADD COLUMN civic_exempt_from TEXT;
    UPDATE client_facts SET civic_required = 0 WHERE civic_required <> 0 AND client_id IN (
        SELECT c.id FROM clients c
        JOIN enrolments e ON e.client_id = c.id
        JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version
        WHERE p.civic_test_name IS NOT NULL
            AND instr(' ' || p.civic_test_exempt_residence || ' ', ' ' || c.residence_category || ' ') > 0);
    UPDATE client_facts SET civic_exempt_from = (
        SELECT date(c.date_of_birth, '+' || p.civic_test_exempt_from_age || ' years') FROM clients c
        JOIN enrolments e ON e.client_id = c.id
        JOIN programmes p ON p.id = e.programme_id AND p.version = e.programme_version
        WHERE c.id = client_facts.client_id AND p.civic_test_name IS NOT NULL)
    WHERE civic_required <> 0;
    -- Only the clients an age rule concerns: the dashboard reads those whose day has come.
    CREATE INDEX client_facts_civic_exempt ON client_facts(civic_exempt_from, client_id)
        WHERE civic_exempt_from IS NOT NULL;
    CREATE INDEX enrolments_by_programme ON enrolments(programme_id, programme_version);
    """

/// Issue 18. A recognition file runs under its programme's standard procedure or one of its
/// variants (Germany's accelerated skilled-worker procedure, § 81a AufenthG), whose deadlines
/// are the file's: NULL, the standard procedure, for every file held.
///
/// The partner register belongs to an office. A partner held goes to the office whose clients'
/// activities name it most (the lower office id on a tie), else to the first office. Where
/// clients of another office named it too, that office gets its own copy and those activities
/// name the copy: no activity then names another office's partner, and nobody's record changes.
/// The names stay unique within an office (they were unique in the file).
private let schemaV19 = """
    ALTER TABLE qualifications ADD COLUMN variant TEXT;

    ALTER TABLE partner_organisations ADD COLUMN office_id INTEGER NOT NULL DEFAULT 0;
    UPDATE partner_organisations SET office_id = coalesce(
        (SELECT c.office_id FROM participation p JOIN clients c ON c.id = p.client_id
            WHERE p.partner_id = partner_organisations.id
            GROUP BY c.office_id ORDER BY count(*) DESC, c.office_id LIMIT 1),
        (SELECT min(id) FROM offices));
    DROP INDEX partner_organisations_by_name;
    INSERT INTO partner_organisations (name, kind, contact, created_at, created_by, version, updated_at, updated_by,
        office_id)
        SELECT DISTINCT o.name, o.kind, o.contact, o.created_at, o.created_by, 1, o.updated_at, o.updated_by, c.office_id
        FROM participation p JOIN clients c ON c.id = p.client_id JOIN partner_organisations o ON o.id = p.partner_id
        WHERE c.office_id <> o.office_id;
    UPDATE participation SET partner_id = (
        SELECT n.id FROM partner_organisations n, partner_organisations o, clients c
        WHERE o.id = participation.partner_id AND c.id = participation.client_id AND n.office_id = c.office_id
            AND n.name = o.name)
    WHERE partner_id IS NOT NULL
        AND (SELECT office_id FROM partner_organisations WHERE id = participation.partner_id)
            <> (SELECT office_id FROM clients WHERE id = participation.client_id);
    CREATE UNIQUE INDEX partner_organisations_by_name ON partner_organisations(office_id, name COLLATE NOCASE);
    CREATE TRIGGER partner_organisations_office_exists_insert BEFORE INSERT ON partner_organisations
    WHEN NOT EXISTS (SELECT 1 FROM offices WHERE id = new.office_id)
    BEGIN SELECT RAISE(ABORT, 'a partner organisation belongs to an office that exists'); END;
    CREATE TRIGGER partner_organisations_office_exists_update BEFORE UPDATE OF office_id ON partner_organisations
    WHEN NOT EXISTS (SELECT 1 FROM offices WHERE id = new.office_id)
    BEGIN SELECT RAISE(ABORT, 'a partner organisation belongs to an office that exists'); END;
    """

/// Issue 18: the dashboard read the period's activities and outcomes in client order through
/// indexes without their columns, looking each row up in its table (about a third of the second
/// connection's time at 100,000 clients). The activities' index gains the columns the figures
/// read (the record's tab reads it by its first two as before); the outcomes get their own.
private let schemaV20 = """
    DROP INDEX participation_by_client;
    CREATE INDEX participation_by_client ON participation(client_id, starts_on, ends_on, kind);
    CREATE INDEX outcomes_figures ON outcomes(client_id, recorded_on, stage, activity);
    """

/// Issue 17: each list export is one row, who and when, how many clients and which filter, chained
/// like the read log (`HashChain.exports`), beside the read log's row per client exported. The
/// filter's search text may be a name, so it enters the chain as a salted hash (as the audit's
/// values do): it may be blanked with its salt, the rest of the row untouched, and the chain
/// still verifies.
private let schemaV21 = """
    CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        clients INTEGER NOT NULL CHECK (clients >= 0),
        -- the selection in machine form (`ExportSelection.machineForm`); NULL once blanked
        filter TEXT,
        value_salt BLOB,
        filter_hash BLOB,
        prev_hash BLOB,
        hash BLOB
    );
    CREATE INDEX exports_by_staff ON exports(staff_id, id);
    CREATE TRIGGER exports_are_append_only_update BEFORE UPDATE ON exports WHEN NOT (
        new.filter IS NULL AND new.value_salt IS NULL
        AND new.id = old.id AND new.at IS old.at AND new.staff_id IS old.staff_id AND new.clients IS old.clients
        AND new.filter_hash IS old.filter_hash AND new.prev_hash IS old.prev_hash AND new.hash IS old.hash)
    BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;
    CREATE TRIGGER exports_are_append_only_delete BEFORE DELETE ON exports
    BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;
    CREATE TRIGGER exports_are_chained BEFORE INSERT ON exports
    WHEN new.hash IS NULL OR new.prev_hash IS NULL OR length(new.hash) <> 32
    BEGIN SELECT RAISE(ABORT, 'an export row is written with its chain hash'); END;
    """
