import CasebookL10n

/// How well someone reads and writes, in one script or language.
package enum Literacy: String, CaseIterable, Sendable {
    /// Cannot read or write (in this language or script). Not `none`, which reads as nil.
    case notLiterate = "none"
    /// Reads and writes single words and short, familiar texts.
    case basic
    /// Reads and writes everyday texts.
    case functional
}

/// Digital skills, in the broad steps an intake records (not DigComp's eight levels).
package enum DigitalSkills: String, CaseIterable, Sendable {
    case noSkills = "none"
    /// Uses a phone for calls and messages.
    case basic
    /// Uses e-mail, forms and public online services.
    case everyday
    /// Office software, or work with computers.
    case advanced
}

package enum DrivingLicence: String, CaseIterable, Sendable {
    case noLicence = "none"
    /// A licence from abroad, which may have to be exchanged.
    case foreign
    /// A licence valid in the receiving country.
    case valid
}

/// The mapping of a newcomer's education, skills and goals at the start (integreringsloven § 12's
/// kompetansekartlegging, the Dutch brede intake, the German Erstberatung): one per client, kept
/// up to date, with the day it was done and by whom.
package struct IntakeMapping: Hashable, Sendable {
    package var clientID: Int64
    package var mappedOn: Day
    package var schoolingYears: Int
    /// The highest level of education reached; nil for no formal schooling.
    package var highestLevel: ISCEDLevel?
    /// Where the highest level was attended (ISO 3166 alpha-2).
    package var schoolingCountry: String?
    package var levelCompleted: Bool?
    package var firstLanguageLiteracy: Literacy
    package var latinLiteracy: Literacy
    package var digitalSkills: DigitalSkills
    package var drivingLicence: DrivingLicence
    package var careerGoal: String
    package var trainingNeeds: String
    /// Who did the mapping (the staff member who saved it), and the stored record's version.
    package var mappedBy: Int64
    package var version: Int

    package init(
        clientID: Int64, mappedOn: Day, schoolingYears: Int, highestLevel: ISCEDLevel?, schoolingCountry: String?,
        levelCompleted: Bool?, firstLanguageLiteracy: Literacy, latinLiteracy: Literacy, digitalSkills: DigitalSkills,
        drivingLicence: DrivingLicence, careerGoal: String, trainingNeeds: String, mappedBy: Int64 = 0,
        version: Int = 0
    ) {
        self.clientID = clientID
        self.mappedOn = mappedOn
        self.schoolingYears = schoolingYears
        self.highestLevel = highestLevel
        self.schoolingCountry = schoolingCountry
        self.levelCompleted = levelCompleted
        self.firstLanguageLiteracy = firstLanguageLiteracy
        self.latinLiteracy = latinLiteracy
        self.digitalSkills = digitalSkills
        self.drivingLicence = drivingLicence
        self.careerGoal = careerGoal
        self.trainingNeeds = trainingNeeds
        self.mappedBy = mappedBy
        self.version = version
    }

    /// The highest level completed, if any (a level begun but not finished counts one lower).
    package var highestCompleted: ISCEDLevel? {
        guard let level = highestLevel else { return nil }
        if levelCompleted == true { return level }
        return ISCEDLevel(rawValue: level.rawValue - 1)
    }
}

