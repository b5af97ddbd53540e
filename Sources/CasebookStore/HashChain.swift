import CSQLite
import CasebookL10n
import Crypto

/// A SHA-256 digest: a row's place in a hash chain.
package struct ChainHash: Hashable, Sendable, CustomStringConvertible {
    package let bytes: [UInt8]

    init(_ digest: SHA256.Digest) { bytes = Array(digest) }

    /// Nil unless `bytes` is 32 bytes long.
    package init?(bytes: [UInt8]) {
        guard bytes.count == SHA256.byteCount else { return nil }
        self.bytes = bytes
    }

    /// From 64 hexadecimal digits (either case); nil for anything else.
    package init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * SHA256.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = ChainHash.nibble(digits[index]), let low = ChainHash.nibble(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// 64 lowercase hexadecimal digits.
    package var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    package var description: String { hex }
}

extension ChainHash: SQLBindable {
    package var sqlValue: SQLValue { .blob(bytes) }
    package func pack(into rows: PackedRows) { rows.append(blob: bytes) }
}

/// The last row of a chain: its id and hash. Recorded with every backup, so that a later
/// `audit verify --head` proves that nothing up to it was rewritten or cut off.
package struct ChainHead: Hashable, Sendable {
    package var row: Int64
    package var hash: ChainHash
}

/// What is wrong with a chain, at the first row where it breaks. Rows are named by id only:
/// never by what they hold, which may be a client's data.
package enum ChainProblem: Hashable, Sendable {
    /// The row's fields or values are not those it was written with.
    case changed(row: Int64)
    /// A row is missing before `before` (after `after`, the last row that checked out).
    case removed(after: Int64?, before: Int64)
    /// The row was not written in the chain's order: the chain runs past it.
    case inserted(row: Int64)
    /// The row is whole but stands before the row it was written after.
    case reordered(row: Int64, belongsAfter: Int64)
    /// The head recorded earlier (at a backup) is not in the chain, which now ends at `endsAt`.
    case truncated(recorded: ChainHash, endsAt: Int64?)

    /// One sentence about `log` ("the audit log", in the language `tr` speaks).
    package func sentence(_ log: String) -> String {
        switch self {
        case .changed(let row):
            return tr("Row {row} of {log} was changed after it was written.", ["row": String(row), "log": log])
        case .removed(let after?, let before):
            return tr(
                "A row of {log} was removed between rows {after} and {before}.",
                ["log": log, "after": String(after), "before": String(before)])
        case .removed(nil, let before):
            return tr("A row of {log} was removed before row {before}, its first.", ["log": log, "before": String(before)])
        case .inserted(let row):
            return tr("Row {row} of {log} was inserted afterwards: the chain runs past it.", ["row": String(row), "log": log])
        case .reordered(let row, let after):
            return tr(
                "Rows of {log} were reordered: row {row} was written after row {after}.",
                ["log": log, "row": String(row), "after": String(after)])
        case .truncated(let recorded, let end?):
            return tr(
                "The head recorded for {log} ({head}…) is not in it, which now ends at row {end}: rows were removed from its end or rewritten.",
                ["log": log, "head": String(recorded.hex.prefix(16)), "end": String(end)])
        case .truncated(let recorded, nil):
            return tr(
                "The head recorded for {log} ({head}…) is not in it, which is now empty: its rows were removed.",
                ["log": log, "head": String(recorded.hex.prefix(16))])
        }
    }
}

/// The outcome of walking a chain.
package struct ChainReport: Hashable, Sendable {
    /// Rows walked (all of them when there is no problem; up to the first problem otherwise).
    package var rows = 0
    /// The last row walked that checked out: the head when there is no problem.
    package var head: ChainHead?
    /// Values blanked with their hashes kept (erased), which the chain still vouches for.
    package var erasedValues = 0
    /// The first problem, if any.
    package var problem: ChainProblem?
    /// The row whose hash is the recorded head asked about, when it is in the chain.
    package var recordedHeadRow: Int64?

    package var isIntact: Bool { problem == nil }
}

/// An append-only table whose rows are chained by SHA-256, so that changing, removing,
/// inserting or reordering a row afterwards shows. The audit log is one; the read log will be
/// another: each names its plain fields and its personal values, and gets the same append,
/// walk and migration.
///
/// Each row stores, beside its own columns, `value_salt`, one hash per personal value,
/// `prev_hash` (the previous row's `hash`) and `hash`:
///
///     value hash = SHA-256(salt ‖ value as UTF-8)                 (NULL for a NULL value)
///     hash       = SHA-256(enc(prev_hash) ‖ enc(field)… ‖ enc(value hash)…)
///
/// where `enc` is a type byte (0 NULL, 1 integer, 2 real, 3 text, 4 blob) and the value: an
/// integer as 8 bytes big-endian, a real as its 8-byte IEEE pattern big-endian, text and blobs
/// as a 4-byte big-endian length and the bytes. The first row's `prev_hash` is the chain's
/// genesis, SHA-256 of "Casebook hash chain v1: " and the table's name.
///
/// Values enter only through their hashes, so erasure may blank a value (and the row's salt)
/// and the chain still verifies. The salt is random per row: without it the hash of a short
/// value (a date of birth, a name from a list) could be found by trying every candidate,
/// undoing the erasure.
///
/// This is format v1, frozen: every row ever chained is checked by it. A change is a new format
/// with its own genesis, never an edit here (`HashChainTests` holds rows to recorded hashes).
package struct HashChain: Sendable {
    /// A personal value and the column of its hash.
    struct Value: Sendable {
        let column: String
        let hashColumn: String
    }

    let table: String
    /// Columns hashed as stored, in this order.
    let fields: [String]
    /// Columns that enter the chain only through their salted hashes.
    let values: [Value]
    /// The `prev_hash` of the first row.
    package let genesis: ChainHash

    static let saltLength = 16

    init(table: String, fields: [String], values: [Value]) {
        self.table = table
        self.fields = fields
        self.values = values
        genesis = ChainHash(SHA256.hash(data: Array("Casebook hash chain v1: \(table)".utf8)))
    }

    /// One row's chain columns.
    struct Link {
        var salt: [UInt8]?
        var valueHashes: [ChainHash?]
        var previous: [UInt8]
        var hash: ChainHash

        /// The chain columns as bound, in the order of `HashChain.chainColumns`.
        var sqlValues: [SQLValue] {
            [salt.map(SQLValue.blob) ?? .null] + valueHashes.map { $0?.sqlValue ?? .null } + [
                .blob(previous), hash.sqlValue,
            ]
        }
    }

    /// The chain's own columns, in the order `Link.sqlValues` gives them.
    var chainColumns: [String] { ["value_salt"] + values.map(\.hashColumn) + ["prev_hash", "hash"] }

    /// Every column an append writes: fields, values, then the chain's.
    var insertColumns: [String] { fields + values.map(\.column) + chainColumns }

    /// The chain columns of a row of `fields` and `values` written after the row whose hash is
    /// `previous`, with a salt from `random` when any value is there.
    func link(
        fields: [SQLValue], values: [String?], previous: [UInt8], using random: inout some RandomNumberGenerator
    ) -> Link {
        precondition(fields.count == self.fields.count && values.count == self.values.count)
        var salt: [UInt8]?
        if values.contains(where: { $0 != nil }) {
            var bytes = [UInt8](repeating: 0, count: HashChain.saltLength)
            for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &random) }
            salt = bytes
        }
        let valueHashes = values.map { value in
            value.flatMap { text in salt.map { HashChain.valueHash(Array(text.utf8), salt: $0) } }
        }
        var encoding = HashEncoding()
        encoding.append(blob: previous)
        for field in fields { encoding.append(field) }
        for hash in valueHashes { encoding.append(hash.map { SQLValue.blob($0.bytes) } ?? .null) }
        return Link(salt: salt, valueHashes: valueHashes, previous: previous, hash: encoding.digest())
    }

    static func valueHash(_ value: [UInt8], salt: [UInt8]) -> ChainHash {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: value)
        return ChainHash(hasher.finalize())
    }

    /// The last row: its id and hash (nil when the table is empty).
    func head(on database: Database) throws -> ChainHead? {
        try database.queryFirst("SELECT id, hash FROM \(table) ORDER BY id DESC LIMIT 1") { row in
            (row.int64(0), row.blob(1))
        }.flatMap { id, bytes in bytes.flatMap(ChainHash.init(bytes:)).map { ChainHead(row: id, hash: $0) } }
    }

    /// The `hash` of the last row, or the genesis: what the next row chains to.
    private func previousForNextRow(on database: Database) throws -> [UInt8] {
        let last = try database.queryFirst("SELECT hash FROM \(table) ORDER BY id DESC LIMIT 1") { $0.blob(0) }
        return (last ?? nil) ?? genesis.bytes
    }

    /// Appends one row. Call inside a write transaction: Casebook's are BEGIN IMMEDIATE, so the
    /// last row read here is the last any process committed, and no other writer can come
    /// between it and this row.
    func append(fields: [SQLValue], values: [String?], on database: Database) throws {
        precondition(database.isInTransaction, "a chained row is written inside a write transaction")
        var random = SystemRandomNumberGenerator()
        let link = link(
            fields: fields, values: values, previous: try previousForNextRow(on: database), using: &random)
        let columns = insertColumns
        try database.execute(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
            values: fields + values.map { $0.map(SQLValue.text) ?? .null } + link.sqlValues)
    }

    /// Chains the rows written before the table had a chain (their `hash` is NULL), in id order,
    /// after the last chained row. A migration's Swift step: frozen with format v1.
    func chainUnchainedRows(on database: Database, using random: inout some RandomNumberGenerator) throws {
        precondition(database.isInTransaction, "rows are chained inside the migration's transaction")
        var previous =
            try database.queryFirst(
                "SELECT hash FROM \(table) WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"
            ) { $0.blob(0) }.flatMap { $0 } ?? genesis.bytes
        let selection = (["id"] + fields + values.map(\.column)).joined(separator: ", ")
        let update =
            "UPDATE \(table) SET " + chainColumns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?"
        var after = Int64.min
        // A batch at a time: rows are not updated while a statement still walks them.
        while true {
            let batch = try database.query(
                "SELECT \(selection) FROM \(table) WHERE id > ? AND hash IS NULL ORDER BY id LIMIT 5000", [after]
            ) { row in
                let fieldValues = (0..<fields.count).map { row.sqlValue(Int32($0 + 1)) }
                let valueTexts = (0..<values.count).map { row.optionalText(Int32(fields.count + 1 + $0)) }
                return (id: row.int64(0), fields: fieldValues, values: valueTexts)
            }
            guard let last = batch.last else { return }
            for row in batch {
                let link = link(fields: row.fields, values: row.values, previous: previous, using: &random)
                try database.execute(update, values: link.sqlValues + [.integer(row.id)])
                previous = link.hash.bytes
            }
            after = last.id
        }
    }
}

