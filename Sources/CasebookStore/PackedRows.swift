import CSQLite
import CasebookCore

/// Rows of SQL values written one after another into one byte buffer, for bulk inserts.
///
/// A bulk load writes millions of values. As `[SQLValue]` rows, each value costs an array
/// slot, a reference count on its text both when the row is built and when it is bound, and
/// a copy that SQLite makes of the text. Packed, a value is a tag byte and its bytes, and the
/// writer binds text straight from the buffer.
///
/// One thread fills the rows, then hands them over whole (the bulk loader starts new ones);
/// nothing changes them after that, which is what makes them safe to send.
package final class PackedRows: @unchecked Sendable {
    /// One tag byte per value, then its payload: nothing for NULL, 8 bytes (native order) for
    /// an integer or a real, a 4-byte length and the UTF-8 bytes for text.
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var byteCount = 0
    /// Values appended so far (over all rows).
    package private(set) var valueCount = 0

    enum Tag: UInt8 {
        case null = 0, integer, real, text, blob
    }

    package init(reservingBytes capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, valid while the rows are alive and unchanged.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: byteCount) }

    /// Room for `count` more bytes; returns where they go.
    @inline(__always)
    private func reserve(_ count: Int) -> UnsafeMutableRawPointer {
        if byteCount + count > capacity { grow(byteCount + count) }
        defer { byteCount += count }
        return base + byteCount
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        newBase.copyMemory(from: base, byteCount: byteCount)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    package func appendNull() {
        reserve(1).storeBytes(of: Tag.null.rawValue, as: UInt8.self)
        valueCount += 1
    }

    package func append(_ value: Int64) {
        let at = reserve(9)
        at.storeBytes(of: Tag.integer.rawValue, as: UInt8.self)
        (at + 1).storeBytes(of: value, as: Int64.self)
        valueCount += 1
    }

    package func append(_ value: Double) {
        let at = reserve(9)
        at.storeBytes(of: Tag.real.rawValue, as: UInt8.self)
        (at + 1).storeBytes(of: value, as: Double.self)
        valueCount += 1
    }

    package func append(_ text: String) {
        let utf8 = text.utf8
        let count = utf8.count
        let at = reserve(5 + count)
        at.storeBytes(of: Tag.text.rawValue, as: UInt8.self)
        (at + 1).storeBytes(of: UInt32(count), as: UInt32.self)
        // A native string's bytes are copied as one block.
        let target = UnsafeMutableBufferPointer(
            start: (at + 5).bindMemory(to: UInt8.self, capacity: count), count: count)
        _ = target.initialize(from: utf8)
        valueCount += 1
    }

    package func append(blob bytes: [UInt8]) {
        let at = reserve(5 + bytes.count)
        at.storeBytes(of: Tag.blob.rawValue, as: UInt8.self)
        (at + 1).storeBytes(of: UInt32(bytes.count), as: UInt32.self)
        bytes.withUnsafeBytes { source in
            if let start = source.baseAddress { (at + 5).copyMemory(from: start, byteCount: source.count) }
        }
        valueCount += 1
    }

    /// A day as its ISO text, written in place.
    package func append(_ day: Day) {
        let at = reserve(15)
        at.storeBytes(of: Tag.text.rawValue, as: UInt8.self)
        (at + 1).storeBytes(of: UInt32(10), as: UInt32.self)
        let digits = (at + 5).bindMemory(to: UInt8.self, capacity: 10)
        Day.write(day, into: UnsafeMutableBufferPointer(start: digits, count: 10), at: 0)
        valueCount += 1
    }

    package func append(_ value: SQLValue) {
        switch value {
        case .integer(let value): append(value)
        case .real(let value): append(value)
        case .text(let value): append(value)
        case .blob(let bytes): append(blob: bytes)
        case .null: appendNull()
        }
    }
}

extension Statement {
    /// Binds the next `count` values of `rows`, read from `offset` (which moves past them).
    /// Text is bound without a copy: `rows` must stay alive and unchanged until the statement
    /// is reset or bound again (`Database.insertRows` clears the bindings when it is done).
    func bind(packed rows: UnsafeRawBufferPointer, at offset: inout Int, count: Int) throws {
        sqlite3_reset(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == count else {
            throw DatabaseError(
                code: SQLITE_RANGE, extendedCode: SQLITE_RANGE, message: "expected \(expected) arguments, got \(count)",
                sql: sql)
        }
        guard let base = rows.baseAddress else { return }
        for index in 1...Int32(count) {
            let tag = rows[offset]
            offset += 1
            let code: Int32
            switch PackedRows.Tag(rawValue: tag) {
            case .integer:
                code = sqlite3_bind_int64(handle, index, rows.loadUnaligned(fromByteOffset: offset, as: Int64.self))
                offset += 8
            case .real:
                code = sqlite3_bind_double(handle, index, rows.loadUnaligned(fromByteOffset: offset, as: Double.self))
                offset += 8
            case .text:
                let length = Int(rows.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                offset += 4
                code = csqlite_bind_text_static(
                    handle, index, (base + offset).assumingMemoryBound(to: CChar.self), Int32(length))
                offset += length
            case .blob:
                let length = Int(rows.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                offset += 4
                code = csqlite_bind_blob_static(handle, index, base + offset, Int32(length))
                offset += length
            case .null:
                code = sqlite3_bind_null(handle, index)
            case nil:
                preconditionFailure("packed rows hold an unknown tag \(tag)")
            }
            guard code == SQLITE_OK else { throw database.error(code, sql: sql) }
        }
    }
}

extension Database {
    /// Inserts `rows`, `width` values to a row, with `insert` ("INSERT … VALUES "),
    /// `perStatement` rows per statement (SQLite runs one statement of many rows much faster
    /// than many of one), the rows left over one at a time.
    func insertRows(_ insert: String, width: Int, perStatement: Int, rows: PackedRows) throws {
        try insertRows(InsertSQL(insert, width: width, perStatement: perStatement), rows: rows)
    }

    /// Inserts `rows` with the statements of `sql`.
    func insertRows(_ sql: InsertSQL, rows: PackedRows) throws {
        let width = sql.width
        let perStatement = sql.perStatement
        precondition(rows.valueCount % width == 0, "packed rows of \(width) values hold \(rows.valueCount) values")
        let rowCount = rows.valueCount / width
        let many = try statement(sql.many)
        let one = try statement(sql.one)
        defer {
            // The bound text points into `rows`, which goes away after this call.
            for statement in [many, one] {
                statement.reset()
                sqlite3_clear_bindings(statement.handle)
            }
        }
        try withExtendedLifetime(rows) {
            let buffer = rows.bytes
            var offset = 0
            for _ in 0..<(rowCount / perStatement) {
                try many.bind(packed: buffer, at: &offset, count: perStatement * width)
                while try many.step() {}
            }
            for _ in 0..<(rowCount % perStatement) {
                try one.bind(packed: buffer, at: &offset, count: width)
                while try one.step() {}
            }
        }
    }
}

/// The two INSERT statements that write packed rows: `perStatement` rows at a time, and one
/// for the rows left over. A bulk load writes thousands of batches into the same table: its
/// statements' text is made once, not for every batch.
struct InsertSQL: Sendable {
    let many: String
    let one: String
    let width: Int
    let perStatement: Int

    /// `insert` is "INSERT … VALUES "; a row takes `width` values.
    init(_ insert: String, width: Int, perStatement: Int) {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        many = insert + Array(repeating: row, count: perStatement).joined(separator: ", ")
        one = insert + row
        self.width = width
        self.perStatement = perStatement
    }
}
