import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The forms of the Contract and Notes tabs.
enum ContractForms {
    static func draft(app: App, client: Client) -> FormScreen<NewContractDraft> {
        FormScreen(
            title: tr("Draft the contract of {case}", ["case": client.caseNumber.text]),
            fields: [
                .date(.settledOn, tr("Settled in the municipality on"), \.settledOn),
                .date(.draftedOn, tr("Drafted on"), \.draftedOn),
            ], draft: NewContractDraft(settledOn: client.arrivalDate, draftedOn: app.clock.today), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }
        ) { app, draft in
            let contract = try app.store.draftContract(clientID: client.id, draft, actor: app.me.id)
            let count = try app.store.obligations(contractID: contract.id, by: app.me.id).count
            return FormSaved(
                trn(
                    "Drafted with {count} obligation from {programme}; edit it, then {key} records the signatures.",
                    "Drafted with {count} obligations from {programme}; edit them, then {key} records the signatures.",
                    count, ["programme": contract.programmeID, "key": app.keys.hint(.signContract)]))
        }
    }

    /// A form for a new obligation, or for `editing`'s terms (the tab offers it only while the terms may change).
    static func obligation(app: App, contract: Contract, editing: Obligation?) -> FormScreen<ObligationDraft> {
        FormScreen(
            title: editing == nil ? tr("New obligation") : tr("Obligation"),
            fields: [
                .choice(.party, tr("Party"), \.party, label: \.label),
                .choice(.category, tr("Category"), \.category, label: \.label),
                .text(.description, tr("Commits to"), \.description),
                .text(.legalBasis, tr("Legal basis"), \.legalBasis),
                // TRANSLATORS: the day an obligation of the contract is due.
                .date(.dueOn, tr("Due"), \.dueOn),
            ], draft: editing.map(ObligationDraft.init) ?? ObligationDraft(), changes: .contract,
            validate: { draft, _ in try draft.validated() }, record: .terms(of: editing, in: contract)
        ) { app, draft, version in
            guard let editing else {
                try app.store.addObligation(draft, contractID: contract.id, expectedVersion: version, actor: app.me.id)
                return FormSaved(tr("Obligation added."))
            }
            try app.store.editObligation(id: editing.id, draft, expectedContractVersion: version, actor: app.me.id)
            return FormSaved(tr("Obligation changed."))
        }
    }

    /// A form settling a pending obligation as met, waived or breached.
    static func settle(app: App, obligation: Obligation, as status: ObligationStatus, proposal: FulfilmentProposal?)
        -> FormScreen<SettlementDraft>
    {
        let on = status == .met ? tr("Met on") : status == .waived ? tr("Waived on") : tr("Breached on")
        let reason: [FormField<SettlementDraft>] = status == .waived ? [.text(.reason, tr("Reason"), \.reason)] : []
        let evidence = status == .met ? proposal?.evidence ?? "" : ""
        return FormScreen(
            // TRANSLATORS: the title of the form settling an obligation: the party, then what it commits to.
            title: tr(
                "{party}: {obligation}", ["party": obligation.party.label, "obligation": obligation.description]),
            fields: [.date(.on, on, \.on)] + reason
                + [.text(.evidence, status == .breached ? tr("What happened") : tr("Evidence"), \.evidence)],
            draft: SettlementDraft(status, on: proposal?.on ?? app.clock.today, evidence: evidence), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }, record: .obligation(obligation)
        ) { app, draft, version in
            let settled = try app.store.settleObligation(
                id: obligation.id, draft, expectedVersion: version, actor: app.me.id)
            switch settled.status {
            case .met: return FormSaved(tr("Marked met."))
            case .waived: return FormSaved(tr("Marked waived."))
            case .breached: return FormSaved(tr("Marked breached."))
            case .pending: return FormSaved(tr("Marked pending."))
            }
        }
    }

    /// A form recording both signatures of a draft or an amendment.
    static func sign(app: App, contract: Contract) -> FormScreen<SignatureDraft> {
        FormScreen(
            title: tr("Signatures of version {version}", ["version": String(contract.number)]),
            fields: [
                .date(.newcomer, tr("Newcomer signed on"), \.newcomer),
                .date(.authority, tr("Authority signed on"), \.authority),
            ], draft: SignatureDraft(newcomer: app.clock.today, authority: app.clock.today), changes: .contract,
            // The day the version was drafted is the Store's to check.
            validate: { try $0.validated(drafted: nil, today: $1.clock.today) }, record: .contract(contract)
        ) { app, draft, version in
            let signed = try app.store.signContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(
                tr(
                    "Version {version} is in force from {day}.",
                    ["version": String(signed.number), "day": signed.signedOn?.shown ?? ""]))
        }
    }

    static func review(app: App, contract: Contract) -> FormScreen<ContractReviewDraft> {
        FormScreen(
            title: tr("Review of the contract"),
            fields: [.date(.on, tr("Reviewed on"), \.on), .text(.note, tr("Note"), \.note)],
            draft: ContractReviewDraft(on: app.clock.today), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }, record: .contract(contract)
        ) { app, draft, version in
            try app.store.reviewContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(tr("Review recorded."))
        }
    }

    static func amend(app: App, contract: Contract) -> FormScreen<AmendmentDraft> {
        let number = contract.number
        return FormScreen(
            title: tr("Amend the contract (version {version})", ["version": String(number + 1)]),
            fields: [.text(.reason, tr("Why amend"), \.reason)],
            draft: AmendmentDraft(), changes: .contract, validate: { draft, _ in try draft.validated() },
            record: .contract(contract)
        ) { app, draft, version in
            try app.store.amendContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(
                tr(
                    "Version {version} opened; version {kept} is kept. Edit, then {key} signs.",
                    ["version": String(number + 1), "kept": String(number), "key": app.keys.hint(.signContract)]))
        }
    }

    static func end(app: App, contract: Contract) -> FormScreen<ContractEndDraft> {
        FormScreen(
            title: tr("End the contract"),
            fields: [.date(.on, tr("Ended on"), \.on), .text(.reason, tr("Reason"), \.reason)],
            draft: ContractEndDraft(on: app.clock.today), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }, record: .contract(contract)
        ) { app, draft, version in
            try app.store.endContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(tr("The contract has ended."))
        }
    }
}

enum NoteForms {
    static func add(app: App, client: Client) -> FormScreen<NoteDraft> {
        FormScreen(
            title: tr("Note on {case}", ["case": client.caseNumber.text]),
            fields: [
                .choice(.contact, tr("Contact"), \.contact, label: \.label), .date(.date, tr("Date"), \.date),
                .choice(.interpreter, tr("Interpreter"), \.interpreter, Choices.languageCodes, none: tr("(none)")),
                .text(.summary, tr("Summary"), \.summary), .date(.followUpOn, tr("Follow up on"), \.followUpOn),
            ], draft: NoteDraft(date: app.clock.today, interpreter: client.interpreterLanguage), changes: .notes,
            validate: { try $0.validated(clientID: client.id, today: $1.clock.today) }
        ) { app, draft in
            let note = try app.store.addNote(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                note.followUpOn.map { tr("Note saved; follow up on {day}.", ["day": $0.shown]) } ?? tr("Note saved."))
        }
    }
}
