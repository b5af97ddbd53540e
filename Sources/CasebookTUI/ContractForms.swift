import CasebookCore
import CasebookStore

/// The forms of the Contract and Notes tabs.
enum ContractForms {
    static func draft(app: App, client: Client) -> FormScreen {
        let fields = [
            FormField(id: "settled", label: "Settled in the municipality on", kind: .date, isRequired: true),
            FormField(id: "drafted", label: "Drafted on", kind: .date, isRequired: true),
        ]
        let id = client.id
        let initial = ["settled": client.arrivalDate.iso, "drafted": app.clock.today.iso]
        return FormScreen(
            title: "Draft the contract of \(client.caseNumber.text)", fields: fields, values: initial,
            changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            let settled = TrackFields.day(values, "settled", required: true, into: &problems)
            let drafted = TrackFields.day(values, "drafted", required: true, into: &problems)
            guard problems.isEmpty, let settled, let drafted else { throw FormErrors(problems) }
            let contract = try TrackFields.saving(beside: "settled") {
                try app.store.draftContract(clientID: id, settledOn: settled, draftedOn: drafted, actor: app.me.id)
            }
            let count = try app.store.obligations(contractID: contract.id).count
            return FormSaved(
                "Drafted with \(count) obligations from \(contract.programmeID); edit them, then \(app.keys.hint(.signContract)) records the signatures."
            )
        }
    }

    /// A form for a new obligation, or for `editing`'s terms (the tab offers it only while the terms may change).
    static func obligation(app: App, contract: Contract, editing: Obligation?) -> FormScreen {
        let fields = [
            FormField(
                id: "party", label: "Party", kind: .choice(Party.allCases.map { Choice($0.rawValue, $0.label) }),
                isRequired: true),
            FormField(
                id: "category", label: "Category",
                kind: .choice(ObligationCategory.allCases.map { Choice($0.rawValue, $0.label) }), isRequired: true),
            FormField(id: "description", label: "Commits to", isRequired: true, maxLength: 300),
            FormField(id: "basis", label: "Legal basis", maxLength: 120),
            FormField(id: "due", label: "Due", kind: .date),
        ]
        let initial =
            editing.map {
                [
                    "party": $0.party.rawValue, "category": $0.category.rawValue, "description": $0.description,
                    "basis": $0.legalBasis, "due": $0.dueOn?.iso ?? "",
                ]
            } ?? ["party": Party.newcomer.rawValue, "category": ObligationCategory.other.rawValue]
        let contractID = contract.id
        let version = contract.version
        return FormScreen(
            title: editing == nil ? "New obligation" : "Obligation", fields: fields, values: initial, changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            let party = Party(rawValue: values["party"] ?? "")
            let category = ObligationCategory(rawValue: values["category"] ?? "")
            let description = TrackFields.required(values, "description", into: &problems)
            let due = TrackFields.day(values, "due", required: false, into: &problems)
            if party == nil { problems["party"] = "Choose who is bound." }
            if category == nil { problems["category"] = "Choose a category." }
            guard problems.isEmpty, let party, let category else { throw FormErrors(problems) }
            try TrackFields.saving(beside: "description") {
                if let editing {
                    try app.store.editObligation(
                        id: editing.id, party: party, category: category, description: description,
                        legalBasis: values["basis"] ?? "",
                        dueOn: due, expectedContractVersion: version, actor: app.me.id)
                } else {
                    try app.store.addObligation(
                        Obligation(
                            party: party, category: category, description: description,
                            legalBasis: values["basis"] ?? "", dueOn: due),
                        contractID: contractID, expectedVersion: version, actor: app.me.id)
                }
            }
            return FormSaved(editing == nil ? "Obligation added." : "Obligation changed.")
        }
    }

    /// A form settling a pending obligation as met, waived or breached.
    static func settle(app: App, obligation: Obligation, as status: ObligationStatus, proposal: FulfilmentProposal?)
        -> FormScreen
    {
        var fields = [
            FormField(
                id: "on", label: status == .met ? "Met on" : status == .waived ? "Waived on" : "Breached on",
                kind: .date, isRequired: true)
        ]
        if status == .waived {
            fields.append(FormField(id: "reason", label: "Reason", isRequired: true, maxLength: 300))
        }
        fields.append(
            FormField(id: "evidence", label: status == .breached ? "What happened" : "Evidence", maxLength: 500))
        let initial = [
            "on": (proposal?.on ?? app.clock.today).iso, "evidence": status == .met ? proposal?.evidence ?? "" : "",
        ]
        let id = obligation.id
        let version = obligation.version
        let verb = status == .met ? "met" : status == .waived ? "waived" : "breached"
        return FormScreen(
            title: "\(obligation.party.label): \(obligation.description)", fields: fields, values: initial,
            changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            let day = TrackFields.day(values, "on", required: true, into: &problems)
            if status == .waived, trimmed(values["reason"] ?? "").isEmpty {
                problems["reason"] = "Say why it is waived."
            }
            guard problems.isEmpty, let day else { throw FormErrors(problems) }
            try TrackFields.saving(beside: "on") {
                try app.store.settleObligation(
                    id: id, as: status, on: day, evidence: values["evidence"] ?? "", reason: values["reason"] ?? "",
                    expectedVersion: version, actor: app.me.id)
            }
            return FormSaved("Marked \(verb).")
        }
    }

