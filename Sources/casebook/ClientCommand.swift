import ArgumentParser
import CasebookCore
import CasebookL10n
import CasebookStore
import Logging

struct ClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: tr("A person's own data: export it, place or lift a legal hold or a restriction."),
        subcommands: [Export.self, Hold.self, Unhold.self, Restrict.self, Unrestrict.self])

    /// The case-number argument every subcommand takes.
    struct Case: ParsableArguments {
        @Argument(help: ArgumentHelp(tr("The client's case number, e.g. 2026-000123."), valueName: "case-number"))
        var caseNumber: String

        /// The client, or one sentence saying there is none.
        func client(in store: Store, by viewer: Staff) throws -> Client {
            try clientOf(caseNumber: caseNumber, in: store, by: viewer)
        }
    }

    /// `--reason` and `--since` of a hold or a restriction.
    struct Flag: ParsableArguments {
        @Option(help: ArgumentHelp(tr("Why, e.g. the court case or the person's request and its date.")))
        var reason: String

        @Option(help: ArgumentHelp(tr("The day it applies from, YYYY-MM-DD (default today)."), valueName: "day"))
        var since: String?

        func validate() throws {
            try checkArgument(reason, "--reason")
            if let since { try checkArgument(since, "--since") }
        }

        func draft(today: Day) throws -> RecordFlagDraft {
            guard let since else { return RecordFlagDraft(reason: reason, since: today) }
            do { return RecordFlagDraft(reason: reason, since: try Day(iso: since)) } catch {
                throw CommandError(tr("--since is a day written YYYY-MM-DD, e.g. 2026-03-01."))
            }
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case html
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print everything held about a person (GDPR Art. 15), as JSON or one printable HTML page."),
            discussion: tr(
                "Every field, every track, every contract version with its obligations, the notes, the change history, holds and restrictions, and for each category of data its purpose and legal basis. The case's officer, supervisors and admins. Writes to standard output: `casebook client export 2026-000123 --format html > access-request.html`. It is the person's own data, so nothing in it is suppressed; hand it only to them."
            ))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Case

        // TRANSLATORS: the values typed: keep them as they are.
        @Option(help: ArgumentHelp(tr("json or html.")))
        var format: Format = .json

        func run() throws {
            let store = try database.open(.readWrite, for: .clientExport)
            let actor = try CommandID.clientExport.actingStaff(in: store)
            let client = try target.client(in: store, by: actor)
            let export = try store.subjectExport(clientID: client.id, actor: actor)
            // The Store has written it to the read log; the office's log has it too (ids only).
            Logger(label: "casebook").info("client export \(client.id) (\(format.rawValue)) by \(actor.username)")
            print(format == .json ? export.json : export.html, terminator: "")
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr("Place a legal hold: the client is kept out of erasure until it is lifted (supervisors and admins).")
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Case
        @OptionGroup var flag: Flag

        func run() throws {
            try place(.legalHold, database: database, target: target, flag: flag, command: .clientHold)
        }
    }

    struct Unhold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Lift the legal hold (supervisors and admins)."))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Case

        func run() throws { try lift(.legalHold, database: database, target: target, command: .clientUnhold) }
    }

    struct Restrict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "Restrict processing (GDPR Art. 18): read-only for all but admins, and kept from erasure, until lifted (the case's officer, supervisors and admins)."
                )
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Case
        @OptionGroup var flag: Flag

        func run() throws {
            try place(.restriction, database: database, target: target, flag: flag, command: .clientRestrict)
        }
    }

    struct Unrestrict: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Lift the restriction of processing (admins)."))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Case

        func run() throws { try lift(.restriction, database: database, target: target, command: .clientUnrestrict) }
    }
}

private func place(
    _ recordFlag: RecordFlag, database: DatabaseOptions, target: ClientCommand.Case, flag: ClientCommand.Flag,
    command: CommandID
) throws {
    let store = try database.open(.readWrite, for: command)
    let actor = try command.actingStaff(in: store)
    let client = try target.client(in: store, by: actor)
    try store.place(recordFlag, clientID: client.id, try flag.draft(today: store.clock.today), actor: actor)
    print(tr("Placed a {flag} on {case}.", ["flag": recordFlag.description, "case": client.caseNumber.text]))
}

private func lift(_ recordFlag: RecordFlag, database: DatabaseOptions, target: ClientCommand.Case, command: CommandID)
    throws
{
    let store = try database.open(.readWrite, for: command)
    let actor = try command.actingStaff(in: store)
    let client = try target.client(in: store, by: actor)
    try store.lift(recordFlag, clientID: client.id, actor: actor)
    print(tr("Lifted the {flag} on {case}.", ["flag": recordFlag.description, "case": client.caseNumber.text]))
}

/// The client with the case number `text` that `viewer` may open, or one sentence saying there is
/// none: the same sentence for a number never given and for a client of an office the person does
/// not work in, so that nobody learns from a command which numbers exist elsewhere.
func clientOf(
    caseNumber text: String, in store: Store, by viewer: Staff,
    missing: (CaseNumber) -> String = {
        tr("No client has case number {case}; `casebook` lists them.", ["case": $0.text])
    }
) throws -> Client {
    let number: CaseNumber
    do { number = try CaseNumber(text) } catch { throw CommandError(error.description) }
    guard let client = try store.client(caseNumber: number, by: viewer.id) else { throw CommandError(missing(number)) }
    return client
}
