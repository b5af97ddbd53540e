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
        contract == nil ? "No contract yet; \(app.keys.hint(.draftContract)) drafts one." : nil
    }

    /// Why the terms cannot change now (a contract in force is amended first).
    private func fixedTerms(_ app: App) -> String? {
        if let reason = noContract(app) { return reason }
        guard let contract, !contract.status.isEditable else { return nil }
        return "The terms of a contract in force are fixed; \(app.keys.hint(.amendContract)) starts an amendment."
    }

    private func noObligation(_ app: App) -> String? {
        noContract(app) ?? (selectedObligation == nil ? "No obligation selected." : nil)
    }

    /// Why the selected obligation cannot be settled.
    private func settled(_ app: App) -> String? {
        if let reason = noObligation(app) { return reason }
        guard let obligation = selectedObligation, obligation.status != .pending else { return nil }
        return "This obligation is already \(obligation.status.rawValue)."
    }

    private func notSignable(_ app: App) -> String? {
        if let reason = noContract(app) { return reason }
        guard let contract, !contract.status.isEditable else { return nil }
        return "This version is \(contract.status.label.lowercased()); only a draft or an amendment is signed."
    }

    // MARK: Bindings

    static let bindings: [Binding<ContractTab>] =
        [
            Binding(
                .draftContract,
                unavailable: { tab, _ in tab.contract == nil ? nil : "This client already has a contract." }
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
                let from = contract.status == .draft ? "draft" : "amendment"
                return .push(
                    ConfirmDialog(
                        title: "Remove obligation?", question: "Remove \"\(obligation.description)\" from the \(from)?",
                        yesLabel: "Remove"))
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
                        ?? (tab.earlier == 0 ? "This is the first version; there are no earlier ones." : nil)
                }
            ) { tab, app in try tab.showVersions(app: app) },
        ] + selecting

    func didReturn(_ returned: Returned, app: App) throws -> Effect {
        defer { removing = nil }
        guard let (obligation, contract) = removing, case .confirmed = returned.answer else { return .none }
        try app.store.removeObligation(id: obligation.id, expectedContractVersion: contract.version, actor: app.me.id)
        return .all([.changed(.contract), .success("Removed.")])
    }

    private func showVersions(app: App) throws -> Effect {
        guard let contract else { return .none }
        let versions = try app.store.contractVersions(contractID: contract.id, by: app.me.id)
        guard !versions.isEmpty else { return .info("This is the first version; there are no earlier ones.") }
        var lines: [[(String, TextRole)]] = []
        for version in versions.reversed() {
            let signed = [
                version.newcomerSignedOn.map { "newcomer \($0.shown)" },
                version.authoritySignedOn.map { "authority \($0.shown)" },
            ]
            .compactMap { $0 }.joined(separator: ", ")
            lines.append([
                (
                    "Version \(version.number), from \(version.startedOn.shown) (\(version.reason))"
                        + (signed.isEmpty ? "" : ", signed \(signed)"), .title
                )
            ])
            for party in [Party.newcomer, .authority, .provider] {
                for obligation in version.obligations where obligation.party == party {
                    lines.append([
                        (
                            "  \(TextWidth.fit(party.label, to: 10)) \(TextWidth.fit(obligation.description, to: 60)) due \(obligation.dueOn?.shown ?? "—")  \(obligation.status.label)",
                            .normal
                        )
                    ])
                }
            }
            lines.append([])
        }
        return .push(TextScreen(title: "Earlier versions of the contract", lines: lines, keys: app.keys))
    }

    func render(_ frame: inout Frame, area: Rect, app: App) {
        let today = app.clock.today
        let g = frame.glyphs
        guard let contract else {
            frame.text(
                "No contract yet. \(app.keys.hint(.draftContract)) drafts it from the obligations of the client's programme.",
                in: area.row(0), .dim)
            return
        }
        var header = "Contract version \(contract.number) \(g.separator) \(contract.status.label)"
        header +=
            " \(g.separator) under \(contract.programmeID) v\(contract.programmeVersion) \(g.separator) settled \(contract.settledOn?.shown ?? "—")"
        frame.text(header, in: area.row(0), .emphasis)
        var facts: [String] = []
        if let newcomer = contract.newcomerSignedOn, let authority = contract.authoritySignedOn {
            facts.append("Signed: newcomer \(newcomer.shown), authority \(authority.shown)")
        } else if contract.status.isEditable {
            facts.append("Not signed yet (\(app.keys.hint(.signContract)) records both signatures)")
        }
        if let reviewed = contract.reviewedOn { facts.append("reviewed \(reviewed.shown)") }
        if let ended = contract.endedOn { facts.append("ended \(ended.shown): \(contract.endReason)") }
        if earlier > 0 {
            facts.append(
                "\(earlier) earlier version\(earlier == 1 ? "" : "s") (\(app.keys.hint(.contractVersions)) shows them)")
        }
        frame.text(facts.joined(separator: " \(g.separator) "), in: area.row(1), .dim)

        var y = area.y + 3
        let wide = area.width >= 110
        let descriptionWidth = max(20, area.width - (wide ? 48 : 32))
        for (title, party) in [
            ("The newcomer commits to", Party.newcomer), ("The authority commits to", Party.authority),
        ] {
            guard y < area.maxY else { break }
            let summary = Compliance(obligations, party: party, today: today)
            frame.text(title, x: area.x, y: y, .title)
            var counts =
                "met \(summary.met) \(g.separator) pending \(summary.pending) \(g.separator) overdue \(summary.overdue) \(g.separator) breached \(summary.breached)"
            if summary.waived > 0 { counts += " \(g.separator) waived \(summary.waived)" }
            frame.text(
                counts, in: Rect(x: area.x + 26, y: y, width: area.width - 26, height: 1),
                summary.overdue > 0 ? .warning : .dim, alignRight: true)
            y += 1
            let side = obligations.enumerated().filter {
                party == .newcomer ? $0.element.party == .newcomer : $0.element.party != .newcomer
            }
            if side.isEmpty, y < area.maxY {
                frame.text("  nothing", in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
                y += 1
            }
            for (index, obligation) in side where y < area.maxY {
                let isSelected = index == selected
                let (state, stateRole) = ContractTab.state(
                    of: obligation, today: today, proposed: proposals[obligation.id] != nil, glyphs: g)
                let due = obligation.dueOn?.shown ?? (obligation.anchor.map { "after \($0.label)" } ?? "—")
                let provider = obligation.party == .provider ? "(provider) " : ""
                let text =
                    (isSelected ? ">" : " ") + " "
                    + TextWidth.fit(provider + (texts[obligation.description] ?? obligation.description), to: descriptionWidth)
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
        if let rule = obligation.dueRule { terms += " \(g.separator) due \(rule)" }
        details.append((terms, .dim))
        if !obligation.evidence.isEmpty { details.append(("Evidence: \(obligation.evidence)", .normal)) }
        if !obligation.waivedReason.isEmpty { details.append(("Waived because: \(obligation.waivedReason)", .normal)) }
        if let proposal = proposals[obligation.id] {
            details.append(
                ("Casebook proposes: met (\(app.keys.hint(.markMet)) confirms) — \(proposal.evidence).", .success))
        }
        for (text, role) in details where y < area.maxY {
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            y += 1
        }
        for event in events.reversed() where y + 1 < area.maxY {
            y += 1
            frame.text(
                "\(event.on.shown)  \(event.kind)  \(event.note)  by \(event.recordedBy)",
                in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
        }
    }

    /// What the status column says, and how it looks (overdue in words, not colour alone).
    static func state(of obligation: Obligation, today: Day, proposed: Bool, glyphs: Glyphs) -> (String, TextRole) {
        switch obligation.status {
        case .met: return ("\(glyphs.check) Met \(obligation.settledOn?.shown ?? "")", .success)
        case .waived: return ("Waived \(obligation.settledOn?.shown ?? "")", .dim)
        case .breached: return ("BREACHED \(obligation.settledOn?.shown ?? "")", .error)
        case .pending:
            let suffix = proposed ? " (proposed met)" : ""
            switch obligation.timing(today: today) {
            case .overdue:
                let days = obligation.dueOn.map { $0.days(until: today) } ?? 0
                return ("OVERDUE \(days) d" + suffix, .overdue)
            case .dueSoon:
                let days = obligation.dueOn.map { today.days(until: $0) } ?? 0
                return ((days == 0 ? "Due today" : "Due in \(days) d") + suffix, .warning)
            default:
                return ("Pending" + suffix, .normal)
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
