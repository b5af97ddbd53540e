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
    case offices
    case transfers
    case worklist
    case dashboard
    case form
    case edit
    case dialog

    package var title: String {
        switch self {
        case .global: return tr("Everywhere")
        case .movement: return tr("Moving in lists and pages")
        case .list: return tr("Client list")
        case .search: return tr("Search field")
        case .record: return tr("Client record")
        case .language: return tr("Language tab")
        case .qualifications: return tr("Qualifications tab")
        case .civic: return tr("Civic orientation tab")
        case .contract: return tr("Contract tab")
        case .notes: return tr("Notes tab")
        case .history: return tr("History tab")
        case .intake: return tr("Intake tab")
        case .participation: return tr("Participation tab")
        case .partners: return tr("Partner organisations")
        case .offices: return tr("Offices and staff")
        case .transfers: return tr("Transfers")
        case .worklist: return tr("My day (worklist)")
        case .dashboard: return tr("Caseload dashboard")
        case .form: return tr("Forms")
        case .edit: return tr("Editing text in a field")
        case .dialog: return tr("Dialogs and pick lists")
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
    case officeFilter = "dashboard.office"

    case edit = "record.edit"
    case changePhase = "record.phase"
    case nextTab = "record.next_tab"
    case previousTab = "record.previous_tab"
    case reload = "record.reload"
    case enrol = "record.programme"
    case legalHold = "record.legal_hold"
    case restrictProcessing = "record.restrict"
    case exportPerson = "record.subject_export"

    case addAssessment = "language.assess"
    case overrideTarget = "language.target"
    case addCourse = "language.course"
    case addAttendance = "language.attendance"

    case addQualification = "qualification.add"
    case stepQualification = "qualification.step"
    case changeProcedure = "qualification.procedure"

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

    case openOffices = "list.offices"
    case addOffice = "offices.add"
    case renameOffice = "offices.rename"
    case setMembership = "offices.staff"
    case switchList = "offices.switch"
    case openTransfers = "list.transfers"
    case acceptTransfer = "transfers.accept"
    case declineTransfer = "transfers.decline"
    case proposeTransfer = "record.transfer"

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
    /// In the language Casebook speaks (made again for each language one draws in).
    package static var all: [CommandInfo] { tables.value.all }

    static var byID: [CommandID: CommandInfo] { tables.value.byID }

    private static let tables = PerLanguage { () -> (all: [CommandInfo], byID: [CommandID: CommandInfo]) in
        let all = make()
        return (all, Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) }))
    }

    // One command a line, as the table reads best (not reflowed by swift format).
    private static func make() -> [CommandInfo] { [
        CommandInfo(id: .help, context: .global, summary: tr("Show every key (this help)"), defaultKeys: [.character("?"), .function(1)], barLabel: tr("Help")),
        CommandInfo(id: .quit, context: .global, summary: tr("Quit Casebook (asks first if a form has unsaved changes)"), defaultKeys: [.character("q"), .control("c")], barLabel: tr("Quit")),
        CommandInfo(id: .redraw, context: .global, summary: tr("Redraw the screen"), defaultKeys: [.control("l")], barLabel: nil),
        CommandInfo(id: .back, context: .global, summary: tr("Back: close, cancel, or clear the search"), defaultKeys: [.escape], barLabel: tr("Back")),

        CommandInfo(id: .up, context: .movement, summary: tr("Up one line"), defaultKeys: [.up, .character("k")], barLabel: nil),
        CommandInfo(id: .down, context: .movement, summary: tr("Down one line"), defaultKeys: [.down, .character("j")], barLabel: nil),
        CommandInfo(id: .pageUp, context: .movement, summary: tr("Up one page"), defaultKeys: [.pageUp], barLabel: nil),
        CommandInfo(id: .pageDown, context: .movement, summary: tr("Down one page"), defaultKeys: [.pageDown], barLabel: nil),
        CommandInfo(id: .top, context: .movement, summary: tr("To the top"), defaultKeys: [.home, .character("g")], barLabel: nil),
        CommandInfo(id: .bottom, context: .movement, summary: tr("To the bottom"), defaultKeys: [.end, .character("G")], barLabel: nil),

        CommandInfo(id: .open, context: .list, summary: tr("Open the selected client's record"), defaultKeys: [.enter], barLabel: tr("Open")),
        CommandInfo(id: .search, context: .list, summary: tr("Search by name or case number as you type"), defaultKeys: [.character("/")], barLabel: tr("Search")),
        CommandInfo(id: .newClient, context: .list, summary: tr("Register a new client"), defaultKeys: [.character("n")], barLabel: tr("New")),
        CommandInfo(id: .mine, context: .list, summary: tr("Switch between my caseload and all clients"), defaultKeys: [.character("m")], barLabel: tr("Mine")),
        CommandInfo(id: .phaseFilter, context: .list, summary: tr("Show only one phase (or all)"), defaultKeys: [.character("p")], barLabel: tr("Phase")),
        CommandInfo(id: .flagged, context: .list, summary: tr("Show only clients with a vulnerability flag"), defaultKeys: [.character("f")], barLabel: tr("Flags")),
        CommandInfo(id: .sort, context: .list, summary: tr("Sort by name, case number or arrival"), defaultKeys: [.character("s")], barLabel: tr("Sort")),
        CommandInfo(id: .exportList, context: .list, summary: tr("Export the clients this list shows to a CSV or JSON file"), defaultKeys: [.character("x")], barLabel: nil),
        CommandInfo(id: .mark, context: .list, summary: tr("Mark or unmark the selected client (for moving caseloads)"), defaultKeys: [.character(" ")], barLabel: nil),
        CommandInfo(id: .moveMarked, context: .list, summary: tr("Move the marked clients to another officer of their office (supervisors)"), defaultKeys: [.character("M")], barLabel: nil),

        CommandInfo(id: .acceptSearch, context: .search, summary: tr("Keep the search and move to the results"), defaultKeys: [.enter], barLabel: tr("Results")),
        CommandInfo(id: .openWorklist, context: .list, summary: tr("Open My day: what is overdue or due soon in my caseload"), defaultKeys: [.character("w")], barLabel: tr("My day")),
        CommandInfo(id: .openDashboard, context: .list, summary: tr("Open the caseload dashboard (supervisors and admins)"), defaultKeys: [.character("D")], barLabel: tr("Dashboard")),

        CommandInfo(id: .openWorkItem, context: .worklist, summary: tr("Open the client's record at the tab the item is about"), defaultKeys: [.enter], barLabel: tr("Open")),
        CommandInfo(id: .openBar, context: .dashboard, summary: tr("Open the list of exactly the clients behind the selected figure"), defaultKeys: [.enter], barLabel: tr("Clients")),
        CommandInfo(id: .previousCell, context: .dashboard, summary: tr("Previous figure on the line"), defaultKeys: [.left, .character("h")], barLabel: nil),
        CommandInfo(id: .nextCell, context: .dashboard, summary: tr("Next figure on the line"), defaultKeys: [.right, .character("l")], barLabel: nil),
        CommandInfo(id: .programmeFilter, context: .dashboard, summary: tr("Show one programme, or all"), defaultKeys: [.character("p")], barLabel: tr("Programme")),
        CommandInfo(id: .officerFilter, context: .dashboard, summary: tr("Show one officer's clients, or everyone's"), defaultKeys: [.character("o")], barLabel: tr("Officer")),
        CommandInfo(id: .periodFilter, context: .dashboard, summary: tr("Change the period of the flow figures"), defaultKeys: [.character("t")], barLabel: tr("Period")),
        CommandInfo(id: .officeFilter, context: .dashboard, summary: tr("Show one of your offices, or all of them"), defaultKeys: [.character("f")], barLabel: tr("Office")),
        CommandInfo(id: .resetFilters, context: .dashboard, summary: tr("All programmes, all officers, the last twelve months"), defaultKeys: [.character("r")], barLabel: tr("Reset")),

        CommandInfo(id: .edit, context: .record, summary: tr("Edit the client's details"), defaultKeys: [.character("e")], barLabel: tr("Edit")),
        CommandInfo(id: .changePhase, context: .record, summary: tr("Move the case to its next phase"), defaultKeys: [.character("c")], barLabel: tr("Phase")),
        CommandInfo(id: .nextTab, context: .record, summary: tr("Next tab"), defaultKeys: [.tab, .right, .character("l")], barLabel: tr("Tab")),
        CommandInfo(id: .previousTab, context: .record, summary: tr("Previous tab"), defaultKeys: [.backTab, .left, .character("h")], barLabel: nil),
        CommandInfo(id: .reload, context: .record, summary: tr("Reload the record from the database"), defaultKeys: [.character("r"), .control("r")], barLabel: nil),
        CommandInfo(id: .enrol, context: .record, summary: tr("Enrol in a programme and learner profile"), defaultKeys: [.character("P")], barLabel: tr("Programme")),
        CommandInfo(id: .legalHold, context: .record, summary: tr("Place or lift a legal hold, which keeps the client out of erasure"), defaultKeys: [.character("H")], barLabel: nil),
        CommandInfo(id: .restrictProcessing, context: .record, summary: tr("Restrict processing of the record (GDPR Art. 18), or lift the restriction"), defaultKeys: [.character("Z")], barLabel: nil),
        CommandInfo(id: .exportPerson, context: .record, summary: tr("Write everything held on the person to a JSON or HTML file for them (GDPR Art. 15)"), defaultKeys: [.character("E")], barLabel: nil),

        CommandInfo(id: .addAssessment, context: .language, summary: tr("Record a language assessment (one skill or all five)"), defaultKeys: [.character("a")], barLabel: tr("Assess")),
        CommandInfo(id: .overrideTarget, context: .language, summary: tr("Change a skill's target, with the reason"), defaultKeys: [.character("o")], barLabel: tr("Target")),
        CommandInfo(id: .addCourse, context: .language, summary: tr("Enrol in a language course"), defaultKeys: [.character("n")], barLabel: tr("Course")),
        CommandInfo(id: .addAttendance, context: .language, summary: tr("Record course hours attended and missed"), defaultKeys: [.character("t")], barLabel: tr("Attendance")),

        CommandInfo(id: .addQualification, context: .qualifications, summary: tr("Add a foreign qualification"), defaultKeys: [.character("a")], barLabel: tr("Add")),
        CommandInfo(id: .stepQualification, context: .qualifications, summary: tr("Move the selected recognition file to its next stage"), defaultKeys: [.character("s")], barLabel: tr("Step")),
        CommandInfo(id: .changeProcedure, context: .qualifications, summary: tr("Change the procedure the selected recognition file runs under"), defaultKeys: [.character("p")], barLabel: tr("Procedure")),

        CommandInfo(id: .civicRequirement, context: .civic, summary: tr("Set whether civic orientation is required (exemption with reason)"), defaultKeys: [.character("x")], barLabel: tr("Requirement")),
        CommandInfo(id: .addCivicSession, context: .civic, summary: tr("Record a civic orientation session"), defaultKeys: [.character("s")], barLabel: tr("Session")),
        CommandInfo(id: .addCivicTest, context: .civic, summary: tr("Record a civic test result"), defaultKeys: [.character("t")], barLabel: tr("Test")),
        CommandInfo(id: .attestCivic, context: .civic, summary: tr("Record the course attestation"), defaultKeys: [.character("v")], barLabel: tr("Attest")),

        CommandInfo(id: .draftContract, context: .contract, summary: tr("Draft the contract from the programme's obligations"), defaultKeys: [.character("d")], barLabel: tr("Draft")),
        CommandInfo(id: .addObligation, context: .contract, summary: tr("Add an obligation (draft or amendment)"), defaultKeys: [.character("a")], barLabel: nil),
        CommandInfo(id: .editObligation, context: .contract, summary: tr("Change the selected obligation's terms (draft or amendment)"), defaultKeys: [.character("u")], barLabel: nil),
        CommandInfo(id: .removeObligation, context: .contract, summary: tr("Remove the selected obligation (draft or amendment)"), defaultKeys: [.character("x")], barLabel: nil),
        CommandInfo(id: .markMet, context: .contract, summary: tr("Mark the selected obligation met (confirms Casebook's proposal)"), defaultKeys: [.character("m")], barLabel: tr("Met")),
        CommandInfo(id: .markWaived, context: .contract, summary: tr("Waive the selected obligation, with the reason"), defaultKeys: [.character("w")], barLabel: nil),
        CommandInfo(id: .markBreached, context: .contract, summary: tr("Mark the selected obligation breached"), defaultKeys: [.character("b")], barLabel: nil),
        CommandInfo(id: .signContract, context: .contract, summary: tr("Record both parties' signatures; the version comes into force"), defaultKeys: [.character("S")], barLabel: tr("Sign")),
        CommandInfo(id: .reviewContract, context: .contract, summary: tr("Record a review of the contract"), defaultKeys: [.character("R")], barLabel: nil),
        CommandInfo(id: .amendContract, context: .contract, summary: tr("Amend: a new version, the one in force is kept"), defaultKeys: [.character("A")], barLabel: tr("Amend")),
        CommandInfo(id: .endContract, context: .contract, summary: tr("End the contract"), defaultKeys: [.character("X")], barLabel: nil),
        CommandInfo(id: .contractVersions, context: .contract, summary: tr("Show earlier versions of the contract"), defaultKeys: [.character("V")], barLabel: tr("Versions")),

        CommandInfo(id: .addNote, context: .notes, summary: tr("Add a case note (a contact, with follow-up date)"), defaultKeys: [.character("a")], barLabel: tr("Note")),
        CommandInfo(id: .followUpDone, context: .notes, summary: tr("Mark the selected note's follow-up done"), defaultKeys: [.character("f")], barLabel: tr("Done")),

        CommandInfo(id: .mapIntake, context: .intake, summary: tr("Record or change the intake mapping (schooling, literacy, skills, goals)"), defaultKeys: [.character("m")], barLabel: tr("Mapping")),
        CommandInfo(id: .addWorkExperience, context: .intake, summary: tr("Add work experience (ISCO-08 group and the title as said)"), defaultKeys: [.character("a")], barLabel: tr("Work")),
        CommandInfo(id: .confirmProfile, context: .intake, summary: tr("Enrol in the learner profile the mapping suggests (you confirm it)"), defaultKeys: [.character("s")], barLabel: tr("Profile")),
        CommandInfo(id: .exitOutcome, context: .intake, summary: tr("Record the main activity at exit"), defaultKeys: [.character("x")], barLabel: tr("Exit")),
        CommandInfo(id: .followUpOutcome, context: .intake, summary: tr("Record the main activity twelve months after exit"), defaultKeys: [.character("f")], barLabel: tr("12 months")),

        CommandInfo(id: .addActivity, context: .participation, summary: tr("Record an activity (mentoring, club, volunteering, local participation)"), defaultKeys: [.character("a")], barLabel: tr("Activity")),

        CommandInfo(id: .openPartners, context: .list, summary: tr("Open the register of partner organisations"), defaultKeys: [.character("O")], barLabel: nil),
        CommandInfo(id: .addPartner, context: .partners, summary: tr("Add a partner organisation (supervisors and admins)"), defaultKeys: [.character("a")], barLabel: tr("Add")),
        CommandInfo(id: .openOffices, context: .list, summary: tr("Open the offices and their staff"), defaultKeys: [.character("o")], barLabel: nil),
        CommandInfo(id: .addOffice, context: .offices, summary: tr("Add an office (admins)"), defaultKeys: [.character("a")], barLabel: tr("Add")),
        CommandInfo(id: .renameOffice, context: .offices, summary: tr("Rename the selected office (admins)"), defaultKeys: [.character("e")], barLabel: tr("Rename")),
        CommandInfo(id: .setMembership, context: .offices, summary: tr("Give someone a role in the selected office, or change the selected staff member's (admins)"), defaultKeys: [.character("s")], barLabel: tr("Staff")),
        CommandInfo(id: .switchList, context: .offices, summary: tr("Move between the offices and the staff of the selected one"), defaultKeys: [.tab], barLabel: tr("Switch")),
        CommandInfo(id: .openTransfers, context: .list, summary: tr("Open the transfers waiting for me (supervisors)"), defaultKeys: [.character("T")], barLabel: nil),
        CommandInfo(id: .acceptTransfer, context: .transfers, summary: tr("Accept the selected transfer into my office (asks first)"), defaultKeys: [.character("a")], barLabel: tr("Accept")),
        CommandInfo(id: .declineTransfer, context: .transfers, summary: tr("Decline the selected transfer (asks first)"), defaultKeys: [.character("d")], barLabel: tr("Decline")),
        CommandInfo(id: .proposeTransfer, context: .record, summary: tr("Propose transferring the client to another office (supervisors)"), defaultKeys: [.character("T")], barLabel: nil),
        CommandInfo(id: .editPartner, context: .partners, summary: tr("Change the selected partner organisation (supervisors and admins)"), defaultKeys: [.character("e")], barLabel: tr("Edit")),

        CommandInfo(id: .save, context: .form, summary: tr("Save"), defaultKeys: [.control("s"), .function(2)], barLabel: tr("Save")),
        CommandInfo(id: .nextField, context: .form, summary: tr("Next field"), defaultKeys: [.tab, .down], barLabel: tr("Next")),
        CommandInfo(id: .previousField, context: .form, summary: tr("Previous field"), defaultKeys: [.backTab, .up], barLabel: nil),
        CommandInfo(id: .pick, context: .form, summary: tr("Choose from the list (on fields with a list), else next field"), defaultKeys: [.enter, .function(4)], barLabel: tr("Choose")),
        CommandInfo(id: .mergeReload, context: .form, summary: tr("After a conflict: load the colleague's version and keep your own changes on top"), defaultKeys: [.control("r")], barLabel: nil),

        CommandInfo(id: .cursorLeft, context: .edit, summary: tr("Cursor left"), defaultKeys: [.left], barLabel: nil),
        CommandInfo(id: .cursorRight, context: .edit, summary: tr("Cursor right"), defaultKeys: [.right], barLabel: nil),
        CommandInfo(id: .lineStart, context: .edit, summary: tr("Start of the field"), defaultKeys: [.home, .control("a")], barLabel: nil),
        CommandInfo(id: .lineEnd, context: .edit, summary: tr("End of the field"), defaultKeys: [.end, .control("e")], barLabel: nil),
        CommandInfo(id: .deleteBack, context: .edit, summary: tr("Delete the character before the cursor"), defaultKeys: [.backspace], barLabel: nil),
        CommandInfo(id: .deleteForward, context: .edit, summary: tr("Delete the character under the cursor"), defaultKeys: [.delete, .control("d")], barLabel: nil),
        CommandInfo(id: .deleteWord, context: .edit, summary: tr("Delete the word before the cursor"), defaultKeys: [.control("w")], barLabel: nil),
        CommandInfo(id: .clearField, context: .edit, summary: tr("Clear the field"), defaultKeys: [.control("u")], barLabel: nil),

        CommandInfo(id: .accept, context: .dialog, summary: tr("Choose / confirm"), defaultKeys: [.enter], barLabel: tr("Choose")),
        CommandInfo(id: .toggle, context: .dialog, summary: tr("Tick or untick (lists where several can be chosen)"), defaultKeys: [.character(" ")], barLabel: tr("Tick")),
        CommandInfo(id: .yes, context: .dialog, summary: tr("Answer yes"), defaultKeys: [.character("y")], barLabel: nil),
        CommandInfo(id: .no, context: .dialog, summary: tr("Answer no"), defaultKeys: [.character("n")], barLabel: nil),
    ] }
}