/// The intake form: every field of the mapping.
package struct IntakeDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case mappedOn = "mapped_on"
        case schoolingYears = "schooling_years"
        case highestLevel = "highest_level"
        case schoolingCountry = "schooling_country"
        case levelCompleted = "level_completed"
        case firstLanguageLiteracy = "first_language_literacy"
        case latinLiteracy = "latin_literacy"
        case digitalSkills = "digital_skills"
        case drivingLicence = "driving_licence"
        case careerGoal = "career_goal"
        case trainingNeeds = "training_needs"

        package var characterLimit: Int? {
            switch self {
            case .careerGoal: return 300
            case .trainingNeeds: return 500
            default: return nil
            }
        }
    }

    package var mappedOn: Day?
    package var schoolingYears: Int?
    package var highestLevel: ISCEDLevel?
    package var schoolingCountry: String?
    package var levelCompleted: Bool?
    package var firstLanguageLiteracy: Literacy?
    package var latinLiteracy: Literacy?
    package var digitalSkills: DigitalSkills?
    package var drivingLicence: DrivingLicence?
    package var careerGoal: String = ""
    package var trainingNeeds: String = ""

    package init(mappedOn: Day? = nil) { self.mappedOn = mappedOn }

    /// The draft of a stored mapping, to change it.
    package init(_ mapping: IntakeMapping) {
        mappedOn = mapping.mappedOn
        schoolingYears = mapping.schoolingYears
        highestLevel = mapping.highestLevel
        schoolingCountry = mapping.schoolingCountry
        levelCompleted = mapping.levelCompleted
        firstLanguageLiteracy = mapping.firstLanguageLiteracy
        latinLiteracy = mapping.latinLiteracy
        digitalSkills = mapping.digitalSkills
        drivingLicence = mapping.drivingLicence
        careerGoal = mapping.careerGoal
        trainingNeeds = mapping.trainingNeeds
    }

    /// The schooling years one person can have had.
    package static let years = 0...30

    package var requiredFields: Set<Field> {
        var fields: Set<Field> = [
            .mappedOn, .schoolingYears, .firstLanguageLiteracy, .latinLiteracy, .digitalSkills, .drivingLicence,
        ]
        if highestLevel != nil { fields.formUnion([.schoolingCountry, .levelCompleted]) }
        return fields
    }

    @discardableResult
    package func validated(clientID: Int64, today: Day) throws(ValidationFailure<Field>) -> IntakeMapping {
        var issues = FieldIssues<Field>()
        let mappedOn = issues.pastDay(mappedOn, .mappedOn, today: today)
        if let years = issues.require(schoolingYears, .schoolingYears, tr("Whole years at school, 0 if none.")),
            !IntakeDraft.years.contains(years)
        {
            issues.add(.schoolingYears, tr("From 0 to 30 years."))
        }
        if highestLevel == nil, let years = schoolingYears, years > 0 {
            issues.add(
                .highestLevel,
                tr(
                    "Choose the highest level reached: {years} years at school is more than no schooling.",
                    [
                        "years": String(years)
                    ]))
        }
        if let level = highestLevel, level >= .primary, schoolingYears == 0 {
            issues.add(.schoolingYears, tr("A level of education needs its years at school (more than 0)."))
        }
        if highestLevel != nil {
            if let country = issues.require(schoolingCountry, .schoolingCountry, tr("Where the schooling was.")),
                !Countries.isKnown(country)
            {
                issues.add(
                    .schoolingCountry,
                    tr("\"{code}\" is not an ISO 3166 country code.", ["code": Sanitized.inline(country, limit: 12)]))
            }
            _ = issues.require(levelCompleted, .levelCompleted, tr("Was the level completed? Yes or no."))
        }
        let first = issues.require(firstLanguageLiteracy, .firstLanguageLiteracy)
        let latin = issues.require(latinLiteracy, .latinLiteracy)
        let digital = issues.require(digitalSkills, .digitalSkills)
        let licence = issues.require(drivingLicence, .drivingLicence)
        let goal = issues.text(careerGoal, .careerGoal)
        let needs = issues.text(trainingNeeds, .trainingNeeds)
        guard let mappedOn, let years = schoolingYears, let first, let latin, let digital, let licence, issues.isEmpty
        else { throw issues.failure }
        return IntakeMapping(
            clientID: clientID, mappedOn: mappedOn, schoolingYears: years, highestLevel: highestLevel,
            schoolingCountry: highestLevel == nil ? nil : schoolingCountry,
            levelCompleted: highestLevel == nil ? nil : levelCompleted, firstLanguageLiteracy: first,
            latinLiteracy: latin, digitalSkills: digital, drivingLicence: licence, careerGoal: goal,
            trainingNeeds: needs)
    }
}

/// A job someone held before arriving (or since), as the intake records it.
package struct WorkExperience: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    /// ISCO-08 major or sub-major group; nil where the officer could not place it.
    package var isco: String?
    /// The occupation as the person said it.
    package var title: String
    package var years: Int
    package var country: String

    package init(id: Int64 = 0, clientID: Int64, isco: String?, title: String, years: Int, country: String) {
        self.id = id
        self.clientID = clientID
        self.isco = isco
        self.title = title
        self.years = years
        self.country = country
    }
}