    /// A form recording both signatures of a draft or an amendment.
    static func sign(app: App, contract: Contract) -> FormScreen {
        let fields = [
            FormField(id: "newcomer", label: "Newcomer signed on", kind: .date, isRequired: true),
            FormField(id: "authority", label: "Authority signed on", kind: .date, isRequired: true),
        ]
        let today = app.clock.today.iso
        let id = contract.id
        let version = contract.version
        return FormScreen(
            title: "Signatures of version \(contract.number)", fields: fields,
            values: ["newcomer": today, "authority": today],
            changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            let newcomer = TrackFields.day(values, "newcomer", required: true, into: &problems)
            let authority = TrackFields.day(values, "authority", required: true, into: &problems)
            // A date in the future is named beside its own field.
            for (field, day) in [("newcomer", newcomer), ("authority", authority)]
            where day.map({ $0 > app.clock.today }) == true {
                problems[field] = "A signature cannot lie in the future."
            }
            guard problems.isEmpty else { throw FormErrors(problems) }
            let signed = try TrackFields.saving(beside: "authority") {
                try app.store.signContract(
                    id: id, newcomer: newcomer, authority: authority, expectedVersion: version, actor: app.me.id)
            }
            return FormSaved("Version \(signed.number) is in force from \(signed.signedOn?.iso ?? "").")
        }
    }

    static func review(app: App, contract: Contract) -> FormScreen {
        let fields = [
            FormField(id: "on", label: "Reviewed on", kind: .date, isRequired: true),
            FormField(id: "note", label: "Note", maxLength: 500),
        ]
        let id = contract.id
        let version = contract.version
        return FormScreen(
            title: "Review of the contract", fields: fields, values: ["on": app.clock.today.iso], changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            guard let day = TrackFields.day(values, "on", required: true, into: &problems) else {
                throw FormErrors(problems)
            }
            try TrackFields.saving(beside: "on") {
                try app.store.reviewContract(
                    id: id, on: day, note: values["note"] ?? "", expectedVersion: version, actor: app.me.id)
            }
            return FormSaved("Review recorded.")
        }
    }

    static func amend(app: App, contract: Contract) -> FormScreen {
        let fields = [FormField(id: "reason", label: "Why amend", isRequired: true, maxLength: 300)]
        let id = contract.id
        let version = contract.version
        return FormScreen(
            title: "Amend the contract (version \(contract.number + 1))", fields: fields, values: [:],
            changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            let reason = TrackFields.required(values, "reason", into: &problems)
            guard problems.isEmpty else { throw FormErrors(problems) }
            try TrackFields.saving(beside: "reason") {
                try app.store.amendContract(id: id, reason: reason, expectedVersion: version, actor: app.me.id)
            }
            return FormSaved(
                "Version \(contract.number + 1) opened; version \(contract.number) is kept. Edit, then \(app.keys.hint(.signContract)) signs."
            )
        }
    }

    static func end(app: App, contract: Contract) -> FormScreen {
        let fields = [
            FormField(id: "on", label: "Ended on", kind: .date, isRequired: true),
            FormField(id: "reason", label: "Reason", isRequired: true, maxLength: 300),
        ]
        let id = contract.id
        let version = contract.version
        return FormScreen(
            title: "End the contract", fields: fields, values: ["on": app.clock.today.iso], changes: .contract
        ) { app, values in
            var problems: [String: String] = [:]
            let day = TrackFields.day(values, "on", required: true, into: &problems)
            let reason = TrackFields.required(values, "reason", into: &problems)
            guard problems.isEmpty, let day else { throw FormErrors(problems) }
            try TrackFields.saving(beside: "reason") {
                try app.store.endContract(id: id, on: day, reason: reason, expectedVersion: version, actor: app.me.id)
            }
            return FormSaved("The contract has ended.")
        }
    }
}

enum NoteForms {
    static func add(app: App, client: Client) -> FormScreen {
        let fields = [
            FormField(
                id: "contact", label: "Contact",
                kind: .choice(ContactType.allCases.map { Choice($0.rawValue, $0.label) }), isRequired: true),
            FormField(id: "date", label: "Date", kind: .date, isRequired: true),
            FormField(
                id: "interpreter", label: "Interpreter", kind: .choice([Choice("", "(none)")] + TrackFields.languages)),
            FormField(id: "summary", label: "Summary", isRequired: true, maxLength: 2000),
            FormField(id: "follow", label: "Follow up on", kind: .date),
        ]
        let id = client.id
        let initial = [
            "contact": ContactType.meeting.rawValue, "date": app.clock.today.iso,
            "interpreter": client.interpreterLanguage ?? "",
        ]
        return FormScreen(title: "Note on \(client.caseNumber.text)", fields: fields, values: initial, changes: .notes)
        {
            app, values in
            var problems: [String: String] = [:]
            let contact = ContactType(rawValue: values["contact"] ?? "")
            if contact == nil { problems["contact"] = "Choose how you were in touch." }
            let date = TrackFields.day(values, "date", required: true, into: &problems)
            let follow = TrackFields.day(values, "follow", required: false, into: &problems)
            let summary = TrackFields.required(values, "summary", into: &problems)
            guard problems.isEmpty, let contact, let date else { throw FormErrors(problems) }
            let interpreter = (values["interpreter"] ?? "").isEmpty ? nil : values["interpreter"]
            try TrackFields.saving(beside: "summary") {
                try app.store.addNote(
                    CaseNote(
                        clientID: id, contact: contact, date: date, interpreterLanguage: interpreter, summary: summary,
                        followUpOn: follow),
                    actor: app.me.id)
            }
            return FormSaved("Note saved" + (follow.map { "; follow up on \($0.iso)." } ?? "."))
        }
    }
}
