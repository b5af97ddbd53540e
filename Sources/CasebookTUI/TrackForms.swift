import CasebookCore
import CasebookStore

/// Choices and parsing shared by the forms of the programme tracks.
enum TrackFields {
    static let levels = CEFRLevel.allCases.map { Choice($0.rawValue, $0.rawValue) }
    static let yesNo = [Choice("yes", "Yes"), Choice("no", "No")]
    static let countries = Countries.all.map { Choice($0.code, "\($0.name) (\($0.code))") }
    static let languages = Languages.all.map { Choice($0.code, "\($0.name) (\($0.code))") }

    /// Reads a day typed in a form (shortcuts are already expanded), or records a message.
    static func day(_ values: [String: String], _ id: String, required: Bool, into problems: inout [String: String])
        -> Day?
    {
        let text = trimmed(values[id] ?? "")
        if text.isEmpty {
            if required { problems[id] = "Required." }
            return nil
        }
        do { return try Day(iso: text) } catch {
            problems[id] = error.description
            return nil
        }
    }

    static func number(
        _ values: [String: String], _ id: String, in range: ClosedRange<Double>, into problems: inout [String: String]
    ) -> Double? {
        let text = trimmed(values[id] ?? "").replacingComma
        guard let value = Double(text), range.contains(value) else {
            problems[id] = "A number from \(Int(range.lowerBound)) to \(Int(range.upperBound))."
            return nil
        }
        return value
    }

    static func required(_ values: [String: String], _ id: String, into problems: inout [String: String]) -> String {
        let text = trimmed(values[id] ?? "")
        if text.isEmpty { problems[id] = "Required." }
        return text
    }

    /// Saves through `body`; a store refusal of the input goes beside `field`.
    @discardableResult
    static func saving<T>(beside field: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError {
            if case .invalidInput(let message) = error { throw FormErrors([field: message]) }
            throw error
        }
    }
}

extension String {
    /// "1,5" as officers in comma-decimal countries type it, read as "1.5".
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

/// The forms of the Language, Qualifications and Civic tabs, and enrolment.
enum TrackForms {
    static func enrol(app: App, client: Client) throws -> Effect {
        let programmes = try app.store.latestProgrammes()
        guard !programmes.isEmpty else {
            return .message(.error("No programme is imported; an admin runs `casebook programme import FILE`."))
        }
        var choices: [Choice] = []
        for programme in programmes {
            for profile in programme.profiles {
                choices.append(
                    Choice(
                        "\(programme.id)|\(programme.version)|\(profile.id)",
                        "\(programme.name) · \(profile.name) (v\(programme.version))"))
            }
        }
        let current = try app.store.enrolment(clientID: client.id)
        let chosen =
            current.flatMap { e in e.programmeID.map { "\($0)|\(e.programmeVersion ?? 0)|\(e.profile ?? "")" } } ?? ""
        let fields = [
            FormField(id: "programme", label: "Programme and profile", kind: .choice(choices), isRequired: true)
        ]
        let id = client.id
        let form = FormScreen(
            title: "Programme of \(client.caseNumber.text)", fields: fields, values: ["programme": chosen],
            changes: .enrolment
        ) { app, values in
            let parts = (values["programme"] ?? "").split(separator: "|").map(String.init)
            guard parts.count == 3, let version = Int(parts[1]) else {
                throw FormErrors(["programme": "Choose a programme and profile."])
            }
            try TrackFields.saving(beside: "programme") {
                try app.store.enrol(
                    clientID: id, programmeID: parts[0], version: version, profile: parts[2], actor: app.me.id)
            }
            return FormSaved("Enrolled in \(parts[0]) version \(version), profile \(parts[2]).")
        }
        return .push(form)
    }

    // MARK: Language

