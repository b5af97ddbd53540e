import ArgumentParser
import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore
import CasebookTUI

struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office", abstract: tr("List and manage the offices that share this database."),
        subcommands: [List.self, Add.self, Rename.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the offices and the municipalities they serve."))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readOnly, for: .officeList)
            try CommandID.officeList.authorize(in: store)
            let offices = try store.offices()
            let columns = TextColumns(
                [
                    // TRANSLATORS: a column heading of a terminal table (`casebook office list`), upper case.
                    tr("CODE"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook office list`), upper case.
                    tr("NAME"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook office list`), upper case.
                    tr("MUNICIPALITIES"),
                ], values: [offices.map { TextWidth.of($0.code) }.max() ?? 0, 24])
            print(columns.heading)
            for office in offices {
                print(
                    columns.line([
                        office.code, Sanitized.inline(office.name),
                        Sanitized.inline(office.municipalities.joined(separator: ", ")),
                    ]))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Add an office (admins only)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("Its short code, e.g. NORD."), valueName: "code"))
        var code: String

        @Option(help: ArgumentHelp(tr("Its name as staff read it, e.g. \"Nordby integration service\".")))
        var name: String

        @Option(
            name: .customLong("municipality"),
            help: ArgumentHelp(tr("A municipality it serves (repeat for each)."), valueName: "name"))
        var municipalities: [String] = []

        func validate() throws {
            if let problem = Office.validate(code: code.uppercased()) { throw ValidationError(problem) }
            try checkArgument(name, tr("The name"))
            for municipality in municipalities { try checkArgument(municipality, tr("The municipality")) }
        }

        func run() throws {
            let store = try database.open(.readWrite, for: .officeAdd)
            let me = try CommandID.officeAdd.actingStaff(in: store)
            let office = try store.addOffice(code: code, name: name, municipalities: municipalities, actor: me.id)
            print(tr("Added office {code} ({name}).", ["code": office.code, "name": Sanitized.inline(office.name)]))
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Rename an office (admins only); its code stays."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The office's code."), valueName: "code"))
        var code: String

        @Argument(help: ArgumentHelp(tr("Its new name."), valueName: "name"))
        var name: String

        func validate() throws { try checkArgument(name, tr("The name")) }

        func run() throws {
            let store = try database.open(.readWrite, for: .officeRename)
            let me = try CommandID.officeRename.actingStaff(in: store)
            let office = try store.renameOffice(code: code, to: name, actor: me.id)
            print(tr("Office {code} is now {name}.", ["code": office.code, "name": Sanitized.inline(office.name)]))
        }
    }
}

/// `casebook access-log CASE-NUMBER`: who looked at a client's record (supervisors and admins);
/// `casebook access-log --exports`: the list exports, how many clients each and which filter.
struct AccessLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log",
        abstract: tr("Show who opened a client's record, printed their contract or exported their data."),
        discussion: tr(
            "Supervisors and admins of the client's office. Newest first: when, who, what. With --exports, the list exports made by the staff of their offices: when, who, how many clients, which filter."
        ))

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(tr("The client's case number, e.g. 2026-000123."), valueName: "case-number"))
    var caseNumber: String?

    @Flag(help: ArgumentHelp(tr("List the list exports instead of one client's log.")))
    var exports = false

    func validate() throws {
        if exports, caseNumber != nil {
            throw ValidationError(tr("Give either a case number or --exports, not both."))
        }
        if !exports, caseNumber == nil {
            throw ValidationError(tr("Give the client's case number, or --exports for the list exports."))
        }
    }

    func run() throws {
        let store = try database.open(.readOnly, for: .accessLog)
        let me = try CommandID.accessLog.actingStaff(in: store)
        guard let caseNumber else {
            let entries = try store.exportLog(by: me.id)
            if entries.isEmpty { print(tr("No list export has been made yet.")) }
            for entry in entries {
                let filter = entry.filter.map { Sanitized.inline($0.words, limit: 200) } ?? tr("(filter erased)")
                let count = trn("{count} client", "{count} clients", entry.clients)
                print("\(entry.at.iso)  \(entry.staff.padding(16))  \(count.padding(14))  \(filter)")
            }
            return
        }
        let client = try clientOf(caseNumber: caseNumber, in: store, by: me) {
            tr("No client has case number {number}.", ["number": $0.text])
        }
        let number = client.caseNumber
        let entries = try store.accessLog(clientID: client.id, by: me.id)
        if entries.isEmpty { print(tr("Nobody has looked at {number} yet.", ["number": number.text])) }
        for entry in entries {
            print("\(entry.at.iso)  \(entry.staff.padding(16))  \(entry.kind.label)")
        }
    }
}

