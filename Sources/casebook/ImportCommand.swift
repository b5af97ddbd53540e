import ArgumentParser
import CasebookConfig
import CasebookCore
import CasebookISOCodes
import CasebookImport
import CasebookL10n
import CasebookStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr("Bring a caseload in from a spreadsheet, with a dry run first; undo an import."),
        subcommands: [Clients.self, Assessments.self, Qualifications.self, Undo.self, List.self])

    struct Clients: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Import clients from a CSV or tab-separated file (supervisors and admins)."),
            discussion: tr(
                "Columns are recognised by their headers in English, Norwegian, German, French and Dutch; --mapping names the others. A row matches a client already held by its case number, else by its external id, and is not imported twice; a row with the date of birth and a similar name of a client held is a possible duplicate and is left out unless --accept-duplicates names its row. Refused rows are written with their reasons to FILE.refused.csv (in the file's own format) to correct and import again. --dry-run changes nothing."
            ))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The spreadsheet, saved as CSV or tab-separated text."), valueName: "file"))
        var file: String

        @Flag(help: ArgumentHelp(tr("Check the file and show what would be imported; change nothing.")))
        var dryRun = false

        @Option(
            help: ArgumentHelp(tr("A TOML file that maps columns, values and date orders."), valueName: "file.toml"))
        var mapping: String?

        @Option(
            help: ArgumentHelp(
                tr(
                    "Import these rows although they may be duplicates: row numbers as the dry run lists them, e.g. 14,27."
                ),
                valueName: "rows"))
        var acceptDuplicates: [String] = []

        @Option(
            help: ArgumentHelp(
                tr("The office the clients join (its code); needed when you import for several offices."),
                valueName: "code"))
        var office: String?

        func validate() throws {
            if trimmed(file).isEmpty { throw ValidationError(tr("The import needs the path of a file.")) }
            try checkArgument(file, tr("The file's path"))
            if let mapping { try checkArgument(mapping, tr("The mapping file's path")) }
            if let office { try checkArgument(office, tr("The office's code")) }
            _ = try acceptedRows()
        }

        /// The row numbers of `--accept-duplicates`, which may be repeated or comma-separated.
        func acceptedRows() throws -> Set<Int> {
            var rows: Set<Int> = []
            for part in acceptDuplicates.flatMap({ $0.split(separator: ",") }) {
                guard let row = Int(trimmed(String(part))), row > 1 else {
                    throw ValidationError(
                        tr(
                            "--accept-duplicates takes the row numbers the dry run lists, e.g. --accept-duplicates 14,27."
                        ))
                }
                rows.insert(row)
            }
            return rows
        }

        func run() throws {
            let input = try ImportInput(file: file, mapping: mapping, recordColumns: nil)
            // A dry run opens the file read-only, so that not even a migration changes it.
            let store = try database.open(dryRun ? .readOnly : .readWrite, for: .importClients)
            let me = try CommandID.importClients.actingStaff(in: store)
            let office = try store.importOffice(code: office, actor: me.id)
            let started = Environment.monotonicSeconds()
            let table = try input.read { try ClientImport(bytes: $0, mapping: $1, catalogue: $2) }
            let today = store.clock.today
            let rows = table.rows(today: today)
            let (candidates, refused) = ImportInput.valid(rows) { row, client in
                ImportCandidate(
                    row: row.row, client: client, hasCaseNumber: row.hasCaseNumber, externalID: row.externalID)
            }
            for line in table.mappingLines(today: today) { print(line) }
            print(tr("The clients join {office} ({code}).", ["office": office.name, "code": office.code]))
            let accepted = try acceptedRows()
            let plan: ImportPlan
            var batch: ImportBatch?
            if dryRun {
                plan = try store.planImport(
                    candidates, refused: refused, accepting: accepted, office: office.id, actor: me.id)
            } else {
                let imported = try store.importClients(
                    candidates, refused: refused, accepting: accepted,
                    file: ImportedFile(name: file, bytes: input.bytes),
                    office: office.id, actor: me.id)
                plan = imported.plan
                batch = imported.batch
            }
            let elapsed = Environment.monotonicSeconds() - started
            print(
                tr(
                    "Rows: {new} new, {present} already present, {duplicates} possible duplicates, {refused} refused.",
                    [
                        "new": String(plan.created), "present": String(plan.present),
                        "duplicates": String(plan.duplicates), "refused": String(plan.refused),
                    ]))
            ImportCommand.printDuplicates(plan)
            if refused > 0 {
                try ImportCommand.reportRefused(
                    rows.flatMap(\.issues), file: file, refusedRows: table.refusedRowsFile(rows))
            }
            ImportCommand.reportOutcome(batch: batch?.id, elapsed: elapsed)
        }
    }

    struct Assessments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Import language assessments of clients held, from a CSV or tab-separated file."),
            discussion: tr(
                "Columns: the client (case number or external id), date, skill (or all), level, instrument, provider, and optionally certified; headers in English, Norwegian, German, French or Dutch, --mapping names the others. An assessment the client holds already (the same day and skill) is not imported twice. Refused rows are written with their reasons to FILE.refused.csv. --dry-run changes nothing."
            ))

        @OptionGroup var options: RecordImportOptions

        func validate() throws { try options.validate() }
        func run() throws { try options.run(.assessments, as: .importAssessments) }
    }

    struct Qualifications: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Import foreign qualifications of clients held, from a CSV or tab-separated file."),
            discussion: tr(
                "Columns: the client (case number or external id), title, country, level (ISCED 0-8), year, and optionally field, institution, documents, regulated and identified; headers in English, Norwegian, German, French or Dutch, --mapping names the others. A qualification the client holds already (the same title and country) is not imported twice. Refused rows are written with their reasons to FILE.refused.csv. --dry-run changes nothing."
            ))

        @OptionGroup var options: RecordImportOptions

        func validate() throws { try options.validate() }
        func run() throws { try options.run(.qualifications, as: .importQualifications) }
    }

    /// How many problems the command prints; the refused-rows file holds all of them.
    static let shownProblems = 20

    /// `clients.csv` gives `clients.refused.csv`, `list.txt` gives `list.refused.txt`.
    /// Writes the refused rows with their reasons beside `file` and prints where, with the first
    /// problems: the same for every kind of import.
    static func reportRefused(_ issues: [RowIssue], file: String, refusedRows: [UInt8]) throws {
        let path = refusedPath(for: file)
        try Environment.writeUserFile(path, refusedRows, replace: true)
        print(
            tr(
                "The refused rows and their reasons are in {path}; correct them there and import that file.",
                ["path": Sanitized.inline(path, limit: 200)]))
        for issue in issues.prefix(shownProblems) { print("  " + Sanitized.inline(issue.description, limit: 300)) }
        if issues.count > shownProblems {
            print(
                "  " + tr("… and {count} more problems in that file.", ["count": String(issues.count - shownProblems)]))
        }
    }

    /// The last line of an import: the batch made, or that the dry run changed nothing.
    static func reportOutcome(batch: Int64?, elapsed: Double) {
        if let batch {
            print(
                tr(
                    "Imported as batch {id} in {time}; `casebook import undo {id}` removes what it created.",
                    ["id": String(batch), "time": formatSeconds(elapsed)]))
        } else {
            print(tr("Dry run in {time}: nothing was changed.", ["time": formatSeconds(elapsed)]))
        }
    }

    static func refusedPath(for file: String) -> String {
        let slash = file.lastIndex(of: "/")
        if let dot = file.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true, dot != file.startIndex,
            file[file.index(before: dot)] != "/"
        {
            return file[..<dot] + ".refused" + file[dot...]
        }
        return file + ".refused.csv"
    }

    static func printDuplicates(_ plan: ImportPlan) {
        var lines: [String] = []
        for (candidate, match) in plan.rows {
            switch match {
            case .possibleDuplicate(let others):
                lines.append(
                    tr(
                        "row {row}: possible duplicate of {others}; not imported",
                        ["row": String(candidate.row), "others": others.map(\.description).joined(separator: "; ")]))
            case .acceptedDuplicate(let others):
                lines.append(
                    tr(
                        "row {row}: possible duplicate of {others}; imported as you asked",
                        ["row": String(candidate.row), "others": others.map(\.description).joined(separator: "; ")]))
            case .new, .present:
                continue
            }
        }
        guard !lines.isEmpty else { return }
        if plan.duplicates > 0 {
            print(tr("Possible duplicates (--accept-duplicates ROW imports a row all the same):"))
        }
        for line in lines { print("  " + Sanitized.inline(line, limit: 400)) }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Remove what an import batch created, except clients changed since (supervisors and admins)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(
            help: ArgumentHelp(tr("The batch number the import printed (`casebook import list`)."), valueName: "batch"))
        var batch: Int64

        func run() throws {
            let store = try database.open(.readWrite, for: .importUndo)
            let me = try CommandID.importUndo.actingStaff(in: store)
            let undo = try store.undoImport(batch: batch, actor: me.id)
            switch undo.kind {
            case RecordKind.assessments.rawValue:
                print(
                    trn(
                        "Removed {count} assessment of batch {batch}.", "Removed {count} assessments of batch {batch}.",
                        undo.removed, ["batch": String(batch)]))
            case RecordKind.qualifications.rawValue:
                print(
                    trn(
                        "Removed {count} qualification of batch {batch}.",
                        "Removed {count} qualifications of batch {batch}.", undo.removed, ["batch": String(batch)]))
            default:
                print(
                    trn(
                        "Removed {count} client of batch {batch}.", "Removed {count} clients of batch {batch}.",
                        undo.removed, ["batch": String(batch)]))
            }
            if !undo.kept.isEmpty, undo.kind != "clients" {
                print(
                    trn(
                        "Kept the records of {count} client changed since the import:",
                        "Kept the records of {count} clients changed since the import:", undo.kept.count))
                for number in undo.kept { print("  " + number) }
            } else if !undo.kept.isEmpty {
                print(
                    trn(
                        "Kept {count} client changed since the import:",
                        "Kept {count} clients changed since the import:",
                        undo.kept.count))
                for number in undo.kept { print("  " + number) }
            }
            if undo.gone > 0 {
                print(
                    undo.kind == "clients"
                        ? trn("{count} client was removed before.", "{count} clients were removed before.", undo.gone)
                        : trn("{count} record was removed before.", "{count} records were removed before.", undo.gone))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the import batches, newest first (supervisors and admins)."))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readOnly, for: .importList)
            let me = try CommandID.importList.actingStaff(in: store)
            let batches = try store.importBatches(by: me.id)
            if batches.isEmpty {
                print(tr("No imports into your offices yet; `casebook import clients FILE --dry-run` checks a file."))
                return
            }
            let headings = [
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): its number, upper case.
                tr("BATCH"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): clients, assessments or qualifications, upper case.
                tr("KIND"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): when, upper case.
                tr("IMPORTED"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): who imported it, upper case.
                tr("BY"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): rows imported as new, upper case.
                tr("NEW"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): rows already held, upper case.
                tr("PRESENT"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): possible duplicates, upper case.
                tr("DUPLICATES"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): rows refused, upper case.
                tr("REFUSED"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`): the day it was undone, upper case.
                tr("UNDONE"),
                // TRANSLATORS: a column heading of a terminal table (`casebook import list`), upper case.
                tr("FILE"),
            ]
            let columns = TextColumns(headings, values: [5, 14, 20, 12, 4, 7, 10, 7, 10])
            print(columns.heading)
            for batch in batches {
                let undone = batch.undoneAt?.utcDay.iso ?? "—"
                print(
                    columns.line([
                        String(batch.id), batch.kind, batch.importedAt.iso,
                        Sanitized.inline(batch.importedBy, limit: 12),
                        String(batch.created), String(batch.present), String(batch.duplicates), String(batch.refused),
                        undone, Sanitized.inline(batch.fileName, limit: 60),
                    ]))
            }
        }
    }
}

/// What `casebook import assessments` and `casebook import qualifications` share: the file, the
/// mapping, the dry run, and the run itself through the client import's machinery.
struct RecordImportOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(tr("The spreadsheet, saved as CSV or tab-separated text."), valueName: "file"))
    var file: String

    @Flag(help: ArgumentHelp(tr("Check the file and show what would be imported; change nothing.")))
    var dryRun = false

    @Option(help: ArgumentHelp(tr("A TOML file that maps columns, values and date orders."), valueName: "file.toml"))
    var mapping: String?

    func validate() throws {
        if trimmed(file).isEmpty { throw ValidationError(tr("The import needs the path of a file.")) }
        try checkArgument(file, tr("The file's path"))
        if let mapping { try checkArgument(mapping, tr("The mapping file's path")) }
    }

    func run(_ kind: RecordKind, as command: CommandID) throws {
        let input = try ImportInput(
            file: file, mapping: mapping, recordColumns: RecordImport.Column.of(kind).map(\.rawValue))
        let store = try database.open(dryRun ? .readOnly : .readWrite, for: command)
        let me = try command.actingStaff(in: store)
        let started = Environment.monotonicSeconds()
        let table = try input.read { try RecordImport(kind: kind, bytes: $0, mapping: $1, catalogue: $2) }
        for line in table.mappingLines() { print(line) }
        if let missing = table.missingColumns.first {
            throw CommandError(
                tr(
                    "No column of {path} holds {column}; name one in a mapping file (--mapping) and import again.",
                    ["path": Sanitized.inline(file, limit: 200), "column": missing.rawValue]))
        }
        var rows = table.rows(today: store.clock.today)
        let (candidates, refusedByFile) = ImportInput.valid(rows) { row, draft in
            RecordCandidate(row: row.row, caseNumber: row.caseNumber, externalID: row.externalID, draft: draft)
        }
        let plan: RecordImportPlan
        var batch: ImportBatch?
        if dryRun {
            plan = try store.planRecordImport(candidates, kind: kind, refused: refusedByFile, actor: me.id)
        } else {
            let imported = try store.importRecords(
                candidates, kind: kind, refused: refusedByFile, file: ImportedFile(name: file, bytes: input.bytes),
                actor: me.id)
            plan = imported.plan
            batch = imported.batch
        }
        // The rows the Store refused join the file's, with the column named that held what was
        // refused: the one that named the client (its case number, else its external id), or the
        // procedure's, for a procedure not of the client's programme.
        var reasons: [Int: (reason: String, column: String?)] = [:]
        for (candidate, match) in plan.rows {
            if case .refused(let reason, let inProcedure) = match {
                let column: RecordImport.Column =
                    inProcedure ? .procedure : candidate.caseNumber == nil ? .externalID : .caseNumber
                reasons[candidate.row] = (reason, table.column(column)?.header)
            }
        }
        for index in rows.indices {
            guard let (reason, column) = reasons[rows[index].row] else { continue }
            rows[index].outcome = .failure(
                RowProblems(issues: [RowIssue(row: rows[index].row, column: column, field: nil, message: reason)]))
        }
        let elapsed = Environment.monotonicSeconds() - started
        print(
            tr(
                "Rows: {new} new, {present} already present, {refused} refused.",
                ["new": String(plan.created), "present": String(plan.present), "refused": String(plan.refused)]))
        if plan.refused > 0 {
            try ImportCommand.reportRefused(
                rows.flatMap(\.issues), file: file, refusedRows: table.refusedRowsFile(rows))
        }
        ImportCommand.reportOutcome(batch: batch?.id, elapsed: elapsed)
    }
}

/// The file and the mapping file of an import of any kind, read before the database is opened.
struct ImportInput {
    var bytes: [UInt8]
    var mapping: ImportMapping

    /// `recordColumns`: the column names of a file of records, which its mapping file may use;
    /// nil for clients, whose mapping names the form's fields.
    init(file: String, mapping path: String?, recordColumns: [String]?) throws {
        guard let bytes = try Environment.readUserBytes(file) else {
            throw CommandError(tr("Cannot read {path}; check the path.", ["path": Sanitized.inline(file, limit: 200)]))
        }
        self.bytes = bytes
        mapping = ImportMapping()
        if let path {
            guard let text = try Environment.readUserFile(path) else {
                throw CommandError(
                    tr("Cannot read {path}; check the path.", ["path": Sanitized.inline(path, limit: 200)]))
            }
            do { mapping = try ImportMapping(path: path, text: text, recordColumns: recordColumns) } catch {
                throw CommandError(error.description)
            }
        }
    }

    /// The file read by one kind of import, with the country and language names it matches
    /// values against; a file or a catalogue that cannot be read is one sentence.
    func read<Sheet: SheetImport>(
        _ make: ([UInt8], ImportMapping, NameCatalogue) throws -> Sheet
    ) throws -> Sheet {
        do {
            return try make(bytes, mapping, try NameCatalogue(isoCodes: try ISOCodes()))
        } catch let error as ISOCodesError {
            throw CommandError(error.description)
        } catch let error as ImportFileError {
            throw CommandError(error.description)
        }
    }

    /// The rows the file's reading accepted, as the Store's candidates, and how many it refused.
    static func valid<Row: RefusableRow, Candidate>(_ rows: [Row], _ candidate: (Row, Row.Valid) -> Candidate) -> (
        candidates: [Candidate], refused: Int
    ) {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(rows.count)
        var refused = 0
        for row in rows {
            switch row.outcome {
            case .success(let valid): candidates.append(candidate(row, valid))
            case .failure: refused += 1
            }
        }
        return (candidates, refused)
    }
}
