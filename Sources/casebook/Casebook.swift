import ArgumentParser
import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookDemo
import Logging

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Casebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract:
            tr(
                "Follow newcomers through an introduction programme: language, recognition, civic orientation and the integration contract."
            ),
        discussion: [
            tr(
                "Without a subcommand, Casebook opens the terminal application on the database. The database is --db PATH, else $CASEBOOK_DB, else the office's database named in the site settings, else $XDG_DATA_HOME/casebook/casebook.db (~/.local/share/casebook/casebook.db)."
            ),
            tr(
                "Installed (make install), Casebook reads its shipped configuration and programme presets from PREFIX/share/casebook, the site settings from PREFIX/etc/casebook/casebook.toml (/etc/casebook/casebook.toml for PREFIX=/usr) and each user's own settings from ~/.config/casebook/casebook.toml."
            ),
            tr(
                "For an office on one shared host, `casebook setup` installs Casebook setgid to a group with no members. Then who you are is your login alone ($CASEBOOK_USER is ignored), the database is the office's, and files you name are opened with your own rights; the log goes to the office's log folder or syslog. On a file of your own, $CASEBOOK_USER acts as another staff member only when you own the file."
            ),
            tr(
                "Every command takes --language CODE (nb, de, fr, nl or en); without it, `language` in casebook.toml, else LANGUAGE, LC_ALL, LC_MESSAGES or LANG choose."
            ),
        ].joined(separator: "\n\n"),
        subcommands: [
            Open.self, Init.self, Setup.self, StaffCommand.self, OfficeCommand.self, ProgrammeCommand.self,
            ContractCommand.self, AccessLogCommand.self, CaseloadCommand.self, TransferCommand.self,
            ReportCommand.self, ImportCommand.self, ClientsCommand.self, Demo.self, Check.self, Backup.self,
            AuditCommand.self, BenchCommand.self, RetentionCommand.self, ClientCommand.self, PartnerCommand.self,
        ],
        defaultSubcommand: Open.self
    )

    /// Parses and runs the command. A failure prints one line, "Error: " and a sentence, with
    /// whatever the arguments held in control characters or escape sequences left out, and
    /// exits non-zero; help and the version print as usual.
    static func main() {
        // Before anything reads the environment or opens a file (research/shared-host.md §1.4).
        do { try PrivilegedMode.start() } catch { fail(error) }
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            let extracted = try Language.extract(from: arguments)
            arguments = extracted.arguments
            // The man page and the completion scripts `make install` generates from the help are
            // English whoever builds them (their settings or LANGUAGE), unless --language asks.
            let generating = arguments.contains {
                $0 == "--experimental-dump-help" || $0 == "--generate-completion-script"
                    || $0.hasPrefix("--generate-completion-script=")
            }
            Language.start(requested: extracted.language ?? (generating ? Catalogue.english : nil))
        } catch { fail(error) }
        var command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { fail(error, parsing: true) }
        do { try command.run() } catch { fail(error) }
    }

    /// Help (which ArgumentParser hands over as a failure that exits 0) has its words put in the
    /// officer's language; so has a message when `parsing`, that is when it came from
    /// ArgumentParser reading the arguments (its own messages, or a command's `validate`).
    private static func fail(_ error: Error, parsing: Bool = false) -> Never {
        let code = exitCode(for: error)
        guard code != .success else {
            if Messages.current != nil { printHelp(for: error) }
            exit(withError: error)
        }
        var text = message(for: error)
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        if parsing { text = ParserWords.message(text) }
        if !text.isEmpty {
            // TRANSLATORS: the one line a failed command prints on standard error; {message} is the sentence.
            let line = Array((tr("Error: {message}", ["message": Sanitized.inline(text, limit: 400)]) + "\n").utf8)
            _ = line.withUnsafeBufferPointer { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        Glibc.exit(code.rawValue)
    }

    /// Prints the help `error` asks for with ArgumentParser's words translated and exits, when
    /// it is a help screen and something in it was translated; otherwise returns, and the help
    /// (or the version, the dumped help or a completion script, which stay English) prints as
    /// ArgumentParser writes it.
    private static func printHelp(for error: Error) {
        let wide = fullMessage(for: error, columns: ParserWords.unwrapped)
        guard wide.hasPrefix("OVERVIEW: ") || wide.hasPrefix("USAGE: "),
            let text = ParserWords.help(unwrapped: wide, columns: ParserWords.terminalColumns)
        else { return }
        print(text)
        Glibc.exit(ExitCode.success.rawValue)
    }
}

/// Refuses an argument that holds control characters, escape sequences, direction overrides,
/// or bytes that were not UTF-8 (which Swift reads as U+FFFD, so they could never be kept exactly).
func checkArgument(_ value: String, _ name: String) throws {
    if value.unicodeScalars.contains(where: { Sanitized.isForbidden($0) || $0 == "\u{FFFD}" }) {
        throw ValidationError(
            tr(
                "{name} contains control characters, direction overrides or bytes that are not UTF-8; retype it.",
                ["name": name]))
    }
}

/// `--db`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            tr("The case file."),
            discussion:
                tr(
                    "Default: $CASEBOOK_DB, else the office's database (site settings), else ~/.local/share/casebook/casebook.db. In the office mode, any other file is opened with your own rights only."
                ),
            valueName: "path"))
    var db: String?

    func validate() throws {
        if let db {
            if trimmed(db).isEmpty { throw ValidationError(tr("--db needs the path of a file.")) }
            try checkArgument(db, tr("The --db path"))
        }
    }

    /// The database `command` works on (in the office mode, naming another file than the
    /// office's gives up the office's rights first).
    func path(for command: CommandID) throws -> String {
        let path = try Configuration.databasePath(requested: db)
        try command.checkPlace()
        return path
    }

    /// Opens the store for `command`, once its rule allows it here; each failure is one sentence.
    func open(_ mode: Store.OpenMode, for command: CommandID) throws -> Store {
        let path = try path(for: command)
        Log.start()
        do {
            let store = try Store.open(path: path, mode: mode)
            // The policy every entry point of the store asks: the defaults as the site narrows them.
            store.policy = try Configuration.siteSettings().effectivePolicy
            return store
        } catch StoreError.ioError(let message) {
            if Installation.current?.isSetgid == true && !PrivilegedMode.startedPrivileged && getuid() != 0 {
                throw CommandError(
                    tr(
                        "Casebook runs without its office group's rights here (the no_new_privs flag is set, or the file system is mounted nosuid), so it cannot open the database; start it from an ordinary login shell."
                    ))
            }
            throw StoreError.ioError(message)
        }
    }
}

