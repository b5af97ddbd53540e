import ArgumentParser
import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookTUI

/// The register of partner organisations from the command line: a supervisor adds the office's
/// associations, clubs and services once, officers choose from them on the Participation tab.
struct PartnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner", abstract: tr("List and add the office's partner organisations."),
        subcommands: [List.self, Add.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the partner organisations."))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readOnly, for: .partnerList)
            try CommandID.partnerList.authorize(in: store)
            let me = try CommandID.partnerList.actingStaff(in: store)
            // Only the registers of the person's offices: another office's partners are not theirs to see.
            let partners = try store.partners(actor: me.id)
            let codes = Dictionary(
                try store.offices().map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
            let columns = TextColumns(
                [
                    // TRANSLATORS: a column heading of a terminal table (`casebook partner list`), upper case.
                    tr("OFFICE"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook partner list`), upper case.
                    tr("NAME"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook partner list`), upper case.
                    tr("KIND"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook partner list`), upper case.
                    tr("CONTACT"),
                ], values: [8, partners.map { TextWidth.of(Sanitized.inline($0.name)) }.max() ?? 0, 16])
            print(columns.heading)
            for partner in partners {
                print(
                    columns.line([
                        codes[partner.officeID] ?? "", Sanitized.inline(partner.name), partner.kind.rawValue,
                        Sanitized.inline(partner.contact),
                    ]))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Add a partner organisation (supervisors and admins)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("The organisation's name."), valueName: "name"))
        var name: String

        @Option(
            help: ArgumentHelp(
                tr("What it is: {kinds}.", ["kinds": PartnerKind.allCases.map(\.rawValue).joined(separator: ", ")])))
        var kind: String

        @Option(help: ArgumentHelp(tr("A contact person, phone or address at the organisation.")))
        var contact: String = ""

        @Option(
            help: ArgumentHelp(
                tr("The office whose register it joins (its code); needed when you keep the registers of several.")))
        var office: String?

        func validate() throws {
            if let office { try checkArgument(office, tr("The office's code")) }
            try checkArgument(name, tr("The name"))
            try checkArgument(contact, tr("The contact"))
            guard PartnerKind(rawValue: kind) != nil else {
                throw ValidationError(
                    tr(
                        "\"{kind}\" is not a kind of partner; use {kinds}.",
                        [
                            "kind": Sanitized.inline(kind, limit: 30),
                            "kinds": listing(PartnerKind.allCases.map(\.rawValue)),
                        ]))
            }
        }

        func run() throws {
            let store = try database.open(.readWrite, for: .partnerAdd)
            let me = try CommandID.partnerAdd.actingStaff(in: store)
            let office = try store.partnerOffice(code: office, actor: me.id)
            let partner = try store.addPartner(
                PartnerDraft(name: name, kind: PartnerKind(rawValue: kind), contact: contact), office: office.id,
                actor: me.id)
            print(
                tr(
                    "Added {name} to the partner organisations of {office}.",
                    ["name": Sanitized.inline(partner.name), "office": Sanitized.inline(office.name)]))
        }
    }
}
