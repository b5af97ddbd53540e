import CasebookL10n

/// Something a staff member may do in Casebook. The raw value is the key a site's
/// `[permissions]` table names.
package enum Action: String, CaseIterable, Sendable, CustomStringConvertible {
    case seeList = "see_list"
    case openRecord = "open_record"
    case registerClient = "register_client"
    case editIdentity = "edit_identity"
    case recordTrack = "record_track"
    case changePhase = "change_phase"
    case manageContract = "manage_contract"
    case printContract = "print_contract"
    case seeDashboard = "see_dashboard"
    case moveCaseload = "move_caseload"
    case transfer
    case export
    case seeAccessLog = "see_access_log"
    case importClients = "import_clients"
    case listStaff = "list_staff"
    case manageStaff = "manage_staff"
    case manageOffices = "manage_offices"
    case listProgrammes = "list_programmes"
    case importProgrammes = "import_programmes"
    case check
    case backup
    case repair
    case verifyAudit = "verify_audit"
    /// Bring a shared database up to date (`casebook init` on the office's file).
    case upgrade
    /// The retention dry run: the clients due for erasure, with their officers.
    case seeRetention = "see_retention"
    /// Erase the personal data of the clients due (`casebook retention --apply`).
    case erase
    /// Place or lift a legal hold, which keeps a client out of erasure.
    case legalHold = "legal_hold"
    /// Restrict processing of a record (GDPR Art. 18).
    case restrict
    /// Lift a restriction.
    case liftRestriction = "lift_restriction"
    /// Give a person everything held on them (GDPR Art. 15).
    case subjectExport = "subject_export"
    /// Keep the register of partner organisations.
    case managePartners = "manage_partners"
    /// See an office's register of partner organisations (and choose from it on an activity).
    case seePartners = "see_partners"

    package var description: String { rawValue }

    /// True for an action over clients' data: it is granted per office, and the law keeps it
    /// closed to everyone outside the client's office whatever a site's file says.
    package var concernsClients: Bool {
        switch self {
        case .seeList, .openRecord, .registerClient, .editIdentity, .recordTrack, .changePhase, .manageContract,
            .printContract, .seeDashboard, .moveCaseload, .transfer, .export, .seeAccessLog, .importClients,
            .seeRetention, .erase, .legalHold, .restrict, .liftRestriction, .subjectExport:
            return true
        case .listStaff, .manageStaff, .manageOffices, .listProgrammes, .importProgrammes, .check, .backup, .repair,
            .verifyAudit, .upgrade, .managePartners, .seePartners:
            return false
        }
    }

    /// True for an action granted office by office: those over clients' data, and each
    /// office's own register of partner organisations. A refusal names the office.
    package var isPerOffice: Bool { concernsClients || self == .managePartners || self == .seePartners }

    /// What the action is, to finish "Only supervisors of Nordby may …".
    package var phrase: String {
        switch self {
        case .seeList: tr("see its clients")
        case .openRecord: tr("open its clients' records")
        case .registerClient: tr("register clients")
        case .editIdentity: tr("edit a client's identity")
        case .recordTrack: tr("record language, recognition and civic data")
        case .changePhase: tr("change a client's phase")
        case .manageContract: tr("manage integration contracts")
        case .printContract: tr("print contracts")
        case .seeDashboard: tr("see the dashboard and the report")
        case .moveCaseload: tr("move caseloads")
        case .transfer: tr("transfer clients")
        case .export: tr("export clients' data")
        case .seeAccessLog: tr("see who looked at a record")
        case .importClients: tr("import clients")
        case .listStaff: tr("list the staff")
        case .manageStaff: tr("manage staff")
        case .manageOffices: tr("manage offices")
        case .listProgrammes: tr("list the programmes")
        case .importProgrammes: tr("import programmes")
        case .check: tr("check the database")
        case .backup: tr("back up the database")
        case .repair: tr("repair the database")
        case .verifyAudit: tr("verify the audit and read logs")
        case .upgrade: tr("bring the database up to date")
        case .seeRetention: tr("list the clients due for erasure")
        case .erase: tr("erase clients' data")
        case .legalHold: tr("place or lift legal holds")
        case .restrict: tr("restrict a record")
        case .liftRestriction: tr("lift a restriction")
        case .subjectExport: tr("export a person's data")
        case .managePartners: tr("keep the register of partner organisations")
        case .seePartners: tr("see the register of partner organisations")
        }
    }
}

