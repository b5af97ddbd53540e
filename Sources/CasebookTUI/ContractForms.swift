import CasebookCore
import CasebookText
import CasebookStore

/// The forms of the Contract and Notes tabs.
enum ContractForms {
    static func draft(app: App, client: Client) -> FormScreen<NewContractDraft> {
        FormScreen(
            title: "Draft the contract of \(client.caseNumber.text)",
            fields: [
                .date(.settledOn, "Settled in the municipality on", \.settledOn),
                .date(.draftedOn, "Drafted on", \.draftedOn),
            ], draft: NewContractDraft(settledOn: client.arrivalDate, draftedOn: app.clock.today), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }
        ) { app, draft in
            let contract = try app.store.draftContract(clientID: client.id, draft, actor: app.me.id)
            let count = try app.store.obligations(contractID: contract.id, by: app.me.id).count
            return FormSaved(
                "Drafted with \(count) obligations from \(contract.programmeID); edit them, then \(app.keys.hint(.signContract)) records the signatures."
            )
        }
    }

    /// A form for a new obligation, or for `editing`'s terms (the tab offers it only while the terms may change).
    static func obligation(app: App, contract: Contract, editing: Obligation?) -> FormScreen<ObligationDraft> {
        FormScreen(
            title: editing == nil ? "New obligation" : "Obligation",
            fields: [
                .choice(.party, "Party", \.party, label: \.label),
                .choice(.category, "Category", \.category, label: \.label),
                .text(.description, "Commits to", \.description), .text(.legalBasis, "Legal basis", \.legalBasis),
                .date(.dueOn, "Due", \.dueOn),
            ], draft: editing.map(ObligationDraft.init) ?? ObligationDraft(), changes: .contract,
            validate: { draft, _ in try draft.validated() }, record: .terms(of: editing, in: contract)
        ) { app, draft, version in
            guard let editing else {
                try app.store.addObligation(draft, contractID: contract.id, expectedVersion: version, actor: app.me.id)
                return FormSaved("Obligation added.")
            }
            try app.store.editObligation(id: editing.id, draft, expectedContractVersion: version, actor: app.me.id)
            return FormSaved("Obligation changed.")
        }
    }

    /// A form settling a pending obligation as met, waived or breached.
    static func settle(app: App, obligation: Obligation, as status: ObligationStatus, proposal: FulfilmentProposal?)
        -> FormScreen<SettlementDraft>
    {
        let on = status == .met ? "Met on" : status == .waived ? "Waived on" : "Breached on"
        let reason: [FormField<SettlementDraft>] = status == .waived ? [.text(.reason, "Reason", \.reason)] : []
        let evidence = status == .met ? proposal?.evidence ?? "" : ""
        return FormScreen(
            title: "\(obligation.party.label): \(obligation.description)",
            fields: [.date(.on, on, \.on)] + reason
                + [.text(.evidence, status == .breached ? "What happened" : "Evidence", \.evidence)],
            draft: SettlementDraft(status, on: proposal?.on ?? app.clock.today, evidence: evidence), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }, record: .obligation(obligation)
        ) { app, draft, version in
            let settled = try app.store.settleObligation(
                id: obligation.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved("Marked \(settled.status.rawValue).")
        }
    }

    /// A form recording both signatures of a draft or an amendment.
    static func sign(app: App, contract: Contract) -> FormScreen<SignatureDraft> {
        FormScreen(
            title: "Signatures of version \(contract.number)",
            fields: [
                .date(.newcomer, "Newcomer signed on", \.newcomer),
                .date(.authority, "Authority signed on", \.authority),
            ], draft: SignatureDraft(newcomer: app.clock.today, authority: app.clock.today), changes: .contract,
            // The day the version was drafted is the Store's to check.
            validate: { try $0.validated(drafted: nil, today: $1.clock.today) }, record: .contract(contract)
        ) { app, draft, version in
            let signed = try app.store.signContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved("Version \(signed.number) is in force from \(signed.signedOn?.shown ?? "").")
        }
    }

    static func review(app: App, contract: Contract) -> FormScreen<ContractReviewDraft> {
        FormScreen(
            title: "Review of the contract", fields: [.date(.on, "Reviewed on", \.on), .text(.note, "Note", \.note)],
            draft: ContractReviewDraft(on: app.clock.today), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }, record: .contract(contract)
        ) { app, draft, version in
            try app.store.reviewContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved("Review recorded.")
        }
    }

    static func amend(app: App, contract: Contract) -> FormScreen<AmendmentDraft> {
        let number = contract.number
        return FormScreen(
            title: "Amend the contract (version \(number + 1))", fields: [.text(.reason, "Why amend", \.reason)],
            draft: AmendmentDraft(), changes: .contract, validate: { draft, _ in try draft.validated() },
            record: .contract(contract)
        ) { app, draft, version in
            try app.store.amendContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(
                "Version \(number + 1) opened; version \(number) is kept. Edit, then \(app.keys.hint(.signContract)) signs."
            )
        }
    }

    static func end(app: App, contract: Contract) -> FormScreen<ContractEndDraft> {
        FormScreen(
            title: "End the contract", fields: [.date(.on, "Ended on", \.on), .text(.reason, "Reason", \.reason)],
            draft: ContractEndDraft(on: app.clock.today), changes: .contract,
            validate: { try $0.validated(today: $1.clock.today) }, record: .contract(contract)
        ) { app, draft, version in
            try app.store.endContract(id: contract.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved("The contract has ended.")
        }
    }
}

enum NoteForms {
    static func add(app: App, client: Client) -> FormScreen<NoteDraft> {
        FormScreen(
            title: "Note on \(client.caseNumber.text)",
            fields: [
                .choice(.contact, "Contact", \.contact, label: \.label), .date(.date, "Date", \.date),
                .choice(.interpreter, "Interpreter", \.interpreter, Choices.languageCodes, none: "(none)"),
                .text(.summary, "Summary", \.summary), .date(.followUpOn, "Follow up on", \.followUpOn),
            ], draft: NoteDraft(date: app.clock.today, interpreter: client.interpreterLanguage), changes: .notes,
            validate: { try $0.validated(clientID: client.id, today: $1.clock.today) }
        ) { app, draft in
            let note = try app.store.addNote(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Note saved" + (note.followUpOn.map { "; follow up on \($0.shown)." } ?? "."))
        }
    }
}
