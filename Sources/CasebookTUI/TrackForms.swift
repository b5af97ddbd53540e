import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The forms of the Language, Qualifications and Civic tabs, and enrolment.
enum TrackForms {
    /// The enrolment form, with `proposed` chosen (the profile the intake mapping suggests).
    static func enrol(app: App, client: Client, proposed: ProgrammeChoice? = nil) throws -> Effect {
        // A new enrolment is made under the rules in force on its day, in a profile still open
        // to a course starting then (legacy course types drop out).
        let today = app.clock.today
        let programmes = try app.store.programmesInForce(on: today)
        guard !programmes.isEmpty else {
            return .message(.error(tr("No programme is imported; an admin runs `casebook programme import FILE`.")))
        }
        let choices = programmes.flatMap { programme in
            programme.openProfiles(on: today).map {
                (
                    ProgrammeChoice(programme.id, version: programme.version, profile: $0.id),
                    // TRANSLATORS: a programme and one of its profiles in a pick list; v is short for version.
                    tr(
                        "{programme} · {profile} (v{version})",
                        ["programme": programme.name, "profile": $0.name, "version": String(programme.version)])
                )
            }
        }
        let enrolment = try app.store.enrolment(clientID: client.id, by: app.me.id)
        let enrolled = enrolment.flatMap { enrolment in
            enrolment.programmeID.map {
                ProgrammeChoice($0, version: enrolment.programmeVersion ?? 0, profile: enrolment.profile ?? "")
            }
        }
        return .push(
            FormScreen(
                title: tr("Programme of {case}", ["case": client.caseNumber.text]),
                fields: [.choice(.programme, tr("Programme and profile"), \.programme, choices)],
                draft: EnrolmentDraft(proposed ?? enrolled), changes: .enrolment,
                validate: { draft, _ in
                    try draft.validated(
                        available: programmes.first {
                            $0.id == draft.programme?.programmeID && $0.version == draft.programme?.version
                        })
                }
            ) { app, draft in
                try app.store.enrol(clientID: client.id, draft, actor: app.me.id)
                let chosen = draft.programme.map {
                    tr(
                        "Enrolled in {programme} version {version}, profile {profile}.",
                        ["programme": $0.programmeID, "version": String($0.version), "profile": $0.profile])
                }
                // An admission stop that concerns the client stays on the status line after the
                // save (and on the record's programme lines), where the officer reads it.
                let programme = programmes.first {
                    $0.id == draft.programme?.programmeID && $0.version == draft.programme?.version
                }
                let stop = admissionStop(
                    programme, profile: draft.programme?.profile, client: client, startedOn: enrolment?.startedOn,
                    today: today)
                return FormSaved(
                    chosen ?? tr("Enrolment saved."),
                    next: stop.map {
                        .message(
                            .error(
                                tr(
                                    "Admission stopped: {what} ({basis})",
                                    ["what": $0.description, "basis": $0.legalBasis])))
                    } ?? .none)
            })
    }

    /// The admission stop of `programme` that concerns the client (Germany's 2026 stop under
    /// § 44 Abs. 4 AufenthG), if any.
    static func admissionStop(
        _ programme: Programme?, profile: String?, client: Client, startedOn: Day?, today: Day
    ) -> AdmissionStop? {
        let warnings =
            programme?.warnings(profile: profile, status: client.programmeStatus, startedOn: startedOn, today: today)
            ?? []
        for case .admissionStopped(let stop) in warnings { return stop }
        return nil
    }

    // MARK: Language

    static func assessment(app: App, client: Client) -> FormScreen<AssessmentDraft> {
        let skills =
            [(Skill.core, tr("All five skills (a placement or full test)"))] + Skill.allCases.map { ([$0], $0.label) }
        return FormScreen(
            title: tr("Assessment for {case}", ["case": client.caseNumber.text]),
            fields: [
                .date(.date, tr("Date"), \.date), .choice(.skills, tr("Skill"), \.skills, skills),
                .choice(.level, tr("Level"), \.level, label: \.rawValue),
                .text(.instrument, tr("Instrument"), \.instrument),
                .text(.provider, tr("Provider"), \.provider),
                .choice(.certified, tr("Certified"), \.isCertified, Choices.yesNo),
            ], draft: AssessmentDraft(on: app.clock.today), changes: .language,
            validate: { try $0.validated(clientID: client.id, today: $1.clock.today) }
        ) { app, draft in
            let saved = try app.store.addAssessment(clientID: client.id, draft, actor: app.me.id)
            let level = saved.first?.level.rawValue ?? ""
            return FormSaved(
                saved.count == 1
                    ? saved[0].skill.recorded(level: level)
                    : tr("Recorded {level} in all five skills.", ["level": level]))
        }
    }

