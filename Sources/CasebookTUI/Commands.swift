import CasebookL10n

/// How help, the README and configuration group the commands. Which commands a key reaches is
/// decided by the focused screen's bindings, not by these groups.
package enum KeyContext: String, CaseIterable, Sendable {
    case global
    case movement
    case list
    case search
    case record
    case language
    case qualifications
    case civic
    case contract
    case notes
    case history
    case intake
    case participation
    case partners
    case worklist
    case dashboard
    case form
    case edit
    case dialog

    package var title: String {
        switch self {
        case .global: return "Everywhere"
        case .movement: return "Moving in lists and pages"
        case .list: return "Client list"
        case .search: return "Search field"
        case .record: return "Client record"
        case .language: return "Language tab"
        case .qualifications: return "Qualifications tab"
        case .civic: return "Civic orientation tab"
        case .contract: return "Contract tab"
        case .notes: return "Notes tab"
        case .history: return "History tab"
        case .intake: return tr("Intake tab")
        case .participation: return tr("Participation tab")
        case .partners: return tr("Partner organisations")
        case .worklist: return "My day (worklist)"
        case .dashboard: return "Caseload dashboard"
        case .form: return "Forms"
        case .edit: return "Editing text in a field"
        case .dialog: return "Dialogs and pick lists"
        }
    }
}

/// Every command a key can run, by its stable name (the name configuration files use).
package enum CommandID: String, CaseIterable, Sendable {
    case help = "app.help"
    case quit = "app.quit"
    case redraw = "app.redraw"
    case back = "app.back"

    case up = "move.up"
    case down = "move.down"
    case pageUp = "move.page_up"
    case pageDown = "move.page_down"
    case top = "move.top"
    case bottom = "move.bottom"

    case open = "list.open"
    case search = "list.search"
    case newClient = "client.new"
    case mine = "list.mine"
    case phaseFilter = "list.phase"
    case flagged = "list.flagged"
    case sort = "list.sort"
    case exportList = "list.export"
    case mark = "list.mark"
    case moveMarked = "list.move"

    case acceptSearch = "search.accept"
    case openWorklist = "list.worklist"
    case openDashboard = "list.dashboard"

    case openWorkItem = "worklist.open"

    case openBar = "dashboard.open"
    case previousCell = "dashboard.left"
    case nextCell = "dashboard.right"
    case programmeFilter = "dashboard.programme"
    case officerFilter = "dashboard.officer"
    case periodFilter = "dashboard.period"
    case resetFilters = "dashboard.reset"

    case edit = "record.edit"
    case changePhase = "record.phase"
    case nextTab = "record.next_tab"
    case previousTab = "record.previous_tab"
    case reload = "record.reload"
    case enrol = "record.programme"

    case addAssessment = "language.assess"
    case overrideTarget = "language.target"
    case addCourse = "language.course"
    case addAttendance = "language.attendance"

    case addQualification = "qualification.add"
    case stepQualification = "qualification.step"

    case civicRequirement = "civic.requirement"
    case addCivicSession = "civic.session"
    case addCivicTest = "civic.test"
    case attestCivic = "civic.attest"

    case draftContract = "contract.draft"
    case addObligation = "contract.add"
    case editObligation = "contract.edit"
    case removeObligation = "contract.remove"
    case markMet = "contract.met"
    case markWaived = "contract.waive"
    case markBreached = "contract.breach"
    case signContract = "contract.sign"
    case reviewContract = "contract.review"
    case amendContract = "contract.amend"
    case endContract = "contract.end"
    case contractVersions = "contract.versions"

    case addNote = "notes.add"
    case followUpDone = "notes.done"

    case mapIntake = "intake.map"
    case addWorkExperience = "intake.work"
    case confirmProfile = "intake.profile"
    case exitOutcome = "intake.exit_outcome"
    case followUpOutcome = "intake.follow_up"

    case addActivity = "participation.add"

    case openPartners = "list.partners"
    case addPartner = "partners.add"
    case editPartner = "partners.edit"

    case save = "form.save"
    case nextField = "form.next"
    case previousField = "form.previous"
    case pick = "form.pick"
    case mergeReload = "form.reload"

    case cursorLeft = "edit.left"
    case cursorRight = "edit.right"
    case lineStart = "edit.home"
    case lineEnd = "edit.end"
    case deleteBack = "edit.backspace"
    case deleteForward = "edit.delete"
    case deleteWord = "edit.delete_word"
    case clearField = "edit.clear"

    case accept = "dialog.accept"
    case toggle = "dialog.toggle"
    case yes = "dialog.yes"
    case no = "dialog.no"
}

/// What a command is, where it applies, and how help and the function bar show it.
package struct CommandInfo: Sendable {
    package let id: CommandID
    package let context: KeyContext
    package let summary: String
    package let defaultKeys: [Key]
    /// The short label in the bottom bar; nil when the command is not shown there.
    package let barLabel: String?
}

