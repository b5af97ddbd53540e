import CSQLite

/// An error reported by SQLite. Its description names the result code, SQLite's message
/// and the statement, but never the bound values: they may be personal data.
package struct DatabaseError: Error, CustomStringConvertible {
    package let code: Int32
    package let extendedCode: Int32
    package let message: String
    package let sql: String?

    package var primaryCode: Int32 { extendedCode & 0xFF }

    package var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    package var isReadOnly: Bool { primaryCode == SQLITE_READONLY }
    package var isFull: Bool { primaryCode == SQLITE_FULL }
    package var isNotADatabase: Bool { primaryCode == SQLITE_NOTADB }
    package var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT }
    package var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }
    package var isIOError: Bool { primaryCode == SQLITE_IOERR || primaryCode == SQLITE_CANTOPEN }

    package var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (in: \(sql.prefix(120)))" }
        return text
    }
}
