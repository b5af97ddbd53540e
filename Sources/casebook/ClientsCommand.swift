import ArgumentParser
import CasebookCore
import CasebookImport
import CasebookL10n
import CasebookStore

#if canImport(Glibc)
    import Glibc
#endif

struct ClientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients",
        abstract: tr("Take client lists out: a phase, an officer's caseload, the flagged clients."),
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Write the clients a list shows, with every field of their records, as CSV or JSON."),
            discussion: tr(
                "The filters are the client list's. CSV cells that a spreadsheet would run as a formula are written as text. Without --output the list goes to standard output; a file is written with your own rights, readable by you alone."
            ))

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp(tr("Name parts or the start of a case number, as the list's search takes them.")))
        var search: String?

        @Option(help: ArgumentHelp(tr("Only this officer's caseload (a user name)."), valueName: "user"))
        var officer: String?

        @Option(help: ArgumentHelp(tr("Only the clients of this office (its code)."), valueName: "code"))
        var office: String?

        @Option(
            help: ArgumentHelp(
                tr(
                    "Only clients in this phase: {phases}.",
                    ["phases": CasePhase.allCases.map(\.rawValue).joined(separator: ", ")]),
                valueName: "phase"))
        var phase: String?

        @Flag(
            help: ArgumentHelp(
                tr("Only flagged clients (a vulnerability, or a recognition decision past its deadline).")))
        var flagged = false

        // TRANSLATORS: the values typed: keep them as they are.
        @Option(help: ArgumentHelp(tr("csv or json."), valueName: "format"))
        var format: String

        @Option(help: ArgumentHelp(tr("The file to write (a new one); standard output without it."), valueName: "file"))
        var output: String?

        func validate() throws {
            for (value, name) in [
                (search, "--search"), (officer, "--officer"), (office, "--office"), (phase, "--phase"),
                (output, "--output"),
            ] {
                if let value { try checkArgument(value, name) }
            }
            guard ExportFormat(rawValue: format) != nil else {
                throw ValidationError(tr("--format is csv or json."))
            }
            if let phase, CasePhase(rawValue: phase) == nil {
                throw ValidationError(
                    tr(
                        "--phase is one of {phases}.",
                        ["phases": CasePhase.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            if let output, trimmed(output).isEmpty { throw ValidationError(tr("--output needs the path of a file.")) }
        }

        func run() throws {
            let store = try database.open(.readWrite, for: .clientsExport)
            let me = try CommandID.clientsExport.actingStaff(in: store)
            var filter = ClientFilter(flaggedOnly: flagged, search: search ?? "")
            if let phase { filter.phase = CasePhase(rawValue: phase) }
            if let officer {
                guard let staff = try store.staff(username: officer) else {
                    throw CommandError(
                        tr(
                            "No staff member is called {user}; `casebook staff list` shows who is.",
                            ["user": Sanitized.inline(officer, limit: 64)]))
                }
                filter.officerID = staff.id
            }
            var officeID: Office.ID?
            if let office {
                guard let found = try store.office(code: office) else { throw StoreError.unknownOffice(office) }
                officeID = found.id
            }
            let rows = try store.exportClients(.filter(filter, .name), office: officeID, actor: me.id)
            let bytes = ClientExport.bytes(
                rows.map { ($0.client, $0.officer) }, format: ExportFormat(rawValue: format) ?? .csv)
            if let output {
                try Environment.writeUserFile(output, bytes, replace: false)
                print(
                    trn(
                        "Wrote {count} client to {path}.", "Wrote {count} clients to {path}.", rows.count,
                        ["path": Sanitized.inline(output, limit: 200)]))
            } else {
                var written = 0
                while written < bytes.count {
                    let count = bytes[written...].withUnsafeBytes {
                        Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count)
                    }
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw CommandError(tr("Cannot write the list to standard output."))
                    }
                    written += count
                }
            }
        }
    }
}
