import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Every command of Casebook. Each is an entry point of the office mode, so each has a rule.
enum CommandID: String, CaseIterable {
    case open
    case initialize = "init"
    case setup
    case staffList = "staff list"
    case staffAdd = "staff add"
    case staffSetRole = "staff set-role"
    case officeList = "office list"
    case officeAdd = "office add"
    case officeRename = "office rename"
    case programmeList = "programme list"
    case programmeImport = "programme import"
    case contractPrint = "contract print"
    case accessLog = "access-log"
    case caseloadMove = "caseload move"
    case transferPropose = "transfer propose"
    case transferAccept = "transfer accept"
    case transferDecline = "transfer decline"
    case transferList = "transfer list"
    case report
    case demo
    case check
    case checkRepair = "check --repair"
    case backup
    case auditVerify = "audit verify"
    case auditShow = "audit show"
    case bench
    case retention
    case retentionApply = "retention --apply"
    case clientExport = "client export"
    case clientHold = "client hold"
    case clientUnhold = "client unhold"
    case clientRestrict = "client restrict"
    case clientUnrestrict = "client unrestrict"
    case importClients = "import clients"
    case importUndo = "import undo"
    case importList = "import list"
    case importAssessments = "import assessments"
    case importQualifications = "import qualifications"
    case clientsExport = "clients export"
    case partnerList = "partner list"
    case partnerAdd = "partner add"
}

/// Who may run a command.
enum Requirement: Equatable {
    /// Whoever can run the program (on a personal file: whoever can read it anyway).
    case anyone
    /// A registered, active staff member; the Store asks the policy for each client the
    /// command touches.
    case staff
    /// A staff member whom the permission policy (Core's `Policy`) grants the site-wide action.
    case policy(Action)
    /// The root user (setting up an office).
    case root
    /// Not on this kind of database at all.
    case never
}

/// A command's rule on one person's own file and on the office's shared database (the office
/// mode, where the office group's rights are held).
struct AccessRule: Equatable {
    let personal: Requirement
    let office: Requirement
}

extension CommandID {
    /// Where each command may run and which action of the policy it takes: who holds it is
    /// the policy's (one table, in Core, enforced again by the Store). On a personal file the
    /// commands that read no client's data are anyone's, as Casebook always had them.
    var rule: AccessRule {
        switch self {
        case .open: AccessRule(personal: .staff, office: .staff)
        case .initialize: AccessRule(personal: .anyone, office: .policy(.upgrade))
        case .setup: AccessRule(personal: .root, office: .root)
        case .staffList: AccessRule(personal: .anyone, office: .policy(.listStaff))
        case .staffAdd, .staffSetRole: AccessRule(personal: .policy(.manageStaff), office: .policy(.manageStaff))
        case .officeList: AccessRule(personal: .anyone, office: .staff)
        case .officeAdd, .officeRename:
            AccessRule(personal: .policy(.manageOffices), office: .policy(.manageOffices))
        case .programmeList: AccessRule(personal: .anyone, office: .policy(.listProgrammes))
        case .programmeImport:
            AccessRule(personal: .policy(.importProgrammes), office: .policy(.importProgrammes))
        case .contractPrint, .accessLog, .caseloadMove, .transferPropose, .transferAccept, .transferDecline,
            .transferList:
            AccessRule(personal: .staff, office: .staff)
        // The Store lets through only those who may see the client's record.
        case .auditShow: AccessRule(personal: .staff, office: .staff)
        case .report: AccessRule(personal: .policy(.seeDashboard), office: .policy(.seeDashboard))
        case .demo, .bench: AccessRule(personal: .anyone, office: .never)
        case .check: AccessRule(personal: .anyone, office: .policy(.check))
        case .checkRepair: AccessRule(personal: .policy(.repair), office: .policy(.repair))
        case .backup: AccessRule(personal: .anyone, office: .policy(.backup))
        case .auditVerify: AccessRule(personal: .anyone, office: .policy(.verifyAudit))
        // The data-protection commands (issue 16); the Store asks the policy again per client.
        case .retention: AccessRule(personal: .policy(.seeRetention), office: .policy(.seeRetention))
        case .retentionApply: AccessRule(personal: .policy(.erase), office: .policy(.erase))
        case .clientExport: AccessRule(personal: .policy(.subjectExport), office: .policy(.subjectExport))
        case .clientRestrict: AccessRule(personal: .policy(.restrict), office: .policy(.restrict))
        case .clientHold, .clientUnhold: AccessRule(personal: .policy(.legalHold), office: .policy(.legalHold))
        case .clientUnrestrict:
            AccessRule(personal: .policy(.liftRestriction), office: .policy(.liftRestriction))
        // A caseload brought in (or taken out again) at once is the office's decision, not one
        // officer's: registering clients one by one stays with every officer.
        case .importClients, .importUndo, .importList, .importAssessments, .importQualifications:
            AccessRule(personal: .policy(.importClients), office: .policy(.importClients))
        case .clientsExport: AccessRule(personal: .policy(.export), office: .policy(.export))
        // Officers choose partners on the Participation tab; supervisors keep the register.
        case .partnerList: AccessRule(personal: .policy(.seePartners), office: .policy(.seePartners))
        case .partnerAdd: AccessRule(personal: .policy(.managePartners), office: .policy(.managePartners))
        }
    }

