import ArgumentParser
import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookText

struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: tr("Print a client's integration contract."), subcommands: [Print.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case html
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print the contract with both sides' obligations, dates and signature lines."),
            discussion:
                tr("Writes to standard output: `casebook contract print 2026-000123 --format html > contract.html`."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The client's case number, e.g. 2026-000123."), valueName: "case-number"))
        var caseNumber: String

        // TRANSLATORS: the values typed: keep them as they are.
        @Option(help: ArgumentHelp(tr("text or html.")))
        var format: Format = .text

        @Option(
            help: ArgumentHelp(
                tr(
                    "A second language printed beside the first (en, nb, de, fr or nl): after it in text, in a column beside it in HTML."
                ),
                valueName: "language"))
        var also: String?

        func run() throws {
            let second = try also.map(secondLanguage)
            // Read-write: the print is written to the read log.
            let store = try database.open(.readWrite, for: .contractPrint)
            let me = try CommandID.contractPrint.actingStaff(in: store)
            let client = try clientOf(caseNumber: caseNumber, in: store, by: me)
            guard let (contract, obligations) = try store.contractForPrint(clientID: client.id, by: me.id) else {
                throw CommandError(
                    tr(
                        "{number} has no contract yet; draft it on the client's Contract tab.",
                        ["number": client.caseNumber.text]))
            }
            let programme = try store.programme(id: contract.programmeID, version: contract.programmeVersion)
            let officer = try client.officerID.flatMap { try store.staff(id: $0) }
            let document = ContractDocument(
                programmeName: programme?.name ?? contract.programmeID, contract: contract,
                obligations: obligations, clientName: client.displayName,
                caseNumber: client.caseNumber.text, dateOfBirth: client.dateOfBirth, officerName: officer?.displayName,
                printedOn: store.clock.today,
                texts: try Dictionary(
                    uniqueKeysWithValues: Set([Messages.language] + (second.map { [$0.code] } ?? [])).map {
                        ($0, try store.obligationTexts(programmeID: contract.programmeID, language: $0))
                    }))
            print(format == .html ? document.html(also: second) : document.text(also: second), terminator: "")
        }

        /// The language `--also` names, refused in one sentence when Casebook cannot write it.
        private func secondLanguage(_ code: String) throws -> ContractDocument.DocumentLanguage {
            guard code != Messages.language else {
                throw CommandError(
                    tr(
                        "The contract is already printed in {language}; give --also another language.",
                        ["language": code]))
            }
            guard let catalogue = try Language.catalogue(for: code) else {
                throw CommandError(
                    tr(
                        "Casebook has no {language} translation to print beside; --also takes en, nb, de, fr or nl.",
                        ["language": code]))
            }
            return ContractDocument.DocumentLanguage(catalogue)
        }
    }
}
