import Dispatch

/// Runs a bulk load's statements on a second thread, in order, so that building the rows (on
/// the calling thread) and writing them (in SQLite) overlap on two cores. The connection is
/// used by one thread at a time: only the writer until `drain` returns.
final class BackgroundWriter: @unchecked Sendable {
    private let database: Database
    private let queue = DispatchQueue(label: "casebook.bulk-writer")
    /// Bounds the batches waiting, and with them the memory they hold.
    private let slots = DispatchSemaphore(value: 16)
    /// Set on the writer thread; read after `drain`.
    private var failure: Error?
    /// Per table, the writer's time inserting its rows and how many (written on the writer
    /// thread; read after `drain`). Two clock reads a batch of hundreds of rows: always kept.
    private var spent: [String: TableTime] = [:]
    /// The calling thread's time waiting for a free slot: the writer was behind.
    private(set) var waited: Duration = .zero

    init(database: Database) { self.database = database }

    /// Inserts `rows` with the statements of `sql`.
    func enqueue(_ sql: InsertSQL, table: String, _ rows: PackedRows) {
        let clock = ContinuousClock()
        let start = clock.now
        slots.wait()
        waited += clock.now - start
        queue.async { [self] in
            defer { slots.signal() }
            guard failure == nil else { return }
            let start = clock.now
            do { try database.insertRows(sql, rows: rows) } catch { failure = error }
            spent[table, default: TableTime(table: table)].add(clock.now - start, rows: rows.valueCount / sql.width)
        }
    }

    /// Waits until every queued statement ran; rethrows the first failure.
    func drain() throws {
        queue.sync {}
        if let failure { throw failure }
    }

    /// What the writer spent per table so far, the slowest first (call after `drain`).
    var tableTimes: [TableTime] {
        queue.sync { spent.values.sorted { $0.seconds > $1.seconds } }
    }
}

/// The writer's time on one table during a bulk load.
package struct TableTime: Sendable {
    package let table: String
    package private(set) var seconds: Double = 0
    package private(set) var rows = 0

    init(table: String) { self.table = table }

    mutating func add(_ time: Duration, rows: Int) {
        seconds += time.seconds
        self.rows += rows
    }
}

extension Duration {
    /// The duration in seconds, as a double.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

/// Rows for one table, the columns of `Columns`, handed to the writer a few hundred at a time.
final class BatchInsert<Columns: ColumnSet> {
    private let writer: BackgroundWriter
    private let table: String
    private let sql: InsertSQL
    private let batchRows = 500
    private var pending: PackedRows
    private var count = 0

    init(_ writer: BackgroundWriter, table: String, orIgnore: Bool = false) {
        self.writer = writer
        self.table = table
        let names = Columns.names
        // 50 rows a statement: SQLite runs one statement of many rows faster than many of one.
        sql = InsertSQL(
            "INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(names.joined(separator: ", "))) VALUES ",
            width: names.count, perStatement: 50)
        pending = PackedRows(reservingBytes: batchRows * names.count * 12)
    }

    /// Adds one row, its values put column by column (`PackedRow.put`).
    func add(_ fill: (inout PackedRow<Columns>) -> Void) throws {
        // One reference to the rows for the whole row, not one per value.
        var row = PackedRow<Columns>(rows: pending)
        fill(&row)
        try added(Int(row.position))
    }

    /// Adds one row of values already converted.
    func add(_ row: RowValues<Columns>) throws {
        let rows = pending
        for value in row.values { rows.append(value) }
        try added(row.values.count)
    }

    private func added(_ values: Int) throws {
        precondition(values == sql.width, "\(sql.one) takes \(sql.width) values a row, not \(values)")
        count += 1
        if count == batchRows { try flush() }
    }

    func flush() throws {
        guard count > 0 else { return }
        writer.enqueue(sql, table: table, pending)
        // The writer owns those rows now.
        pending = PackedRows(reservingBytes: pending.byteCount)
        count = 0
    }
}

/// One row being written into packed rows, a value for each column of `Columns` in turn.
///
/// `put` names each value's column, and the column must be the next in `Columns` (a comparison
/// a value, on every row). Each `put` is an ordinary generic call, specialized for its value's
/// type; a row of (column, value) pairs as one parameter pack was not, and asked the runtime
/// for every pair's tuple type on every row, costing the demo a quarter more CPU.
struct PackedRow<Columns: ColumnSet> {
    fileprivate let rows: PackedRows
    fileprivate private(set) var position: Int32 = 0

    fileprivate init(rows: PackedRows) { self.rows = rows }

    @inline(__always)
    mutating func put<Value: SQLBindable>(_ column: Columns, _ value: Value) {
        precondition(column.rawValue == position, "\(Columns.self).\(column) given in place of column \(position)")
        value.pack(into: rows)
        position += 1
    }
}

/// A batch of rows of any table, to flush them all at the end of a load.
protocol Flushable {
    func flush() throws
}

extension BatchInsert: Flushable {}
