import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The forms of a client record: new client, edit, and phase change.
enum ClientForms {
    static func fields(app: App) throws -> [FormField<ClientDraft>] {
        func kind(_ field: ClientField) -> FieldKind {
            switch field {
            case .dateOfBirth, .arrivalDate, .permitExpiry: return .date
            case .sex: return .choice(Sex.allCases.map { Choice($0.rawValue, $0.label) })
            case .countryOfBirth, .nationality: return .choice(Choices.countries)
            case .languages: return .several(Choices.languages)
            case .interpreterLanguage: return .choice([Choice("", tr("(none needed)"))] + Choices.languages)
            case .residenceCategory: return .choice(ResidenceCategory.allCases.map { Choice($0.rawValue, $0.label) })
            case .programmeStatus: return .choice(ProgrammeStatus.allCases.map { Choice($0.rawValue, $0.label) })
            case .vulnerabilities: return .several(Vulnerability.allCases.map { Choice($0.rawValue, $0.label) })
            default: return .text
            }
        }
        let officers = try app.store.allStaff().filter(\.isActive).map { ($0.id, "\($0.displayName) (\($0.username))") }
        return ClientField.allCases.map { .text($0, $0.label, \ClientDraft[$0], kind: kind($0)) }
            + [.choice(nil, tr("Officer"), \.officerID, officers, none: tr("(nobody yet)"))]
    }

    /// A form for a new client, with the next free case number and, for officers, themselves
    /// as the officer.
    static func openNew(app: App) throws -> FormScreen<ClientDraft> {
        var initial = ClientDraft()
        initial[.caseNumber] = try app.store.nextCaseNumber(year: app.clock.today.year).text
        initial[.sex] = Sex.unknown.rawValue
        initial[.programmeStatus] = ProgrammeStatus.rightAndObligation.rawValue
        initial.officerID = app.me.role == .officer ? app.me.id : nil
        return FormScreen(
            title: tr("New client"), fields: try fields(app: app) + officeField(app: app), draft: initial,
            changes: .client,
            validate: { try $0.validated(today: $1.clock.today) }, ask: duplicateQuestion
        ) { app, draft in
            let client = try app.store.addClient(draft, actor: app.me.id)
            return FormSaved(
                tr("Registered {case}, {name}.", ["case": client.caseNumber.text, "name": client.displayName]),
                next: .task { app in .push(try ClientRecordScreen(app: app, clientID: client.id)) })
        }
    }

    /// The office a new client joins, for someone who registers clients in more than one; with
    /// one office, no field. Left on its first choice, the Store takes the office serving the
    /// client's municipality, else the first.
    static func officeField(app: App) throws -> [FormField<ClientDraft>] {
        let actor = try app.store.actor(app.me.id)
        let mine = actor.offices(for: .registerClient, policy: app.store.policy).whole
        guard mine.count > 1 else { return [] }
        let offices = try app.store.offices().filter { mine.contains($0.id) }
        return [
            .choice(
                nil, tr("Office"), \.officeID, offices.map { ($0.id, "\($0.name) (\($0.code))") },
                none: tr("The office serving the municipality, else your first"))
        ]
    }

    /// Before a new client is saved: clients held with the same date of birth and a similar
    /// name in any script, each to open (above the form, which keeps what was typed), or go on.
    static func duplicateQuestion(app: App, draft: ClientDraft) throws -> SaveQuestion? {
        guard let client = try? draft.validated(today: app.clock.today) else { return nil }
        let duplicates = try app.store.possibleDuplicates(of: client, viewer: app.me.id)
        guard !duplicates.isEmpty else { return nil }
        return SaveQuestion(
            title: trn(
                "{count} possible duplicate: same date of birth, similar name",
                "{count} possible duplicates: same date of birth, similar name", duplicates.count),
            goOnLabel: tr("Save anyway: this is someone else"),
            // A match in an office the officer does not work in is listed by its office only and
            // opens nothing.
            choices: duplicates.map { duplicate in
                duplicate.clientID.map {
                    Choice("\($0)", tr("Open {client}", ["client": duplicate.description]))
                } ?? Choice("office", duplicate.description)
            }
        ) { app, choice in
            guard let id = Client.ID(choice) else { return .none }
            return .push(try ClientRecordScreen(app: app, clientID: id))
        }
    }

    /// A form editing `client`; a colleague's save in between is a conflict, never overwritten.
    static func openEdit(app: App, client: Client) throws -> FormScreen<ClientDraft> {
        FormScreen(
            title: tr("Edit {case}", ["case": client.caseNumber.text]), fields: try fields(app: app),
            draft: ClientDraft(client),
            changes: .client, validate: { try $0.validated(today: $1.clock.today) },
            record: .client(client, draft: ClientDraft.init)
        ) { app, draft, version in
            let saved = try app.store.updateClient(
                id: client.id, with: draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(tr("Saved {case}, {name}.", ["case": saved.caseNumber.text, "name": saved.displayName]))
        }
    }

    /// A form moving the case to one of its legal next phases (the record offers it only while there is one).
    static func openPhaseChange(app: App, client: Client) -> FormScreen<PhaseChangeDraft> {
        let next = client.phase.next
        return FormScreen(
            title: tr("Phase of {case} (now {phase})", ["case": client.caseNumber.text, "phase": client.phase.label]),
            fields: [
                .choice(.target, tr("Move to"), \.target, next, label: \.label),
                .date(.effectiveOn, tr("Effective on"), \.effectiveOn),
                .choice(.exitReason, tr("Exit reason"), \.exitReason, label: \.label), .text(.note, tr("Note"), \.note),
            ], draft: PhaseChangeDraft(to: next.count == 1 ? next[0] : nil, on: app.clock.today), changes: .phase,
            validate: { try $0.validated(from: client.phase, today: $1.clock.today) }, record: .client(client)
        ) { app, draft, version in
            let saved = try app.store.changePhase(
                clientID: client.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(tr("{case} is now {phase}.", ["case": saved.caseNumber.text, "phase": saved.phase.label]))
        }
    }
}