    static func assessment(app: App, client: Client) -> FormScreen {
        let skills =
            [Choice("all", "All five skills (a placement or full test)")]
            + Skill.allCases.map { Choice($0.rawValue, $0.label) }
        let fields = [
            FormField(id: "date", label: "Date", kind: .date, isRequired: true),
            FormField(id: "skill", label: "Skill", kind: .choice(skills), isRequired: true),
            FormField(id: "level", label: "Level", kind: .choice(TrackFields.levels), isRequired: true),
            FormField(id: "instrument", label: "Instrument", isRequired: true),
            FormField(id: "provider", label: "Provider", isRequired: true),
            FormField(id: "certified", label: "Certified", kind: .choice(TrackFields.yesNo), isRequired: true),
        ]
        let id = client.id
        let initial = ["date": app.clock.today.iso, "skill": "all", "certified": "no"]
        return FormScreen(
            title: "Assessment for \(client.caseNumber.text)", fields: fields, values: initial, changes: .language
        ) { app, values in
            var problems: [String: String] = [:]
            let date = TrackFields.day(values, "date", required: true, into: &problems)
            let skillText = TrackFields.required(values, "skill", into: &problems)
            let level = CEFRLevel(rawValue: values["level"] ?? "")
            if level == nil { problems["level"] = "Choose a level." }
            let instrument = TrackFields.required(values, "instrument", into: &problems)
            let provider = TrackFields.required(values, "provider", into: &problems)
            guard problems.isEmpty, let date, let level else { throw FormErrors(problems) }
            let skills = skillText == "all" ? Skill.core : Skill(rawValue: skillText).map { [$0] } ?? []
            try TrackFields.saving(beside: "date") {
                for skill in skills {
                    try app.store.addAssessment(
                        LanguageAssessment(
                            clientID: id, date: date, skill: skill, level: level, instrument: instrument,
                            provider: provider,
                            isCertified: values["certified"] == "yes"), actor: app.me.id)
                }
            }
            return FormSaved(
                "Recorded \(level.rawValue) in \(skills.count == 1 ? skills[0].label.lowercased() : "all five skills")."
            )
        }
    }

    static func target(app: App, client: Client) -> FormScreen {
        let fields = [
            FormField(
                id: "skill", label: "Skill", kind: .choice(Skill.allCases.map { Choice($0.rawValue, $0.label) }),
                isRequired: true),
            FormField(
                id: "level", label: "Target",
                kind: .choice([Choice("", "(back to the programme's target)")] + TrackFields.levels)),
            FormField(id: "reason", label: "Reason", isRequired: true, maxLength: 300),
        ]
        let id = client.id
        return FormScreen(
            title: "Target for \(client.caseNumber.text)", fields: fields, values: [:], changes: .language
        ) { app, values in
            var problems: [String: String] = [:]
            let skill = Skill(rawValue: values["skill"] ?? "")
            if skill == nil { problems["skill"] = "Choose a skill." }
            let reason = TrackFields.required(values, "reason", into: &problems)
            guard problems.isEmpty, let skill else { throw FormErrors(problems) }
            let level = CEFRLevel(rawValue: values["level"] ?? "")
            try TrackFields.saving(beside: "reason") {
                try app.store.setTargetOverride(
                    clientID: id, skill: skill, level: level, reason: reason, actor: app.me.id)
            }
            return FormSaved(
                level.map { "\(skill.label) target set to \($0.rawValue)." }
                    ?? "\(skill.label) follows the programme's target again.")
        }
    }

    static func course(app: App, client: Client) -> FormScreen {
        let fields = [
            FormField(id: "provider", label: "Provider", isRequired: true),
            FormField(id: "level", label: "Course level", kind: .choice(TrackFields.levels), isRequired: true),
            FormField(id: "start", label: "Starts", kind: .date, isRequired: true),
            FormField(id: "end", label: "Ends", kind: .date),
            FormField(id: "hours", label: "Hours planned", isRequired: true),
        ]
        let id = client.id
        return FormScreen(
            title: "Course for \(client.caseNumber.text)", fields: fields, values: ["start": app.clock.today.iso],
            changes: .language
        ) { app, values in
            var problems: [String: String] = [:]
            let provider = TrackFields.required(values, "provider", into: &problems)
            let level = CEFRLevel(rawValue: values["level"] ?? "")
            if level == nil { problems["level"] = "Choose the level the course leads to." }
            let start = TrackFields.day(values, "start", required: true, into: &problems)
            let end = TrackFields.day(values, "end", required: false, into: &problems)
            let hours = TrackFields.number(values, "hours", in: 1...3000, into: &problems)
            guard problems.isEmpty, let level, let start, let hours else { throw FormErrors(problems) }
            try TrackFields.saving(beside: "hours") {
                try app.store.addCourse(
                    CourseEnrolment(
                        clientID: id, provider: provider, level: level, startsOn: start, endsOn: end,
                        hoursPlanned: Int(hours)),
                    actor: app.me.id)
            }
            return FormSaved("Course \(level.rawValue) at \(provider) added.")
        }
    }

