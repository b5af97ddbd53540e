import ArgumentParser
import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookTUI

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: tr("List and manage the staff who work in Casebook."),
        subcommands: [Add.self, List.self, SetRole.self], defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Register a staff member (admins only)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("Their operating-system user name."), valueName: "username"))
        var username: String

        @Option(help: ArgumentHelp(tr("Their full name as colleagues read it.")))
        var name: String?

        // TRANSLATORS: the values typed: keep them as they are.
        @Option(help: ArgumentHelp(tr("officer, supervisor or admin.")))
        var role: String = "officer"

        @Option(
            help: ArgumentHelp(
                tr(
                    "The office they work in (needed when there are several); run again with another office to give them a role there too."
                ),
                valueName: "code"))
        var office: String?

        func validate() throws {
            do { _ = try Role(parsing: role) } catch { throw ValidationError(error.description) }
            if let problem = Staff.validate(username: username) { throw ValidationError(problem) }
            if let name { try checkArgument(name, tr("The name")) }
        }

        func run() throws {
            let store = try database.open(.readWrite, for: .staffAdd)
            let me = try CommandID.staffAdd.actingStaff(in: store)
            let role = try Role(parsing: role)
            let officeID = try office.map { code in
                guard let found = try store.office(code: code) else { throw StoreError.unknownOffice(code) }
                return found.id
            }
            // Someone already registered gets a role in one more office.
            if let existing = try store.staff(username: username), let officeID {
                try store.setMembership(staffID: existing.id, office: officeID, role: role, actor: me.id)
                print(
                    tr(
                        "{user} is now {role} in {office}.",
                        ["user": existing.username, "role": role.rawValue, "office": office ?? ""]))
                return
            }
            let staff = try store.addStaff(
                username: username, displayName: name ?? username, role: role, office: officeID, actor: me.id)
            print(
                tr(
                    "Added {name} ({displayName}) as {role}.",
                    ["name": staff.username, "displayName": staff.displayName, "role": staff.role.rawValue]))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List staff members and their roles."))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readOnly, for: .staffList)
            try CommandID.staffList.authorize(in: store)
            let staff = try store.allStaff()
            let codes = Dictionary(uniqueKeysWithValues: try store.offices().map { ($0.id, $0.code) })
            let columns = TextColumns(
                [
                    // TRANSLATORS: a column heading of a terminal table (`casebook staff list`), upper case.
                    tr("USERNAME"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook staff list`), upper case.
                    tr("ROLE"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook staff list`), upper case.
                    tr("NAME"),
                ], values: [staff.map { TextWidth.of($0.username) }.max() ?? 0, 10])
            print(columns.heading)
            for member in staff {
                let state = member.isActive ? "" : tr(" (inactive)")
                let offices = try store.memberships(of: member.id).map { "\(codes[$0.officeID] ?? "?") \($0.role)" }
                print(
                    columns.line([
                        member.username, member.role.rawValue,
                        "\(Sanitized.inline(member.displayName))\(state)  [\(offices.joined(separator: ", "))]",
                    ]))
            }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role", abstract: tr("Change a staff member's role (admins only)."))

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp(tr("Their user name."), valueName: "username"))
        var username: String

        // TRANSLATORS: the values typed: keep them as they are.
        @Argument(help: ArgumentHelp(tr("officer, supervisor or admin."), valueName: "role"))
        var role: String

        func validate() throws {
            do { _ = try Role(parsing: role) } catch { throw ValidationError(error.description) }
        }

        func run() throws {
            let store = try database.open(.readWrite, for: .staffSetRole)
            let me = try CommandID.staffSetRole.actingStaff(in: store)
            let staff = try store.setRole(username: username, role: try Role(parsing: role), actor: me.id)
            print(tr("{name} is now {role}.", ["name": staff.username, "role": staff.role.rawValue]))
        }
    }
}