extension CommandID {
    package var info: CommandInfo { CommandTable.byID[self]! }
}

/// The one table of commands and their default keys. Help and the bottom bar are made from it.
package enum CommandTable {
    package static let all: [CommandInfo] = [
        CommandInfo(id: .help, context: .global, summary: "Show every key (this help)", defaultKeys: [.character("?"), .function(1)], barLabel: "Help"),
        CommandInfo(id: .quit, context: .global, summary: "Quit Casebook (asks first if a form has unsaved changes)", defaultKeys: [.character("q"), .control("c")], barLabel: "Quit"),
        CommandInfo(id: .redraw, context: .global, summary: "Redraw the screen", defaultKeys: [.control("l")], barLabel: nil),
        CommandInfo(id: .back, context: .global, summary: "Back: close, cancel, or clear the search", defaultKeys: [.escape], barLabel: "Back"),

        CommandInfo(id: .up, context: .movement, summary: "Up one line", defaultKeys: [.up, .character("k")], barLabel: nil),
        CommandInfo(id: .down, context: .movement, summary: "Down one line", defaultKeys: [.down, .character("j")], barLabel: nil),
        CommandInfo(id: .pageUp, context: .movement, summary: "Up one page", defaultKeys: [.pageUp], barLabel: nil),
        CommandInfo(id: .pageDown, context: .movement, summary: "Down one page", defaultKeys: [.pageDown], barLabel: nil),
        CommandInfo(id: .top, context: .movement, summary: "To the top", defaultKeys: [.home, .character("g")], barLabel: nil),
        CommandInfo(id: .bottom, context: .movement, summary: "To the bottom", defaultKeys: [.end, .character("G")], barLabel: nil),

        CommandInfo(id: .open, context: .list, summary: "Open the selected client's record", defaultKeys: [.enter], barLabel: "Open"),
        CommandInfo(id: .search, context: .list, summary: "Search by name or case number as you type", defaultKeys: [.character("/")], barLabel: "Search"),
        CommandInfo(id: .newClient, context: .list, summary: "Register a new client", defaultKeys: [.character("n")], barLabel: "New"),
        CommandInfo(id: .mine, context: .list, summary: "Switch between my caseload and all clients", defaultKeys: [.character("m")], barLabel: "Mine"),
        CommandInfo(id: .phaseFilter, context: .list, summary: "Show only one phase (or all)", defaultKeys: [.character("p")], barLabel: "Phase"),
        CommandInfo(id: .flagged, context: .list, summary: "Show only clients with a vulnerability flag", defaultKeys: [.character("f")], barLabel: "Flags"),
        CommandInfo(id: .sort, context: .list, summary: "Sort by name, case number or arrival", defaultKeys: [.character("s")], barLabel: "Sort"),
        CommandInfo(id: .exportList, context: .list, summary: "Export the clients this list shows to a CSV or JSON file", defaultKeys: [.character("x")], barLabel: nil),
        CommandInfo(id: .mark, context: .list, summary: "Mark or unmark the selected client (for moving caseloads)", defaultKeys: [.character(" ")], barLabel: nil),
        CommandInfo(id: .moveMarked, context: .list, summary: "Move the marked clients to another officer of their office (supervisors)", defaultKeys: [.character("M")], barLabel: nil),

        CommandInfo(id: .acceptSearch, context: .search, summary: "Keep the search and move to the results", defaultKeys: [.enter], barLabel: "Results"),
        CommandInfo(id: .openWorklist, context: .list, summary: "Open My day: what is overdue or due soon in my caseload", defaultKeys: [.character("w")], barLabel: "My day"),
        CommandInfo(id: .openDashboard, context: .list, summary: "Open the caseload dashboard (supervisors and admins)", defaultKeys: [.character("D")], barLabel: "Dashboard"),

        CommandInfo(id: .openWorkItem, context: .worklist, summary: "Open the client's record at the tab the item is about", defaultKeys: [.enter], barLabel: "Open"),
        CommandInfo(id: .openBar, context: .dashboard, summary: "Open the list of exactly the clients behind the selected figure", defaultKeys: [.enter], barLabel: "Clients"),
        CommandInfo(id: .previousCell, context: .dashboard, summary: "Previous figure on the line", defaultKeys: [.left, .character("h")], barLabel: nil),
        CommandInfo(id: .nextCell, context: .dashboard, summary: "Next figure on the line", defaultKeys: [.right, .character("l")], barLabel: nil),
        CommandInfo(id: .programmeFilter, context: .dashboard, summary: "Show one programme, or all", defaultKeys: [.character("p")], barLabel: "Programme"),
        CommandInfo(id: .officerFilter, context: .dashboard, summary: "Show one officer's clients, or everyone's", defaultKeys: [.character("o")], barLabel: "Officer"),
        CommandInfo(id: .periodFilter, context: .dashboard, summary: "Change the period of the flow figures", defaultKeys: [.character("t")], barLabel: "Period"),
        CommandInfo(id: .resetFilters, context: .dashboard, summary: "All programmes, all officers, the last twelve months", defaultKeys: [.character("r")], barLabel: "Reset"),

        CommandInfo(id: .edit, context: .record, summary: "Edit the client's details", defaultKeys: [.character("e")], barLabel: "Edit"),
        CommandInfo(id: .changePhase, context: .record, summary: "Move the case to its next phase", defaultKeys: [.character("c")], barLabel: "Phase"),
        CommandInfo(id: .nextTab, context: .record, summary: "Next tab", defaultKeys: [.tab, .right, .character("l")], barLabel: "Tab"),
        CommandInfo(id: .previousTab, context: .record, summary: "Previous tab", defaultKeys: [.backTab, .left, .character("h")], barLabel: nil),
        CommandInfo(id: .reload, context: .record, summary: "Reload the record from the database", defaultKeys: [.character("r"), .control("r")], barLabel: nil),
        CommandInfo(id: .enrol, context: .record, summary: "Enrol in a programme and learner profile", defaultKeys: [.character("P")], barLabel: "Programme"),

        CommandInfo(id: .addAssessment, context: .language, summary: "Record a language assessment (one skill or all five)", defaultKeys: [.character("a")], barLabel: "Assess"),
        CommandInfo(id: .overrideTarget, context: .language, summary: "Change a skill's target, with the reason", defaultKeys: [.character("o")], barLabel: "Target"),
        CommandInfo(id: .addCourse, context: .language, summary: "Enrol in a language course", defaultKeys: [.character("n")], barLabel: "Course"),
        CommandInfo(id: .addAttendance, context: .language, summary: "Record course hours attended and missed", defaultKeys: [.character("t")], barLabel: "Attendance"),

        CommandInfo(id: .addQualification, context: .qualifications, summary: "Add a foreign qualification", defaultKeys: [.character("a")], barLabel: "Add"),
        CommandInfo(id: .stepQualification, context: .qualifications, summary: "Move the selected recognition file to its next stage", defaultKeys: [.character("s")], barLabel: "Step"),

        CommandInfo(id: .civicRequirement, context: .civic, summary: "Set whether civic orientation is required (exemption with reason)", defaultKeys: [.character("x")], barLabel: "Requirement"),
        CommandInfo(id: .addCivicSession, context: .civic, summary: "Record a civic orientation session", defaultKeys: [.character("s")], barLabel: "Session"),
        CommandInfo(id: .addCivicTest, context: .civic, summary: "Record a civic test result", defaultKeys: [.character("t")], barLabel: "Test"),
        CommandInfo(id: .attestCivic, context: .civic, summary: "Record the course attestation", defaultKeys: [.character("v")], barLabel: "Attest"),

        CommandInfo(id: .draftContract, context: .contract, summary: "Draft the contract from the programme's obligations", defaultKeys: [.character("d")], barLabel: "Draft"),
        CommandInfo(id: .addObligation, context: .contract, summary: "Add an obligation (draft or amendment)", defaultKeys: [.character("a")], barLabel: nil),
        CommandInfo(id: .editObligation, context: .contract, summary: "Change the selected obligation's terms (draft or amendment)", defaultKeys: [.character("u")], barLabel: nil),
        CommandInfo(id: .removeObligation, context: .contract, summary: "Remove the selected obligation (draft or amendment)", defaultKeys: [.character("x")], barLabel: nil),
        CommandInfo(id: .markMet, context: .contract, summary: "Mark the selected obligation met (confirms Casebook's proposal)", defaultKeys: [.character("m")], barLabel: "Met"),
        CommandInfo(id: .markWaived, context: .contract, summary: "Waive the selected obligation, with the reason", defaultKeys: [.character("w")], barLabel: nil),
        CommandInfo(id: .markBreached, context: .contract, summary: "Mark the selected obligation breached", defaultKeys: [.character("b")], barLabel: nil),
        CommandInfo(id: .signContract, context: .contract, summary: "Record both parties' signatures; the version comes into force", defaultKeys: [.character("S")], barLabel: "Sign"),
        CommandInfo(id: .reviewContract, context: .contract, summary: "Record a review of the contract", defaultKeys: [.character("R")], barLabel: nil),
        CommandInfo(id: .amendContract, context: .contract, summary: "Amend: a new version, the one in force is kept", defaultKeys: [.character("A")], barLabel: "Amend"),
        CommandInfo(id: .endContract, context: .contract, summary: "End the contract", defaultKeys: [.character("X")], barLabel: nil),
        CommandInfo(id: .contractVersions, context: .contract, summary: "Show earlier versions of the contract", defaultKeys: [.character("V")], barLabel: "Versions"),

        CommandInfo(id: .addNote, context: .notes, summary: "Add a case note (a contact, with follow-up date)", defaultKeys: [.character("a")], barLabel: "Note"),
        CommandInfo(id: .followUpDone, context: .notes, summary: "Mark the selected note's follow-up done", defaultKeys: [.character("f")], barLabel: "Done"),

        CommandInfo(id: .mapIntake, context: .intake, summary: tr("Record or change the intake mapping (schooling, literacy, skills, goals)"), defaultKeys: [.character("m")], barLabel: tr("Mapping")),
        CommandInfo(id: .addWorkExperience, context: .intake, summary: tr("Add work experience (ISCO-08 group and the title as said)"), defaultKeys: [.character("a")], barLabel: tr("Work")),
        CommandInfo(id: .confirmProfile, context: .intake, summary: tr("Enrol in the learner profile the mapping suggests (you confirm it)"), defaultKeys: [.character("s")], barLabel: tr("Profile")),
        CommandInfo(id: .exitOutcome, context: .intake, summary: tr("Record the main activity at exit"), defaultKeys: [.character("x")], barLabel: tr("Exit")),
        CommandInfo(id: .followUpOutcome, context: .intake, summary: tr("Record the main activity twelve months after exit"), defaultKeys: [.character("f")], barLabel: tr("12 months")),

        CommandInfo(id: .addActivity, context: .participation, summary: tr("Record an activity (mentoring, club, volunteering, local participation)"), defaultKeys: [.character("a")], barLabel: tr("Activity")),

        CommandInfo(id: .openPartners, context: .list, summary: tr("Open the register of partner organisations"), defaultKeys: [.character("O")], barLabel: nil),
        CommandInfo(id: .addPartner, context: .partners, summary: tr("Add a partner organisation (supervisors and admins)"), defaultKeys: [.character("a")], barLabel: tr("Add")),
        CommandInfo(id: .editPartner, context: .partners, summary: tr("Change the selected partner organisation (supervisors and admins)"), defaultKeys: [.character("e")], barLabel: tr("Edit")),

        CommandInfo(id: .save, context: .form, summary: "Save", defaultKeys: [.control("s"), .function(2)], barLabel: "Save"),
        CommandInfo(id: .nextField, context: .form, summary: "Next field", defaultKeys: [.tab, .down], barLabel: "Next"),
        CommandInfo(id: .previousField, context: .form, summary: "Previous field", defaultKeys: [.backTab, .up], barLabel: nil),
        CommandInfo(id: .pick, context: .form, summary: "Choose from the list (on fields with a list), else next field", defaultKeys: [.enter, .function(4)], barLabel: "Choose"),
        CommandInfo(id: .mergeReload, context: .form, summary: "After a conflict: load the colleague's version and keep your own changes on top", defaultKeys: [.control("r")], barLabel: nil),

        CommandInfo(id: .cursorLeft, context: .edit, summary: "Cursor left", defaultKeys: [.left], barLabel: nil),
        CommandInfo(id: .cursorRight, context: .edit, summary: "Cursor right", defaultKeys: [.right], barLabel: nil),
        CommandInfo(id: .lineStart, context: .edit, summary: "Start of the field", defaultKeys: [.home, .control("a")], barLabel: nil),
        CommandInfo(id: .lineEnd, context: .edit, summary: "End of the field", defaultKeys: [.end, .control("e")], barLabel: nil),
        CommandInfo(id: .deleteBack, context: .edit, summary: "Delete the character before the cursor", defaultKeys: [.backspace], barLabel: nil),
        CommandInfo(id: .deleteForward, context: .edit, summary: "Delete the character under the cursor", defaultKeys: [.delete, .control("d")], barLabel: nil),
        CommandInfo(id: .deleteWord, context: .edit, summary: "Delete the word before the cursor", defaultKeys: [.control("w")], barLabel: nil),
        CommandInfo(id: .clearField, context: .edit, summary: "Clear the field", defaultKeys: [.control("u")], barLabel: nil),

        CommandInfo(id: .accept, context: .dialog, summary: "Choose / confirm", defaultKeys: [.enter], barLabel: "Choose"),
        CommandInfo(id: .toggle, context: .dialog, summary: "Tick or untick (lists where several can be chosen)", defaultKeys: [.character(" ")], barLabel: "Tick"),
        CommandInfo(id: .yes, context: .dialog, summary: "Answer yes", defaultKeys: [.character("y")], barLabel: nil),
        CommandInfo(id: .no, context: .dialog, summary: "Answer no", defaultKeys: [.character("n")], barLabel: nil),
    ]

    static let byID: [CommandID: CommandInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
}
