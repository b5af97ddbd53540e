import CSQLite
import CasebookCore

/// A prepared statement. Finalized when released; reset after every use so that no read
/// transaction outlives the call that made it.
package final class Statement {
    let handle: OpaquePointer
    let sql: String
    unowned let database: Database
    /// When the statement last served, in the cache's count of uses.
    var lastUse: UInt64 = 0

    init(database: Database, sql: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(
            database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw database.error(code, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ arguments: [any SQLBindable]) throws {
        try bind(values: arguments.map(\.sqlValue))
    }

    func bind(values arguments: [SQLValue]) throws {
        sqlite3_reset(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw DatabaseError(
                code: SQLITE_RANGE, extendedCode: SQLITE_RANGE,
                message: "expected \(expected) arguments, got \(arguments.count)", sql: sql)
        }
        for (offset, argument) in zip(0..., arguments) {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument {
            case .integer(let value): code = sqlite3_bind_int64(handle, index, value)
            case .real(let value): code = sqlite3_bind_double(handle, index, value)
            case .null: code = sqlite3_bind_null(handle, index)
            case .text(let value):
                code = value.withCString { csqlite_bind_text(handle, index, $0, Int32(value.utf8.count)) }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { csqlite_bind_blob(handle, index, $0.baseAddress, Int32($0.count)) }
            }
            guard code == SQLITE_OK else { throw database.error(code, sql: sql) }
        }
    }

    /// Advances; true while a row is available.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    func reset() { sqlite3_reset(handle) }
}

/// The current row of a statement, read by column index.
package struct Row {
    let handle: OpaquePointer

    package func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    package func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    package func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

    package func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    package func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    package func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }

    /// The bytes of a blob (or of text), nil for NULL.
    package func blob(_ index: Int32) -> [UInt8]? {
        guard !isNull(index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column's bytes where SQLite holds them, valid until the row moves on: for reading
    /// many rows without copying. Empty for NULL.
    func bytes(_ index: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_blob before sqlite3_column_bytes: the documented order for blobs.
        let start = sqlite3_column_blob(handle, index)
        return UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(handle, index)))
    }

    /// The storage class of the column's value (SQLITE_INTEGER, SQLITE_TEXT, …).
    func storageClass(_ index: Int32) -> Int32 { sqlite3_column_type(handle, index) }

    package func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }

    package func optionalInt(_ index: Int32) -> Int? { isNull(index) ? nil : int(index) }

    /// A stored ISO day as `Day.ordinal`, read from the bytes without making a string (for
    /// counting many rows); nil for NULL or anything that is not YYYY-MM-DD.
    package func dayOrdinal(_ index: Int32) -> Int? {
        guard let bytes = sqlite3_column_text(handle, index), sqlite3_column_bytes(handle, index) == 10 else {
            return nil
        }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for offset in from..<(from + count) {
                let byte = bytes[offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        // Howard Hinnant's days_from_civil, as `Day.ordinal`.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }

    /// A stored ISO day; a malformed one means the file was edited outside Casebook.
    package func day(_ index: Int32) throws -> Day {
        do { return try Day(iso: text(index)) } catch {
            throw StoreError.corrupt("a stored date is malformed")
        }
    }

    package func optionalDay(_ index: Int32) throws -> Day? { isNull(index) ? nil : try day(index) }

    package func instant(_ index: Int32) throws -> Instant {
        guard let instant = Instant(iso: text(index)) else {
            throw StoreError.corrupt("a stored timestamp is malformed")
        }
        return instant
    }

    package func value<E: RawRepresentable>(_ index: Int32, as type: E.Type) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: text(index)) else {
            throw StoreError.corrupt("a stored \(E.self) value is unknown")
        }
        return value
    }
}
