import CasebookL10n

/// Language assessments of one day (one skill, or all five of a placement or full test), as the
/// assessment form holds them.
package struct AssessmentDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case date, skills = "skill", level, instrument, provider, certified

        package var characterLimit: Int? { self == .instrument || self == .provider ? 200 : nil }
    }

    package var date: Day?
    /// The skills assessed: one, or `Skill.core` for a test of all five; nil while none is chosen.
    package var skills: [Skill]?
    package var level: CEFRLevel?
    package var instrument: String
    package var provider: String
    package var isCertified: Bool?

    package init(
        on date: Day? = nil, skills: [Skill]? = Skill.core, level: CEFRLevel? = nil, instrument: String = "",
        provider: String = "", isCertified: Bool? = false
    ) {
        self.date = date
        self.skills = skills
        self.level = level
        self.instrument = instrument
        self.provider = provider
        self.isCertified = isCertified
    }

    package var requiredFields: Set<Field> { Set(Field.allCases) }

    /// One assessment of `clientID` per skill.
    @discardableResult
    package func validated(clientID: Int64, today: Day) throws(ValidationFailure<Field>) -> [LanguageAssessment] {
        var issues = FieldIssues<Field>()
        let date = issues.pastDay(date, .date, today: today)
        let chosen = issues.require(
            skills.flatMap { $0.isEmpty ? nil : $0 }, .skills, tr("Choose a skill, or all five."))
        let level = issues.require(level, .level, tr("Choose a level."))
        let instrument = issues.text(instrument, .instrument, required: tr("Required."))
        let provider = issues.text(provider, .provider, required: tr("Required."))
        let certified = issues.require(isCertified, .certified)
        guard let date, let chosen, let level, let certified, issues.isEmpty else { throw issues.failure }
        var skills: [Skill] = []
        for skill in chosen where !skills.contains(skill) { skills.append(skill) }
        return skills.map {
            LanguageAssessment(
                clientID: clientID, date: date, skill: $0, level: level, instrument: instrument, provider: provider,
                isCertified: certified)
        }
    }
}

/// An officer's target for one skill in place of the programme's, with the reason.
package struct TargetDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case skill, level, reason

        package var characterLimit: Int? { self == .reason ? 300 : nil }
    }

    package var skill: Skill?
    /// Nil goes back to the programme's target.
    package var level: CEFRLevel?
    package var reason: String

    package init(skill: Skill? = nil, level: CEFRLevel? = nil, reason: String = "") {
        self.skill = skill
        self.level = level
        self.reason = reason
    }

    package var requiredFields: Set<Field> { [.skill, .reason] }

    package struct Valid: Sendable {
        package let skill: Skill
        package let level: CEFRLevel?
        package let reason: String
    }

    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> Valid {
        var issues = FieldIssues<Field>()
        let skill = issues.require(skill, .skill, tr("Choose a skill."))
        let reason = issues.text(reason, .reason, required: tr("Required."))
        guard let skill, issues.isEmpty else { throw issues.failure }
        return Valid(skill: skill, level: level, reason: reason)
    }
}

/// A language course a client enrols in.
package struct CourseDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case provider, level, startsOn = "start", endsOn = "end", hoursPlanned = "hours"

        package var characterLimit: Int? { self == .provider ? 200 : nil }
    }

    package var provider: String
    package var level: CEFRLevel?
    package var startsOn: Day?
    package var endsOn: Day?
    package var hoursPlanned: Int?

    package init(
        provider: String = "", level: CEFRLevel? = nil, startsOn: Day? = nil, endsOn: Day? = nil,
        hoursPlanned: Int? = nil
    ) {
        self.provider = provider
        self.level = level
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.hoursPlanned = hoursPlanned
    }

    package var requiredFields: Set<Field> { [.provider, .level, .startsOn, .hoursPlanned] }

    /// The hours a course may plan.
    package static let plannedHours = 1...3000

    @discardableResult
    package func validated(clientID: Int64) throws(ValidationFailure<Field>) -> CourseEnrolment {
        var issues = FieldIssues<Field>()
        let provider = issues.text(provider, .provider, required: tr("Required."))
        let level = issues.require(level, .level, tr("Choose the level the course leads to."))
        let start = issues.require(startsOn, .startsOn)
        if let start, let endsOn, endsOn < start { issues.add(.endsOn, tr("The course cannot end before it starts.")) }
        let hours = issues.require(hoursPlanned, .hoursPlanned)
        if let hours, !CourseDraft.plannedHours.contains(hours) {
            issues.add(.hoursPlanned, tr("Planned hours lie between 1 and 3000."))
        }
        guard let level, let start, let hours, issues.isEmpty else { throw issues.failure }
        return CourseEnrolment(
            clientID: clientID, provider: provider, level: level, startsOn: start, endsOn: endsOn, hoursPlanned: hours)
    }
}

/// Hours of one period of a course: scheduled, attended, and why the rest was missed.
package struct AttendanceDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case course, date, scheduled, attended, absence
    }

    package var course: Int64?
    package var date: Day?
    package var scheduled: Double?
    package var attended: Double?
    package var absence: AbsenceKind?

    package init(
        course: Int64? = nil, date: Day? = nil, scheduled: Double? = nil, attended: Double? = nil,
        absence: AbsenceKind? = nil
    ) {
        self.course = course
        self.date = date
        self.scheduled = scheduled
        self.attended = attended
        self.absence = absence
    }

    package var requiredFields: Set<Field> { [.course, .date, .scheduled, .attended] }

    /// The hours one entry may schedule.
    package static let scheduledHours = 0.5...80.0

    /// The entry, checked against the start of its course (`courseStart`, when the course is known).
    @discardableResult
    package func validated(courseStart: Day?, today: Day) throws(ValidationFailure<Field>) -> AttendanceEntry {
        var issues = FieldIssues<Field>()
        let course = issues.require(course, .course, tr("Choose a course."))
        let date = issues.pastDay(date, .date, today: today)
        if let date, let courseStart, date < courseStart {
            issues.add(
                .date, tr("The course starts on {day}; attendance cannot come before.", ["day": courseStart.iso]))
        }
        let scheduled = issues.require(scheduled, .scheduled)
        if let scheduled, !AttendanceDraft.scheduledHours.contains(scheduled) {
            issues.add(.scheduled, tr("From 0.5 to 80 hours for one entry."))
        }
        let attended = issues.require(attended, .attended)
        if let attended, attended < 0 || attended > (scheduled ?? AttendanceDraft.scheduledHours.upperBound) {
            issues.add(.attended, tr("From 0 to the hours scheduled."))
        }
        if let scheduled, let attended, !issues.has(.scheduled), !issues.has(.attended) {
            if attended < scheduled, absence == nil {
                issues.add(.absence, tr("Say why hours were missed: sick, child sick, approved leave or unexcused."))
            }
            if attended == scheduled, absence != nil {
                issues.add(.absence, tr("No hours were missed, so no reason applies; clear it."))
            }
        }
        guard let course, let date, let scheduled, let attended, issues.isEmpty else { throw issues.failure }
        return AttendanceEntry(
            courseID: course, date: date, scheduledHours: scheduled, attendedHours: attended, absence: absence)
    }
}