    /// What the command does, for a refusal of where it runs.
    var action: String {
        switch self {
        case .open: tr("open Casebook")
        case .initialize: tr("bring the office's database up to date")
        case .setup: tr("set up an office")
        case .staffList: tr("list the staff")
        case .staffAdd: tr("add staff")
        case .staffSetRole: tr("change roles")
        case .officeList: tr("list the offices")
        case .officeAdd: tr("add offices")
        case .officeRename: tr("rename offices")
        case .programmeList: tr("list the programmes")
        case .programmeImport: tr("import programmes")
        case .contractPrint: tr("print contracts")
        case .accessLog: tr("show who looked at a record")
        case .caseloadMove: tr("move caseloads")
        case .transferPropose, .transferAccept, .transferDecline,
            .transferList:
            tr("transfer clients")
        case .report: tr("see the caseload report")
        case .demo: tr("make a demo")
        case .check: tr("check the database")
        case .checkRepair: tr("repair the database")
        case .backup: tr("back up the office's database")
        case .auditVerify: tr("verify the audit log")
        case .auditShow: tr("show a client's history")
        case .bench: tr("run the benchmark")
        case .retention: tr("list the clients due for erasure")
        case .retentionApply: tr("erase clients' data")
        case .clientExport: tr("export a person's data")
        case .clientHold: tr("place a legal hold")
        case .clientUnhold: tr("lift a legal hold")
        case .clientRestrict: tr("restrict a record")
        case .clientUnrestrict: tr("lift a restriction")
        case .importClients: tr("import clients")
        case .importUndo: tr("undo imports")
        case .importList: tr("list the imports")
        case .importAssessments: tr("import language assessments")
        case .importQualifications: tr("import foreign qualifications")
        case .clientsExport: tr("export client lists")
        case .partnerList: tr("list the partner organisations")
        case .partnerAdd: tr("add partner organisations")
        }
    }

    /// The requirement where the command runs now: the office's database while the office
    /// group's rights are held, else a personal file.
    var requirement: Requirement { PrivilegedMode.isHeld ? rule.office : rule.personal }

    /// Refuses the command before any database is opened when no one may run it here.
    func checkPlace() throws {
        switch requirement {
        case .never:
            throw CommandError(
                tr(
                    "Casebook does not {action} on the office's database; give --db a file of your own, e.g. --db ~/demo.db.",
                    ["action": action]))
        case .root where getuid() != 0:
            throw CommandError(tr("Only root can {action}; run it as root (sudo casebook {command} …).", ["action": action, "command": rawValue]))
        default:
            break
        }
    }

    /// Checks the rule for the person at the keyboard on `store`. Returns their staff record;
    /// nil only where anyone may run the command and they are not staff.
    @discardableResult
    func authorize(in store: Store) throws -> Staff? {
        try checkPlace()
        let person = try Environment.person(actingOn: store.path)
        let staff = try store.staff(username: person.username).flatMap { $0.isActive ? $0 : nil }
        if PrivilegedMode.isHeld {
            // Who ran what, in the office's log (user names are staff data, never a client's).
            Logger(label: "casebook").info("\(person.username) (uid \(getuid())) runs \(rawValue)")
        }
        switch requirement {
        case .anyone, .root, .never:
            return staff
        case .staff, .policy:
            guard let staff else { throw StoreError.notStaff(username: person.username) }
            if case .policy(let action) = requirement { try store.require(action, by: staff.id) }
            return staff
        }
    }

    /// `authorize`, for commands that need the acting staff member.
    func actingStaff(in store: Store) throws -> Staff {
        guard let staff = try authorize(in: store) else {
            throw StoreError.notStaff(username: try Environment.person(actingOn: store.path).username)
        }
        return staff
    }
}

extension Requirement {
    /// The requirement in the policy table of docs/PRIVACY.md.
    var label: String {
        switch self {
        case .anyone: "anyone who can read the file"
        case .staff: "staff"
        case .policy(let action):
            Policy.defaults.roles(for: action).map(\.plural).joined(separator: ", ") + " (`\(action.rawValue)`)"
        case .root: "root"
        case .never: "never"
        }
    }
}

extension CommandID {
    /// What the Store narrows further, for one record, whoever calls it (`Store+Privacy`,
    /// `Store+SubjectExport`): listed in the policy table beside the commands.
    static let recordRules: [(action: String, who: String)] = [
        ("export a person's data (`client export`)", "the case's officer, supervisors, admins"),
        ("restrict a record (`client restrict`)", "the case's officer, supervisors, admins"),
        ("lift a restriction (`client unrestrict`)", "admins"),
        ("place or lift a legal hold (`client hold`, `client unhold`)", "supervisors, admins"),
        ("change a restricted record", "admins"),
        ("change an erased record's stub", "no one"),
        (
            "erase a client (`retention --apply`)",
            "admins, and only a closed case past the rule, under no hold or restriction"
        ),
    ]

    /// The policy table of docs/PRIVACY.md, from the rules above: a test holds the document to it.
    static func policyMarkdown() -> String {
        var out = "| Command | On one's own file | On the office's database |\n| --- | --- | --- |\n"
        for command in CommandID.allCases {
            out +=
                "| `casebook \(command.rawValue)` | \(command.rule.personal.label) | \(command.rule.office.label) |\n"
        }
        out += "\n| For one record | Who |\n| --- | --- |\n"
        for rule in recordRules { out += "| \(rule.action) | \(rule.who) |\n" }
        return out
    }
}
