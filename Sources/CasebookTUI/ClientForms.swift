import CasebookCore
import CasebookStore

/// The forms of a client record: new client, edit, and phase change.
enum ClientForms {
    static let officerField = "officer"

    static func fields(app: App) throws -> [FormField] {
        let countries = Countries.all.map { Choice($0.code, "\($0.name) (\($0.code))") }
        let languages = Languages.all.map { Choice($0.code, "\($0.name) (\($0.code))") }
        let staff = try app.store.allStaff().filter(\.isActive)
        let officers =
            [Choice("", "(nobody yet)")] + staff.map { Choice(String($0.id), "\($0.displayName) (\($0.username))") }
        func kind(_ field: ClientField) -> FieldKind {
            switch field {
            case .dateOfBirth, .arrivalDate, .permitExpiry: return .date
            case .sex: return .choice(Sex.allCases.map { Choice($0.rawValue, $0.label) })
            case .countryOfBirth, .nationality: return .choice(countries)
            case .languages: return .several(languages)
            case .interpreterLanguage: return .choice([Choice("", "(none needed)")] + languages)
            case .residenceCategory: return .choice(ResidenceCategory.allCases.map { Choice($0.rawValue, $0.label) })
            case .programmeStatus: return .choice(ProgrammeStatus.allCases.map { Choice($0.rawValue, $0.label) })
            case .vulnerabilities: return .several(Vulnerability.allCases.map { Choice($0.rawValue, $0.label) })
            default: return .text
            }
        }
        return ClientField.allCases.map {
            FormField(
                id: $0.rawValue, label: $0.label, kind: kind($0), isRequired: $0.isRequired, maxLength: $0.maxLength)
        }
            + [FormField(id: officerField, label: "Officer", kind: .choice(officers))]
    }

    static func values(of draft: ClientDraft) -> [String: String] {
        var values: [String: String] = [:]
        for field in ClientField.allCases { values[field.rawValue] = draft[field] }
        values[officerField] = draft.officerID.map(String.init) ?? ""
        return values
    }

    static func draft(from values: [String: String]) -> ClientDraft {
        var draft = ClientDraft()
        for field in ClientField.allCases { draft[field] = values[field.rawValue] ?? "" }
        draft.officerID = values[officerField].flatMap { Int64($0) }
        return draft
    }

    /// Turns the store's refusals into messages beside the fields.
    static func formErrors(_ error: StoreError) -> Error {
        switch error {
        case .invalid(let failure):
            var messages: [String: String] = [:]
            for issue in failure.issues where messages[issue.field.rawValue] == nil {
                messages[issue.field.rawValue] = issue.message
            }
            return FormErrors(messages)
        case .duplicateCaseNumber:
            return FormErrors([
                ClientField.caseNumber.rawValue: "Already taken by another client; choose another number."
            ])
        default:
            return error
        }
    }

    /// A form for a new client, with the next free case number and, for officers, themselves
    /// as the officer.
    static func openNew(app: App) throws -> FormScreen {
        var initial = ClientDraft()
        initial[.caseNumber] = try app.store.nextCaseNumber(year: app.clock.today.year).text
        initial[.sex] = Sex.unknown.rawValue
        initial[.programmeStatus] = ProgrammeStatus.rightAndObligation.rawValue
        initial.officerID = app.me.role == .officer ? app.me.id : nil
        return FormScreen(
            title: "New client", fields: try fields(app: app), values: values(of: initial), changes: .client
        ) {
            app, values in
            let client: Client
            do { client = try app.store.addClient(draft(from: values), actor: app.me.id) } catch let error as StoreError
            {
                throw formErrors(error)
            }
            return FormSaved(
                "Registered \(client.caseNumber.text), \(client.displayName).",
                next: .task { app in .push(try ClientRecordScreen(app: app, clientID: client.id)) })
        }
    }

    /// A form editing `client`; a colleague's save in between is a conflict, never overwritten.
    static func openEdit(app: App, client: Client) throws -> FormScreen {
        final class Version { var value: Int; init(_ value: Int) { self.value = value } }
        let version = Version(client.version)
        let id = client.id
        return FormScreen(
            title: "Edit \(client.caseNumber.text)", fields: try fields(app: app),
            values: values(of: ClientDraft(client)),
            changes: .client,
            save: { app, values in
                let saved: Client
                do {
                    saved = try app.store.updateClient(
                        id: id, with: draft(from: values), expectedVersion: version.value, actor: app.me.id)
                } catch let error as StoreError {
                    throw formErrors(error)
                }
                version.value = saved.version
                return FormSaved("Saved \(saved.caseNumber.text), \(saved.displayName).")
            },
            reloadBase: { app in
                guard let current = try app.store.client(id: id) else { throw StoreError.notFound("client") }
                version.value = current.version
                return values(of: ClientDraft(current))
            })
    }

    /// A form moving the case to one of its legal next phases (the record offers it only while there is one).
    static func openPhaseChange(app: App, client: Client) -> FormScreen {
        let next = client.phase.next
        let fields = [
            FormField(
                id: "to", label: "Move to", kind: .choice(next.map { Choice($0.rawValue, $0.label) }), isRequired: true),
            FormField(id: "on", label: "Effective on", kind: .date, isRequired: true),
            FormField(
                id: "exit", label: "Exit reason",
                kind: .choice(ExitReason.allCases.map { Choice($0.rawValue, $0.label) })),
            FormField(id: "note", label: "Note", maxLength: 500),
        ]
        let initial = ["to": next.count == 1 ? next[0].rawValue : "", "on": app.clock.today.iso]
        let id = client.id
        let version = client.version
        return FormScreen(
            title: "Phase of \(client.caseNumber.text) (now \(client.phase.label))", fields: fields, values: initial,
            changes: .phase
        ) { app, values in
            var problems: [String: String] = [:]
            let target = CasePhase(rawValue: values["to"] ?? "")
            if target == nil { problems["to"] = "Choose one of " + listing(next.map(\.label)) + "." }
            var day: Day?
            do { day = try Day(iso: trimmed(values["on"] ?? "")) } catch let error as DayError {
                problems["on"] = error.description
            }
            let exit = ExitReason(rawValue: values["exit"] ?? "")
            if target == .closed, exit == nil { problems["exit"] = "Closing needs an exit reason." }
            if let target, target != .closed, exit != nil {
                problems["exit"] = "Only closing takes an exit reason; clear it."
            }
            if let day, day > app.clock.today { problems["on"] = "A phase change cannot lie in the future." }
            guard problems.isEmpty, let target, let day else { throw FormErrors(problems) }
            let saved = try app.store.changePhase(
                clientID: id, to: target, effectiveOn: day, exitReason: exit, note: values["note"] ?? "",
                expectedVersion: version, actor: app.me.id)
            return FormSaved("\(saved.caseNumber.text) is now \(saved.phase.label).")
        }
    }
}
