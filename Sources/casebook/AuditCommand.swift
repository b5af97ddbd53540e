import ArgumentParser
import CasebookL10n
import CasebookStore
import Logging

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: tr("Prove that the audit log was not rewritten."),
        subcommands: [Verify.self])

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
            // The read log is chained the same way; a broken one fails the command too.
            let reads = try store.verifyReadLog()
            if let problem = reads.problem {
                logger.warning("audit verify failed: \(problem.sentence(tr("the read log")))")
                throw CommandError(problem.sentence(tr("the read log")))
            }
            print(
                tr(
                    "Read log: {rows} rows, chain intact; head {head}.",
                    ["rows": "\(reads.rows)", "head": reads.head.map { "row \($0.row), \($0.hash.hex)" } ?? tr("none")])
            )
            guard store.hasExportLog else { return }
            let exports = try store.verifyExportLog()
            if let problem = exports.problem {
                logger.warning("audit verify failed: \(Messages.speaking(nil) { problem.sentence("the export log") })")
                throw CommandError(problem.sentence(tr("the export log")))
            }
            print(
                tr(
                    "Export log: {rows} rows, chain intact; head {head}.",
                    [
                        "rows": "\(exports.rows)",
                        "head": exports.head.map { "row \($0.row), \($0.hash.hex)" } ?? tr("none"),
                    ]))
        }
    }
}
