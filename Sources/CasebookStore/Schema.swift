/// One step of the schema. Steps run in order, each in its own transaction, and
/// `PRAGMA user_version` records the last one applied. Never edit a released step: add one.
struct Migration {
    let version: Int
    let name: String
    let sql: String
}

/// The `PRAGMA application_id` of a Casebook file: "CASE" in ASCII.
let casebookApplicationID: Int64 = 0x4341_5345

let migrations: [Migration] = [
    Migration(version: 1, name: "staff, clients, case phases, search tokens, audit log", sql: schemaV1)
]

/// The schema version this program writes.
package let currentSchemaVersion = migrations.last?.version ?? 0

private let schemaV1 = """
    CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
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
        sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'X', 'U')),
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
    CREATE TABLE client_search (
        token TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        PRIMARY KEY (token, sort_name, client_id)
    ) WITHOUT ROWID;
    CREATE INDEX client_search_by_client ON client_search(client_id);

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
        exit_reason TEXT CHECK (exit_reason IN ('work', 'education', 'both', 'neither', 'moved', 'other')),
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