    static func attendance(app: App, client: Client, courses: [CourseEnrolment]) -> FormScreen {
        let courseChoices = courses.map {
            Choice(String($0.id), "\($0.level.rawValue) at \($0.provider), from \($0.startsOn.iso)")
        }
        let fields = [
            FormField(id: "course", label: "Course", kind: .choice(courseChoices), isRequired: true),
            FormField(id: "date", label: "Period starting", kind: .date, isRequired: true),
            FormField(id: "scheduled", label: "Hours scheduled", isRequired: true),
            FormField(id: "attended", label: "Hours attended", isRequired: true),
            FormField(
                id: "absence", label: "Missed because",
                kind: .choice(
                    [Choice("", "(nothing missed)")] + AbsenceKind.allCases.map { Choice($0.rawValue, $0.label) })),
        ]
        let initial = ["course": courses.first.map { String($0.id) } ?? "", "date": app.clock.today.iso]
        return FormScreen(
            title: "Attendance of \(client.caseNumber.text)", fields: fields, values: initial, changes: .language
        ) { app, values in
            var problems: [String: String] = [:]
            let course = Int64(values["course"] ?? "")
            if course == nil { problems["course"] = "Choose a course." }
            let date = TrackFields.day(values, "date", required: true, into: &problems)
            let scheduled = TrackFields.number(values, "scheduled", in: 0.5...80, into: &problems)
            let attended = TrackFields.number(values, "attended", in: 0...80, into: &problems)
            guard problems.isEmpty, let course, let date, let scheduled, let attended else {
                throw FormErrors(problems)
            }
            try TrackFields.saving(beside: "attended") {
                try app.store.addAttendance(
                    AttendanceEntry(
                        courseID: course, date: date, scheduledHours: scheduled, attendedHours: attended,
                        absence: AbsenceKind(rawValue: values["absence"] ?? "")), actor: app.me.id)
            }
            return FormSaved("Recorded \(attended) of \(scheduled) hours.")
        }
    }

    // MARK: Qualifications

