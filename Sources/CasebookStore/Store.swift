import CasebookCore
import CasebookL10n

/// The case file: the connection, transactions, the audit and the migrations, with every read
/// and write Casebook makes by intent (in `Store+*.swift`). The only place with SQL.
///
/// The larger read models are types of their own that receive the store: `ClientList` (the
/// list's pages, counts and cohorts), `CaseloadFigures` (the dashboard and the per-client facts
/// it reads) and `BulkLoader` (the demo's load). Each owns its state; the store's own (the file
/// it opened, the clients changed in the open transaction) is private to this file.
package final class Store {
    package let database: Database
    package let path: String
    package let clock: any Clock
    /// The schema version of the file as opened (older than current only when opened read-only).
    package private(set) var schemaVersion: Int
    /// The permission policy every entry point asks (`require`): the defaults, narrowed by the
    /// site's `[permissions]`.
    package var policy: Policy = .defaults
    /// Staff members' offices and roles already read (`actor(_:)`), emptied when they change.
    let actors = ActorCache()
    /// The migrations this open applied, by name, for `casebook init` and `open` to print.
    package private(set) var appliedMigrations: [String] = []
    /// Programme versions already read.
    let programmeCache = ProgrammeCache()
    /// The client list's pages and counts, and the cohorts behind dashboard bars.
    package private(set) lazy var clientList = ClientList(store: self)
    /// The dashboard's figures over the per-client facts.
    package private(set) lazy var figures = CaseloadFigures(store: self)
    /// The file opened (device and inode): a save checks the path still names it.
    private let fileIdentity: [UInt64]?
    /// Clients written in the open transaction, whose `client_facts` row is refreshed before it
    /// commits (filled by `audit`, emptied by `write`).
    private var changedClients: Set<Int64> = []

    package enum OpenMode {
        /// Creates the file when missing and migrates it (`casebook init`).
        case create
        /// Opens an existing Casebook file for work, migrating an older schema.
        case readWrite
        /// Opens an existing Casebook file without changing it (`check`, `backup`).
        case readOnly
    }

    private init(database: Database, path: String, clock: any Clock, schemaVersion: Int) {
        self.database = database
        self.path = path
        self.clock = clock
        self.schemaVersion = schemaVersion
        fileIdentity = DatabaseFile.identity(path)
    }

    /// True while the path still names the file this store opened (not deleted or replaced).
    var isStillTheFileOpened: Bool { fileIdentity != nil && DatabaseFile.identity(path) == fileIdentity }

    /// Opens the case file at `path`, refusing, untouched, anything that is not a Casebook file
    /// this program can read.
    package static func open(path: String, mode: OpenMode, clock: any Clock = SystemClock()) throws -> Store {
        switch DatabaseFile.kind(of: path) {
        case .directory:
            throw StoreError.cannotCreate(path: path, reason: tr("it is a folder; give the path of a file"))
        case .unreadable:
            throw StoreError.ioError(tr("permission denied reading {path}", ["path": path]))
        case .foreign:
            throw StoreError.notADatabase(path: path)
        case .missing:
            guard mode == .create else { throw StoreError.missing(path: path) }
            try DatabaseFile.createPrivate(path)
        case .empty:
            guard mode == .create else { throw StoreError.notCasebook(path: path) }
        case .sqlite:
            break
        }
        if mode != .readOnly, !DatabaseFile.isWritable(path) { throw StoreError.readOnly(path: path) }

        let database: Database
        do {
            database = try Database(path: path, mode: mode == .readOnly ? .readOnly : .readWrite)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
        do {
            // A colleague's save holds the lock for milliseconds; wait up to 5 s, trying every
            // millisecond so that a busy office's writers take turns (SQLite's busy_timeout backs
            // off to 100 ms and can lose the lock to the others again and again).
            database.waitWhenBusy(milliseconds: 5000)
            let applicationID = try database.scalar("PRAGMA application_id") ?? 0
            let version = Int(try database.scalar("PRAGMA user_version") ?? 0)
            let objects = try database.scalar("SELECT count(*) FROM sqlite_schema") ?? 0
            let isBlank = applicationID == 0 && version == 0 && objects == 0
            if isBlank {
                guard mode == .create else { throw StoreError.notCasebook(path: path) }
                // Set before the first page is written; larger pages suit tables of long rows.
                try database.executeScript("PRAGMA page_size = 8192")
            } else if applicationID != casebookApplicationID {
                throw StoreError.notCasebook(path: path)
            }
            if version > currentSchemaVersion {
                throw StoreError.newerSchema(path: path, found: version, supported: currentSchemaVersion)
            }
            if mode != .readOnly {
                // WAL lets readers work while one writer saves; FULL syncs every commit to disk.
                _ = try database.query("PRAGMA journal_mode = WAL") { $0.text(0) }
                try database.executeScript("PRAGMA synchronous = FULL")
            }
            try database.executeScript("PRAGMA foreign_keys = ON")
            // Up to 32 MB of pages stay in memory (the default is 2 MB): the dashboard's second look
            // reads its tables from here instead of the file. Pages are only kept once read.
            try database.executeScript("PRAGMA cache_size = -32768")
            let store = Store(database: database, path: path, clock: clock, schemaVersion: version)
            if mode != .readOnly { try store.migrate() }
            return store
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Applies every migration newer than the file, each in its own transaction.
    private func migrate() throws {
        for migration in migrations where migration.version > schemaVersion {
            try database.transaction {
                // Another process may have migrated while this one waited for the lock.
                let version = Int(try database.scalar("PRAGMA user_version") ?? 0)
                guard version < migration.version else { return }
                try migration.apply(on: database)
                try database.executeScript("PRAGMA user_version = \(migration.version)")
                if migration.version == 1 {
                    try database.executeScript("PRAGMA application_id = \(casebookApplicationID)")
                }
            }
            schemaVersion = migration.version
            appliedMigrations.append("\(migration.version): \(migration.name)")
        }
        schemaVersion = Int(try database.scalar("PRAGMA user_version") ?? 0)
    }

    /// Runs `body` in one immediate transaction; raw SQLite errors become messages users can act on.
    package func write<T>(_ body: () throws -> T) throws -> T {
        let outermost = !database.isInTransaction
        defer { if outermost { changedClients.removeAll() } }
        // Writing to a file someone deleted or replaced would go to a file nobody can open again.
        if outermost, fileIdentity != nil, !isStillTheFileOpened { throw StoreError.replacedWhileOpen(path: path) }
        do {
            return try database.transaction {
                let result = try body()
                if outermost, !changedClients.isEmpty {
                    try ClientFacts.refresh(changedClients, on: database)
                    changedClients.removeAll()
                }
                return result
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs queries on one snapshot; raw SQLite errors become messages users can act on.
    package func read<T>(_ body: () throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Appends one row to the audit log, chained to the last (`HashChain.audit`), and marks the
    /// client's facts for refreshing before the transaction commits. Call inside `write`.
    /// `refreshesFacts` false: the caller refreshes the facts of many clients in one statement
    /// (an import).
    func audit(
        _ entity: AuditEntity, id: Int64, clientID: Int64?, field: AuditField, old: String?, new: String?,
        actor: Staff.ID, refreshesFacts: Bool = true
    ) throws {
        precondition(database.isInTransaction, "the audit is written inside `write`")
        // Once per client and transaction: a restricted or erased record refuses the change, and
        // the transaction rolls back whatever this one wrote before.
        if let clientID, !changedClients.contains(clientID) {
            try requireChangeable(clientID: clientID, entity: entity, actor: actor)
        }
        try HashChain.audit.append(
            fields: [
                clock.now.sqlValue, actor.sqlValue, entity.sqlValue, id.sqlValue, clientID.sqlValue,
                field.rawValue.sqlValue,
            ], values: [old, new], on: database)
        if let clientID, refreshesFacts { changedClients.insert(clientID) }
    }

    /// Refreshes the query planner's statistics after bulk loads, sampling at most 2,000 rows per
    /// index: enough for the planner, and fast on large files.
    static let analyzeSQL = "PRAGMA analysis_limit = 2000; ANALYZE"

    package func analyze() throws {
        try write { try database.executeScript(Store.analyzeSQL) }
    }
}

/// Programme versions read once and kept: a version never changes once imported.
final class ProgrammeCache {
    private var versions: [ProgrammeKey: Programme] = [:]

    subscript(key: ProgrammeKey) -> Programme? { versions[key] }

    func keep(_ programme: Programme) {
        versions[ProgrammeKey(id: programme.id, version: programme.version)] = programme
    }
}
