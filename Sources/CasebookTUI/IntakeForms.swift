import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The forms of the Intake and Participation tabs and of the partner register.
enum IntakeForms {
    static var iscoGroups: [(String, String)] { ISCO08.groups.map { ($0.code, "\($0.code) \($0.title)") } }
    static var iscoMajorGroups: [(String, String)] { ISCO08.majorGroups.map { ($0.code, "\($0.code) \($0.title)") } }

    /// The intake mapping: the first one, or a change to `current` (read again on Ctrl-R).
    static func mapping(app: App, client: Client, current: IntakeMapping?) -> FormScreen<IntakeDraft> {
        let record = FormRecord<IntakeDraft>(version: current?.version ?? 0) { app in
            let now = try app.store.intakeMapping(clientID: client.id, by: app.me.id)
            return (now?.version ?? 0, now.map(IntakeDraft.init))
        }
        return FormScreen(
            title: tr("Intake mapping of {case}", ["case": client.caseNumber.text]),
            fields: [
                .date(.mappedOn, tr("Date of the mapping"), \.mappedOn),
                .whole(
                    .schoolingYears, tr("Years at school"), \.schoolingYears,
                    unreadable: tr("Whole years, e.g. 9; 0 if none.")),
                .choice(
                    .highestLevel, tr("Highest level (ISCED 2011)"), \.highestLevel, label: \.label,
                    none: tr("(no formal schooling)")),
                .choice(.schoolingCountry, tr("Country of that schooling"), \.schoolingCountry, Choices.countryCodes),
                .choice(.levelCompleted, tr("Level completed"), \.levelCompleted, Choices.yesNo),
                .choice(
                    .firstLanguageLiteracy, tr("Literacy, first language"), \.firstLanguageLiteracy, label: \.label),
                .choice(.latinLiteracy, tr("Literacy, Latin script"), \.latinLiteracy, label: \.label),
                .choice(.digitalSkills, tr("Digital skills"), \.digitalSkills, label: \.label),
                .choice(.drivingLicence, tr("Driving licence"), \.drivingLicence, label: \.label),
                .text(.careerGoal, tr("Career goal"), \.careerGoal),
                .text(.trainingNeeds, tr("Training needs"), \.trainingNeeds),
            ], draft: current.map(IntakeDraft.init) ?? IntakeDraft(mappedOn: app.clock.today), changes: .intake,
            validate: { draft, app in try draft.validated(clientID: client.id, today: app.clock.today) },
            record: record
        ) { app, draft, version in
            try app.store.saveIntake(clientID: client.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(tr("Intake mapping saved."))
        }
    }

    static func work(app: App, client: Client) -> FormScreen<WorkExperienceDraft> {
        FormScreen(
            title: tr("Work experience of {case}", ["case": client.caseNumber.text]),
            fields: [
                .text(.title, tr("Occupation, as the person says it"), \.title),
                .choice(.isco, tr("ISCO-08 group"), \.isco, iscoGroups, none: tr("(cannot be placed)")),
                .whole(.years, tr("Years"), \.years, unreadable: tr("Whole years, 0 for less than one.")),
                .choice(.country, tr("Country"), \.country, Choices.countryCodes),
            ], draft: WorkExperienceDraft(), changes: .intake,
            validate: { draft, _ in try draft.validated(clientID: client.id) }
        ) { app, draft in
            let job = try app.store.addWorkExperience(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(tr("Work experience \"{title}\" added.", ["title": job.title]))
        }
    }

    /// The main activity at exit (prefilled from the exit reason) or at the follow-up.
    static func outcome(
        app: App, client: Client, stage: OutcomeStage, exit: (on: Day, reason: ExitReason?), current: Outcome?
    ) -> FormScreen<OutcomeDraft> {
        let draft =
            current.map {
                OutcomeDraft(
                    recordedOn: $0.recordedOn, activity: $0.activity, workTime: $0.workTime, iscoMajor: $0.iscoMajor)
            }
            ?? OutcomeDraft(
                recordedOn: stage == .exit ? exit.on : app.clock.today,
                activity: stage == .exit ? exit.reason.map(MainActivity.init) : nil)
        let activities = MainActivity.allCases.filter { stage == .followUp || $0 != .notReached }
        return FormScreen(
            title: tr("{stage}: main activity of {case}", ["stage": stage.label, "case": client.caseNumber.text]),
            fields: [
                .date(.recordedOn, tr("Recorded on"), \.recordedOn),
                .choice(.activity, tr("Main activity"), \.activity, activities, label: \.label),
                .choice(.workTime, tr("Full or part-time"), \.workTime, label: \.label, none: tr("(not in work)")),
                .choice(.iscoMajor, tr("Occupation (ISCO-08)"), \.iscoMajor, iscoMajorGroups, none: tr("(not known)")),
            ], draft: draft, changes: .intake,
            validate: { draft, app in
                try draft.validated(clientID: client.id, stage: stage, exitOn: exit.on, today: app.clock.today)
            }
        ) { app, draft in
            let saved = try app.store.recordOutcome(clientID: client.id, stage: stage, draft, actor: app.me.id)
            return FormSaved(tr("{stage}: {activity}.", ["stage": stage.label, "activity": saved.activity.label]))
        }
    }

    static func activity(app: App, client: Client, partners: [PartnerOrganisation]) -> FormScreen<ParticipationDraft> {
        FormScreen(
            title: tr("Activity of {case}", ["case": client.caseNumber.text]),
            fields: [
                .choice(.kind, tr("Kind"), \.kind, label: \.label),
                .choice(
                    .partner, tr("Partner organisation"), \.partner, partners.map { ($0.id, $0.name) },
                    none: tr("(none, or not in the register)")),
                .date(.startsOn, tr("Starts"), \.startsOn), .date(.endsOn, tr("Ends"), \.endsOn),
                .number(.hours, tr("Hours"), \.hours), .text(.note, tr("Note"), \.note),
            ], draft: ParticipationDraft(startsOn: app.clock.today), changes: .participation,
            validate: { draft, app in
                try draft.validated(clientID: client.id, partners: Set(partners.map(\.id)), today: app.clock.today)
            }
        ) { app, draft in
            let saved = try app.store.addActivity(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(tr("{kind} recorded.", ["kind": saved.kind.label]))
        }
    }

    /// A new partner organisation in one of `offices` (those whose register the person keeps;
    /// `office` first chosen), or a change to `partner`.
    static func partner(
        app: App, partner: PartnerOrganisation?, offices: [Office] = [], office: Office.ID? = nil
    ) -> FormScreen<PartnerDraft> {
        let fields: [FormField<PartnerDraft>] = [
            .text(.name, tr("Name"), \.name), .choice(.kind, tr("Kind"), \.kind, label: \.label),
            .text(.contact, tr("Contact (person, phone, address)"), \.contact),
        ]
        let validate: (PartnerDraft, App) throws -> Void = { draft, _ in try draft.validated() }
        guard let partner else {
            // The office is asked for only where the person keeps more than one register.
            let choice: [FormField<PartnerDraft>] =
                offices.count > 1 ? [.choice(.office, tr("Office"), \.office, offices.map { ($0.id, $0.name) })] : []
            var draft = PartnerDraft()
            draft.office = office ?? offices.first?.id
            return FormScreen(
                title: tr("New partner organisation"), fields: choice + fields, draft: draft, changes: .partners,
                validate: validate
            ) { app, draft in
                guard let office = draft.office ?? offices.first?.id else {
                    throw StoreError.invalid(
                        ValidationFailure(PartnerDraft.Field.office, tr("Choose the office whose register it joins.")))
                }
                let saved = try app.store.addPartner(draft, office: office, actor: app.me.id)
                return FormSaved(tr("{name} added to the register.", ["name": saved.name]))
            }
        }
        let record = FormRecord<PartnerDraft>(version: partner.version) { app in
            guard let now = try app.store.partner(id: partner.id, actor: app.me.id) else {
                throw StoreError.notFound("partner organisation")
            }
            return (now.version, PartnerDraft(now))
        }
        return FormScreen(
            title: tr("Partner organisation {name}", ["name": partner.name]), fields: fields,
            draft: PartnerDraft(partner), changes: .partners, validate: validate, record: record
        ) { app, draft, version in
            let saved = try app.store.updatePartner(id: partner.id, draft, expectedVersion: version, actor: app.me.id)
            return FormSaved(tr("{name} saved.", ["name": saved.name]))
        }
    }
}
