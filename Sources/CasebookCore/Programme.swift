import CasebookL10n

/// Who an obligation binds.
package enum Party: String, CaseIterable, Sendable {
    case newcomer
    case authority
    /// A provider acting for the authority (a language school, a job centre).
    case provider
}

package enum ObligationCategory: String, CaseIterable, Sendable {
    case language, civic, employment, recognition, meeting, childcare, interpreter, housing, other
    /// The mapping of education and skills at the start (the intake): the Intake tab's date fulfils it.
    case mapping
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
        case .arrival: return tr("arrival")
        case .settlement: return tr("settlement")
        case .signature: return tr("contract signature")
        case .courseEnd: return tr("course end")
        case .recognitionComplete: return tr("complete recognition file")
        case .enrolment: return tr("enrolment")
        }
    }
}

/// An obligation the programme prescribes for the contracts made under it.
package struct ObligationTemplate: Hashable, Sendable {
    package var party: Party
    package var category: ObligationCategory
    package var description: String
    package var legalBasis: String
    package var anchor: Anchor
    package var due: TimeSpan
    /// Whether the deadline is the law's, an international norm or guidance.
    package var dueBasis: RuleBasis
    /// The learner profiles the obligation binds; empty for all (the Dutch MAP is not part of
    /// the education route).
    package var profiles: [String]
    /// The description in the languages of the programme's country, by language code
    /// (`description.nb` in the preset); `description` is the English.
    package var translations: [String: String]

    package init(
        party: Party, category: ObligationCategory, description: String, legalBasis: String, anchor: Anchor,
        due: TimeSpan,
        dueBasis: RuleBasis = .law, profiles: [String] = [], translations: [String: String] = [:]
    ) {
        self.translations = translations
        self.party = party
        self.category = category
        self.description = description
        self.legalBasis = legalBasis
        self.anchor = anchor
        self.due = due
        self.dueBasis = dueBasis
        self.profiles = profiles
    }

    /// Whether the obligation binds a client in `profile` (a client without a profile gets
    /// only the obligations that bind everyone).
    package func applies(toProfile profile: String?) -> Bool {
        profiles.isEmpty || profile.map(profiles.contains) == true
    }
}

/// A group of learners the programme sets its own goals and length for (Norway by prior
/// education, France by hours band, the Netherlands by route).
package struct LearnerProfile: Hashable, Sendable {
    package var id: String
    package var name: String
    package var targets: [Skill: CEFRLevel]
    /// Overrides the programme's language hours; 0 means the law sets none for this profile.
    package var languageHours: Int?
    package var languageHoursBasis: RuleBasis
    /// The longest the programme may last for this profile, where the law sets it.
    package var duration: TimeSpan?
    /// How much longer the programme may be extended beyond `duration` (Norway: up to a year).
    package var extendableBy: TimeSpan?
    /// The hours of a one-time repeat after a failed final test, where this profile has one.
    package var repeatHours: Int?
    /// A legacy course type: from this day no new course starts in it; earlier ones run on.
    package var discontinuedFrom: Day?

    package init(
        id: String, name: String, targets: [Skill: CEFRLevel], languageHours: Int? = nil,
        languageHoursBasis: RuleBasis = .law,
        duration: TimeSpan? = nil, extendableBy: TimeSpan? = nil, repeatHours: Int? = nil, discontinuedFrom: Day? = nil
    ) {
        self.id = id
        self.name = name
        self.targets = targets
        self.languageHours = languageHours
        self.languageHoursBasis = languageHoursBasis
        self.duration = duration
        self.extendableBy = extendableBy
        self.repeatHours = repeatHours
        self.discontinuedFrom = discontinuedFrom
    }

    /// Whether a course in this profile may start on `day` (false for a discontinued course type).
    package func isOpen(forStartOn day: Day) -> Bool { discontinuedFrom.map { day < $0 } ?? true }
}

package struct CivicModule: Hashable, Sendable {
    package var id: String
    package var name: String
    /// The module's hours, when the programme sets them.
    package var hours: Int?
    /// The learner profiles that take the module; empty for all.
    package var profiles: [String]

    package init(id: String, name: String, hours: Int?, profiles: [String] = []) {
        self.id = id
        self.name = name
        self.hours = hours
        self.profiles = profiles
    }
}

