import CSQLite

extension HashChain {
    /// Walks the chain in id order, checking every row's values against their hashes, its hash
    /// against its fields and the row before it, and stops at the first row that breaks: the
    /// report names it and says what happened to it. With `recordedHead` (a head recorded at a
    /// backup), the walk also says whether that row is still in the chain: rows cut from the
    /// end leave no other trace.
    ///
    /// Call inside a read (one snapshot): writers may go on appending meanwhile.
    func verify(on database: Database, recordedHead: ChainHash? = nil) throws -> ChainReport {
        let columns = ["id"] + fields + values.map(\.column) + chainColumns
        let firstValue = Int32(1 + fields.count)
        let saltColumn = firstValue + Int32(values.count)
        let firstValueHash = saltColumn + 1
        let previousColumn = firstValueHash + Int32(values.count)
        let hashColumn = previousColumn + 1

        var report = ChainReport()
        var expected = genesis.bytes
        var lastGood: Int64?
        var encoding = HashEncoding()
        var valueBytes: [UInt8] = []
        var failure: Failure?
        try database.forEachUntil("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY id") { row in
            let id = row.int64(0)
            report.rows += 1
            // Each value against its salted hash; a blanked value with its hash kept was erased.
            var valuesHold = true
            let salt = row.bytes(saltColumn)
            for offset in 0..<Int32(values.count) {
                let hash = row.bytes(firstValueHash + offset)
                if row.storageClass(firstValue + offset) == SQLITE_NULL {
                    if row.storageClass(firstValueHash + offset) != SQLITE_NULL { report.erasedValues += 1 }
                    continue
                }
                let value = row.bytes(firstValue + offset)
                guard salt.count == HashChain.saltLength, hash.count == 32 else {
                    valuesHold = false
                    continue
                }
                valueBytes.removeAll(keepingCapacity: true)
                valueBytes.append(contentsOf: value)
                if !HashChain.valueHash(valueBytes, salt: Array(salt)).bytes.elementsEqual(hash) { valuesHold = false }
            }
            // The row's hash over what it says came before it, its fields and its value hashes.
            let previous = row.bytes(previousColumn)
            let hash = row.bytes(hashColumn)
            encoding.reset()
            encoding.append(blob: previous)
            for offset in 0..<Int32(fields.count) { encoding.append(row, 1 + offset) }
            for offset in 0..<Int32(values.count) { encoding.append(row, firstValueHash + offset) }
            let isWhole = hash.count == 32 && encoding.digestEquals(hash)
            let follows = previous.elementsEqual(expected) && row.storageClass(previousColumn) == SQLITE_BLOB
            if valuesHold && isWhole && follows {
                expected.removeAll(keepingCapacity: true)
                expected.append(contentsOf: hash)
                if let recordedHead, recordedHead.bytes == expected { report.recordedHeadRow = id }
                lastGood = id
                return true
            }
            report.rows -= 1
            failure = Failure(
                id: id, previous: Array(previous), hash: Array(hash), isWhole: isWhole && valuesHold, follows: follows)
            return false
        }
        if let lastGood, let hash = ChainHash(bytes: expected) { report.head = ChainHead(row: lastGood, hash: hash) }
        if let failure {
            report.problem = try classify(failure, expected: expected, lastGood: lastGood, on: database)
        } else if let recordedHead, report.recordedHeadRow == nil {
            report.problem = .truncated(recorded: recordedHead, endsAt: lastGood)
        }
        return report
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
