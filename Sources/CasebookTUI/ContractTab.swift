import CasebookCore
import CasebookStore

/// The Contract tab: what the newcomer commits to and what the authority commits to, with the
/// same weight; due dates and status; a compliance summary per side; proposals from the tracks.
final class ContractTab: RecordTab {
    let name = "Contract"
    var contexts: [KeyContext] { [.contract] }
    private(set) var contract: Contract?
    /// Newcomer's obligations first, then the authority's and providers'.
    private(set) var obligations: [Obligation] = []
    private var proposals: [Int64: FulfilmentProposal] = [:]
    private var events: [ContractEvent] = []
    private var earlier = 0
    private(set) var selected = 0
    /// An obligation to select when the tab next loads (from the worklist).
    var focusObligation: Int64?

    func load(app: App, client: Client) throws {
        contract = try app.store.contract(clientID: client.id)
        guard let contract else {
            obligations = []
            return
        }
        let all = try app.store.obligations(contractID: contract.id)
        obligations = all.filter { $0.party == .newcomer } + all.filter { $0.party != .newcomer }
        let facts = try app.store.trackFacts(clientID: client.id)
        proposals = Dictionary(facts.proposals(for: obligations).map { ($0.obligationID, $0) }) { first, _ in first }
        events = try app.store.contractEvents(contractID: contract.id)
        earlier = try app.store.contractVersions(contractID: contract.id).count
        if let focus = focusObligation, let index = obligations.firstIndex(where: { $0.id == focus }) {
            selected = index
            focusObligation = nil
        }
        selected = min(selected, max(0, obligations.count - 1))
    }

    var selectedObligation: Obligation? { obligations.indices.contains(selected) ? obligations[selected] : nil }

    func handle(_ command: CommandID, app: App, record: ClientRecordScreen) throws -> Bool {
        let client = record.client
        if command == .draftContract {
            if contract != nil {
                app.message = .info("This client already has a contract.")
            } else {
                ContractForms.draft(app: app, client: client)
            }
            return true
        }
        guard let contract else {
            switch command {
            case .addObligation, .editObligation, .removeObligation, .markMet, .markWaived, .markBreached, .signContract,
                .reviewContract, .amendContract, .endContract, .contractVersions:
                app.message = .info("No contract yet; \(app.keys.keys(for: .draftContract).first?.label ?? "d") drafts one.")
                return true
            default:
                return false
            }
        }
        switch command {
        case .up, .down:
            guard !obligations.isEmpty else { return false }
            selected = max(0, min(obligations.count - 1, selected + (command == .up ? -1 : 1)))
        case .addObligation: ContractForms.obligation(app: app, contract: contract, editing: nil)
        case .editObligation:
            guard let obligation = selectedObligation else { return true }
            ContractForms.obligation(app: app, contract: contract, editing: obligation)
        case .removeObligation:
            guard let obligation = selectedObligation else { return true }
            app.push(
                ConfirmDialog(title: "Remove obligation?", question: "Remove \"\(obligation.description)\" from the \(contract.status == .draft ? "draft" : "amendment")?", yesLabel: "Remove") { app in
                    do {
                        try app.store.removeObligation(id: obligation.id, expectedContractVersion: contract.version, actor: app.me.id)
                        app.message = .success("Removed.")
                        app.top?.didReturn(app: app)
                    } catch { app.report(error) }
                })
        case .markMet, .markWaived, .markBreached:
            guard let obligation = selectedObligation else { return true }
            let status: ObligationStatus = command == .markMet ? .met : command == .markWaived ? .waived : .breached
            ContractForms.settle(app: app, obligation: obligation, as: status, proposal: proposals[obligation.id])
        case .signContract: ContractForms.sign(app: app, contract: contract)
        case .reviewContract: ContractForms.review(app: app, contract: contract)
        case .amendContract: ContractForms.amend(app: app, contract: contract)
        case .endContract: ContractForms.end(app: app, contract: contract)
        case .contractVersions: try showVersions(app: app, contract: contract)
        default: return false
        }
        return true
    }

    private func showVersions(app: App, contract: Contract) throws {
        let versions = try app.store.contractVersions(contractID: contract.id)
        guard !versions.isEmpty else {
            app.message = .info("This is the first version; there are no earlier ones.")
            return
        }
        var lines: [[(String, Role)]] = []
        for version in versions.reversed() {
            let signed = [version.newcomerSignedOn.map { "newcomer \($0.iso)" }, version.authoritySignedOn.map { "authority \($0.iso)" }]
                .compactMap { $0 }.joined(separator: ", ")
            lines.append([("Version \(version.number), from \(version.startedOn.iso) (\(version.reason))" + (signed.isEmpty ? "" : ", signed \(signed)"), .title)])
            for party in [Party.newcomer, .authority, .provider] {
                for obligation in version.obligations where obligation.party == party {
                    lines.append([("  \(TextWidth.fit(party.label, to: 10)) \(TextWidth.fit(obligation.description, to: 60)) due \(obligation.dueOn?.iso ?? "—")  \(obligation.status.label)", .normal)])
                }
            }
            lines.append([])
        }
        app.push(TextScreen(title: "Earlier versions of the contract", lines: lines))
    }

