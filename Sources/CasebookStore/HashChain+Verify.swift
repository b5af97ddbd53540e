import CSQLite
import Crypto
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

extension HashChain {
    /// Walks the chain in id order, checking every row's values against their hashes, its hash
    /// against its fields and the row before it, and stops at the first row that breaks: the
    /// report names it and says what happened to it. With `recordedHead` (a head recorded at a
    /// backup), the walk also says whether that row is still in the chain: rows cut from the
    /// end leave no other trace.
    ///
    /// Call inside a read (one snapshot): writers may go on appending meanwhile. A long log is
    /// walked in two halves at once, the second on a connection of its own (rows up to the
    /// snapshot's last; rows are only ever appended, so both see the same ones).
    func verify(on database: Database, recordedHead: ChainHash? = nil, halvesFrom: Int64 = 200_000) throws
        -> ChainReport
    {
        let bounds = try database.queryFirst("SELECT min(id), max(id), count(*) FROM \(table)") {
            (first: $0.int64(0), last: $0.int64(1), count: $0.int64(2))
        }
        var walks: [Walk] = []
        if let bounds, bounds.count >= max(2, halvesFrom),
            let middle = try database.scalar(
                "SELECT id FROM \(table) WHERE id >= ? ORDER BY id LIMIT 1", [bounds.first / 2 + bounds.last / 2])
        {
            let second = SecondHalf()
            let done = DispatchSemaphore(value: 0)
            let path = database.path
            DispatchQueue.global().async { [self] in
                defer { done.signal() }
                do {
                    let other = try Database(path: path, mode: .readOnly)
                    second.walk = try other.read {
                        let before = try other.queryFirst(
                            "SELECT hash FROM \(table) WHERE id < ? ORDER BY id DESC LIMIT 1", [middle]
                        ) { $0.blob(0) }
                        return try walk(
                            on: other, from: middle, through: bounds.last, after: (before ?? nil) ?? genesis.bytes,
                            recordedHead: recordedHead)
                    }
                } catch { second.error = error }
            }
            let first = try walk(
                on: database, from: bounds.first, through: middle - 1, after: genesis.bytes, recordedHead: recordedHead)
            done.wait()
            if let error = second.error { throw error }
            walks = [first] + (first.failure == nil ? second.walk.map { [$0] } ?? [] : [])
        } else {
            walks = [
                try walk(on: database, from: .min, through: .max, after: genesis.bytes, recordedHead: recordedHead)
            ]
        }
        var report = ChainReport()
        for walk in walks {
            report.rows += walk.rows
            report.erasedValues += walk.erasedValues
            report.recordedHeadRow = report.recordedHeadRow ?? walk.recordedHeadRow
        }
        let last = walks.last { $0.lastGood != nil }
        if let last, let row = last.lastGood, let hash = ChainHash(bytes: last.expected) {
            report.head = ChainHead(row: row, hash: hash)
        }
        if let broken = walks.first(where: { $0.failure != nil }), let failure = broken.failure {
            report.problem = try classify(
                failure, expected: broken.expected, lastGood: broken.lastGood ?? last?.lastGood, on: database)
        } else if let recordedHead, report.recordedHeadRow == nil {
            report.problem = .truncated(recorded: recordedHead, endsAt: report.head?.row)
        }
        return report
    }

    /// The second half's walk, handed back from its thread.
    private final class SecondHalf: @unchecked Sendable {
        var walk: Walk?
        var error: Error?
    }

    /// One stretch of the chain walked: the rows from `from` through `through`, the first of
    /// which must follow the row whose hash is `after`.
    private struct Walk {
        var rows = 0
        var erasedValues = 0
        /// The hash of the last row that checked out (or `after`).
        var expected: [UInt8]
        var lastGood: Int64?
        var failure: Failure?
        var recordedHeadRow: Int64?
    }

