import CasebookL10n

/// A level of the Common European Framework of Reference, with the plus levels of the
/// 2020 Companion Volume. Ordered from Pre-A1 to C2.
package enum CEFRLevel: String, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case preA1 = "Pre-A1"
    case a1 = "A1"
    case a2 = "A2"
    case a2Plus = "A2+"
    case b1 = "B1"
    case b1Plus = "B1+"
    case b2 = "B2"
    case b2Plus = "B2+"
    case c1 = "C1"
    case c2 = "C2"

    package var rank: Int { CEFRLevel.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: CEFRLevel, rhs: CEFRLevel) -> Bool { lhs.rank < rhs.rank }

    package var description: String { rawValue }

    package init(parsing text: String) throws(TrackError) {
        let wanted = trimmed(text).uppercased()
        guard let level = CEFRLevel.allCases.first(where: { $0.rawValue.uppercased() == wanted }) else {
            throw .unknownLevel(text)
        }
        self = level
    }
}

/// The skills of the CEFR self-assessment grid; mediation (Companion Volume) is optional.
package enum Skill: String, CaseIterable, Sendable, CustomStringConvertible {
    case listening
    case reading
    case spokenInteraction = "spoken_interaction"
    case spokenProduction = "spoken_production"
    case writing
    case mediation

    /// The five skills every assessment plan covers.
    package static let core: [Skill] = [.listening, .reading, .spokenInteraction, .spokenProduction, .writing]

    package var description: String { rawValue }

    package init(parsing text: String) throws(TrackError) {
        guard let skill = Skill(rawValue: trimmed(text).lowercased()) else { throw .unknownSkill(text) }
        self = skill
    }
}

/// A language assessment: one skill, one level, on one day.
package struct LanguageAssessment: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var date: Day
    package var skill: Skill
    package var level: CEFRLevel
    /// Placement test, DTZ, Norskprøve, DELF, Staatsexamen NT2...
    package var instrument: String
    package var provider: String
    package var isCertified: Bool

    package init(
        id: Int64 = 0, clientID: Int64, date: Day, skill: Skill, level: CEFRLevel, instrument: String, provider: String,
        isCertified: Bool
    ) {
        self.id = id
        self.clientID = clientID
        self.date = date
        self.skill = skill
        self.level = level
        self.instrument = instrument
        self.provider = provider
        self.isCertified = isCertified
    }
}

/// An officer's change to a programme target, with the reason recorded.
package struct TargetOverride: Hashable, Sendable {
    package var skill: Skill
    package var level: CEFRLevel
    package var reason: String

    package init(skill: Skill, level: CEFRLevel, reason: String) {
        self.skill = skill
        self.level = level
        self.reason = reason
    }
}

/// Where a client stands in each skill against the target.
package struct LanguageStanding: Hashable, Sendable {
    /// The latest assessment of each skill.
    package var current: [Skill: CEFRLevel]
    /// The programme's target (or the officer's override) per skill.
    package var targets: [Skill: CEFRLevel]
    /// Skills whose target an officer overrode, with the reason.
    package var overrides: [Skill: TargetOverride]

    /// The current level of a skill is its latest assessment (the later-recorded one on a tie).
    package init(assessments: [LanguageAssessment], targets: [Skill: CEFRLevel], overrides: [TargetOverride] = []) {
        var latest: [Skill: LanguageAssessment] = [:]
        for assessment in assessments {
            if let known = latest[assessment.skill],
                (known.date, known.id) > (assessment.date, assessment.id)
            {
                continue
            }
            latest[assessment.skill] = assessment
        }
        current = latest.mapValues(\.level)
        var merged = targets
        var byskill: [Skill: TargetOverride] = [:]
        for override in overrides {
            merged[override.skill] = override.level
            byskill[override.skill] = override
        }
        self.targets = merged
        self.overrides = byskill
    }

    /// True when the skill has a target and the current level reaches it.
    package func isMet(_ skill: Skill) -> Bool {
        guard let target = targets[skill], let level = current[skill] else { return false }
        return level >= target
    }

    /// True when every targeted skill is met (false when there are no targets).
    package var isMet: Bool { !targets.isEmpty && targets.keys.allSatisfy(isMet) }

    /// How many targeted skills are met, of how many.
    package var metCount: (met: Int, of: Int) { (targets.keys.filter(isMet).count, targets.count) }

    /// The lowest current level over the targeted skills; nil while one of them is unassessed.
    package var lowestCurrent: CEFRLevel? {
        var lowest: CEFRLevel?
        for skill in targets.keys {
            guard let level = current[skill] else { return nil }
            lowest = lowest.map { min($0, level) } ?? level
        }
        return lowest
    }
}

