import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The Contract tab: what the newcomer commits to and what the authority commits to, with the
/// same weight; due dates and status; a compliance summary per side; proposals from the tracks.
final class ContractTab: SelectingTab {
    let id = RecordTabID.contract
    var client: Client
    /// The proposals come from the tracks, and due dates from the arrival, the phase and the programme.
    let shows: Changes = [.contract, .client, .phase, .enrolment, .language, .qualifications, .civic]
    private(set) var contract: Contract?
    /// Newcomer's obligations first, then the authority's and providers'.
    private(set) var obligations: [Obligation] = []
    private var proposals: [Int64: FulfilmentProposal] = [:]
    private var events: [ContractEvent] = []
    private var earlier = 0
    /// The programme's own words for its obligations in the language Casebook speaks.
    private var texts: [String: String] = [:]
    var viewport = ListViewport()
    var selected: Int { viewport.selected }
    var rowCount: Int { obligations.count }
    /// An obligation to select when the tab next loads (from the worklist).
    var focusObligation: Int64?
    /// The obligation a confirmation was asked to remove.
    private var removing: (obligation: Obligation, contract: Contract)?

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        contract = try app.store.contract(clientID: client.id, by: app.me.id)
        guard let contract else {
            obligations = []
            viewport.clamp(count: 0)
            return
        }
        let all = try app.store.obligations(contractID: contract.id, by: app.me.id)
        texts =
            Messages.language == Catalogue.english
            ? [:] : try app.store.obligationTexts(programmeID: contract.programmeID, language: Messages.language)
        obligations = all.filter { $0.party == .newcomer } + all.filter { $0.party != .newcomer }
        let facts = try app.store.trackFacts(clientID: client.id, by: app.me.id)
        proposals = Dictionary(facts.proposals(for: obligations).map { ($0.obligationID, $0) }) { first, _ in first }
        events = try app.store.contractEvents(contractID: contract.id, by: app.me.id)
        earlier = try app.store.contractVersions(contractID: contract.id, by: app.me.id).count
        if let focus = focusObligation, let index = obligations.firstIndex(where: { $0.id == focus }) {
            viewport.select(index, count: obligations.count, height: obligations.count)
            focusObligation = nil
        }
        viewport.clamp(count: obligations.count)
    }

    var selectedObligation: Obligation? { obligations.indices.contains(selected) ? obligations[selected] : nil }

    func bindings(app: App) -> [BoundCommand] { ContractTab.bindings.bound(to: self, app: app) }

    // MARK: When a command is unavailable

    /// Why there is nothing to act on: no contract, or no obligation selected.
    private func noContract(_ app: App) -> String? {
        contract == nil ? tr("No contract yet; {key} drafts one.", ["key": app.keys.hint(.draftContract)]) : nil
    }

    /// Why the terms cannot change now (a contract in force is amended first).
    private func fixedTerms(_ app: App) -> String? {
        if let reason = noContract(app) { return reason }
        guard let contract, !contract.status.isEditable else { return nil }
        return tr(
            "The terms of a contract in force are fixed; {key} starts an amendment.",
            ["key": app.keys.hint(.amendContract)])
    }

    private func noObligation(_ app: App) -> String? {
        noContract(app) ?? (selectedObligation == nil ? tr("No obligation selected.") : nil)
    }

    /// Why the selected obligation cannot be settled.
    private func settled(_ app: App) -> String? {
        if let reason = noObligation(app) { return reason }
        guard let obligation = selectedObligation, obligation.status != .pending else { return nil }
        switch obligation.status {
        case .met: return tr("This obligation is already met.")
        case .waived: return tr("This obligation is already waived.")
        case .breached: return tr("This obligation is already breached.")
        case .pending: return nil
        }
    }

    private func notSignable(_ app: App) -> String? {
        if let reason = noContract(app) { return reason }
        return contract?.status.notSignable
    }

    /// A step in the contract's life as the officer reads it; the Store keeps the machine word.
    static func eventName(_ kind: String) -> String {
        // TRANSLATORS: a step in a contract's history ("2025-03-25  signed  version 1: ...").
        switch kind {
        case "drafted": return tr("drafted")
        case "signed": return tr("signed")
        case "reviewed": return tr("reviewed")
        case "amended": return tr("amended")
        case "ended": return tr("ended")
        default: return kind
        }
    }

    /// An event's note in the officer's language: a note the Store composed ("version 2: newcomer
    /// …") read back into its parts; an officer's own words (a review's, an ending's) as written.
    static func eventNote(_ event: ContractEvent) -> String {
        AuditValue(parsingEvent: event.note, kind: event.kind)?.text ?? event.note
    }

    // MARK: Bindings

    static let bindings: [Binding<ContractTab>] =
        [
            Binding(
                .draftContract,
                unavailable: { tab, _ in tab.contract == nil ? nil : tr("This client already has a contract.") }
            ) { tab, app in .push(ContractForms.draft(app: app, client: tab.client)) },
            Binding(.addObligation, unavailable: { tab, app in tab.fixedTerms(app) }) { tab, app in
                guard let contract = tab.contract else { return .none }
                return .push(ContractForms.obligation(app: app, contract: contract, editing: nil))
            },
            Binding(.editObligation, unavailable: { tab, app in tab.fixedTerms(app) ?? tab.noObligation(app) }) {
                tab, app in
                guard let contract = tab.contract, let obligation = tab.selectedObligation else { return .none }
                return .push(ContractForms.obligation(app: app, contract: contract, editing: obligation))
            },
            Binding(.removeObligation, unavailable: { tab, app in tab.fixedTerms(app) ?? tab.noObligation(app) }) {
                tab, _ in
                guard let contract = tab.contract, let obligation = tab.selectedObligation else { return .none }
                tab.removing = (obligation, contract)
                let values = ["obligation": obligation.description]
                let question =
                    contract.status == .draft
                    ? tr("Remove \"{obligation}\" from the draft?", values)
                    : tr("Remove \"{obligation}\" from the amendment?", values)
                return .push(ConfirmDialog(title: tr("Remove obligation?"), question: question, yesLabel: tr("Remove")))
            },
        ]
        + [ObligationStatus.met, .waived, .breached].map { status in
            Binding(status.command, unavailable: { tab, app in tab.settled(app) }) { tab, app in
                guard let obligation = tab.selectedObligation else { return .none }
                return .push(
                    ContractForms.settle(
                        app: app, obligation: obligation, as: status, proposal: tab.proposals[obligation.id]))
            }
        } + [
            Binding(.signContract, unavailable: { tab, app in tab.notSignable(app) }) { tab, app in
                guard let contract = tab.contract else { return .none }
                return .push(ContractForms.sign(app: app, contract: contract))
            },
            Binding(.reviewContract, unavailable: { tab, app in tab.noContract(app) }) { tab, app in
                guard let contract = tab.contract else { return .none }
                return .push(ContractForms.review(app: app, contract: contract))
            },
            Binding(.amendContract, unavailable: { tab, app in tab.noContract(app) }) { tab, app in
                guard let contract = tab.contract else { return .none }
                return .push(ContractForms.amend(app: app, contract: contract))
            },
            Binding(.endContract, unavailable: { tab, app in tab.noContract(app) }) { tab, app in
                guard let contract = tab.contract else { return .none }
                return .push(ContractForms.end(app: app, contract: contract))
            },
            Binding(
                .contractVersions,
                unavailable: { tab, app in
                    tab.noContract(app)
                        ?? (tab.earlier == 0 ? tr("This is the first version; there are no earlier ones.") : nil)
                }
            ) { tab, app in try tab.showVersions(app: app) },
        ] + selecting

    func didReturn(_ returned: Returned, app: App) throws -> Effect {
        defer { removing = nil }
        guard let (obligation, contract) = removing, case .confirmed = returned.answer else { return .none }
        try app.store.removeObligation(id: obligation.id, expectedContractVersion: contract.version, actor: app.me.id)
        return .all([.changed(.contract), .success(tr("Removed."))])
    }

    private func showVersions(app: App) throws -> Effect {
        guard let contract else { return .none }
        let versions = try app.store.contractVersions(contractID: contract.id, by: app.me.id)
        guard !versions.isEmpty else { return .info(tr("This is the first version; there are no earlier ones.")) }
        var lines: [[(String, TextRole)]] = []
        for version in versions.reversed() {
            let signed = [
                version.newcomerSignedOn.map { tr("newcomer {day}", ["day": $0.shown]) },
                version.authoritySignedOn.map { tr("authority {day}", ["day": $0.shown]) },
            ]
            .compactMap { $0 }.joined(separator: ", ")
            let values = [
                "version": String(version.number), "day": version.startedOn.shown, "reason": version.reason,
                "signatures": signed,
            ]
            lines.append([
                (
                    signed.isEmpty
                        ? tr("Version {version}, from {day} ({reason})", values)
                        : tr("Version {version}, from {day} ({reason}), signed {signatures}", values), .title
                )
            ])
            for party in [Party.newcomer, .authority, .provider] {
                for obligation in version.obligations where obligation.party == party {
                    lines.append([
                        (
                            "  \(TextWidth.fit(party.label, to: 10)) \(TextWidth.fit(obligation.description, to: 60)) "
                                + tr("due {when}", ["when": obligation.dueOn?.shown ?? "—"])
                                + "  \(obligation.status.label)",
                            .normal
                        )
                    ])
                }
            }
            lines.append([])
        }
        return .push(TextScreen(title: tr("Earlier versions of the contract"), lines: lines, keys: app.keys))
    }

    func render(_ frame: inout Frame, area: Rect, app: App) {
        let today = app.clock.today
        let g = frame.glyphs
        guard let contract else {
            frame.text(
                tr(
                    "No contract yet. {key} drafts it from the obligations of the client's programme.",
                    ["key": app.keys.hint(.draftContract)]),
                in: area.row(0), .dim)
            return
        }
        let header = [
            tr("Contract version {version}", ["version": String(contract.number)]), contract.status.label,
            // TRANSLATORS: the programme a contract is made under; v is short for version.
            tr(
                "under {programme} v{version}",
                ["programme": contract.programmeID, "version": String(contract.programmeVersion)]),
            // TRANSLATORS: the day the newcomer settled in the municipality.
            tr("settled {day}", ["day": contract.settledOn?.shown ?? "—"]),
        ].joined(separator: " \(g.separator) ")
        frame.text(header, in: area.row(0), .emphasis)
        var facts: [String] = []
        if let newcomer = contract.newcomerSignedOn, let authority = contract.authoritySignedOn {
            facts.append(
                tr(
                    "Signed: newcomer {newcomer}, authority {authority}",
                    ["newcomer": newcomer.shown, "authority": authority.shown]))
        } else if contract.status.isEditable {
            facts.append(tr("Not signed yet ({key} records both signatures)", ["key": app.keys.hint(.signContract)]))
        }
        if let reviewed = contract.reviewedOn { facts.append(tr("reviewed {day}", ["day": reviewed.shown])) }
        if let ended = contract.endedOn {
            facts.append(tr("ended {day}: {reason}", ["day": ended.shown, "reason": contract.endReason]))
        }
        if earlier > 0 {
            facts.append(
                trn(
                    "{count} earlier version ({key} shows it)", "{count} earlier versions ({key} shows them)", earlier,
                    ["key": app.keys.hint(.contractVersions)]))
        }
        frame.text(facts.joined(separator: " \(g.separator) "), in: area.row(1), .dim)

        var y = area.y + 3
        let wide = area.width >= 110
        // The status column has 17 columns (22 wide); a language whose status ("✓ Erfüllt
        // 2023-12-18") needs more takes them from the description rather than losing the day.
        let stateRoom = wide ? 22 : 17
        let longestState =
            obligations.map {
                TextWidth.of(ContractTab.state(of: $0, today: today, proposed: proposals[$0.id] != nil, glyphs: g).0)
            }.max() ?? 0
        let descriptionWidth = max(20, area.width - (wide ? 48 : 32) - max(0, longestState - stateRoom))
        for (title, party) in [
            (tr("The newcomer commits to"), Party.newcomer), (tr("The authority commits to"), Party.authority),
        ] {
            guard y < area.maxY else { break }
            let summary = Compliance(obligations, party: party, today: today)
            var tally = [
                tr("met {count}", ["count": String(summary.met)]),
                tr("pending {count}", ["count": String(summary.pending)]),
                tr("overdue {count}", ["count": String(summary.overdue)]),
                tr("breached {count}", ["count": String(summary.breached)]),
            ]
            if summary.waived > 0 { tally.append(tr("waived {count}", ["count": String(summary.waived)])) }
            var counts = tally.joined(separator: " \(g.separator) ")
            if TextWidth.of(title) + 1 + TextWidth.of(counts) > area.width {
                // Where a language's heading and counts do not both fit, the counts of nothing go first.
                let nonzero = zip(
                    tally, [summary.met, summary.pending, summary.overdue, summary.breached, summary.waived]
                )
                .filter { $0.1 > 0 }.map(\.0)
                counts = nonzero.joined(separator: " \(g.separator) ")
            }
            // The heading keeps 26 columns, more when its language needs them and the counts leave them.
            let titleWidth = min(max(26, area.width - TextWidth.of(counts) - 1), TextWidth.of(title) + 1)
            let headingWidth = max(26, titleWidth)
            frame.text(TextWidth.truncate(title, to: headingWidth - 1), x: area.x, y: y, .title)
            frame.text(
                counts, in: Rect(x: area.x + headingWidth, y: y, width: area.width - headingWidth, height: 1),
                summary.overdue > 0 ? .warning : .dim, alignRight: true)
            y += 1
            let side = obligations.enumerated().filter {
                party == .newcomer ? $0.element.party == .newcomer : $0.element.party != .newcomer
            }
            if side.isEmpty, y < area.maxY {
                frame.text("  " + tr("nothing"), in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
                y += 1
            }
            for (index, obligation) in side where y < area.maxY {
                let isSelected = index == selected
                let (state, stateRole) = ContractTab.state(
                    of: obligation, today: today, proposed: proposals[obligation.id] != nil, glyphs: g)
                let due =
                    obligation.dueOn?.shown
                    ?? (obligation.anchor.map { tr("after {event}", ["event": $0.label]) } ?? "—")
                let provider = obligation.party == .provider ? tr("(provider)") + " " : ""
                let text =
                    (isSelected ? ">" : " ") + " "
                    + TextWidth.fit(
                        provider + (texts[obligation.description] ?? obligation.description), to: descriptionWidth)
                    + " "
                    + TextWidth.fit(due, to: wide ? 22 : 11) + " "
                let role: TextRole = isSelected ? .selected : .normal
                frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
                let end = frame.text(text, x: area.x, y: y, role, maxX: area.maxX)
                frame.text(state, x: end, y: y, isSelected ? .selected : stateRole, maxX: area.maxX)
                if isSelected { frame.cursor = Point(x: area.x, y: y) }
                y += 1
            }
            y += 1
        }
        // The selected obligation's details.
        guard let obligation = selectedObligation, y < area.maxY else { return }
        var details: [(String, TextRole)] = []
        var terms = "\(obligation.party.label) \(g.separator) \(obligation.category.label)"
        if !obligation.legalBasis.isEmpty { terms += " \(g.separator) \(obligation.legalBasis)" }
        if let rule = obligation.dueRule { terms += " \(g.separator) " + tr("due {when}", ["when": rule]) }
        details.append((terms, .dim))
        if !obligation.evidence.isEmpty {
            details.append((tr("Evidence: {evidence}", ["evidence": obligation.evidence]), .normal))
        }
        if !obligation.waivedReason.isEmpty {
            details.append((tr("Waived because: {reason}", ["reason": obligation.waivedReason]), .normal))
        }
        if let proposal = proposals[obligation.id] {
            details.append(
                (
                    tr(
                        "Casebook proposes: met ({key} confirms) — {evidence}.",
                        ["key": app.keys.hint(.markMet), "evidence": proposal.evidence]), .success
                ))
        }
        for (text, role) in details where y < area.maxY {
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            y += 1
        }
        for event in events.reversed() where y + 1 < area.maxY {
            y += 1
            frame.text(
                // TRANSLATORS: a line of the contract's history: day, event, note, and who recorded it.
                tr(
                    "{day}  {event}  {note}  by {officer}",
                    [
                        "day": event.on.shown, "event": ContractTab.eventName(event.kind),
                        "note": ContractTab.eventNote(event),
                        "officer": event.recordedBy,
                    ]),
                in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
        }
    }

    /// What the status column says, and how it looks (overdue in words, not colour alone).
    static func state(of obligation: Obligation, today: Day, proposed: Bool, glyphs: Glyphs) -> (String, TextRole) {
        switch obligation.status {
        case .met: return (glyphs.check + " " + tr("Met {day}", ["day": obligation.settledOn?.shown ?? ""]), .success)
        case .waived: return (tr("Waived {day}", ["day": obligation.settledOn?.shown ?? ""]), .dim)
        case .breached: return (tr("BREACHED {day}", ["day": obligation.settledOn?.shown ?? ""]), .error)
        case .pending:
            let suffix = proposed ? " " + tr("(proposed met)") : ""
            switch obligation.timing(today: today) {
            case .overdue:
                let days = obligation.dueOn.map { $0.days(until: today) } ?? 0
                return (tr("OVERDUE {days} d", ["days": String(days)]) + suffix, .overdue)
            case .dueSoon:
                let days = obligation.dueOn.map { today.days(until: $0) } ?? 0
                return (
                    (days == 0 ? tr("Due today") : tr("Due in {days} d", ["days": String(days)])) + suffix, .warning
                )
            default:
                return (tr("Pending") + suffix, .normal)
            }
        }
    }
}

extension ObligationStatus {
    /// The command that settles an obligation this way (pending has none; it is never chosen).
    fileprivate var command: CommandID {
        switch self {
        case .met: return .markMet
        case .waived: return .markWaived
        case .breached, .pending: return .markBreached
        }
    }
}
