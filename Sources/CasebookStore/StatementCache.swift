/// The prepared statements of one connection, by SQL text, at most `limit` of them: keeping
/// one more finalizes the least recently used first.
///
/// Most statements are fixed text that comes back all session long. Some are built per call:
/// the client list's query for each filter, sort and search shape (a word more is one clause
/// more), and multi-row INSERTs as long as a name's search tokens. Kept forever, those would
/// grow the cache for as long as someone works.
struct StatementCache {
    /// The store makes about 130 kinds of statement; one session uses a part of them, and the
    /// client list adds a few shapes per filter and sort it is shown in. A whole `casebook bench`
    /// (the list paged and searched letter by letter, every tab, My day, the dashboard, saves)
    /// prepared 75 on its connection, holding 7.6 KB each (`SQLITE_STMTSTATUS_MEMUSED`). 256
    /// keeps every statement of a working session prepared, with room to spare, and bounds the
    /// cache at about 2 MB however long the session and whatever is typed into the search.
    static let limit = 256

    private var statements: [String: Statement] = [:]
    /// Counts uses; a statement's last use says how recently it served.
    private var uses: UInt64 = 0

    var count: Int { statements.count }

    mutating func statement(for sql: String) -> Statement? {
        guard let statement = statements[sql] else { return nil }
        uses &+= 1
        statement.lastUse = uses
        return statement
    }

    /// Keeps a newly prepared statement, making room first. A statement let go while a caller
    /// still steps it lives on until that caller is done (it is finalized when released).
    mutating func keep(_ statement: Statement) {
        if statements.count >= StatementCache.limit,
            let oldest = statements.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            statements[oldest] = nil
        }
        uses &+= 1
        statement.lastUse = uses
        statements[statement.sql] = statement
    }
}