/// Why course hours were missed.
package enum AbsenceKind: String, CaseIterable, Sendable {
    case sick
    case childSick = "child_sick"
    case approvedLeave = "approved_leave"
    case unexcused
}

/// A language course a client is enrolled in.
package struct CourseEnrolment: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var provider: String
    package var level: CEFRLevel
    package var startsOn: Day
    package var endsOn: Day?
    package var hoursPlanned: Int

    package init(
        id: Int64 = 0, clientID: Int64, provider: String, level: CEFRLevel, startsOn: Day, endsOn: Day?, hoursPlanned: Int
    ) {
        self.id = id
        self.clientID = clientID
        self.provider = provider
        self.level = level
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.hoursPlanned = hoursPlanned
    }
}

/// Hours of one course period (a day or a week): what was scheduled, what was attended, and
/// why the rest was missed.
package struct AttendanceEntry: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var courseID: Int64
    package var date: Day
    package var scheduledHours: Double
    package var attendedHours: Double
    package var absence: AbsenceKind?

    package init(
        id: Int64 = 0, courseID: Int64, date: Day, scheduledHours: Double, attendedHours: Double, absence: AbsenceKind?
    ) {
        self.id = id
        self.courseID = courseID
        self.date = date
        self.scheduledHours = scheduledHours
        self.attendedHours = attendedHours
        self.absence = absence
    }

    package var missedHours: Double { max(0, scheduledHours - attendedHours) }
}

/// Attendance of a course, to date.
package struct Attendance: Hashable, Sendable {
    package var scheduled: Double
    package var attended: Double
    package var missed: [AbsenceKind: Double]

    package init(entries: [AttendanceEntry], through day: Day) {
        let counted = entries.filter { $0.date <= day }
        scheduled = counted.reduce(0) { $0 + $1.scheduledHours }
        attended = counted.reduce(0) { $0 + $1.attendedHours }
        var missed: [AbsenceKind: Double] = [:]
        for entry in counted where entry.missedHours > 0 {
            missed[entry.absence ?? .unexcused, default: 0] += entry.missedHours
        }
        self.missed = missed
    }

    /// Attended hours over hours scheduled to date (nil before any hour was scheduled).
    package var rate: Double? { scheduled > 0 ? attended / scheduled : nil }
}

/// Hours left of a programme's language budget after the hours attended in every course.
package func hoursLeft(budget: Int, attended: Double) -> Double { max(0, Double(budget) - attended) }

/// An unknown level or skill name in a programme file or on the command line.
package enum TrackError: Error, Equatable, CustomStringConvertible {
    case unknownLevel(String)
    case unknownSkill(String)

    package var description: String {
        switch self {
        case .unknownLevel(let text):
            return tr(
                "\"{text}\" is not a CEFR level; use {levels}.",
                ["text": Sanitized.inline(text, limit: 20), "levels": listing(CEFRLevel.allCases.map(\.rawValue))])
        case .unknownSkill(let text):
            return tr(
                "\"{text}\" is not a skill; use {skills}.",
                ["text": Sanitized.inline(text, limit: 30), "skills": listing(Skill.allCases.map(\.rawValue))])
        }
    }
}