/// `casebook caseload move`: reassign one officer's clients to another of the same office.
struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload", abstract: tr("Move caseloads between officers."), subcommands: [Move.self])

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Give one officer's clients to another officer of the same office (supervisors)."),
            discussion: tr(
                "One transaction, one audit row per client. --dry-run lists the clients and changes nothing."))

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp(tr("The officer whose clients move."), valueName: "user"))
        var from: String

        @Option(help: ArgumentHelp(tr("The officer who takes them."), valueName: "user"))
        var to: String

        @Option(help: ArgumentHelp(tr("Only clients of this office."), valueName: "code"))
        var office: String?

        @Option(help: ArgumentHelp(tr("Only clients in this phase, e.g. active."), valueName: "phase"))
        var phase: String?

        @Flag(help: ArgumentHelp(tr("List the clients that would move; change nothing.")))
        var dryRun = false

        func run() throws {
            let store = try database.open(dryRun ? .readOnly : .readWrite, for: .caseloadMove)
            let me = try CommandID.caseloadMove.actingStaff(in: store)
            guard let giver = try store.staff(username: from) else { throw StoreError.unknownStaff(from) }
            guard let taker = try store.staff(username: to) else { throw StoreError.unknownStaff(to) }
            let officeID = try office.map { code in
                guard let found = try store.office(code: code) else { throw StoreError.unknownOffice(code) }
                return found.id
            }
            let phaseValue = try phase.map { text in
                guard let value = CasePhase(rawValue: text) else {
                    throw CommandError(
                        tr(
                            "\"{phase}\" is not a phase; use one of {phases}.",
                            [
                                "phase": Sanitized.inline(text),
                                "phases": CasePhase.allCases.map(\.rawValue).joined(separator: ", "),
                            ]))
                }
                return value
            }
            let clients = try store.caseload(of: giver.id, office: officeID, phase: phaseValue, by: me.id)
            if dryRun {
                for client in clients { print(client.caseNumber) }
                print(
                    trn(
                        "{count} client would move from {from} to {to}; nothing was changed.",
                        "{count} clients would move from {from} to {to}; nothing was changed.", clients.count,
                        ["from": giver.username, "to": taker.username]))
                return
            }
            let moved = try store.moveClients(clients.map(\.id), to: taker.id, by: me.id)
            print(
                trn(
                    "Moved {count} client from {from} to {to}.", "Moved {count} clients from {from} to {to}.", moved,
                    ["from": giver.username, "to": taker.username]))
        }
    }
}

/// `casebook transfer`: move a client to another office, proposed by the sending office and
/// accepted or declined by the receiving one.
struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: tr("Transfer clients between offices."),
        subcommands: [List.self, Propose.self, Accept.self, Decline.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Pending transfers from or to your offices."))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readOnly, for: .transferList)
            let me = try CommandID.transferList.actingStaff(in: store)
            let offices = Dictionary(uniqueKeysWithValues: try store.offices().map { ($0.id, $0.code) })
            let pending = try store.pendingTransfers(for: me.id)
            if pending.isEmpty { print(tr("No transfers are waiting.")) }
            for transfer in pending {
                print(
                    "\(transfer.id)  \(transfer.client.caseNumber)  \(offices[transfer.fromOffice] ?? "?") -> \(offices[transfer.toOffice] ?? "?")  \(transfer.proposedBy)  \(Sanitized.inline(transfer.reason))"
                )
            }
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Propose moving a client to another office (supervisors of the client's office)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The client's case number."), valueName: "case-number"))
        var caseNumber: String

        @Option(help: ArgumentHelp(tr("The receiving office's code."), valueName: "code"))
        var to: String

        @Option(help: ArgumentHelp(tr("Why the client moves (the receiving office reads it).")))
        var reason: String

        func validate() throws { try checkArgument(reason, tr("The reason")) }

        func run() throws {
            let store = try database.open(.readWrite, for: .transferPropose)
            let me = try CommandID.transferPropose.actingStaff(in: store)
            let client = try clientOf(caseNumber: caseNumber, in: store, by: me) {
                tr("No client has case number {number}.", ["number": $0.text])
            }
            let number = client.caseNumber
            guard let office = try store.office(code: to) else { throw StoreError.unknownOffice(to) }
            let id = try store.proposeTransfer(client: client.id, to: office.id, reason: reason, by: me.id)
            print(
                tr(
                    "Transfer {id} of {number} to {office} proposed; a supervisor of {office} accepts or declines it.",
                    ["id": "\(id)", "number": number.text, "office": office.code]))
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Accept a transfer (supervisors of the receiving office)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The transfer's number (`casebook transfer list`)."), valueName: "id"))
        var id: Int64

        func run() throws { try decide(database, id, accept: true) }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Decline a transfer (supervisors of the receiving office)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The transfer's number (`casebook transfer list`)."), valueName: "id"))
        var id: Int64

        func run() throws { try decide(database, id, accept: false) }
    }

    static func decide(_ database: DatabaseOptions, _ id: Int64, accept: Bool) throws {
        let command: CommandID = accept ? .transferAccept : .transferDecline
        let store = try database.open(.readWrite, for: command)
        let me = try command.actingStaff(in: store)
        try store.decideTransfer(id, accept: accept, by: me.id)
        print(accept ? tr("Transfer {id} accepted.", ["id": "\(id)"]) : tr("Transfer {id} declined.", ["id": "\(id)"]))
    }
}