/// The civic test. Some programmes publish the number of questions and the pass mark; where
/// they do not (the Dutch KNM exam), a sitting is recorded as passed or failed.
package struct CivicTestRule: Hashable, Sendable {
    package var name: String
    package var questions: Int?
    package var passMark: Int?
    /// Residence categories the law exempts from the test, in `ResidenceCategory.allCases` order.
    package var exemptResidence: [ResidenceCategory]
    /// The age from which the law exempts a person from the test.
    package var exemptFromAge: Int?

    package init(
        name: String, questions: Int?, passMark: Int?, exemptResidence: [ResidenceCategory] = [],
        exemptFromAge: Int? = nil
    ) {
        self.name = name
        self.questions = questions
        self.passMark = passMark
        self.exemptResidence = ResidenceCategory.allCases.filter(exemptResidence.contains)
        self.exemptFromAge = exemptFromAge
    }

    /// Why a person with this residence category, born on `dateOfBirth`, need not sit the test
    /// on `day`; nil when they must. The residence ground is told before the age.
    package func exemption(residence: ResidenceCategory, dateOfBirth: Day, on day: Day) -> CivicTestExemption? {
        if exemptResidence.contains(residence) { return .residence(residence) }
        if let age = exemptFromAge, let starts = ageExemptionStarts(dateOfBirth: dateOfBirth), starts <= day {
            return .age(age)
        }
        return nil
    }

    /// The first day a person born on `dateOfBirth` is exempt by age (the birthday of
    /// `exemptFromAge`; 1 March for a 29 February birthday in a common year, as ages are
    /// counted); nil when the rule has no age. The facts store this day, so that the exemption
    /// starts on it without anybody writing (`client_facts.civic_exempt_from`).
    package func ageExemptionStarts(dateOfBirth: Day) -> Day? {
        guard let age = exemptFromAge else { return nil }
        let year = dateOfBirth.year + age
        return Day(year: year, month: dateOfBirth.month, day: dateOfBirth.day) ?? Day(year: year, month: 3, day: 1)
    }
}