    func render(_ frame: inout Frame, area: Rect, app: App, record: ClientRecordScreen) {
        let today = app.clock.today
        let g = frame.glyphs
        guard let contract else {
            frame.text("No contract yet. d drafts it from the obligations of the client's programme.", in: area.row(0), .dim)
            return
        }
        var header = "Contract version \(contract.number) \(g.separator) \(contract.status.label)"
        header += " \(g.separator) under \(contract.programmeID) v\(contract.programmeVersion) \(g.separator) settled \(contract.settledOn?.iso ?? "—")"
        frame.text(header, in: area.row(0), .emphasis)
        var facts: [String] = []
        if let newcomer = contract.newcomerSignedOn, let authority = contract.authoritySignedOn {
            facts.append("Signed: newcomer \(newcomer.iso), authority \(authority.iso)")
        } else if contract.status.isEditable {
            facts.append("Not signed yet (\(app.keys.keys(for: .signContract).first?.label ?? "S") records both signatures)")
        }
        if let reviewed = contract.reviewedOn { facts.append("reviewed \(reviewed.iso)") }
        if let ended = contract.endedOn { facts.append("ended \(ended.iso): \(contract.endReason)") }
        if earlier > 0 { facts.append("\(earlier) earlier version\(earlier == 1 ? "" : "s") (\(app.keys.keys(for: .contractVersions).first?.label ?? "V"))") }
        frame.text(facts.joined(separator: " \(g.separator) "), in: area.row(1), .dim)

        var y = area.y + 3
        let wide = area.width >= 110
        let descriptionWidth = max(20, area.width - (wide ? 48 : 32))
        for (title, party) in [("The newcomer commits to", Party.newcomer), ("The authority commits to", Party.authority)] {
            guard y < area.maxY else { break }
            let summary = Compliance(obligations, party: party, today: today)
            frame.text(title, x: area.x, y: y, .title)
            var counts = "met \(summary.met) \(g.separator) pending \(summary.pending) \(g.separator) overdue \(summary.overdue) \(g.separator) breached \(summary.breached)"
            if summary.waived > 0 { counts += " \(g.separator) waived \(summary.waived)" }
            frame.text(counts, in: Rect(x: area.x + 26, y: y, width: area.width - 26, height: 1), summary.overdue > 0 ? .warning : .dim, alignRight: true)
            y += 1
            let side = obligations.enumerated().filter { party == .newcomer ? $0.element.party == .newcomer : $0.element.party != .newcomer }
            if side.isEmpty, y < area.maxY {
                frame.text("  nothing", in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
                y += 1
            }
            for (index, obligation) in side where y < area.maxY {
                let isSelected = index == selected
                let (state, stateRole) = ContractTab.state(of: obligation, today: today, proposed: proposals[obligation.id] != nil, glyphs: g)
                let due = obligation.dueOn?.iso ?? (obligation.anchor.map { "after \($0.label)" } ?? "—")
                let provider = obligation.party == .provider ? "(provider) " : ""
                let text = (isSelected ? ">" : " ") + " " + TextWidth.fit(provider + obligation.description, to: descriptionWidth) + " "
                    + TextWidth.fit(due, to: wide ? 22 : 11) + " "
                let role: Role = isSelected ? .selected : .normal
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
        var details: [(String, Role)] = []
        var terms = "\(obligation.party.label) \(g.separator) \(obligation.category.label)"
        if !obligation.legalBasis.isEmpty { terms += " \(g.separator) \(obligation.legalBasis)" }
        if let rule = obligation.dueRule { terms += " \(g.separator) due \(rule)" }
        details.append((terms, .dim))
        if !obligation.evidence.isEmpty { details.append(("Evidence: \(obligation.evidence)", .normal)) }
        if !obligation.waivedReason.isEmpty { details.append(("Waived because: \(obligation.waivedReason)", .normal)) }
        if let proposal = proposals[obligation.id] {
            details.append(("Casebook proposes: met — \(proposal.evidence). \(app.keys.keys(for: .markMet).first?.label ?? "m") confirms.", .success))
        }
        for (text, role) in details where y < area.maxY {
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            y += 1
        }
        for event in events.reversed() where y + 1 < area.maxY {
            y += 1
            frame.text("\(event.on.iso)  \(event.kind)  \(event.note)  by \(event.recordedBy)", in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
        }
    }

    /// What the status column says, and how it looks (overdue in words, not colour alone).
    static func state(of obligation: Obligation, today: Day, proposed: Bool, glyphs: Glyphs) -> (String, Role) {
        switch obligation.status {
        case .met: return ("\(glyphs.check) Met \(obligation.settledOn?.iso ?? "")", .success)
        case .waived: return ("Waived \(obligation.settledOn?.iso ?? "")", .dim)
        case .breached: return ("BREACHED \(obligation.settledOn?.iso ?? "")", .error)
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