/// Over which clients a role may take an action. Ordered: each scope includes the one before.
package enum Scope: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    /// Not at all.
    case none
    /// The clients whose officer they are.
    case ownCaseload
    /// Every client of an office where they hold the role.
    case office
    /// Site-wide: actions that do not read one office's clients (staff, backup, repair).
    case everyOffice

    package static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The word a `[permissions]` table uses.
    package var description: String {
        switch self {
        case .none: "none"
        case .ownCaseload: "own"
        case .office: "office"
        case .everyOffice: "all"
        }
    }

    package init?(word: String) {
        guard let scope = Scope.allCases.first(where: { $0.description == word }) else { return nil }
        self = scope
    }
}

/// The one permission policy: for each action and role, the scope. Every Store entry point asks
/// it before reading or writing (`Store.require`); screens and commands only hide what it
/// refuses. A site narrows it (`narrowed(by:)`), never widens it.
package struct Policy: Hashable, Sendable {
    private var table: [Action: [Role: Scope]]

    /// Officers see and edit their offices' clients; supervisors also see their offices'
    /// dashboard, report and read log and move and transfer caseloads; admins also manage staff,
    /// offices, programmes, backup and repair. No client action reaches beyond an office the
    /// person belongs to.
    package static let defaults = Policy(table: [
        .seeList: [.officer: .office, .supervisor: .office, .admin: .office],
        .openRecord: [.officer: .office, .supervisor: .office, .admin: .office],
        .registerClient: [.officer: .office, .supervisor: .office, .admin: .office],
        .editIdentity: [.officer: .office, .supervisor: .office, .admin: .office],
        .recordTrack: [.officer: .office, .supervisor: .office, .admin: .office],
        .changePhase: [.officer: .office, .supervisor: .office, .admin: .office],
        .manageContract: [.officer: .office, .supervisor: .office, .admin: .office],
        .printContract: [.officer: .office, .supervisor: .office, .admin: .office],
        .seeDashboard: [.supervisor: .office, .admin: .office],
        .moveCaseload: [.supervisor: .office],
        .transfer: [.supervisor: .office],
        .export: [.supervisor: .office, .admin: .office],
        .seeAccessLog: [.supervisor: .office, .admin: .office],
        .importClients: [.supervisor: .office, .admin: .office],
        .listStaff: [.officer: .everyOffice, .supervisor: .everyOffice, .admin: .everyOffice],
        .manageStaff: [.admin: .everyOffice],
        .manageOffices: [.admin: .everyOffice],
        .listProgrammes: [.officer: .everyOffice, .supervisor: .everyOffice, .admin: .everyOffice],
        .importProgrammes: [.admin: .everyOffice],
        .check: [.officer: .everyOffice, .supervisor: .everyOffice, .admin: .everyOffice],
        .backup: [.admin: .everyOffice],
        .repair: [.admin: .everyOffice],
        .upgrade: [.admin: .everyOffice],
        // Supervisors too: whoever answers for the office can check the logs without asking the
        // admins, whose rights are the ones that could alter them; they show no client's data.
        .verifyAudit: [.supervisor: .everyOffice, .admin: .everyOffice],
        // The data-protection actions (issue 16): the dry run names officers and case numbers as
        // the office's supervisors see them; only admins erase or lift a restriction; an officer
        // restricts or exports for the people of their own caseload.
        .seeRetention: [.supervisor: .office, .admin: .office],
        .erase: [.admin: .office],
        .legalHold: [.supervisor: .office, .admin: .office],
        .restrict: [.officer: .ownCaseload, .supervisor: .office, .admin: .office],
        .liftRestriction: [.admin: .office],
        .subjectExport: [.officer: .ownCaseload, .supervisor: .office, .admin: .office],
        // Each office keeps its own register (issue 18): its supervisors manage it, its staff see it.
        .managePartners: [.supervisor: .office, .admin: .office],
        .seePartners: [.officer: .office, .supervisor: .office, .admin: .office],
    ])

    /// The widest scope an action can have: client actions stop at the office.
    package static func ceiling(_ action: Action) -> Scope { action.concernsClients ? .office : .everyOffice }

    package func scope(_ action: Action, _ role: Role) -> Scope {
        min(table[action]?[role] ?? .none, Policy.ceiling(action))
    }

    /// The roles that may take `action` at all, in the order officer, supervisor, admin.
    package func roles(for action: Action) -> [Role] {
        Role.allCases.filter { scope(action, $0) > .none }
    }

    /// This policy with `role`'s scope for `action` set to `scope`; nil when that would widen it.
    package func narrowed(_ action: Action, _ role: Role, to scope: Scope) -> Policy? {
        guard scope <= self.scope(action, role) else { return nil }
        var copy = self
        copy.table[action, default: [:]][role] = scope
        return copy
    }

    /// "Only supervisors of Nordby may move caseloads." (or "Nobody may …" when no role may).
    package func refusal(_ action: Action, officeName: String?) -> String {
        let roles = roles(for: action)
        guard !roles.isEmpty else { return tr("Nobody may {action} here.", ["action": action.phrase]) }
        let names = roles.map(\.plural)
        let who =
            names.count == 1
            ? names[0]
            : tr(
                "{some} and {last}", ["some": names.dropLast().joined(separator: ", "), "last": names[names.count - 1]])
        if let officeName, action.isPerOffice {
            return tr(
                "Only {roles} of {office} may {action}.", ["roles": who, "office": officeName, "action": action.phrase])
        }
        return tr("Only {roles} may {action}.", ["roles": who, "action": action.phrase])
    }
}

