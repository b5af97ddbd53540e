import ArgumentParser
import CasebookConfig
import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("Print the caseload figures of the supervisor's dashboard (supervisors and admins)."),
        discussion: tr(
            "The same figures as the dashboard, computed by the same code: counts, shares and medians only, no client's name, case number or date of birth. The README defines each figure. A report leaves the office, so counts from 1 to 4 print as <5, a count that would give one away through a total as x, and shares and medians over fewer than 5 are left out (the threshold is [report] suppress_below; docs/PRIVACY.md has the rule). The period (default: the twelve months up to today) bounds the flow figures: decisions, exits, starts and the month-by-month overdue series. The figures count the clients of the offices where you may see the report (one of them with --office); the header names them."
        ))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case csv
        case json
    }

    @OptionGroup var database: DatabaseOptions

    // TRANSLATORS: the values typed: keep them as they are.
    @Option(help: ArgumentHelp(tr("text, csv or json.")))
    var format: Format = .text

    @Option(help: ArgumentHelp(tr("First day of the period, YYYY-MM-DD."), valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp(tr("Last day of the period, YYYY-MM-DD (default today)."), valueName: "day"))
    var to: String?

    @Option(
        help: ArgumentHelp(
            tr("Only clients enrolled in this programme (see `casebook programme list`)."), valueName: "id"))
    var programme: String?

    @Option(
        help: ArgumentHelp(
            tr("Only this officer's clients (a user name from `casebook staff list`)."), valueName: "user"))
    var officer: String?

    @Option(help: ArgumentHelp(tr("Only this office's clients (see `casebook office list`)."), valueName: "code"))
    var office: String?

    func run() throws {
        let store = try database.open(.readOnly, for: .report)
        let me = try CommandID.report.actingStaff(in: store)
        let today = store.clock.today
        var filter = DashboardFilter.lastTwelveMonths(today: today)
        filter.viewer = me.id
        do {
            if let to { filter.to = try Day(typed: to) }
            if let from {
                filter.from = try Day(typed: from)
            } else if to != nil {
                filter.from = DashboardFilter.lastTwelveMonths(today: filter.to).from
            }
            try filter.validate()
        } catch { throw CommandError("\(error)") }
        if let office {
            guard let chosen = try store.office(code: office) else {
                throw CommandError(
                    tr(
                        "No office \"{code}\"; `casebook office list` shows the codes.",
                        ["code": Sanitized.inline(office, limit: 40)]))
            }
            filter.officeID = chosen.id
        }
        let covered = try store.figures.offices(of: filter)
        var scope = [
            trn(
                "office {offices}", "offices {offices}", covered.count,
                ["offices": covered.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")])
        ]
        if let programme {
            guard try store.programmeVersions().contains(where: { $0.id == programme }) else {
                throw CommandError(
                    tr(
                        "No programme \"{id}\"; `casebook programme list` shows the ids.",
                        ["id": Sanitized.inline(programme, limit: 40)]))
            }
            filter.programmeID = programme
            // TRANSLATORS: a part of the report's scope line, after the offices: "programme no-introduction".
            scope.append(tr("programme {id}", ["id": programme]))
        }
        if let officer {
            guard let staff = try store.staff(username: officer) else {
                throw CommandError(
                    tr(
                        "No staff member \"{user}\"; `casebook staff list` shows the user names.",
                        ["user": Sanitized.inline(officer, limit: 40)]))
            }
            filter.officerID = staff.id
            // TRANSLATORS: a part of the report's scope line, after the offices: "officer akarlsen".
            scope.append(tr("officer {user}", ["user": staff.username]))
        }
        let settings = try Configuration.load()
        let board = try store.figures.dashboard(filter, siteTarget: settings.exitTarget)
        let report = DashboardReport(
            board: board, scope: scope.joined(separator: ", "),
            suppressBelow: settings.reportThreshold)
        switch format {
        case .text: print(report.text, terminator: "")
        case .csv: print(report.csv, terminator: "")
        case .json: print(report.json, terminator: "")
        }
    }
}