    private func walk(
        on database: Database, from first: Int64, through last: Int64, after previousHash: [UInt8],
        recordedHead: ChainHash?
    ) throws -> Walk {
        let columns = ["id"] + fields + values.map(\.column) + chainColumns
        let firstValue = Int32(1 + fields.count)
        let saltColumn = firstValue + Int32(values.count)
        let firstValueHash = saltColumn + 1
        let previousColumn = firstValueHash + Int32(values.count)
        let hashColumn = previousColumn + 1

        var walk = Walk(expected: previousHash)
        var encoding = HashEncoding()
        try database.forEachUntil(
            "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE id BETWEEN ? AND ? ORDER BY id",
            [first, last]
        ) { row in
            let id = row.int64(0)
            // Each value against its salted hash; a blanked value with its hash kept was erased.
            var valuesHold = true
            let salt = row.bytes(saltColumn)
            for offset in 0..<Int32(values.count) {
                if row.storageClass(firstValue + offset) == SQLITE_NULL {
                    if row.storageClass(firstValueHash + offset) != SQLITE_NULL { walk.erasedValues += 1 }
                    continue
                }
                let value = row.bytes(firstValue + offset)
                let hash = row.bytes(firstValueHash + offset)
                if salt.count != HashChain.saltLength || !HashChain.valueHash(value, salt: salt, equals: hash) {
                    valuesHold = false
                }
            }
            // The row's hash over what it says came before it, its fields and its value hashes.
            let previous = row.bytes(previousColumn)
            let hash = row.bytes(hashColumn)
            encoding.reset()
            encoding.append(blob: previous)
            for offset in 0..<Int32(fields.count) { encoding.append(row, 1 + offset) }
            for offset in 0..<Int32(values.count) { encoding.append(row, firstValueHash + offset) }
            let isWhole = hash.count == 32 && encoding.digestEquals(hash)
            let follows = row.storageClass(previousColumn) == SQLITE_BLOB && HashChain.same(previous, walk.expected)
            if valuesHold && isWhole && follows {
                walk.expected.removeAll(keepingCapacity: true)
                walk.expected.append(contentsOf: hash)
                if let recordedHead, recordedHead.bytes == walk.expected { walk.recordedHeadRow = id }
                walk.rows += 1
                walk.lastGood = id
                return true
            }
            walk.failure = Failure(
                id: id, previous: Array(previous), hash: Array(hash), isWhole: isWhole && valuesHold, follows: follows)
            return false
        }
        return walk
    }

    /// The first row that did not check out.
    private struct Failure {
        let id: Int64
        let previous: [UInt8]
        let hash: [UInt8]
        /// Its values, fields and stored `prev_hash` give its stored hash.
        let isWhole: Bool
        /// Its `prev_hash` is the hash of the row before it in id order.
        let follows: Bool
    }

    /// What happened at the row that broke the walk, from the rows around it.
    private func classify(_ failure: Failure, expected: [UInt8], lastGood: Int64?, on database: Database) throws
        -> ChainProblem
    {
        // A row the chain runs past: the next row follows the row before this one.
        let next =
            try database.queryFirst("SELECT prev_hash FROM \(table) WHERE id > ? ORDER BY id LIMIT 1", [failure.id]) {
                $0.blob(0)
            } ?? nil
        let isSkipped = next.map { $0 == expected && $0 != failure.hash } ?? false
        if failure.follows || !failure.isWhole {
            return isSkipped ? .inserted(row: failure.id) : .changed(row: failure.id)
        }
        // A whole row that does not follow the row before it: where does it belong?
        if failure.previous == genesis.bytes {
            let first = try database.scalar("SELECT min(id) FROM \(table)") ?? failure.id
            return .inserted(row: first)
        }
        let written = try database.scalar(
            "SELECT id FROM \(table) WHERE hash = ? ORDER BY id LIMIT 1", [SQLValue.blob(failure.previous)])
        switch written {
        case let after? where after > failure.id:
            return .reordered(row: failure.id, belongsAfter: after)
        case let after?:
            // The rows between the one it was written after and this one are not in the chain.
            let first = try database.scalar("SELECT min(id) FROM \(table) WHERE id > ?", [after]) ?? failure.id
            return .inserted(row: first)
        case nil:
            return .removed(after: lastGood, before: failure.id)
        }
    }
}

extension HashChain {
    /// True when SHA-256(salt ‖ value) is `expected`, hashed where SQLite holds the bytes.
    static func valueHash(
        _ value: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, equals expected: UnsafeRawBufferPointer
    )
        -> Bool
    {
        var hasher = SHA256()
        hasher.update(bufferPointer: salt)
        hasher.update(bufferPointer: value)
        return hasher.finalize().withUnsafeBytes { same($0, expected) }
    }

    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return a.count == 0 }
        return memcmp(left, right, a.count) == 0
    }

    static func same(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool { b.withUnsafeBytes { same(a, $0) } }
}

extension Database {
    /// Visits rows until `visit` returns false.
    func forEachUntil(_ sql: String, _ arguments: [any SQLBindable] = [], _ visit: (Row) throws -> Bool) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        let row = Row(handle: statement.handle)
        while try statement.step() { if try !visit(row) { break } }
    }
}
