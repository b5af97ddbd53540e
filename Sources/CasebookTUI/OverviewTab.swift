import CasebookCore
import CasebookText
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
                permit += "  EXPIRED \(-days) days ago"
                permitRole = .overdue
            } else if days <= WorkItem.permitWarningDays {
                permit += "  expires in \(days) days"
                permitRole = .warning
            }
        }
        let languages = client.languages.map { "\(CodeLabels.language($0)) (\($0))" }.joined(separator: ", ")
        let sections: [(String, [(String, String, TextRole)])] = [
            (
                "Identity",
                [
                    ("Family name", client.familyName, .normal), ("Given names", client.givenNames, .normal),
                    ("Other spellings", client.otherNames.isEmpty ? "—" : client.otherNames, .normal),
                    ("Date of birth", client.dateOfBirth.shown, .normal), ("Sex", client.sex.label, .normal),
                    (
                        "Country of birth", "\(CodeLabels.country(client.countryOfBirth)) (\(client.countryOfBirth))",
                        .normal
                    ),
                    ("Nationality", "\(CodeLabels.country(client.nationality)) (\(client.nationality))", .normal),
                    ("Languages", languages.isEmpty ? "—" : languages, .normal),
                    (
                        "Interpreter",
                        client.interpreterLanguage.map { "\(CodeLabels.language($0)) (\($0))" } ?? "not needed", .normal
                    ),
                ]
            ),
            (
                "Residence and contact",
                [
                    ("Arrival", client.arrivalDate.shown, .normal),
                    ("Municipality", client.municipality.isEmpty ? "—" : client.municipality, .normal),
                    ("Residence", client.residenceCategory.label, .normal), ("Permit expires", permit, permitRole),
                    ("Right/obligation", client.programmeStatus.label, .normal),
                    (
                        "Vulnerability",
                        client.vulnerabilities.isEmpty
                            ? "none recorded"
                            : client.vulnerabilities.sorted { $0.bit < $1.bit }.map(\.label).joined(separator: ", "),
                        client.vulnerabilities.isEmpty ? .normal : .warning
                    ),
                    ("Phone", client.phone.isEmpty ? "—" : client.phone, .normal),
                    ("Email", client.email.isEmpty ? "—" : client.email, .normal),
                    ("Address", client.address.isEmpty ? "—" : client.address, .normal),
                ]
            ),
            (
                "Case",
                [
                    ("Phase", client.phase.label, .emphasis),
                    (
                        "Programme",
                        enrolment?.programmeID.map {
                            "\($0) v\(enrolment?.programmeVersion ?? 0), \(enrolment?.profile ?? "no profile")"
                        } ?? "not enrolled", .normal
                    ),
                    ("Offered", enrolment?.offeredOn?.shown ?? "—", .normal),
                    ("Started", enrolment?.startedOn?.shown ?? "—", .normal),
                    ("Planned end", enrolment?.plannedEnd?.shown ?? "—", .normal),
                ]
            ),
        ]
        var lines: [[(String, TextRole)]] = []
        let labelWidth = 18
        let twoColumns = width >= 100
        if twoColumns {
            let left = sections[0].1 + [("", "", TextRole.normal)] + sections[2].1
            let right = sections[1].1
            let columnWidth = width / 2
            lines.append([
                (TextWidth.fit(sections[0].0 + " and case", to: columnWidth), .title), (sections[1].0, .title),
            ])
            for index in 0..<max(left.count, right.count) {
                var line: [(String, TextRole)] = []
                if index < left.count {
                    let (label, value, role) = left[index]
                    line.append((TextWidth.fit(label.isEmpty ? "" : label, to: labelWidth), .label))
                    line.append((TextWidth.fit(value, to: columnWidth - labelWidth - 1) + " ", role))
                } else {
                    line.append((String(repeating: " ", count: columnWidth), .normal))
                }
                if index < right.count {
                    let (label, value, role) = right[index]
                    line.append((TextWidth.fit(label, to: labelWidth), .label))
                    line.append((value, role))
                }
                lines.append(line)
            }
        } else {
            for (title, rows) in sections {
                lines.append([(title, .title)])
                for (label, value, role) in rows {
                    lines.append([(TextWidth.fit(label, to: labelWidth), .label), (value, role)])
                }
                lines.append([])
            }
        }
        // The version that applies, from when, and what concerns the client now (an admission
        // stop, a discontinued course type).
        if let applied { lines += ProgrammeLines.version(applied, glyphs: g) }
        lines.append([])
        lines.append([("Phase history", .title)])
        for change in history.reversed() {
            let move = (change.from.map { "\($0.label) → " } ?? "") + change.to.label
            var text = "\(change.effectiveOn.shown)  \(TextWidth.fit(move, to: 34))  by \(change.recordedBy)"
            if let exit = change.exitReason { text += " \(g.separator) exit: \(exit.label)" }
            if !change.note.isEmpty { text += " \(g.separator) \(change.note)" }
            lines.append([(text, .normal)])
        }
        return lines
    }
}
