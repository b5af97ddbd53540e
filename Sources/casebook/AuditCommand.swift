import ArgumentParser
import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookTUI
import Logging

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: tr("Prove that the audit log was not rewritten."),
        subcommands: [Verify.self, Show.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Walk the audit log's hash chain and name the first row changed, removed, inserted or reordered."),
            discussion: tr(
                "Prints the number of rows and the head hash (the last row's), and exits non-zero at the first row that breaks the chain. Rows cut from the end of the log leave no trace in it: give --head the head a backup recorded (`casebook backup` prints it) to prove the log still holds everything up to that row. On the office's database, supervisors and admins."
            ))

        @OptionGroup var database: DatabaseOptions

        @Option(
            help: ArgumentHelp(
                tr("A head recorded earlier: the 64 hex digits `casebook backup` printed."), valueName: "hash"))
        var head: String?

        func validate() throws {
            if let head, ChainHash(hex: head) == nil {
                throw ValidationError(
                    tr("--head takes the 64 hexadecimal digits of a head hash, as `casebook backup` prints it."))
            }
        }

        func run() throws {
            let store = try database.open(.readOnly, for: .auditVerify)
            try CommandID.auditVerify.authorize(in: store)
            let started = Environment.monotonicSeconds()
            let recorded = head.flatMap(ChainHash.init(hex:))
            let report = try store.verifyAudit(recordedHead: recorded)
            let elapsed = formatSeconds(Environment.monotonicSeconds() - started)
            let logger = Logger(label: "casebook")
            if let problem = report.problem {
                if case .truncated = problem {
                    print(
                        trn(
                            "Audit log: {count} row, chain intact to its end (walked in {time}).",
                            "Audit log: {count} rows, chain intact to its end (walked in {time}).", report.rows,
                            ["time": elapsed]))
                } else {
                    print(
                        trn(
                            "Audit log: {count} row checks out, then the chain breaks (walked in {time}).",
                            "Audit log: {count} rows check out, then the chain breaks (walked in {time}).", report.rows,
                            ["time": elapsed]))
                }
                if let head = report.head {
                    print(tr("Last good row: {row}, {hash}", ["row": String(head.row), "hash": head.hash.hex]))
                }
                logger.warning("audit verify failed: \(Messages.speaking(nil) { problem.sentence("the audit log") })")
                throw CommandError(problem.sentence(tr("the audit log")))
            }
            print(
                trn(
                    "Audit log: {count} row, chain intact (walked in {time}).",
                    "Audit log: {count} rows, chain intact (walked in {time}).", report.rows, ["time": elapsed]))
            if let head = report.head {
                print(tr("Head: row {row}, {hash}", ["row": String(head.row), "hash": head.hash.hex]))
            } else {
                print(tr("Head: none (the log is empty)"))
            }
            if report.erasedValues > 0 {
                print(
                    tr(
                        "Erased values: {count} (blanked, their hashes kept in the chain)",
                        ["count": String(report.erasedValues)]))
            }
            if let row = report.recordedHeadRow {
                print(
                    tr("The head recorded is row {row}: nothing up to it was changed or removed.", ["row": String(row)])
                )
            }
            logger.info("audit verify: \(report.rows) rows intact, head \(report.head?.hash.hex ?? "none")")
            guard store.hasReadLog else { return }
            // The read log and the export log are chained the same way; a broken one fails the
            // command too.
            let reads = try store.verifyReadLog()
            try Verify.passes(reads, logger: logger, englishName: "the read log", name: tr("the read log"))
            print(tr("Read log: {rows} rows, chain intact; head {head}.", Verify.rowsAndHead(reads)))
            guard store.hasExportLog else { return }
            let exports = try store.verifyExportLog()
            try Verify.passes(exports, logger: logger, englishName: "the export log", name: tr("the export log"))
            print(tr("Export log: {rows} rows, chain intact; head {head}.", Verify.rowsAndHead(exports)))
        }

        /// A broken chain fails the command: logged in English, told in the officer's language.
        private static func passes(_ report: ChainReport, logger: Logger, englishName: String, name: String) throws {
            guard let problem = report.problem else { return }
            logger.warning("audit verify failed: \(Messages.speaking(nil) { problem.sentence(englishName) })")
            throw CommandError(problem.sentence(name))
        }

        /// An intact chain's line: its rows and its head.
        private static func rowsAndHead(_ report: ChainReport) -> [String: String] {
            ["rows": "\(report.rows)", "head": report.head.map { "row \($0.row), \($0.hash.hex)" } ?? tr("none")]
        }
    }

    /// `casebook audit show CASE-NUMBER`: a client's history as the History tab says it, or
    /// the audit's own rows for another program.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Show a client's history: who changed what and when, newest first."),
            discussion: tr(
                "In the officer's language, as the record's History tab says it. --format json gives the audit's rows as stored (machine names, English values) for other programs. Anyone who may open the client's record."
            ))

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The client's case number, e.g. 2026-000123."), valueName: "case-number"))
        var caseNumber: String

        @Option(help: ArgumentHelp(tr("text, in the officer's language (the default), or json, as stored.")))
        var format: Format = .text

        func run() throws {
            let store = try database.open(.readOnly, for: .auditShow)
            let me = try CommandID.auditShow.actingStaff(in: store)
            let client = try clientOf(caseNumber: caseNumber, in: store, by: me)
            var entries: [AuditEntry] = []
            // The whole trail, a page at a time (the Store reads at most a page per call).
            while true {
                let page = try store.auditTrail(clientID: client.id, before: entries.last?.id, limit: 500, by: me.id)
                entries += page
                if page.count < 500 { break }
            }
            switch format {
            case .json: print(Show.json(entries))
            case .text:
                let programme = try store.programme(forClient: client.id, by: me.id)?.programme
                let modules = Dictionary((programme?.civicModules ?? []).map { ($0.id, $0.name) }) { first, _ in first }
                for line in Show.lines(entries, modules: modules) { print(line) }
            }
        }

        /// One line per change: when, who, what and the change, in the officer's language; an
        /// officer's own words are cleaned of control characters and new lines.
        static func lines(_ entries: [AuditEntry], modules: [String: String]) -> [String] {
            let rows = entries.map { entry in
                (
                    localTimeText(entry.at), Sanitized.inline(entry.staff, limit: 64),
                    Sanitized.inline(AuditLabels.what(entry, modules: modules), limit: 200),
                    Sanitized.inline(AuditLabels.change(entry), limit: 10_000)
                )
            }
            let whoWidth = rows.map { TextWidth.of($0.1) }.max() ?? 0
            let whatWidth = rows.map { TextWidth.of($0.2) }.max() ?? 0
            return rows.map { when, who, what, change in
                "\(when)  \(padded(who, to: whoWidth))  \(padded(what, to: whatWidth))  \(change)"
            }
        }

        /// Text padded with spaces to `width` columns as the terminal shows it.
        private static func padded(_ text: String, to width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - TextWidth.of(text)))
        }

        /// The rows as the audit holds them: machine names and the stored values, unchanged.
        static func json(_ entries: [AuditEntry]) -> String {
            func text(_ value: String?) -> String { value.map(DashboardReport.jsonString) ?? "null" }
            let rows = entries.map { entry in
                "  {\"id\": \(entry.id), \"at\": \(text(entry.at.iso)), \"staff\": \(text(entry.staff)), "
                    + "\"entity\": \(text(entry.entity)), \"entity_id\": \(entry.entityID), "
                    + "\"field\": \(text(entry.field)), \"old\": \(text(entry.oldValue)), \"new\": \(text(entry.newValue))}"
            }
            return rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n]"
        }
    }
}
