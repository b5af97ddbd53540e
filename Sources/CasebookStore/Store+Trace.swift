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
