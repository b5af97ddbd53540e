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
            return .message(.error("No programme is imported; an admin runs `casebook programme import FILE`."))
        }
        let choices = programmes.flatMap { programme in
            programme.openProfiles(on: today).map {
                (
                    ProgrammeChoice(programme.id, version: programme.version, profile: $0.id),
                    "\(programme.name) · \($0.name) (v\(programme.version))"
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
                title: "Programme of \(client.caseNumber.text)",
                fields: [.choice(.programme, "Programme and profile", \.programme, choices)],
                draft: EnrolmentDraft(proposed ?? enrolled), changes: .enrolment,
                validate: { draft, _ in
                    try draft.validated(
                        available: programmes.first {
                            $0.id == draft.programme?.programmeID && $0.version == draft.programme?.version
                        })
                }
            ) { app, draft in
                try app.store.enrol(clientID: client.id, draft, actor: app.me.id)
                let chosen = draft.programme.map { "\($0.programmeID) version \($0.version), profile \($0.profile)" }
                // An admission stop that concerns the client stays on the status line after the
                // save (and on the record's programme lines), where the officer reads it.
                let programme = programmes.first {
                    $0.id == draft.programme?.programmeID && $0.version == draft.programme?.version
                }
                let stop = admissionStop(
                    programme, profile: draft.programme?.profile, client: client, startedOn: enrolment?.startedOn,
                    today: today)
                return FormSaved(
                    "Enrolled in \(chosen ?? "").",
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
            [(Skill.core, "All five skills (a placement or full test)")] + Skill.allCases.map { ([$0], $0.label) }
        return FormScreen(
            title: "Assessment for \(client.caseNumber.text)",
            fields: [
                .date(.date, "Date", \.date), .choice(.skills, "Skill", \.skills, skills),
                .choice(.level, "Level", \.level, label: \.rawValue), .text(.instrument, "Instrument", \.instrument),
                .text(.provider, "Provider", \.provider),
                .choice(.certified, "Certified", \.isCertified, Choices.yesNo),
            ], draft: AssessmentDraft(on: app.clock.today), changes: .language,
            validate: { try $0.validated(clientID: client.id, today: $1.clock.today) }
        ) { app, draft in
            let saved = try app.store.addAssessment(clientID: client.id, draft, actor: app.me.id)
            let skills = saved.count == 1 ? saved[0].skill.label.lowercased() : "all five skills"
            return FormSaved("Recorded \(saved.first?.level.rawValue ?? "") in \(skills).")
        }
    }

    static func target(app: App, client: Client) -> FormScreen<TargetDraft> {
        FormScreen(
            title: "Target for \(client.caseNumber.text)",
            fields: [
                .choice(.skill, "Skill", \.skill, label: \.label),
                .choice(.level, "Target", \.level, label: \.rawValue, none: "(back to the programme's target)"),
                .text(.reason, "Reason", \.reason),
            ], draft: TargetDraft(), changes: .language, validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let target = try draft.validated()
            try app.store.setTargetOverride(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(
                target.level.map { "\(target.skill.label) target set to \($0.rawValue)." }
                    ?? "\(target.skill.label) follows the programme's target again.")
        }
    }

    static func course(app: App, client: Client) -> FormScreen<CourseDraft> {
        FormScreen(
            title: "Course for \(client.caseNumber.text)",
            fields: [
                .text(.provider, "Provider", \.provider), .choice(.level, "Course level", \.level, label: \.rawValue),
                .date(.startsOn, "Starts", \.startsOn), .date(.endsOn, "Ends", \.endsOn),
                .whole(.hoursPlanned, "Hours planned", \.hoursPlanned, unreadable: "Whole hours, e.g. 300."),
            ], draft: CourseDraft(startsOn: app.clock.today), changes: .language,
            validate: { draft, _ in try draft.validated(clientID: client.id) }
        ) { app, draft in
            let course = try app.store.addCourse(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Course \(course.level.rawValue) at \(course.provider) added.")
        }
    }

    static func attendance(app: App, client: Client, courses: [CourseEnrolment]) -> FormScreen<AttendanceDraft> {
        let choices = courses.map { ($0.id, "\($0.level.rawValue) at \($0.provider), from \($0.startsOn.shown)") }
        return FormScreen(
            title: "Attendance of \(client.caseNumber.text)",
            fields: [
                .choice(.course, "Course", \.course, choices), .date(.date, "Period starting", \.date),
                .number(.scheduled, "Hours scheduled", \.scheduled), .number(.attended, "Hours attended", \.attended),
                .choice(.absence, "Missed because", \.absence, label: \.label, none: "(nothing missed)"),
            ], draft: AttendanceDraft(course: courses.first?.id, date: app.clock.today), changes: .language,
            validate: { draft, app in
                let start = courses.first { $0.id == draft.course }?.startsOn
                try draft.validated(courseStart: start, today: app.clock.today)
            }
        ) { app, draft in
            let entry = try app.store.addAttendance(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Recorded \(entry.attendedHours) of \(entry.scheduledHours) hours.")
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
            title: "Qualification of \(client.caseNumber.text)",
            fields: [
                .text(.title, "Title", \.title), .text(.field, "Field", \.field),
                .choice(.country, "Country", \.country, Choices.countryCodes),
                .text(.institution, "Institution", \.institution),
                .whole(.year, "Year", \.year, unreadable: "The year, e.g. 2015."),
                .choice(
                    .isced, "ISCED level", \.iscedLevel, QualificationDraft.iscedLevels.map { ($0, iscedLabel($0)) }),
                .choice(.documents, "Documents available", \.hasDocuments, Choices.yesNo),
                .choice(.regulated, "Regulated profession", \.isRegulatedProfession, Choices.yesNo),
                .date(.identifiedOn, "Identified on", \.identifiedOn),
            ] + procedure, draft: QualificationDraft(country: client.countryOfBirth, identifiedOn: app.clock.today),
            changes: .qualifications,
            validate: { try $0.validated(clientID: client.id, today: $1.clock.today, procedures: procedures) }
        ) { app, draft in
            let saved = try app.store.addQualification(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Added \(saved.title); its recognition starts at Identified.")
        }
    }

    static func iscedLabel(_ level: Int) -> String {
        let names = [
            "Early childhood", "Primary", "Lower secondary", "Upper secondary", "Post-secondary non-tertiary",
            "Short-cycle tertiary", "Bachelor or equivalent", "Master or equivalent", "Doctorate",
        ]
        return "\(level) — \(names[max(0, min(8, level))])"
    }

    static func step(app: App, file: Qualification, programme: Programme?) -> FormScreen<RecognitionStepDraft> {
        let next = file.stage.next
        return FormScreen(
            title: "\(file.title): now \(file.stage.label)",
            fields: [
                .choice(.stage, "Next stage", \.stage, next, label: \.label), .date(.on, "On", \.on),
                .choice(.route, "Route (when chosen)", \.route, label: \.label),
                .date(.passportIssuedOn, "Passport issued", \.passportIssuedOn),
                .choice(.compensation, "Measure (compensation)", \.compensation, label: \.label),
                .date(.compensationStart, "Measure starts", \.compensationStart),
                .date(.compensationEnd, "Measure ends", \.compensationEnd), .text(.note, "Note", \.note),
            ], draft: RecognitionStepDraft(to: next.count == 1 ? next[0] : nil, on: app.clock.today),
            changes: .qualifications,
            validate: { try $0.validated(from: file.stage, since: file.stageSince, today: $1.clock.today) },
            record: .qualification(file)
        ) { app, draft, version in
            let saved = try app.store.stepQualification(id: file.id, draft, expectedVersion: version, actor: app.me.id)
            let due =
                saved.stage == .underAssessment ? saved.decisionDue.map { " The decision is due by \($0.shown)." } : nil
            // The acknowledgement the authority owes a submitted file, under the file's procedure.
            let acknowledgement = saved.deadlines(under: programme).acknowledgement.flatMap {
                saved.acknowledgementDue(rule: $0)
            }.map { " " + tr("The authority acknowledges receipt by {day}.", ["day": $0.shown]) }
            return FormSaved("\(saved.title) is now \(saved.stage.label)." + (due ?? acknowledgement ?? ""))
        }
    }

    // MARK: Civic orientation

    static func requirement(app: App, client: Client, current: CivicProgress) -> FormScreen<CivicRequirementDraft> {
        FormScreen(
            title: "Civic orientation of \(client.caseNumber.text)",
            fields: [
                .choice(.requirement, "Civic orientation", \.requirement, label: \.label),
                .text(.reason, "Reason (exemption)", \.reason),
            ], draft: CivicRequirementDraft(current.requirement, reason: current.exemptReason), changes: .civic,
            validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let change = try draft.validated()
            try app.store.setCivicRequirement(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Civic orientation: \(change.requirement.label.lowercased()).")
        }
    }

    /// A form recording a session of one of the programme's civic modules (the tab offers it
    /// only when the programme has some).
    static func session(app: App, client: Client, programme: Programme) -> FormScreen<CivicSessionDraft> {
        let language = client.interpreterLanguage ?? client.languages.first ?? programme.languageCode
        return FormScreen(
            title: "Civic session of \(client.caseNumber.text)",
            fields: [
                .choice(.module, "Module", \.module, programme.civicModules.map { ($0.id, $0.name) }),
                .date(.date, "Date", \.date), .number(.hours, "Hours", \.hours),
                .choice(.language, "Taught in", \.language, Choices.languageCodes),
            ],
            draft: CivicSessionDraft(
                module: programme.civicModules.first?.id, date: app.clock.today, language: language),
            changes: .civic,
            validate: { try $0.validated(clientID: client.id, programme: programme, today: $1.clock.today) }
        ) { app, draft in
            let session = try app.store.addCivicSession(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Recorded \(session.hours) hours of \(session.moduleID).")
        }
    }

    /// A form recording a sitting of the programme's civic test.
    static func test(app: App, client: Client, rule: CivicTestRule) -> FormScreen<CivicTestDraft> {
        let result: FormField<CivicTestDraft> =
            if let questions = rule.questions {
                .whole(
                    .score, "Correct answers (of \(questions))", \.score, unreadable: "The number of correct answers.")
            } else {
                .choice(.passed, "Result", \.passed, [(true, "Passed"), (false, "Failed")])
            }
        return FormScreen(
            title: "\(rule.name): \(client.caseNumber.text)", fields: [.date(.date, "Date", \.date), result],
            draft: CivicTestDraft(date: app.clock.today), changes: .civic,
            validate: { try $0.validated(clientID: client.id, rule: rule, today: $1.clock.today) }
        ) { app, draft in
            let result = try app.store.addCivicTest(clientID: client.id, draft, actor: app.me.id)
            return FormSaved(result.passed ? "Test passed." : "Test failed; a retake can be recorded the same way.")
        }
    }

    static func attest(app: App, client: Client) -> FormScreen<AttestationDraft> {
        FormScreen(
            title: "Civic attestation of \(client.caseNumber.text)", fields: [.date(.date, "Attested on", \.date)],
            draft: AttestationDraft(on: app.clock.today), changes: .civic,
            validate: { try $0.validated(today: $1.clock.today) }
        ) { app, draft in
            let day = try draft.validated(today: app.clock.today)
            try app.store.attestCivic(clientID: client.id, draft, actor: app.me.id)
            return FormSaved("Civic course attested on \(day.shown).")
        }
    }
}