/// The bytes a row's hash is taken over (format v1, see `HashChain`), built from values as they
/// are bound or as SQLite hands them back.
struct HashEncoding {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    private mutating func appendLength(_ count: Int) {
        let length = UInt32(truncatingIfNeeded: count)
        bytes.append(UInt8(truncatingIfNeeded: length >> 24))
        bytes.append(UInt8(truncatingIfNeeded: length >> 16))
        bytes.append(UInt8(truncatingIfNeeded: length >> 8))
        bytes.append(UInt8(truncatingIfNeeded: length))
    }

    private mutating func append(word: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
        }
    }

    mutating func appendNull() { bytes.append(0) }

    mutating func append(integer: Int64) {
        bytes.append(1)
        append(word: UInt64(bitPattern: integer))
    }

    mutating func append(real: Double) {
        bytes.append(2)
        append(word: real.bitPattern)
    }

    mutating func append(text: UnsafeRawBufferPointer) {
        bytes.append(3)
        appendLength(text.count)
        bytes.append(contentsOf: text)
    }

    mutating func append(blob: UnsafeRawBufferPointer) {
        bytes.append(4)
        appendLength(blob.count)
        bytes.append(contentsOf: blob)
    }

    mutating func append(blob: [UInt8]) { blob.withUnsafeBytes { append(blob: $0) } }

    mutating func append(_ value: SQLValue) {
        switch value {
        case .null: appendNull()
        case .integer(let integer): append(integer: integer)
        case .real(let real): append(real: real)
        case .text(var text): text.withUTF8 { append(text: UnsafeRawBufferPointer($0)) }
        case .blob(let blob): append(blob: blob)
        }
    }

    /// Column `index` of `row`, by the storage class SQLite holds it in.
    mutating func append(_ row: Row, _ index: Int32) {
        switch row.storageClass(index) {
        case SQLITE_INTEGER: append(integer: row.int64(index))
        case SQLITE_FLOAT: append(real: row.double(index))
        case SQLITE_TEXT: append(text: row.bytes(index))
        case SQLITE_BLOB: append(blob: row.bytes(index))
        default: appendNull()
        }
    }

    func digest() -> ChainHash { ChainHash(SHA256.hash(data: bytes)) }

    /// True when SHA-256 of the bytes is `expected`.
    func digestEquals(_ expected: UnsafeRawBufferPointer) -> Bool {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { HashChain.same($0, expected) }
    }
}

extension Row {
    /// The column as the value SQLite holds (the chain's migration reads rows back as they are).
    func sqlValue(_ index: Int32) -> SQLValue {
        switch storageClass(index) {
        case SQLITE_INTEGER: .integer(int64(index))
        case SQLITE_FLOAT: .real(double(index))
        case SQLITE_TEXT: .text(text(index))
        case SQLITE_BLOB: .blob(blob(index) ?? [])
        default: .null
        }
    }
}