    static func target(app: App, client: Client) -> FormScreen<TargetDraft> {
        FormScreen(
            title: tr("Target for {case}", ["case": client.caseNumber.text]),
            fields: [
                .choice(.skill, tr("Skill"), \.skill, label: \.label),
                .choice(.level, tr("Target"), \.level, label: \.rawValue, none: tr("(back to the programme's target)")),
                .text(.reason, tr("Reason"), \.reason),
            ], draft: TargetDraft(), changes: .language, validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let target = try draft.validated()
            try app.store.setTargetOverride(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                target.level.map {
                    tr("{skill} target set to {level}.", ["skill": target.skill.label, "level": $0.rawValue])
                }
                    ?? tr("{skill} follows the programme's target again.", ["skill": target.skill.label]))
        }
    }

    static func course(app: App, client: Client) -> FormScreen<CourseDraft> {
        FormScreen(
            title: tr("Course for {case}", ["case": client.caseNumber.text]),
            fields: [
                .text(.provider, tr("Provider"), \.provider),
                .choice(.level, tr("Course level"), \.level, label: \.rawValue),
                .date(.startsOn, tr("Starts"), \.startsOn), .date(.endsOn, tr("Ends"), \.endsOn),
                .whole(.hoursPlanned, tr("Hours planned"), \.hoursPlanned, unreadable: tr("Whole hours, e.g. 300.")),
            ], draft: CourseDraft(startsOn: app.clock.today), changes: .language,
            validate: { draft, _ in try draft.validated(clientID: client.id) }
        ) { app, draft in
            let course = try app.store.addCourse(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                tr(
                    "Course {level} at {provider} added.",
                    ["level": course.level.rawValue, "provider": course.provider]))
        }
    }

    static func attendance(app: App, client: Client, courses: [CourseEnrolment]) -> FormScreen<AttendanceDraft> {
        let choices = courses.map {
            (
                $0.id,
                tr(
                    "{level} at {provider}, from {day}",
                    ["level": $0.level.rawValue, "provider": $0.provider, "day": $0.startsOn.shown])
            )
        }
        return FormScreen(
            title: tr("Attendance of {case}", ["case": client.caseNumber.text]),
            fields: [
                .choice(.course, tr("Course"), \.course, choices), .date(.date, tr("Period starting"), \.date),
                .number(.scheduled, tr("Hours scheduled"), \.scheduled),
                .number(.attended, tr("Hours attended"), \.attended),
                .choice(.absence, tr("Missed because"), \.absence, label: \.label, none: tr("(nothing missed)")),
            ], draft: AttendanceDraft(course: courses.first?.id, date: app.clock.today), changes: .language,
            validate: { draft, app in
                let start = courses.first { $0.id == draft.course }?.startsOn
                try draft.validated(courseStart: start, today: app.clock.today)
            }
        ) { app, draft in
            let entry = try app.store.addAttendance(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                tr(
                    "Recorded {attended} of {scheduled} hours.",
                    ["attended": "\(entry.attendedHours)", "scheduled": "\(entry.scheduledHours)"]))
        }
    }

    // MARK: Qualifications