/// A programme's rules as imported from its file: one version of them. An enrolment and a
/// contract refer to the version they were made under.
package struct Programme: Hashable, Sendable {
    package var id: String
    package var version: Int
    /// The day these rules took effect (`valid_from` in the file); nil for a version imported
    /// before Casebook recorded it.
    package var validFrom: Day?
    package var name: String
    package var country: String
    package var languageCode: String
    /// The language hour budget; 0 means the law sets none (read it through `languageBudget`).
    package var languageHours: Int
    package var languageHoursBasis: RuleBasis
    /// The civic hour budget; 0 means the law sets none (read it through `civicBudget`).
    package var civicHours: Int
    package var civicHoursBasis: RuleBasis
    package var recognitionDecision: TimeSpan
    package var recognitionDecisionBasis: RuleBasis
    package var recognitionAcknowledgement: TimeSpan
    package var recognitionAcknowledgementBasis: RuleBasis
    /// Faster procedures beside the standard deadlines above.
    package var recognitionVariants: [RecognitionVariant]
    package var qualificationsPassportValidity: TimeSpan
    package var civicRequired: Bool
    package var civicModules: [CivicModule]
    package var civicTest: CivicTestRule?
    package var profiles: [LearnerProfile]
    package var obligations: [ObligationTemplate]
    package var admissionStops: [AdmissionStop]
    /// The programme's own retention period with its legal source (`[retention]` in the
    /// preset), which overrides the site's rule for the clients enrolled under this version.
    package var retention: ProgrammeRetention?
    /// The share in work or education the programme aims for, with its source (`[outcomes]` in
    /// the preset); nil where no national target was found.
    package var outcomeTarget: OutcomeTarget?

    package init(
        id: String, version: Int, validFrom: Day? = nil, name: String, country: String, languageCode: String,
        languageHours: Int, languageHoursBasis: RuleBasis = .law, civicHours: Int, civicHoursBasis: RuleBasis = .law,
        recognitionDecision: TimeSpan, recognitionDecisionBasis: RuleBasis = .law, recognitionAcknowledgement: TimeSpan,
        recognitionAcknowledgementBasis: RuleBasis = .law, recognitionVariants: [RecognitionVariant] = [],
        qualificationsPassportValidity: TimeSpan, civicRequired: Bool, civicModules: [CivicModule],
        civicTest: CivicTestRule?, profiles: [LearnerProfile], obligations: [ObligationTemplate],
        admissionStops: [AdmissionStop] = [], retention: ProgrammeRetention? = nil, outcomeTarget: OutcomeTarget? = nil
    ) {
        self.outcomeTarget = outcomeTarget
        self.id = id
        self.version = version
        self.validFrom = validFrom
        self.name = name
        self.country = country
        self.languageCode = languageCode
        self.languageHours = languageHours
        self.languageHoursBasis = languageHoursBasis
        self.civicHours = civicHours
        self.civicHoursBasis = civicHoursBasis
        self.recognitionDecision = recognitionDecision
        self.recognitionDecisionBasis = recognitionDecisionBasis
        self.recognitionAcknowledgement = recognitionAcknowledgement
        self.recognitionAcknowledgementBasis = recognitionAcknowledgementBasis
        self.recognitionVariants = recognitionVariants
        self.qualificationsPassportValidity = qualificationsPassportValidity
        self.civicRequired = civicRequired
        self.civicModules = civicModules
        self.civicTest = civicTest
        self.profiles = profiles
        self.obligations = obligations
        self.admissionStops = admissionStops
        self.retention = retention
    }

    package func profile(_ id: String?) -> LearnerProfile? {
        guard let id else { return nil }
        return profiles.first { $0.id == id }
    }

    /// The language hour budget of a profile (the programme's when the profile sets none), as
    /// a number. Screens show `languageBudget(profile:)`, which tells "not set by law" apart.
    package func languageHours(profile: String?) -> Int { self.profile(profile)?.languageHours ?? languageHours }

    /// The language hour budget of a profile (the programme's when the profile sets none).
    package func languageBudget(profile: String?) -> HourBudget {
        if let own = self.profile(profile), let hours = own.languageHours {
            return HourBudget(hours: hours, basis: own.languageHoursBasis)
        }
        return HourBudget(hours: languageHours, basis: languageHoursBasis)
    }

    /// The civic orientation hour budget.
    package var civicBudget: HourBudget { HourBudget(hours: civicHours, basis: civicHoursBasis) }

    /// The obligations a contract for a client in `profile` is drafted with.
    package func obligations(forProfile profile: String?) -> [ObligationTemplate] {
        obligations.filter { $0.applies(toProfile: profile) }
    }

    /// The civic modules a client in `profile` takes.
    package func civicModules(forProfile profile: String?) -> [CivicModule] {
        civicModules.filter { $0.profiles.isEmpty || profile.map($0.profiles.contains) == true }
    }

    /// The profiles a client may be enrolled in for a course starting on `day` (legacy course
    /// types drop out once discontinued).
    package func openProfiles(on day: Day) -> [LearnerProfile] { profiles.filter { $0.isOpen(forStartOn: day) } }

    /// The recognition deadlines (decision, acknowledgement) under a variant procedure, or the
    /// standard ones when `variant` is nil or not one of this programme's.
    package func recognitionDeadlines(variant: String?) -> (decision: TimeSpan, acknowledgement: TimeSpan) {
        guard let found = recognitionVariants.first(where: { $0.id == variant }) else {
            return (recognitionDecision, recognitionAcknowledgement)
        }
        return (found.decisionWithin, found.acknowledgeWithin)
    }

    /// The programme's variant procedure `id`, or nil (the standard procedure, or not one of this
    /// programme's).
    package func recognitionVariant(_ id: String?) -> RecognitionVariant? {
        guard let id else { return nil }
        return recognitionVariants.first { $0.id == id }
    }

    /// The time an obligation with these terms runs when the complete recognition file its
    /// anchor counts from is under `variant`: the authority's decision on that file is due
    /// within the variant's decision deadline (two months, not three, in Germany's accelerated
    /// procedure); every other obligation keeps `time`.
    package func due(
        anchor: Anchor?, category: ObligationCategory, party: Party, time: TimeSpan, recognitionVariant variant: String?
    ) -> TimeSpan {
        guard anchor == .recognitionComplete, category == .recognition, party != .newcomer,
            let found = recognitionVariant(variant)
        else { return time }
        return found.decisionWithin
    }

    /// The same for an obligation drafted from `template`.
    package func due(of template: ObligationTemplate, recognitionVariant variant: String?) -> TimeSpan {
        due(
            anchor: template.anchor, category: template.category, party: template.party, time: template.due,
            recognitionVariant: variant)
    }

    /// What an officer must be warned of on the enrolment of a client with `status` in
    /// `profile`: an admission stop that concerns the client, a discontinued course type.
    /// `startedOn` is the day the client's course started, nil while it has not; a stop does
    /// not reach back to a course started before it, and it concerns a course not yet started
    /// when it is in force `today`.
    package func warnings(profile: String?, status: ProgrammeStatus, startedOn: Day?, today: Day) -> [ProgrammeWarning]
    {
        let start = startedOn ?? today
        var warnings = admissionStops.filter { $0.concerns(status, on: start) }.map(ProgrammeWarning.admissionStopped)
        if let own = self.profile(profile), let since = own.discontinuedFrom, !own.isOpen(forStartOn: start) {
            warnings.append(.profileDiscontinued(profileID: own.id, since: since))
        }
        return warnings
    }

    /// A programme id: lower-case letters, digits and '-', 2 to 40 characters.
    package static func isValidID(_ id: String) -> Bool {
        (2...40).contains(id.count)
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// The share of participants in work or education a programme aims for (Norway: 70 % a year
/// after the programme), with where the figure comes from, which the dashboard shows beside it.
package struct OutcomeTarget: Hashable, Sendable {
    /// Between 0 and 1.
    package var share: Double
    package var source: String

    package init(share: Double, source: String) {
        self.share = share
        self.source = source
    }

    /// The target of figures over several programmes: theirs when they all have the same one
    /// (their sources told together when they differ), none when one has none or two differ, or
    /// when there are no programmes.
    package static func shared(by targets: [OutcomeTarget?]) -> OutcomeTarget? {
        guard let first = targets.first ?? nil else { return nil }
        var sources: [String] = []
        for target in targets {
            guard let target, target.share == first.share else { return nil }
            if !sources.contains(target.source) { sources.append(target.source) }
        }
        return OutcomeTarget(share: first.share, source: sources.joined(separator: "; "))
    }

    /// "70%".
    package var percent: String { "\(Int((share * 100).rounded()))%" }
}
