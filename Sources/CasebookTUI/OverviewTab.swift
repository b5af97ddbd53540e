import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The Overview tab: every field of the record, and the case's phase history.
final class OverviewTab: ScrolledTab {
    let id = RecordTabID.overview
    var client: Client
    let shows: Changes = [.client, .phase, .enrolment]
    var page = PageScroll()
    private var enrolment: Enrolment?
    private var history: [PhaseChange] = []
    private var applied: AppliedProgramme?

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        enrolment = try app.store.enrolment(clientID: client.id, by: app.me.id)
        history = try app.store.phaseHistory(clientID: client.id, by: app.me.id)
        applied = try app.store.appliedProgramme(forClient: client.id, by: app.me.id)
    }

    static let bindings = scrolling

    func bindings(app: App) -> [BoundCommand] { OverviewTab.bindings.bound(to: self, app: app) }

    func lines(width: Int, glyphs g: Glyphs, app: App) -> [[(String, TextRole)]] {
        let today = app.clock.today
        var permit = client.permitExpiry?.shown ?? "—"
        var permitRole: TextRole = .normal
        if let expiry = client.permitExpiry {
            let days = today.days(until: expiry)
            if days < 0 {
                permit += "  " + trn("EXPIRED {count} day ago", "EXPIRED {count} days ago", -days)
                permitRole = .overdue
            } else if days <= WorkItem.permitWarningDays {
                permit += "  " + trn("expires in {count} day", "expires in {count} days", days)
                permitRole = .warning
            }
        }
        let languages = client.languages.map { "\(CodeLabels.language($0)) (\($0))" }.joined(separator: ", ")
        let sections: [(String, [(String, String, TextRole)])] = [
            (
                tr("Identity"),
                [
                    (tr("Family name"), client.familyName, .normal), (tr("Given names"), client.givenNames, .normal),
                    (tr("Other spellings"), client.otherNames.isEmpty ? "—" : client.otherNames, .normal),
                    (tr("Date of birth"), client.dateOfBirth.shown, .normal), (tr("Sex"), client.sex.label, .normal),
                    (
                        tr("Country of birth"),
                        "\(CodeLabels.country(client.countryOfBirth)) (\(client.countryOfBirth))",
                        .normal
                    ),
                    (tr("Nationality"), "\(CodeLabels.country(client.nationality)) (\(client.nationality))", .normal),
                    (tr("Languages"), languages.isEmpty ? "—" : languages, .normal),
                    (
                        tr("Interpreter"),
                        client.interpreterLanguage.map { "\(CodeLabels.language($0)) (\($0))" } ?? tr("not needed"),
                        .normal
                    ),
                ]
            ),
            (
                tr("Residence and contact"),
                [
                    (tr("Arrival"), client.arrivalDate.shown, .normal),
                    (tr("Municipality"), client.municipality.isEmpty ? "—" : client.municipality, .normal),
                    (tr("Residence"), client.residenceCategory.label, .normal),
                    (tr("Permit expires"), permit, permitRole),
                    // TRANSLATORS: whether the client has a right or an obligation to take part in the programme.
                    (tr("Right/obligation"), client.programmeStatus.label, .normal),
                    (
                        tr("Vulnerability"),
                        client.vulnerabilities.isEmpty
                            ? tr("none recorded")
                            : client.vulnerabilities.sorted { $0.bit < $1.bit }.map(\.label).joined(separator: ", "),
                        client.vulnerabilities.isEmpty ? .normal : .warning
                    ),
                    (tr("Phone"), client.phone.isEmpty ? "—" : client.phone, .normal),
                    (tr("Email"), client.email.isEmpty ? "—" : client.email, .normal),
                    (tr("Address"), client.address.isEmpty ? "—" : client.address, .normal),
                ]
            ),
            (
                // TRANSLATORS: the section of a client's overview about the case (phase, programme).
                tr("Case"),
                [
                    (tr("Phase"), client.phase.label, .emphasis),
                    (
                        tr("Programme"),
                        enrolment?.programmeID.map { programme in
                            let version = String(enrolment?.programmeVersion ?? 0)
                            guard let profile = enrolment?.profile else {
                                return tr(
                                    "{programme} v{version}, no profile", ["programme": programme, "version": version])
                            }
                            return tr(
                                "{programme} v{version}, {profile}",
                                ["programme": programme, "version": version, "profile": profile])
                        } ?? tr("not enrolled"), .normal
                    ),
                    // TRANSLATORS: the day the programme was offered to the client.
                    (tr("Offered"), enrolment?.offeredOn?.shown ?? "—", .normal),
                    (tr("Started"), enrolment?.startedOn?.shown ?? "—", .normal),
                    (tr("Planned end"), enrolment?.plannedEnd?.shown ?? "—", .normal),
                ]
            ),
        ]
        var lines: [[(String, TextRole)]] = []
        // Labels get 18 columns, more when a language's longest label needs it, up to a third of
        // the screen (a longer one is cut); a space always parts label and value.
        let longest = sections.flatMap { $0.1 }.map { TextWidth.of($0.0) }.max() ?? 0
        let labelWidth = max(18, min(longest + 2, width / 3))
        func labelText(_ label: String) -> String { TextWidth.fit(label, to: labelWidth - 1) + " " }
        let twoColumns = width >= 100
        if twoColumns {
            let left = sections[0].1 + [("", "", TextRole.normal)] + sections[2].1
            let right = sections[1].1
            let columnWidth = width / 2
            lines.append([
                (TextWidth.fit(tr("Identity and case"), to: columnWidth), .title), (sections[1].0, .title),
            ])
            for index in 0..<max(left.count, right.count) {
                var line: [(String, TextRole)] = []
                if index < left.count {
                    let (label, value, role) = left[index]
                    line.append((labelText(label), .label))
                    line.append((TextWidth.fit(value, to: columnWidth - labelWidth - 1) + " ", role))
                } else {
                    line.append((String(repeating: " ", count: columnWidth), .normal))
                }
                if index < right.count {
                    let (label, value, role) = right[index]
                    line.append((labelText(label), .label))
                    line.append((value, role))
                }
                lines.append(line)
            }
        } else {
            for (title, rows) in sections {
                lines.append([(title, .title)])
                for (label, value, role) in rows {
                    lines.append([(labelText(label), .label), (value, role)])
                }
                lines.append([])
            }
        }
        // The version that applies, from when, and what concerns the client now (an admission
        // stop, a discontinued course type).
        if let applied { lines += ProgrammeLines.version(applied, glyphs: g) }
        lines.append([])
        lines.append([(tr("Phase history"), .title)])
        for change in history.reversed() {
            let move = (change.from.map { "\($0.label) → " } ?? "") + change.to.label
            var text =
                "\(change.effectiveOn.shown)  \(TextWidth.fit(move, to: 34))  "
                + tr("by {officer}", ["officer": change.recordedBy])
            if let exit = change.exitReason {
                text += " \(g.separator) " + tr("exit: {reason}", ["reason": exit.label])
            }
            if !change.note.isEmpty { text += " \(g.separator) \(change.note)" }
            lines.append([(text, .normal)])
        }
        return lines
    }
}
