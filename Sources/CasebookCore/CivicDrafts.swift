import CasebookL10n

/// Whether a client must take civic orientation; an exemption with its reason.
package struct CivicRequirementDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case requirement, reason

        package var characterLimit: Int? { self == .reason ? 300 : nil }
    }

    package var requirement: CivicRequirement?
    package var reason: String

    package init(_ requirement: CivicRequirement? = nil, reason: String = "") {
        self.requirement = requirement
        self.reason = reason
    }

    package var requiredFields: Set<Field> { requirement == .exempt ? [.requirement, .reason] : [.requirement] }

    package struct Valid: Sendable {
        package let requirement: CivicRequirement
        /// The reason of an exemption; empty otherwise.
        package let reason: String
    }

    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> Valid {
        var issues = FieldIssues<Field>()
        let requirement = issues.require(requirement, .requirement, tr("Choose required, exempt or not required."))
        let reason = issues.text(
            reason, .reason,
            required: requirement == .exempt
                ? "An exemption needs its reason (for example: already holds the certificate, health)." : nil)
        guard let requirement, issues.isEmpty else { throw issues.failure }
        return Valid(requirement: requirement, reason: requirement == .exempt ? reason : "")
    }
}

/// A civic orientation session (or a week's block of sessions) a client attended.
package struct CivicSessionDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case module, date, hours, language
    }

    package var module: String?
    package var date: Day?
    package var hours: Double?
    /// ISO 639 code of the language it was taught in.
    package var language: String?

    package init(module: String? = nil, date: Day? = nil, hours: Double? = nil, language: String? = nil) {
        self.module = module
        self.date = date
        self.hours = hours
        self.language = language
    }

    package var requiredFields: Set<Field> { Set(Field.allCases) }

    /// The hours one entry may record.
    package static let sessionHours = 0.5...40.0

    /// The session, checked against the modules of `programme` (the client's, when enrolled).
    @discardableResult
    package func validated(clientID: Int64, programme: Programme?, today: Day) throws(ValidationFailure<Field>)
        -> CivicSession
    {
        var issues = FieldIssues<Field>()
        if let module = issues.require(module, .module), let programme,
            !programme.civicModules.contains(where: { $0.id == module })
        {
            issues.add(
                .module,
                "\(programme.name) has no module \"\(Sanitized.inline(module, limit: 40))\"; use "
                    + listing(programme.civicModules.map(\.id)) + ".")
        }
        let date = issues.pastDay(date, .date, today: today)
        if let hours = issues.require(hours, .hours), !CivicSessionDraft.sessionHours.contains(hours) {
            issues.add(.hours, tr("From 0.5 to 40 hours."))
        }
        if let language = issues.require(language, .language), !Languages.isKnown(language) {
            issues.add(
                .language,
                tr("\"{code}\" is not an ISO 639 language code.", ["code": Sanitized.inline(language, limit: 12)]))
        }
        guard let module, let date, let hours, let language, issues.isEmpty else { throw issues.failure }
        return CivicSession(clientID: clientID, moduleID: module, date: date, hours: hours, language: language)
    }
}

/// A sitting of the programme's civic test: a score where the test is scored, else passed or failed.
package struct CivicTestDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case date, score, passed
    }

    package var date: Day?
    package var score: Int?
    package var passed: Bool?

    package init(date: Day? = nil, score: Int? = nil, passed: Bool? = nil) {
        self.date = date
        self.score = score
        self.passed = passed
    }

    /// A test has a score or a result, and its form shows the one it has.
    package var requiredFields: Set<Field> { Set(Field.allCases) }

    /// The sitting under `rule`: a scored test passes at its pass mark.
    @discardableResult
    package func validated(clientID: Int64, rule: CivicTestRule, today: Day) throws(ValidationFailure<Field>)
        -> CivicTestResult
    {
        var issues = FieldIssues<Field>()
        let date = issues.pastDay(date, .date, today: today)
        if let questions = rule.questions, let passMark = rule.passMark {
            if let score = issues.require(score, .score, tr("The number of correct answers.")),
                !(0...questions).contains(score)
            {
                issues.add(
                    .score,
                    tr(
                        "Between 0 and {questions} (the test has {questions} questions).",
                        ["questions": String(questions)]))
            }
            guard let date, let score, issues.isEmpty else { throw issues.failure }
            return CivicTestResult(clientID: clientID, date: date, score: score, passMark: passMark)
        }
        let passed = issues.require(passed, .passed, tr("Passed or failed?"))
        guard let date, let passed, issues.isEmpty else { throw issues.failure }
        return CivicTestResult(clientID: clientID, date: date, score: nil, passMark: nil, passed: passed)
    }
}

/// The attestation that a client completed the civic course.
package struct AttestationDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case date
    }

    package var date: Day?

    package init(on date: Day? = nil) { self.date = date }

    package var requiredFields: Set<Field> { [.date] }

    @discardableResult
    package func validated(today: Day) throws(ValidationFailure<Field>) -> Day {
        var issues = FieldIssues<Field>()
        guard let date = issues.pastDay(date, .date, today: today), issues.isEmpty else { throw issues.failure }
        return date
    }
}