package struct WorkExperienceDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case title, isco, years, country

        package var characterLimit: Int? { self == .title ? 120 : nil }
    }

    package var title: String = ""
    package var isco: String?
    package var years: Int?
    package var country: String?

    package init(title: String = "", isco: String? = nil, years: Int? = nil, country: String? = nil) {
        self.title = title
        self.isco = isco
        self.years = years
        self.country = country
    }

    package var requiredFields: Set<Field> { [.title, .years, .country] }

    /// The years one job can have lasted (0: less than a year).
    package static let yearRange = 0...60

    @discardableResult
    package func validated(clientID: Int64) throws(ValidationFailure<Field>) -> WorkExperience {
        var issues = FieldIssues<Field>()
        let title = issues.text(title, .title, required: tr("The occupation as the person says it."))
        if let isco, !ISCO08.isKnown(isco) {
            issues.add(
                .isco,
                tr(
                    "\"{code}\" is not an ISCO-08 major or sub-major group; choose from the list.",
                    [
                        "code": Sanitized.inline(isco, limit: 12)
                    ]))
        }
        if let years = issues.require(years, .years, tr("Whole years, 0 for less than one.")),
            !WorkExperienceDraft.yearRange.contains(years)
        {
            issues.add(.years, tr("From 0 to 60 years."))
        }
        if let country = issues.require(country, .country), !Countries.isKnown(country) {
            issues.add(
                .country,
                tr("\"{code}\" is not an ISO 3166 country code.", ["code": Sanitized.inline(country, limit: 12)]))
        }
        guard let years, let country, issues.isEmpty else { throw issues.failure }
        return WorkExperience(clientID: clientID, isco: isco, title: title, years: years, country: country)
    }
}

/// The learner profile a mapping points to, where a programme sets its profiles by schooling:
/// Norway (by completed primary and upper secondary school, IMDi "Sluttmål og varighet") and
/// Denmark (Danish education 1-3 by literacy and schooling, danskuddannelsesloven § 2). The
/// officer confirms it; Casebook never enrols on a suggestion.
package struct ProfileSuggestion: Hashable, Sendable {
    package var profileID: String
    package var reason: String

    /// The programmes' profile ids the rules below are written for, as the shipped presets name them.
    static let norway = (noPrimary: "no-primary-school", primary: "primary-school", upperSecondary: "upper-secondary")
    static let denmark = (du1: "du1", du2: "du2", du3: "du3")

    /// Nil where the programme does not set profiles by schooling.
    package static func suggest(for mapping: IntakeMapping, in programme: Programme) -> ProfileSuggestion? {
        let ids = Set(programme.profiles.map(\.id))
        let completed = mapping.highestCompleted
        if ids.isSuperset(of: [norway.noPrimary, norway.primary, norway.upperSecondary]) {
            // Grunnskole is ISCED 1 and 2 together (ten years); videregående is ISCED 3.
            if let completed, completed >= .upperSecondary {
                return ProfileSuggestion(
                    profileID: norway.upperSecondary, reason: tr("completed upper secondary education or more"))
            }
            if let completed, completed >= .lowerSecondary {
                return ProfileSuggestion(
                    profileID: norway.primary, reason: tr("completed primary and lower secondary school"))
            }
            return ProfileSuggestion(profileID: norway.noPrimary, reason: tr("primary school not completed"))
        }
        if ids.isSuperset(of: [denmark.du1, denmark.du2, denmark.du3]) {
            // DU1: cannot read and write in the Latin alphabet (or the first language); DU3:
            // medium or long schooling; DU2 between.
            if mapping.latinLiteracy == .notLiterate || mapping.firstLanguageLiteracy == .notLiterate {
                return ProfileSuggestion(
                    profileID: denmark.du1,
                    reason: tr("does not read or write the Latin alphabet or the first language"))
            }
            if let completed, completed >= .upperSecondary {
                return ProfileSuggestion(profileID: denmark.du3, reason: tr("medium or long schooling"))
            }
            return ProfileSuggestion(profileID: denmark.du2, reason: tr("short schooling"))
        }
        return nil
    }
}
