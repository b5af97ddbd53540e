import CSQLite
import CasebookCore

/// One SQLite connection: statements, a statement cache and the transaction API.
/// Not shared across threads; each process or test opens its own.
package final class Database {
    let handle: OpaquePointer
    package let path: String
    private var cache = StatementCache()
    /// The file's device and inode while this connection holds it (`OpenDatabases`).
    private let openFile: [UInt64]?

    package enum Mode { case readOnly, readWrite, create }

    /// SQLite's process-wide settings, applied once before the first connection opens.
    private static let configured: Bool = csqlite_configure() == SQLITE_OK

    /// Opens the file at `path` as SQLite would; callers check the file first (`DatabaseFile`).
    package init(path: String, mode: Mode) throws {
        _ = Database.configured
        var handle: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            throw DatabaseError(code: code, extendedCode: code, message: message, sql: nil)
        }
        self.handle = handle
        self.path = path
        openFile = OpenDatabases.shared.add(path)
        sqlite3_extended_result_codes(handle, 1)
        // Refuse to load extensions or run double-quoted strings as identifiers.
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DML, 0)
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DDL, 0)
    }

    deinit {
        // Statements are finalized before the connection closes.
        cache = StatementCache()
        sqlite3_close_v2(handle)
        if let openFile { OpenDatabases.shared.remove(openFile) }
    }

    func error(_ code: Int32, sql: String?) -> DatabaseError {
        DatabaseError(
            code: code, extendedCode: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// True when SQLite opened the file for reading only (its permissions forbid writing).
    package var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    package var changes: Int { Int(sqlite3_changes64(handle)) }

    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Waits up to `milliseconds` for another connection's lock, trying every millisecond.
    func waitWhenBusy(milliseconds: Int) {
        _ = csqlite_busy_wait(handle, Int32(milliseconds))
    }

    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs one or more statements without arguments (schema scripts).
    package func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(code: code, extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// The prepared statement for `sql`, from the cache, or prepared and kept there.
    func statement(_ sql: String) throws -> Statement {
        if let cached = cache.statement(for: sql) { return cached }
        let statement = try Statement(database: self, sql: sql)
        cache.keep(statement)
        return statement
    }

    /// How many prepared statements the cache holds (for the test that holds it to its bound).
    var cachedStatementCount: Int { cache.count }

    /// Runs one statement that returns no rows.
    package func execute(_ sql: String, _ arguments: [any SQLBindable] = []) throws {
        try execute(sql, values: arguments.map(\.sqlValue))
    }

    /// Runs one statement that returns no rows, with values already converted (bulk writes).
    package func execute(_ sql: String, values: [SQLValue]) throws {
        let statement = try statement(sql)
        try statement.bind(values: values)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs a query and maps every row.
    package func query<T>(_ sql: String, _ arguments: [any SQLBindable] = [], _ map: (Row) throws -> T) throws -> [T] {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        var rows: [T] = []
        let row = Row(handle: statement.handle)
        while try statement.step() { rows.append(try map(row)) }
        return rows
    }

    /// Visits every row without collecting them.
    package func forEach(_ sql: String, _ arguments: [any SQLBindable] = [], _ visit: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        let row = Row(handle: statement.handle)
        while try statement.step() { try visit(row) }
    }

    /// The first row, mapped, or nil.
    package func queryFirst<T>(_ sql: String, _ arguments: [any SQLBindable] = [], _ map: (Row) throws -> T) throws
        -> T?
    {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step() ? map(Row(handle: statement.handle)) : nil
    }

    /// The integer in the first column of the first row (nil when no row or NULL).
    package func scalar(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int64? {
        try queryFirst(sql, arguments) { $0.optionalInt64(0) } ?? nil
    }

    /// Runs `body` in an immediate transaction: the write lock is taken at the start (waiting up
    /// to the busy timeout), and everything is rolled back if `body` throws. Nested calls use a
    /// savepoint.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction {
            try executeScript("SAVEPOINT nested")
            do {
                let result = try body()
                try executeScript("RELEASE nested")
                return result
            } catch {
                try? executeScript("ROLLBACK TO nested; RELEASE nested")
                throw error
            }
        }
        try executeScript("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            if isInTransaction { try? executeScript("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in a read transaction so that several queries see one snapshot.
    package func read<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try body() }
        try executeScript("BEGIN DEFERRED")
        defer { if isInTransaction { try? executeScript("COMMIT") } }
        return try body()
    }

    /// The query plan of a statement, one line per step (for tests that hold queries to an index).
    package func queryPlan(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [String] {
        try query("EXPLAIN QUERY PLAN " + sql, arguments) { $0.text(3) }
    }

    /// Copies the whole database into a new file with SQLite's online backup, page batch by
    /// page batch, so that other connections may keep reading and writing meanwhile.
    package func backup(to destinationPath: String) throws {
        var destination: OpaquePointer?
        var code = sqlite3_open_v2(
            destinationPath, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard code == SQLITE_OK, let destination else {
            let message = destination.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(destination)
            throw DatabaseError(code: code, extendedCode: code, message: message, sql: nil)
        }
        defer { sqlite3_close_v2(destination) }
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw DatabaseError(
                code: sqlite3_errcode(destination), extendedCode: sqlite3_extended_errcode(destination),
                message: String(cString: sqlite3_errmsg(destination)), sql: nil)
        }
        repeat {
            code = sqlite3_backup_step(backup, 256)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                code: code, extendedCode: sqlite3_extended_errcode(destination),
                message: String(cString: sqlite3_errmsg(destination)), sql: nil)
        }
    }
}
