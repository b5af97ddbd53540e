import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

extension Store {
    /// Runs `body` and writes every statement it ran on this store's connections, with bound
    /// values, to the file at `path`: the same work, for the sqlite3 shell to replay (the
    /// benchmark's floor). Statements of the second connection are written as they start, so
    /// the two connections' statements may interleave.
    package func recordingStatements(to path: String, _ body: () throws -> Void) throws {
        guard let file = fopen(path, "w") else { throw StoreError.ioError("cannot write \(path)") }
        defer { fclose(file) }
        let connections = [database] + (figures.flowConnection().map { [$0] } ?? [])
        for connection in connections { _ = csqlite_trace_statements(connection.handle, file) }
        defer { for connection in connections { _ = csqlite_trace_statements(connection.handle, nil) } }
        try body()
    }
}

/// One statement's run on the store's connection: its text (with `?` for values) and the time
/// from its first step to its end, in milliseconds.
package struct StatementTime: Sendable {
    package var sql: String
    package var milliseconds: Double
}

extension Store {
    /// Runs `body` and returns, beside its result, every statement it ran on this store's
    /// connection with its time, in the order they ended: where an interaction's time goes, for
    /// the benchmark's slowest keystrokes. Preparing a statement is not in its time. Times come
    /// from the monotonic clock at SQLite's start and end events, since SQLite's own figure has
    /// a resolution of a millisecond.
    package func timingStatements<T>(_ body: () throws -> T) throws -> (T, [StatementTime]) {
        let timer = StatementTimer()
        let context = Unmanaged.passUnretained(timer).toOpaque()
        let mask = UInt32(SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE)
        _ = sqlite3_trace_v2(
            database.handle, mask,
            { type, context, statement, text in
                guard let context, let statement else { return 0 }
                let timer = Unmanaged<StatementTimer>.fromOpaque(context).takeUnretainedValue()
                timer.event(type, statement: statement, text: text)
                return 0
            }, context)
        defer { _ = sqlite3_trace_v2(database.handle, 0, nil, nil) }
        let result = try withExtendedLifetime(timer) { try body() }
        return (result, timer.times)
    }
}

/// The start of each running statement and the times of those that ended (`timingStatements`).
private final class StatementTimer {
    var started: [UnsafeMutableRawPointer: Double] = [:]
    var times: [StatementTime] = []

    func event(_ type: UInt32, statement: UnsafeMutableRawPointer, text: UnsafeMutableRawPointer?) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let milliseconds = Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
        if type == UInt32(SQLITE_TRACE_STMT) {
            // A trigger's program starts within its statement and reports as a comment ("-- …").
            if let text, text.load(as: CChar.self) == CChar(UInt8(ascii: "-")) { return }
            started[statement] = milliseconds
        } else if type == UInt32(SQLITE_TRACE_PROFILE), let start = started.removeValue(forKey: statement) {
            let sql = sqlite3_sql(OpaquePointer(statement)).map { String(cString: $0) } ?? ""
            times.append(StatementTime(sql: sql, milliseconds: milliseconds - start))
        }
    }
}