    /// The form adding a foreign qualification; where the client's programme has variant
    /// procedures (Germany's accelerated skilled-worker procedure) it asks which one the file runs under.
    static func qualification(app: App, client: Client, programme: Programme?) -> FormScreen<QualificationDraft> {
        let procedures = programme?.recognitionVariants ?? []
        let procedure: [FormField<QualificationDraft>] =
            procedures.isEmpty
            ? []
            : [
                .choice(
                    .procedure, tr("Procedure"), \.procedure, procedures.map { ($0.id, $0.name) },
                    none: tr("standard"))
            ]
        return FormScreen(
            title: tr("Qualification of {case}", ["case": client.caseNumber.text]),
            fields: [
                .text(.title, tr("Title"), \.title), .text(.field, tr("Field"), \.field),
                .choice(.country, tr("Country"), \.country, Choices.countryCodes),
                .text(.institution, tr("Institution"), \.institution),
                .whole(.year, tr("Year"), \.year, unreadable: tr("The year, e.g. 2015.")),
                .choice(
                    .isced, tr("ISCED level"), \.iscedLevel, QualificationDraft.iscedLevels.map { ($0, iscedLabel($0)) }),
                .choice(.documents, tr("Documents available"), \.hasDocuments, Choices.yesNo),
                .choice(.regulated, tr("Regulated profession"), \.isRegulatedProfession, Choices.yesNo),
                .date(.identifiedOn, tr("Identified on"), \.identifiedOn),
            ] + procedure, draft: QualificationDraft(country: client.countryOfBirth, identifiedOn: app.clock.today),
            changes: .qualifications,
            validate: { try $0.validated(clientID: client.id, today: $1.clock.today, procedures: procedures) }
        ) { app, draft in
            let saved = try app.store.addQualification(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(tr("Added {title}; its recognition starts at Identified.", ["title": saved.title]))
        }
    }

    static func iscedLabel(_ level: Int) -> String {
        let names = [
            // TRANSLATORS: the ISCED 2011 levels 0 to 8, as the pick list of a qualification names them.
            tr("Early childhood"), tr("Primary"), tr("Lower secondary"), tr("Upper secondary"),
            tr("Post-secondary non-tertiary"), tr("Short-cycle tertiary"), tr("Bachelor or equivalent"),
            tr("Master or equivalent"), tr("Doctorate"),
        ]
        return "\(level) — \(names[max(0, min(8, level))])"
    }

    /// The procedure of a file already added, changed on its own form rather than on the step
    /// form: an officer who learns that the employer applied under § 81a AufenthG looks for
    /// the file's procedure, not for a next stage, and the file keeps its stage.
    static func procedure(app: App, file: Qualification, programme: Programme?) -> FormScreen<
        RecognitionProcedureDraft
    > {
        let procedures = programme?.recognitionVariants ?? []
        return FormScreen(
            title: tr("Procedure of {title}", ["title": file.title]),
            fields: [
                .choice(
                    .procedure, tr("Procedure"), \.procedure, procedures.map { ($0.id, $0.name) },
                    none: tr("standard"))
            ], draft: RecognitionProcedureDraft(procedure: file.variant),
            changes: .qualifications,
            validate: { draft, _ in try draft.validated(file: file, procedures: procedures) },
            record: .qualification(file)
        ) { app, draft, version in
            let saved = try app.store.changeQualificationProcedure(
                id: file.id, draft, expectedVersion: version, actor: app.me.id)
            let name = programme?.recognitionVariant(saved.variant)?.name ?? tr("standard")
            if saved.stage.awaitsDecision, let due = saved.decisionDue {
                return FormSaved(
                    tr(
                        "{title} now runs under the procedure {procedure}; the decision is due by {day}.",
                        ["title": saved.title, "procedure": name, "day": due.shown]))
            }
            return FormSaved(
                tr("{title} now runs under the procedure {procedure}.", ["title": saved.title, "procedure": name]))
        }
    }

    static func step(app: App, file: Qualification, programme: Programme?) -> FormScreen<RecognitionStepDraft> {
        let next = file.stage.next
        return FormScreen(
            title: tr("{title}: now {stage}", ["title": file.title, "stage": file.stage.label]),
            fields: [
                .choice(.stage, tr("Next stage"), \.stage, next, label: \.label), .date(.on, tr("On"), \.on),
                .choice(.route, tr("Route (when chosen)"), \.route, label: \.label),
                .date(.passportIssuedOn, tr("Passport issued"), \.passportIssuedOn),
                // TRANSLATORS: a compensation measure of a recognition (adaptation period or aptitude test).
                .choice(.compensation, tr("Measure (compensation)"), \.compensation, label: \.label),
                .date(.compensationStart, tr("Measure starts"), \.compensationStart),
                .date(.compensationEnd, tr("Measure ends"), \.compensationEnd), .text(.note, tr("Note"), \.note),
            ], draft: RecognitionStepDraft(to: next.count == 1 ? next[0] : nil, on: app.clock.today),
            changes: .qualifications,
            validate: { try $0.validated(from: file.stage, since: file.stageSince, today: $1.clock.today) },
            record: .qualification(file)
        ) { app, draft, version in
            let saved = try app.store.stepQualification(id: file.id, draft, expectedVersion: version, actor: app.me.id)
            let values = ["title": saved.title, "stage": saved.stage.label]
            if saved.stage == .underAssessment, let due = saved.decisionDue {
                return FormSaved(
                    tr(
                        "{title} is now {stage}. The decision is due by {day}.",
                        values.merging(["day": due.shown]) { $1 }))
            }
            // The acknowledgement the authority owes a submitted file, under the file's procedure.
            if let rule = saved.deadlines(under: programme).acknowledgement, let due = saved.acknowledgementDue(rule: rule) {
                return FormSaved(
                    tr(
                        "{title} is now {stage}. The authority acknowledges receipt by {day}.",
                        values.merging(["day": due.shown]) { $1 }))
            }
            return FormSaved(tr("{title} is now {stage}.", values))
        }
    }

    // MARK: Civic orientation

    static func requirement(app: App, client: Client, current: CivicProgress) -> FormScreen<CivicRequirementDraft> {
        FormScreen(
            title: tr("Civic orientation of {case}", ["case": client.caseNumber.text]),
            fields: [
                .choice(.requirement, tr("Civic orientation"), \.requirement, label: \.label),
                .text(.reason, tr("Reason (exemption)"), \.reason),
            ], draft: CivicRequirementDraft(current.requirement, reason: current.exemptReason), changes: .civic,
            validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let change = try draft.validated()
            try app.store.setCivicRequirement(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(change.requirement.saved)
        }
    }

    /// A form recording a session of one of the programme's civic modules (the tab offers it
    /// only when the programme has some).
    static func session(app: App, client: Client, programme: Programme) -> FormScreen<CivicSessionDraft> {
        let language = client.interpreterLanguage ?? client.languages.first ?? programme.languageCode
        return FormScreen(
            title: tr("Civic session of {case}", ["case": client.caseNumber.text]),
            fields: [
                .choice(.module, tr("Module"), \.module, programme.civicModules.map { ($0.id, $0.name) }),
                .date(.date, tr("Date"), \.date), .number(.hours, tr("Hours"), \.hours),
                .choice(.language, tr("Taught in"), \.language, Choices.languageCodes),
            ],
            draft: CivicSessionDraft(
                module: programme.civicModules.first?.id, date: app.clock.today, language: language),
            changes: .civic,
            validate: { try $0.validated(clientID: client.id, programme: programme, today: $1.clock.today) }
        ) { app, draft in
            let session = try app.store.addCivicSession(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                tr("Recorded {hours} hours of {module}.", ["hours": "\(session.hours)", "module": session.moduleID]))
        }
    }

    /// A form recording a sitting of the programme's civic test.
    static func test(app: App, client: Client, rule: CivicTestRule) -> FormScreen<CivicTestDraft> {
        let result: FormField<CivicTestDraft> =
            if let questions = rule.questions {
                .whole(
                    .score, tr("Correct answers (of {questions})", ["questions": String(questions)]), \.score,
                    unreadable: tr("The number of correct answers."))
            } else {
                .choice(.passed, tr("Result"), \.passed, [(true, tr("Passed")), (false, tr("Failed"))])
            }
        return FormScreen(
            // TRANSLATORS: the title of a civic test's form: the test's name and the client's case number.
            title: tr("{test}: {case}", ["test": rule.name, "case": client.caseNumber.text]),
            fields: [.date(.date, tr("Date"), \.date), result],
            draft: CivicTestDraft(date: app.clock.today), changes: .civic,
            validate: { try $0.validated(clientID: client.id, rule: rule, today: $1.clock.today) }
        ) { app, draft in
            let result = try app.store.addCivicTest(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                result.passed ? tr("Test passed.") : tr("Test failed; a retake can be recorded the same way."))
        }
    }

    static func attest(app: App, client: Client) -> FormScreen<AttestationDraft> {
        FormScreen(
            title: tr("Civic attestation of {case}", ["case": client.caseNumber.text]),
            fields: [.date(.date, tr("Attested on"), \.date)],
            draft: AttestationDraft(on: app.clock.today), changes: .civic,
            validate: { try $0.validated(today: $1.clock.today) }
        ) { app, draft in
            let day = try draft.validated(today: app.clock.today)
            try app.store.attestCivic(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(tr("Civic course attested on {day}.", ["day": day.shown]))
        }
    }
}