extension Role {
    /// The role's name for many people: "supervisors".
    package var plural: String {
        switch self {
        case .officer: tr("officers")
        case .supervisor: tr("supervisors")
        case .admin: tr("admins")
        }
    }
}

/// A staff member as the policy sees them: who they are and their role in each office.
package struct Actor: Hashable, Sendable {
    package var staff: Staff
    package var memberships: [Membership]

    package init(staff: Staff, memberships: [Membership]) {
        self.staff = staff
        self.memberships = memberships
    }

    package var id: Staff.ID { staff.id }

    package func role(in office: Office.ID) -> Role? { memberships.first { $0.officeID == office }?.role }

    /// The scope of `action` for clients of `office`.
    package func scope(_ action: Action, in office: Office.ID, policy: Policy) -> Scope {
        guard staff.isActive, let role = role(in: office) else { return .none }
        return policy.scope(action, role)
    }

    /// True when the actor may take a site-wide action (one not about an office's clients): some
    /// role they hold grants it.
    package func may(_ action: Action, policy: Policy) -> Bool {
        staff.isActive && memberships.contains { policy.scope(action, $0.role) > .none }
    }

    /// True when the actor may take `action` on a client of `office` whose officer is `officer`.
    package func may(_ action: Action, clientOffice office: Office.ID, officer: Staff.ID?, policy: Policy) -> Bool {
        switch scope(action, in: office, policy: policy) {
        case .none: false
        case .ownCaseload: officer == staff.id
        case .office, .everyOffice: true
        }
    }

    /// The offices where the actor takes `action` over every client, and those where only over
    /// their own caseload: what a list's SQL filter needs.
    package func offices(for action: Action, policy: Policy) -> (whole: [Office.ID], ownOnly: [Office.ID]) {
        var whole: [Office.ID] = []
        var own: [Office.ID] = []
        for membership in memberships where staff.isActive {
            switch policy.scope(action, membership.role) {
            case .none: break
            case .ownCaseload: own.append(membership.officeID)
            case .office, .everyOffice: whole.append(membership.officeID)
            }
        }
        return (whole.sorted(), own.sorted())
    }
}
