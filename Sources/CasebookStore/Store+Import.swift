import CasebookCore
import CasebookL10n
import Crypto

/// A row of a spreadsheet read into a client: what the Store matches against the clients it
/// holds and imports.
package struct ImportCandidate: Sendable {
    /// The spreadsheet's row number (the header is row 1).
    package var row: Int
    package var client: Client
    /// False when the file gave no case number: the client's number is a stand-in, and the
    /// import gives the next free one.
    package var hasCaseNumber: Bool
    /// The client's id in the system the file comes from.
    package var externalID: String?

    package init(row: Int, client: Client, hasCaseNumber: Bool, externalID: String?) {
        self.row = row
        self.client = client
        self.hasCaseNumber = hasCaseNumber
        self.externalID = externalID
    }
}

/// The file an import reads, as its batch records it.
package struct ImportedFile: Sendable {
    /// The file's name without its folders (a folder can name a person; the hash pins the file).
    package var name: String
    package var sha256: String

    package init(name: String, bytes: [UInt8]) {
        self.name = String(name.split(separator: "/").last ?? Substring(name))
        sha256 = SHA256.hash(data: bytes).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}

/// An existing client (or an earlier row of the same file) that a new one may be: the same
/// date of birth and a similar name in any script (`NameKey.namesAreSimilar`).
package struct PossibleDuplicate: Hashable, Sendable, CustomStringConvertible {
    /// Nil for an earlier row of the file being imported.
    package var clientID: Client.ID?
    /// The earlier row of the file, when the duplicate is not yet in the database.
    package var row: Int?
    package var caseNumber: String
    package var familyName: String
    package var givenNames: String
    package var otherNames: String
    /// The office of a held client whom the person asking may not see: then nothing else of
    /// that client is told (no case number, no name), only that the office should be asked.
    package var otherOffice: String? = nil

    /// "2024-000123, Ibrahim, Yousef (يوسف إبراهيم)", or "row 12 of this file, …".
    package var description: String {
        if let otherOffice {
            return tr(
                "a client of {office} (an office you do not work in); ask its supervisor", ["office": otherOffice])
        }
        let name = Client.displayName(family: familyName, given: givenNames)
        let other = trimmed(otherNames)
        let named = other.isEmpty ? name : tr("{name} ({other})", ["name": name, "other": other])
        if let row { return tr("row {row} of this file, {name}", ["row": String(row), "name": named]) }
        return tr("{case}, {name}", ["case": caseNumber, "name": named])
    }
}

/// What a row of an import is against the clients already held.
package enum ImportMatch: Sendable {
    /// Imported as a new client.
    case new
    /// Already present: the same case number, or the same external id, as a client held (or an
    /// earlier row of the file); not imported again.
    case present(PresentBy)
    /// The same date of birth and a similar name as these: not imported unless the import
    /// accepts the row.
    case possibleDuplicate([PossibleDuplicate])
    /// A possible duplicate the import was told to accept (`--accept-duplicates`).
    case acceptedDuplicate([PossibleDuplicate])

    package enum PresentBy: Sendable, Equatable {
        case caseNumber(String)
        case externalID(String)
    }
}

/// The outcome of matching the valid rows of a file, before (dry run) or as they are imported.
package struct ImportPlan: Sendable {
    package var rows: [(candidate: ImportCandidate, match: ImportMatch)]
    /// Rows the file's reading refused (they never reach the Store).
    package var refused: Int

    package var created: Int {
        rows.count {
            if case .new = $0.match { true } else if case .acceptedDuplicate = $0.match { true } else { false }
        }
    }
    package var present: Int { rows.count { if case .present = $0.match { true } else { false } } }
    /// Possible duplicates left out (the accepted ones are counted as created).
    package var duplicates: Int { rows.count { if case .possibleDuplicate = $0.match { true } else { false } } }
}

/// A finished import: its batch and what it did.
package struct ImportBatch: Sendable, Hashable {
    package var id: Int64
    /// Clients, or the assessments or qualifications of clients held (`RecordKind`).
    package var kind: String
    package var fileName: String
    package var sha256: String
    package var importedAt: Instant
    package var importedBy: String
    package var created: Int
    package var present: Int
    package var duplicates: Int
    package var refused: Int
    package var undoneAt: Instant?
}

/// What `casebook import undo` did.
package struct ImportUndo: Sendable, Equatable {
    /// The batch's kind: `clients`, or a `RecordKind`'s raw value.
    package var kind: String = "clients"
    package var removed: Int
    /// Clients changed since the import (by anyone): kept, and listed by case number.
    package var kept: [String]
    /// Clients of the batch no longer in the file (removed otherwise).
    package var gone: Int
}

extension Store {
    /// The schema that holds import batches and external ids.
    package static let importSchema = 11

    /// Matches the rows against the clients held, changing nothing (the dry run). `accepting`
    /// holds the row numbers whose possible duplicates are imported all the same.
    package func planImport(
        _ candidates: [ImportCandidate], refused: Int, accepting: Set<Int> = [], office: Office.ID? = nil,
        actor: Staff.ID
    ) throws -> ImportPlan {
        try requireImportSchema()
        let office = try office ?? importOffice(code: nil, actor: actor).id
        try require(.importClients, by: actor, office: office)
        let visible = try openableOffices(actor)
        return try read { try match(candidates, refused: refused, accepting: accepting, visible: visible) }
    }

    /// The office an import's clients join: the one `code` names, else the only office where the
    /// person may import. Several and no code: the message names their codes to choose from.
    package func importOffice(code: String?, actor: Staff.ID) throws -> Office {
        try chosenOffice(code: code, for: .importClients, actor: actor) { codes in
            tr(
                "You may import for several offices; choose the one the clients join with --office CODE ({codes}).",
                ["codes": codes])
        }
    }

    /// Imports the rows that match no client held, in one transaction, as one batch with its
    /// file, who, when and the counts, in the audit (and one audit row per client it creates). Rows already present are left as they are;
    /// possible duplicates are left out unless `accepting` names their row. Clients without a
    /// case number get the next free ones of this year. Matching runs again inside the
    /// transaction, so a colleague's save since the dry run is seen.
    package func importClients(
        _ candidates: [ImportCandidate], refused: Int, accepting: Set<Int> = [], file: ImportedFile,
        office: Office.ID? = nil, actor: Staff.ID
    ) throws -> (plan: ImportPlan, batch: ImportBatch) {
        try requireImportSchema()
        return try write {
            // The batch joins one office: the one named, else the only one where the person imports.
            let office = try office ?? importOffice(code: nil, actor: actor).id
            try require(.importClients, by: actor, office: office)
            let plan = try match(candidates, refused: refused, accepting: accepting, visible: openableOffices(actor))
            let now = clock.now
            let batchID = try openBatch(
                kind: "clients", file: file, at: now, actor: actor,
                counts: (plan.created, plan.present, plan.duplicates, plan.refused))
            var numbers = try CaseNumberAllocator(
                store: self, year: clock.today.year,
                taken: plan.rows.compactMap {
                    $0.candidate.hasCaseNumber ? $0.candidate.client.caseNumber : nil
                })
            for (candidate, match) in plan.rows {
                switch match {
                case .new, .acceptedDuplicate: break
                case .present, .possibleDuplicate: continue
                }
                var client = candidate.client
                if !candidate.hasCaseNumber { client.caseNumber = try numbers.next() }
                let id = try insert(client, office: office, actor: actor, now: now, phaseSince: clock.today)
                try insertPhaseSteps(
                    clientID: id, [PhaseStep(from: nil, to: .referred, on: clock.today)], now: now, actor: actor)
                if let external = candidate.externalID {
                    try database.execute("UPDATE clients SET external_id = ? WHERE id = ?", [external, id])
                }
                try addToBatch(batchID, .client, id)
                // One audit row per client, naming the batch: the values are the file's, which
                // the batch pins by its SHA-256, and a row per field made a 10,000-row import
                // write 120,000 chained rows.
                try audit(
                    .client, id: id, clientID: id, field: .record, old: nil,
                    new: AuditValue.importedRow(batch: batchID, row: candidate.row).stored, actor: actor,
                    refreshesFacts: false)
            }
            try database.execute(Store.batchFactsSQL, [batchID])
            try audit(
                .importBatch, id: batchID, clientID: nil, field: .import, old: nil,
                new: AuditValue.clientImport(
                    file: file.name, sha256: file.sha256, created: plan.created, present: plan.present,
                    duplicates: plan.duplicates, refused: plan.refused
                ).stored, actor: actor)
            return (plan, try closeBatch(batchID))
        }
    }

    /// Removes what the batch created, except clients changed since: a client with an audit row
    /// after the batch's (an edit, a phase, a note, an assessment, by anyone) is kept and listed.
    /// Each removal is audited; an undone batch cannot be undone again.
    package func undoImport(batch id: Int64, actor: Staff.ID) throws -> ImportUndo {
        try requireImportSchema()
        try require(.importClients, by: actor)
        return try write {
            // A batch of an office the person may not import into is, to them, no batch at all.
            guard let batch = try importBatch(id), try maySee(batch: id, viewer: actor) else {
                throw StoreError.invalidInput(
                    tr("There is no import batch {id}; `casebook import list` shows the batches.", ["id": String(id)]))
            }
            if let undone = batch.undoneAt {
                throw StoreError.invalidInput(
                    tr(
                        "Import batch {id} was undone already on {day}; nothing was changed.",
                        ["id": String(id), "day": undone.utcDay.iso]))
            }
            let auditUntil =
                try database.scalar("SELECT audit_until FROM import_batches WHERE id = ?", [id]) ?? 0
            var result = ImportUndo(kind: batch.kind, removed: 0, kept: [], gone: 0)
            // The records first: a batch of clients holds none, and one of records no clients.
            for entity in [BatchEntity.assessment, .qualification, .client] {
                try undo(entity, of: id, auditUntil: auditUntil, actor: actor, into: &result)
            }
            let now = clock.now
            try database.execute(
                "UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?", [now.iso, actor, id])
            try audit(
                .importBatch, id: id, clientID: nil, field: .undo, old: nil,
                new: AuditValue.undo(removed: result.removed, kept: result.kept.count, gone: result.gone).stored,
                actor: actor)
            return result
        }
    }

    /// The import batches `viewer` may see, newest first. A batch belongs to the offices its
    /// records are in now (its clients, or the clients of its assessments and qualifications),
    /// and is listed only to someone who may import into every one of them: a batch of several
    /// offices (a record import across them, or a client transferred since) is shown whole or
    /// not at all, since its file name and counts are the batch's, not an office's. A batch with
    /// nothing of its own left (undone) names no office: its importer sees it, and so does
    /// whoever may import into every office of the file.
    package func importBatches(limit: Int = 100, by viewer: Staff.ID) throws -> [ImportBatch] {
        try requireImportSchema()
        try require(.importClients, by: viewer)
        return try read {
            let batches = try database.query("\(Store.batchSelection) ORDER BY b.id DESC", [], Store.importBatch)
            var shown: [ImportBatch] = []
            for batch in batches where shown.count < limit {
                if try maySee(batch: batch.id, viewer: viewer) { shown.append(batch) }
            }
            return shown
        }
    }

    /// Clients held with the same date of birth as `client` and a similar name in any script:
    /// what the new-client form says before saving. Every office's clients are looked at, since a
    /// person registered twice is a problem wherever the first record is; a match in an office the
    /// viewer does not work in is told by its office only (`PossibleDuplicate.otherOffice`).
    package func possibleDuplicates(of client: Client, viewer: Staff.ID) throws -> [PossibleDuplicate] {
        guard schemaVersion >= Store.importSchema else { return [] }
        let visible = try openableOffices(viewer)
        return try read { try heldDuplicates(of: client, visible: visible) }
    }

    // MARK: Parts

    /// What an import batch writes: a client, or an assessment or qualification of a client held
    /// (`import_batch_records.entity`).
    enum BatchEntity: String {
        case client, assessment, qualification

        var table: String {
            switch self {
            case .client: "clients"
            case .assessment: "language_assessments"
            case .qualification: "qualifications"
            }
        }

        /// The record's client and its case number.
        var ownerSQL: String {
            switch self {
            case .client: "SELECT id, case_number FROM clients WHERE id = ?"
            default:
                "SELECT t.client_id, c.case_number FROM \(table) t JOIN clients c ON c.id = t.client_id WHERE t.id = ?"
            }
        }

        /// An audit row after the batch's: a client changed (an edit, a phase, a note, an
        /// assessment, by anyone), or the record itself stepped on since.
        var audit: AuditEntity {
            switch self {
            case .client: .client
            case .assessment: .assessment
            case .qualification: .qualification
            }
        }

        var changedSQL: String {
            switch self {
            case .client: "SELECT 1 FROM audit WHERE client_id = ? AND id > ? LIMIT 1"
            case .assessment, .qualification:
                "SELECT 1 FROM audit WHERE entity = ? AND entity_id = ? AND id > ? LIMIT 1"
            }
        }
    }

    /// Writes the batch's row with its file, who, when and counts; the batch is closed by
    /// `closeBatch` once its records and its audit line are written.
    func openBatch(
        kind: String, file: ImportedFile, at now: Instant, actor: Staff.ID,
        counts: (created: Int, present: Int, duplicates: Int, refused: Int)
    ) throws -> Int64 {
        try database.execute(
            """
            INSERT INTO import_batches (kind, file_name, file_sha256, imported_at, imported_by, created, present,
                duplicates, refused, audit_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            """,
            [
                kind, file.name, file.sha256, now.iso, actor, counts.created, counts.present, counts.duplicates,
                counts.refused,
            ])
        return database.lastInsertRowID
    }

    /// Records that the batch wrote this record, for `import undo`.
    func addToBatch(_ batch: Int64, _ entity: BatchEntity, _ id: Int64) throws {
        try database.execute(
            "INSERT INTO import_batch_records (batch_id, entity, record_id) VALUES (?, ?, ?)",
            [batch, entity.rawValue, id])
    }

    /// Marks where the batch's audit ends (what comes after is a change since the import) and
    /// reads the batch back.
    func closeBatch(_ batch: Int64) throws -> ImportBatch {
        try database.execute(
            "UPDATE import_batches SET audit_until = (SELECT max(id) FROM audit) WHERE id = ?", [batch])
        guard let read = try importBatch(batch) else { throw StoreError.notFound("import batch") }
        return read
    }

    /// Removes the records of one entity a batch wrote, except those changed since (an audit row
    /// after the batch's): kept, and listed by their client's case number.
    private func undo(
        _ entity: BatchEntity, of batch: Int64, auditUntil: Int64, actor: Staff.ID, into result: inout ImportUndo
    ) throws {
        let ids = try database.query(
            "SELECT record_id FROM import_batch_records WHERE batch_id = ? AND entity = ? ORDER BY record_id",
            [batch, entity.rawValue]
        ) { $0.int64(0) }
        for id in ids {
            guard
                let owner = try database.queryFirst(
                    entity.ownerSQL, [id], { (client: $0.int64(0), caseNumber: $0.text(1)) })
            else {
                result.gone += 1
                continue
            }
            let changedSince: [any SQLBindable] =
                entity == .client ? [id, auditUntil] : [entity.audit.rawValue, id, auditUntil]
            if try database.scalar(entity.changedSQL, changedSince) != nil {
                if !result.kept.contains(owner.caseNumber) { result.kept.append(owner.caseNumber) }
                continue
            }
            let caseNumber = owner.caseNumber
            // A removed client's audit row names its case number; a removed record's, its batch.
            if entity == .client {
                try audit(.client, id: id, clientID: nil, field: .removed, old: caseNumber, new: nil, actor: actor)
            } else {
                try audit(
                    entity.audit, id: id, clientID: owner.client, field: .removed, old: AuditValue.importBatch(batch).stored,
                    new: nil,
                    actor: actor)
            }
            try database.execute("DELETE FROM \(entity.table) WHERE id = ?", [id])
            result.removed += 1
        }
    }

    /// Whether `viewer` may see batch `id` (`importBatches(limit:by:)` says who may).
    private func maySee(batch id: Int64, viewer: Staff.ID) throws -> Bool {
        let importing = Set(try actor(viewer).offices(for: .importClients, policy: policy).whole)
        let offices = try database.query(
            """
            SELECT DISTINCT c.office_id FROM import_batch_records r
                JOIN clients c ON c.id = CASE r.entity WHEN 'client' THEN r.record_id
                    WHEN 'assessment' THEN (SELECT client_id FROM language_assessments WHERE id = r.record_id)
                    ELSE (SELECT client_id FROM qualifications WHERE id = r.record_id) END
            WHERE r.batch_id = ?
            """, [id]
        ) { $0.int64(0) }
        if !offices.isEmpty { return importing.isSuperset(of: offices) }
        if try database.scalar("SELECT imported_by FROM import_batches WHERE id = ?", [id]) == viewer { return true }
        return importing.isSuperset(of: try database.query("SELECT id FROM offices") { $0.int64(0) })
    }

    func requireImportSchema() throws {
        if schemaVersion < Store.importSchema {
            throw StoreError.invalidInput(
                tr(
                    "This database predates imports; run `casebook init` once to bring it up to date, then import again."
                ))
        }
    }

    /// The facts of every client a batch created, in one statement.
    private static let batchFactsSQL = ClientFacts.refreshSQL(
        scope: "c.id IN (SELECT record_id FROM import_batch_records WHERE batch_id = ? AND entity = 'client')")

    private static let batchSelection = """
        SELECT b.id, b.file_name, b.file_sha256, b.imported_at,
            coalesce((SELECT username FROM staff s WHERE s.id = b.imported_by), '#' || b.imported_by),
            b.created, b.present, b.duplicates, b.refused, b.undone_at, b.kind
        FROM import_batches b
        """

    private static func importBatch(_ row: Row) throws -> ImportBatch {
        guard let at = Instant(iso: row.text(3)) else {
            throw StoreError.corrupt("an import batch's time is malformed")
        }
        return ImportBatch(
            id: row.int64(0), kind: row.text(10), fileName: row.text(1), sha256: row.text(2), importedAt: at,
            importedBy: row.text(4),
            created: row.int(5), present: row.int(6), duplicates: row.int(7), refused: row.int(8),
            undoneAt: row.optionalText(9).flatMap { Instant(iso: $0) })
    }

    func importBatch(_ id: Int64) throws -> ImportBatch? {
        try database.queryFirst("\(Store.batchSelection) WHERE b.id = ?", [id], Store.importBatch)
    }

    /// The offices whose records the person may open: a duplicate elsewhere is told by its office.
    private func openableOffices(_ viewer: Staff.ID) throws -> Set<Office.ID> {
        Set(try actor(viewer).offices(for: .openRecord, policy: policy).whole)
    }

    private func match(
        _ candidates: [ImportCandidate], refused: Int, accepting: Set<Int>, visible: Set<Office.ID>
    ) throws -> ImportPlan {
        var rows: [(candidate: ImportCandidate, match: ImportMatch)] = []
        rows.reserveCapacity(candidates.count)
        var caseNumbers: Set<String> = []
        var externalIDs: Set<String> = []
        // The rows imported so far by date of birth: a file can hold a person twice.
        var earlier: [Day: [ImportCandidate]] = [:]
        for candidate in candidates {
            let client = candidate.client
            let match: ImportMatch
            let number = client.caseNumber.text
            if candidate.hasCaseNumber, try caseNumbers.contains(number) || isHeld("case_number", number) {
                match = .present(.caseNumber(number))
            } else if let external = candidate.externalID,
                try externalIDs.contains(external) || isHeld("external_id", external)
            {
                match = .present(.externalID(external))
            } else {
                let held = try heldDuplicates(of: client, visible: visible)
                let inFile = (earlier[client.dateOfBirth] ?? []).filter { other in
                    Store.similar(client, other.client.familyName, other.client.givenNames, other.client.otherNames)
                }.map {
                    PossibleDuplicate(
                        clientID: nil, row: $0.row, caseNumber: $0.hasCaseNumber ? $0.client.caseNumber.text : "",
                        familyName: $0.client.familyName, givenNames: $0.client.givenNames,
                        otherNames: $0.client.otherNames)
                }
                let duplicates = held + inFile
                if duplicates.isEmpty {
                    match = .new
                } else {
                    match =
                        accepting.contains(candidate.row)
                        ? .acceptedDuplicate(duplicates) : .possibleDuplicate(duplicates)
                }
            }
            switch match {
            case .new, .acceptedDuplicate:
                if candidate.hasCaseNumber { caseNumbers.insert(client.caseNumber.text) }
                if let external = candidate.externalID { externalIDs.insert(external) }
                earlier[client.dateOfBirth, default: []].append(candidate)
            case .present, .possibleDuplicate:
                break
            }
            rows.append((candidate, match))
        }
        return ImportPlan(rows: rows, refused: refused)
    }

    /// Whether a client holds `value` in `column` (an indexed, unique-ish column).
    private func isHeld(_ column: String, _ value: String) throws -> Bool {
        try database.scalar("SELECT 1 FROM clients WHERE \(column) = ? LIMIT 1", [value]) != nil
    }

    /// Clients held with the client's date of birth and a similar name (through `clients_by_birth`:
    /// a handful of rows even at 100,000 clients). One in an office outside `visible` is told by
    /// its office only: no case number, no name, nothing to open. Call inside `read` or `write`.
    func heldDuplicates(of client: Client, visible: Set<Office.ID>) throws -> [PossibleDuplicate] {
        try database.query(
            """
            SELECT c.id, c.case_number, c.family_name, c.given_names, c.other_names, c.office_id, o.name
            FROM clients c JOIN offices o ON o.id = c.office_id WHERE c.date_of_birth = ? AND c.id <> ?
            """,
            [client.dateOfBirth, client.id]
        ) { row in
            (
                PossibleDuplicate(
                    clientID: row.int64(0), row: nil, caseNumber: row.text(1), familyName: row.text(2),
                    givenNames: row.text(3), otherNames: row.text(4)), office: row.int64(5), officeName: row.text(6)
            )
        }.filter { Store.similar(client, $0.0.familyName, $0.0.givenNames, $0.0.otherNames) }.map { held in
            guard !visible.contains(held.office) else { return held.0 }
            return PossibleDuplicate(
                clientID: nil, row: nil, caseNumber: "", familyName: "", givenNames: "", otherNames: "",
                otherOffice: held.officeName)
        }
    }

    /// The duplicate rule, with the new client's other names (another spelling) tried too.
    static func similar(_ client: Client, _ family: String, _ given: String, _ other: String) -> Bool {
        NameKey.namesAreSimilar(
            family: client.familyName, given: client.givenNames, to: family, given, otherNames: other)
            || (!trimmed(client.otherNames).isEmpty
                && NameKey.namesAreSimilar(
                    family: client.otherNames, given: "", to: family, given, otherNames: other))
    }
}

/// The next free case numbers of a year, past those the database and the file already use.
private struct CaseNumberAllocator {
    private var candidate: CaseNumber?
    private let taken: Set<CaseNumber>

    init(store: Store, year: Int, taken: [CaseNumber]) throws {
        candidate = try store.nextCaseNumber(year: year)
        self.taken = Set(taken)
    }

    mutating func next() throws -> CaseNumber {
        while let number = candidate {
            candidate = CaseNumber(year: number.year, sequence: number.sequence + 1)
            if !taken.contains(number) { return number }
        }
        throw StoreError.invalidInput(
            tr("This year's case numbers are used up; give the rows case numbers of their own and import again."))
    }
}