/// A command failure told in one sentence.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Casebook {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Create the database, or bring an older one up to date."),
            discussion: tr(
                "On a new database of your own, you become its admin and the programme presets are imported. The office's database is made by `casebook setup`; there only an admin runs init."
            ))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let presets = try ShippedProgrammes.requireSome()
            let path = try database.path(for: .initialize)
            let existed = DatabaseFile.exists(path) && DatabaseFile.kind(of: path) != .empty
            // The office's file exists from `casebook setup`; a privileged init never creates one.
            let store = try database.open(PrivilegedMode.isHeld ? .readWrite : .create, for: .initialize)
            var madeAdmin = false
            if !PrivilegedMode.isHeld {
                let person = try Environment.person(actingOn: store.path)
                madeAdmin = try store.bootstrapAdmin(username: person.username, displayName: person.displayName)
            }
            let me = try CommandID.initialize.authorize(in: store)
            Logger(label: "casebook").info("init schema \(store.schemaVersion)")
            print(
                existed
                    ? tr(
                        "{path} is ready (schema {schema}).",
                        ["path": store.path, "schema": String(store.schemaVersion)])
                    : tr(
                        "Created {path} (schema {schema}).",
                        ["path": store.path, "schema": String(store.schemaVersion)]))
            for migration in store.appliedMigrations {
                print(tr("Migrated to schema {schema}", ["schema": "\(migration)"]))
            }
            if madeAdmin, let me { print(tr("You ({name}) are its admin.", ["name": me.username])) }
            if let me, me.role == .admin {
                let imported = try ShippedProgrammes.importMissing(presets, into: store, actor: me.id)
                for line in ShippedProgrammes.report(imported) { print(line) }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Check the database: integrity, foreign keys, schema version, the dashboard's facts and counts."))

        @OptionGroup var database: DatabaseOptions

        @Flag(
            help: ArgumentHelp(tr("Recompute the dashboard's per-client facts from the records first (admins only).")))
        var repair = false

        func run() throws {
            if repair {
                let writable = try database.open(.readWrite, for: .checkRepair)
                try CommandID.checkRepair.authorize(in: writable)
                try writable.figures.refreshFacts()
            }
            let store = try database.open(.readOnly, for: .check)
            try CommandID.check.authorize(in: store)
            let report = try store.check()
            // TRANSLATORS: the labels of `casebook check` are padded to one width (14 characters).
            print(tr("Database:     {path}", ["path": store.path]))
            print(
                tr(
                    "Schema:       {schema} (this Casebook writes {supported})",
                    ["schema": String(report.schemaVersion), "supported": String(report.supportedSchemaVersion)]))
            print(tr("Journal:      {mode}", ["mode": report.journalMode]))
            print(
                report.integrityProblems.isEmpty
                    ? tr("Integrity:    ok")
                    : trn(
                        "Integrity:    {count} problem", "Integrity:    {count} problems",
                        report.integrityProblems.count))
            for problem in report.integrityProblems { print("  \(problem)") }
            print(
                report.foreignKeyProblems == 0
                    ? tr("Foreign keys: ok")
                    : trn(
                        "Foreign keys: {count} broken reference", "Foreign keys: {count} broken references",
                        report.foreignKeyProblems))
            print(
                report.staleFacts == 0
                    ? tr("Facts:        ok")
                    : trn(
                        "Facts:        {count} client differs from its records; `casebook check --repair` recomputes it",
                        "Facts:        {count} clients differ from their records; `casebook check --repair` recomputes them",
                        report.staleFacts))
            for (table, rows) in report.counts { print("  \(table.padding(16)) \(rows)") }
            let settings = try Configuration.load()
            // A programme's own period overrides the site's for its clients: say which and why.
            let programmes = try store.programmeRetentionRules()
            print(
                settings.eraseAfter.map {
                    tr(
                        "Retention:    erased {period} after a case closes ({source}); `casebook retention` lists who is due",
                        [
                            "period": $0.description, "source": settings.eraseAfterSource ?? "casebook.toml",
                        ])
                }
                    ?? (programmes.isEmpty
                        ? tr(
                            "Retention:    no rule: nothing is ever erased (set [retention] erase_after in casebook.toml)"
                        )
                        : tr(
                            "Retention:    no site rule: only clients of the programmes below are ever erased (set [retention] erase_after in casebook.toml for the others)"
                        )))
            for programme in programmes {
                print(overrideLine(programme))
            }
            if !report.isHealthy {
                throw CommandError(
                    tr("The database has problems; restore it from a backup (`casebook backup` makes one)."))
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Copy the database to FILE, safely while others keep working."),
            discussion: tr("On the office's database, admins only; FILE is written with your own rights."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The new file."), valueName: "file"))
        var file: String

        @Flag(help: ArgumentHelp(tr("Replace FILE if it exists.")))
        var force = false

        func validate() throws {
            if trimmed(file).isEmpty { throw ValidationError(tr("The backup needs the path of a file.")) }
            try checkArgument(file, tr("The backup's path"))
        }

        func run() throws {
            let store = try database.open(.readOnly, for: .backup)
            try CommandID.backup.authorize(in: store)
            if file == store.path {
                throw CommandError(tr("The backup must go to another file than the database itself."))
            }
            let started = Environment.monotonicSeconds()
            // The copy's file and journal are created with the admin's own group: the office's
            // rights only read the database, which is already open.
            let head = try PrivilegedMode.asUser { try store.backup(to: file, overwrite: force) }
            print(
                tr(
                    "Backed up {path} to {file} in {time}.",
                    ["path": store.path, "file": file, "time": formatSeconds(Environment.monotonicSeconds() - started)])
            )
            // The copy's last audit row: `casebook audit verify --head` proves later that nothing up
            // to it was rewritten or cut off (the log alone cannot show rows removed from its end).
            // The log keeps its English line; the person reads it in their language.
            let line = { () -> String in
                head.map { tr("Audit chain head: row {row}, {hash}", ["row": String($0.row), "hash": $0.hash.hex]) }
                    ?? (store.schemaVersion < Store.auditChainSchema
                        ? tr(
                            "Audit chain head: none (schema {schema} predates the chain)",
                            ["schema": String(store.schemaVersion)])
                        : tr("Audit chain head: none (the audit log is empty)"))
            }
            print(line())
            Logger(label: "casebook").info("backup written; \(Messages.speaking(nil, line))")
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Fill a new database with realistic synthetic clients, officers and a supervisor."),
            discussion: tr(
                "The same --seed on the same day gives the same clients. You receive a caseload too. Never on the office's database: give --db a file of your own."
            ))

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp(tr("How many clients (1 to 1000000).")))
        var clients = 2000

        @Option(help: ArgumentHelp(tr("The seed of the generator.")))
        var seed: UInt64 = 1

        func validate() throws {
            guard (1...DemoGenerator.maximumClients).contains(clients) else {
                throw ValidationError(
                    tr("--clients must be between 1 and {maximum}.", ["maximum": String(DemoGenerator.maximumClients)]))
            }
        }

        func run() throws {
            let presets = try ShippedProgrammes.requireSome()
            let store = try database.open(.create, for: .demo)
            let person = try Environment.person(actingOn: store.path)
            try store.bootstrapAdmin(username: person.username, displayName: person.displayName)
            let owner = try CommandID.demo.actingStaff(in: store)
            let started = Environment.monotonicSeconds()
            guard try !store.hasClients() else { throw DemoError.notEmpty }
            try ShippedProgrammes.importMissing(presets, into: store, actor: owner.id)
            let summary = try DemoGenerator.populate(store, clients: clients, seed: seed, owner: owner)
            let elapsed = Environment.monotonicSeconds() - started
            if Environment.variable("CASEBOOK_DEMO_PHASES") != nil, let times = summary.times {
                printPhases(times, elapsed: elapsed)
            }
            print(
                tr(
                    "Created {clients} clients in {offices} offices, {officers} officers (you among them) and {supervisors} supervisors in {path} in {seconds}.",
                    [
                        "clients": "\(summary.clients)", "offices": "\(summary.supervisors)",
                        "officers": "\(summary.officers)", "supervisors": "\(summary.supervisors)", "path": store.path,
                        "seconds": formatSeconds(elapsed),
                    ]))
        }
    }
}

/// Where the demo's time went, for whoever tunes it (`CASEBOOK_DEMO_PHASES=1`): tab-separated,
/// one phase a line with its seconds (and rows for the writer's tables), on standard error.
/// Phase names are machine keys, like the table names among them.
private func printPhases(_ times: BulkLoadTimes, elapsed: Double) {
    var lines = ["phase\tseconds\trows"]
    func line(_ name: String, _ seconds: Double, rows: Int? = nil) {
        lines.append("\(name)\t\(milliseconds(seconds))\t\(rows.map(String.init) ?? "")")
    }
    line("whole command", elapsed)
    line("bulk load", times.total)
    line("  prepare", times.preparing)
    line("  generator thread (rows built and handed over)", times.generating)
    line("    of which waiting for the writer", times.waitingForWriter)
    line("  writer finishing after the generator", times.draining)
    let written = times.tables.reduce(0) { $0 + $1.rows }
    line("  writer thread, all tables", times.tables.reduce(0) { $0 + $1.seconds }, rows: written)
    for table in times.tables { line("    " + table.table, table.seconds, rows: table.rows) }
    line("  index rebuild", times.indexes.reduce(0) { $0 + $1.seconds })
    for index in times.indexes { line("    " + index.name, index.seconds) }
    line("  analyze", times.analyzing)
    line("  commit", times.committing)
    let text = Array((lines.joined(separator: "\n") + "\n").utf8)
    _ = text.withUnsafeBufferPointer { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

/// Seconds to the millisecond ("12.345").
private func milliseconds(_ seconds: Double) -> String {
    let thousandths = Int((seconds * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

func formatSeconds(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) s"
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