    static func qualification(app: App, client: Client) -> FormScreen {
        let isced = (0...8).map { Choice(String($0), Self.iscedLabel($0)) }
        let fields = [
            FormField(id: "title", label: "Title", isRequired: true),
            FormField(id: "field", label: "Field"),
            FormField(id: "country", label: "Country", kind: .choice(TrackFields.countries), isRequired: true),
            FormField(id: "institution", label: "Institution"),
            FormField(id: "year", label: "Year", isRequired: true),
            FormField(id: "isced", label: "ISCED level", kind: .choice(isced), isRequired: true),
            FormField(
                id: "documents", label: "Documents available", kind: .choice(TrackFields.yesNo), isRequired: true),
            FormField(
                id: "regulated", label: "Regulated profession", kind: .choice(TrackFields.yesNo), isRequired: true),
            FormField(id: "identified", label: "Identified on", kind: .date, isRequired: true),
        ]
        let id = client.id
        let initial = [
            "country": client.countryOfBirth, "documents": "yes", "regulated": "no", "identified": app.clock.today.iso,
        ]
        return FormScreen(
            title: "Qualification of \(client.caseNumber.text)", fields: fields, values: initial,
            changes: .qualifications
        ) { app, values in
            var problems: [String: String] = [:]
            let title = TrackFields.required(values, "title", into: &problems)
            let year = Int(trimmed(values["year"] ?? ""))
            if year == nil { problems["year"] = "The year, e.g. 2015." }
            let level = Int(values["isced"] ?? "")
            if level == nil { problems["isced"] = "Choose the ISCED level." }
            let identified = TrackFields.day(values, "identified", required: true, into: &problems)
            guard problems.isEmpty, let year, let level, let identified else { throw FormErrors(problems) }
            let draft = Qualification(
                clientID: id, title: title, field: trimmed(values["field"] ?? ""), country: values["country"] ?? "",
                institution: trimmed(values["institution"] ?? ""), year: year, iscedLevel: level,
                hasDocuments: values["documents"] == "yes", isRegulatedProfession: values["regulated"] == "yes",
                stageSince: identified)
            let saved = try TrackFields.saving(beside: "title") {
                try app.store.addQualification(draft, actor: app.me.id)
            }
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

    static func step(app: App, file: Qualification) -> FormScreen {
        let next = file.stage.next
        let fields = [
            FormField(
                id: "to", label: "Next stage", kind: .choice(next.map { Choice($0.rawValue, $0.label) }),
                isRequired: true),
            FormField(id: "on", label: "On", kind: .date, isRequired: true),
            FormField(
                id: "route", label: "Route (when chosen)",
                kind: .choice(RecognitionRoute.allCases.map { Choice($0.rawValue, $0.label) })),
            FormField(id: "passport", label: "Passport issued", kind: .date),
            FormField(
                id: "measure", label: "Measure (compensation)",
                kind: .choice(CompensationKind.allCases.map { Choice($0.rawValue, $0.label) })),
            FormField(id: "start", label: "Measure starts", kind: .date),
            FormField(id: "end", label: "Measure ends", kind: .date),
            FormField(id: "note", label: "Note", maxLength: 500),
        ]
        let initial = ["to": next.count == 1 ? next[0].rawValue : "", "on": app.clock.today.iso]
        let id = file.id
        let version = file.version
        return FormScreen(
            title: "\(file.title): now \(file.stage.label)", fields: fields, values: initial, changes: .qualifications
        ) { app, values in
            var problems: [String: String] = [:]
            let stage = RecognitionStage(rawValue: values["to"] ?? "")
            if stage == nil { problems["to"] = "Choose one of " + listing(next.map(\.label)) + "." }
            let day = TrackFields.day(values, "on", required: true, into: &problems)
            let passport = TrackFields.day(values, "passport", required: false, into: &problems)
            let start = TrackFields.day(values, "start", required: false, into: &problems)
            let end = TrackFields.day(values, "end", required: false, into: &problems)
            let route = RecognitionRoute(rawValue: values["route"] ?? "")
            let measure = CompensationKind(rawValue: values["measure"] ?? "")
            if stage == .routeChosen, route == nil { problems["route"] = "Choose the route." }
            if stage == .compensation, measure == nil {
                problems["measure"] = "Choose the measure the applicant chose."
            }
            if stage == .compensation, start == nil { problems["start"] = "When does the measure start?" }
            guard problems.isEmpty, let stage, let day else { throw FormErrors(problems) }
            let details = RecognitionStepDetails(
                route: route, passportIssuedOn: passport, compensation: measure, compensationStart: start,
                compensationEnd: end, note: values["note"] ?? "")
            let saved = try TrackFields.saving(beside: stage == .compensation ? "end" : "on") {
                try app.store.stepQualification(
                    id: id, to: stage, on: day, details: details, expectedVersion: version, actor: app.me.id)
            }
            var message = "\(saved.title) is now \(saved.stage.label)."
            if let due = saved.decisionDue, saved.stage == .underAssessment {
                message += " The decision is due by \(due.iso)."
            }
            return FormSaved(message)
        }
    }

    // MARK: Civic orientation

    static func requirement(app: App, client: Client, current: CivicProgress) -> FormScreen {
        let fields = [
            FormField(
                id: "requirement", label: "Civic orientation",
                kind: .choice(CivicRequirement.allCases.map { Choice($0.rawValue, $0.label) }), isRequired: true),
            FormField(id: "reason", label: "Reason (exemption)", maxLength: 300),
        ]
        let id = client.id
        let initial = ["requirement": current.requirement.rawValue, "reason": current.exemptReason]
        return FormScreen(
            title: "Civic orientation of \(client.caseNumber.text)", fields: fields, values: initial, changes: .civic
        ) { app, values in
            guard let requirement = CivicRequirement(rawValue: values["requirement"] ?? "") else {
                throw FormErrors(["requirement": "Choose required, exempt or not required."])
            }
            try TrackFields.saving(beside: "reason") {
                try app.store.setCivicRequirement(
                    clientID: id, requirement, reason: values["reason"] ?? "", actor: app.me.id)
            }
            return FormSaved("Civic orientation: \(requirement.label.lowercased()).")
        }
    }

    /// A form recording a session of one of the programme's civic modules (the tab offers it
    /// only when the programme has some).
    static func session(app: App, client: Client, programme: Programme) -> FormScreen {
        let fields = [
            FormField(
                id: "module", label: "Module", kind: .choice(programme.civicModules.map { Choice($0.id, $0.name) }),
                isRequired: true),
            FormField(id: "date", label: "Date", kind: .date, isRequired: true),
            FormField(id: "hours", label: "Hours", isRequired: true),
            FormField(id: "language", label: "Taught in", kind: .choice(TrackFields.languages), isRequired: true),
        ]
        let id = client.id
        let initial = [
            "module": programme.civicModules.first?.id ?? "", "date": app.clock.today.iso,
            "language": client.interpreterLanguage ?? client.languages.first ?? programme.languageCode,
        ]
        return FormScreen(
            title: "Civic session of \(client.caseNumber.text)", fields: fields, values: initial, changes: .civic
        ) { app, values in
            var problems: [String: String] = [:]
            let date = TrackFields.day(values, "date", required: true, into: &problems)
            let hours = TrackFields.number(values, "hours", in: 0.5...40, into: &problems)
            let module = TrackFields.required(values, "module", into: &problems)
            let language = TrackFields.required(values, "language", into: &problems)
            guard problems.isEmpty, let date, let hours else { throw FormErrors(problems) }
            try TrackFields.saving(beside: "hours") {
                try app.store.addCivicSession(
                    CivicSession(clientID: id, moduleID: module, date: date, hours: hours, language: language),
                    actor: app.me.id)
            }
            return FormSaved("Recorded \(hours) hours of \(module).")
        }
    }

    /// A form recording a sitting of the programme's civic test.
    static func test(app: App, client: Client, rule: CivicTestRule) -> FormScreen {
        let scored = rule.questions != nil
        var fields = [FormField(id: "date", label: "Date", kind: .date, isRequired: true)]
        fields.append(
            scored
                ? FormField(id: "score", label: "Correct answers (of \(rule.questions ?? 0))", isRequired: true)
                : FormField(
                    id: "passed", label: "Result", kind: .choice([Choice("yes", "Passed"), Choice("no", "Failed")]),
                    isRequired: true))
        let id = client.id
        return FormScreen(
            title: "\(rule.name): \(client.caseNumber.text)", fields: fields, values: ["date": app.clock.today.iso],
            changes: .civic
        ) { app, values in
            var problems: [String: String] = [:]
            let date = TrackFields.day(values, "date", required: true, into: &problems)
            var score: Int?
            if scored {
                score = Int(trimmed(values["score"] ?? ""))
                if score == nil { problems["score"] = "The number of correct answers." }
            } else if values["passed"] != "yes" && values["passed"] != "no" {
                problems["passed"] = "Passed or failed?"
            }
            guard problems.isEmpty, let date else { throw FormErrors(problems) }
            let result = try TrackFields.saving(beside: scored ? "score" : "passed") {
                try app.store.addCivicTest(
                    clientID: id, on: date, score: score, passed: values["passed"] == "yes", actor: app.me.id)
            }
            return FormSaved(result.passed ? "Test passed." : "Test failed; a retake can be recorded the same way.")
        }
    }

    static func attest(app: App, client: Client) -> FormScreen {
        let fields = [FormField(id: "date", label: "Attested on", kind: .date, isRequired: true)]
        let id = client.id
        return FormScreen(
            title: "Civic attestation of \(client.caseNumber.text)", fields: fields,
            values: ["date": app.clock.today.iso], changes: .civic
        ) { app, values in
            var problems: [String: String] = [:]
            guard let date = TrackFields.day(values, "date", required: true, into: &problems) else {
                throw FormErrors(problems)
            }
            try TrackFields.saving(beside: "date") {
                try app.store.attestCivic(clientID: id, on: date, actor: app.me.id)
            }
            return FormSaved("Civic course attested on \(date.iso).")
        }
    }
}
