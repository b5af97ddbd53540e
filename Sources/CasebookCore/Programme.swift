/// Who an obligation binds.
package enum Party: String, CaseIterable, Sendable {
    case newcomer
    case authority
    /// A provider acting for the authority (a language school, a job centre).
    case provider

    package var label: String {
        switch self {
        case .newcomer: return "Newcomer"
        case .authority: return "Authority"
        case .provider: return "Provider"
        }
    }
}

package enum ObligationCategory: String, CaseIterable, Sendable {
    case language, civic, employment, recognition, meeting, childcare, interpreter, housing, other

    package var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// The date an obligation's due date counts from.
package enum Anchor: String, CaseIterable, Sendable {
    case arrival
    case settlement
    case signature
    case courseEnd = "course_end"
    case recognitionComplete = "recognition_complete"
    case enrolment

    package var label: String {
        switch self {
        case .arrival: return "arrival"
        case .settlement: return "settlement"
        case .signature: return "contract signature"
        case .courseEnd: return "course end"
        case .recognitionComplete: return "complete recognition file"
        case .enrolment: return "enrolment"
        }
    }
}

/// An obligation the programme prescribes for every contract made under it.
package struct ObligationTemplate: Hashable, Sendable {
    package var party: Party
    package var category: ObligationCategory
    package var description: String
    package var legalBasis: String
    package var anchor: Anchor
    package var due: TimeSpan

    package init(
        party: Party, category: ObligationCategory, description: String, legalBasis: String, anchor: Anchor, due: TimeSpan
    ) {
        self.party = party
        self.category = category
        self.description = description
        self.legalBasis = legalBasis
        self.anchor = anchor
        self.due = due
    }
}

/// A group of learners the programme sets its own goals and length for (Norway by prior
/// education, France by hours band, the Netherlands by route).
package struct LearnerProfile: Hashable, Sendable {
    package var id: String
    package var name: String
    package var targets: [Skill: CEFRLevel]
    package var languageHours: Int?
    package var duration: TimeSpan?

    package init(id: String, name: String, targets: [Skill: CEFRLevel], languageHours: Int? = nil, duration: TimeSpan? = nil) {
        self.id = id
        self.name = name
        self.targets = targets
        self.languageHours = languageHours
        self.duration = duration
    }
}

package struct CivicModule: Hashable, Sendable {
    package var id: String
    package var name: String
    /// The module's hours, when the programme sets them.
    package var hours: Int?

    package init(id: String, name: String, hours: Int?) {
        self.id = id
        self.name = name
        self.hours = hours
    }
}

/// The civic test. Some programmes publish the number of questions and the pass mark; where
/// they do not (the Dutch KNM exam), a sitting is recorded as passed or failed.
package struct CivicTestRule: Hashable, Sendable {
    package var name: String
    package var questions: Int?
    package var passMark: Int?

    package init(name: String, questions: Int?, passMark: Int?) {
        self.name = name
        self.questions = questions
        self.passMark = passMark
    }
}

/// A programme's rules as imported from its file: one version of them. An enrolment and a
/// contract refer to the version they were made under.
package struct Programme: Hashable, Sendable {
    package var id: String
    package var version: Int
    package var name: String
    package var country: String
    package var languageCode: String
    package var languageHours: Int
    package var civicHours: Int
    package var recognitionDecision: TimeSpan
    package var recognitionAcknowledgement: TimeSpan
    package var qualificationsPassportValidity: TimeSpan
    package var civicRequired: Bool
    package var civicModules: [CivicModule]
    package var civicTest: CivicTestRule?
    package var profiles: [LearnerProfile]
    package var obligations: [ObligationTemplate]

    package init(
        id: String, version: Int, name: String, country: String, languageCode: String, languageHours: Int,
        civicHours: Int, recognitionDecision: TimeSpan, recognitionAcknowledgement: TimeSpan,
        qualificationsPassportValidity: TimeSpan, civicRequired: Bool, civicModules: [CivicModule],
        civicTest: CivicTestRule?, profiles: [LearnerProfile], obligations: [ObligationTemplate]
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.country = country
        self.languageCode = languageCode
        self.languageHours = languageHours
        self.civicHours = civicHours
        self.recognitionDecision = recognitionDecision
        self.recognitionAcknowledgement = recognitionAcknowledgement
        self.qualificationsPassportValidity = qualificationsPassportValidity
        self.civicRequired = civicRequired
        self.civicModules = civicModules
        self.civicTest = civicTest
        self.profiles = profiles
        self.obligations = obligations
    }

    package func profile(_ id: String?) -> LearnerProfile? {
        guard let id else { return nil }
        return profiles.first { $0.id == id }
    }

    /// The language hour budget of a profile (the programme's when the profile sets none).
    package func languageHours(profile: String?) -> Int { self.profile(profile)?.languageHours ?? languageHours }

    /// A programme id: lower-case letters, digits and '-', 2 to 40 characters.
    package static func isValidID(_ id: String) -> Bool {
        (2...40).contains(id.count) && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
