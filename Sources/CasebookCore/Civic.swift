/// Whether a client must take civic orientation.
package enum CivicRequirement: String, CaseIterable, Sendable {
    case notRequired = "not_required"
    /// Exempt, with the reason recorded.
    case exempt
    case required
}

/// A civic orientation session the client attended.
package struct CivicSession: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var moduleID: String
    package var date: Day
    package var hours: Double
    /// ISO 639 code of the language the session was taught in.
    package var language: String

    package init(id: Int64 = 0, clientID: Int64, moduleID: String, date: Day, hours: Double, language: String) {
        self.id = id
        self.clientID = clientID
        self.moduleID = moduleID
        self.date = date
        self.hours = hours
        self.language = language
    }
}

/// One sitting of the civic test.
package struct CivicTestResult: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var date: Day
    /// Correct answers, where the test is scored.
    package var score: Int?
    /// The pass mark in force (from the programme) when the test was sat.
    package var passMark: Int?
    package var passed: Bool

    /// A scored sitting: passed when the score reaches the pass mark.
    package init(id: Int64 = 0, clientID: Int64, date: Day, score: Int, passMark: Int) {
        self.init(id: id, clientID: clientID, date: date, score: score, passMark: passMark, passed: score >= passMark)
    }

    package init(id: Int64 = 0, clientID: Int64, date: Day, score: Int?, passMark: Int?, passed: Bool) {
        self.id = id
        self.clientID = clientID
        self.date = date
        self.score = score
        self.passMark = passMark
        self.passed = passed
    }
}

/// The state of a client's civic orientation, derived from what was recorded.
package enum CivicStage: String, Sendable {
    case notRequired = "not_required"
    case exempt
    case required
    case inSessions = "in_sessions"
    case attested
    case failed
    case passed
}

/// A client's civic orientation against the programme's modules.
package struct CivicProgress: Hashable, Sendable {
    package var requirement: CivicRequirement
    package var exemptReason: String
    package var attestedOn: Day?
    package var hoursByModule: [String: Double]
    package var tests: [CivicTestResult]
    /// The exemption the programme's own rule gives on the day read (France: international
    /// protection, 65 or more), from the client's residence and date of birth; never typed. It
    /// makes a required client exempt; an officer's "not required" or exemption stays as recorded.
    package var presetExemption: CivicTestExemption?

    package init(
        requirement: CivicRequirement, exemptReason: String = "", attestedOn: Day?, sessions: [CivicSession],
        tests: [CivicTestResult], presetExemption: CivicTestExemption? = nil
    ) {
        self.requirement = requirement
        self.presetExemption = presetExemption
        self.exemptReason = exemptReason
        self.attestedOn = attestedOn
        var hours: [String: Double] = [:]
        for session in sessions { hours[session.moduleID, default: 0] += session.hours }
        hoursByModule = hours
        self.tests = tests.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// Where it stands: the latest test decides once there is one.
    package var stage: CivicStage {
        switch requirement {
        case .notRequired: return .notRequired
        case .exempt: return .exempt
        case .required:
            if presetExemption != nil { return .exempt }
            if let last = tests.last { return last.passed ? .passed : .failed }
            if attestedOn != nil { return .attested }
            return hoursByModule.isEmpty ? .required : .inSessions
        }
    }

    /// Whether the dashboard counts the client in the civic figure's denominator: required and
    /// not exempt by the programme's rule (`client_facts.civic_required` and `civic_exempt_from`).
    package var isCounted: Bool { requirement == .required && presetExemption == nil }

    /// Attended hours over the module's hours, capped at 1; nil when the programme sets no hours.
    package func completion(of module: CivicModule) -> Double? {
        guard let hours = module.hours, hours > 0 else { return nil }
        return min(1, (hoursByModule[module.id] ?? 0) / Double(hours))
    }

    /// True when the civic part is done: not required, exempt, passed, or attested where the
    /// programme has no test.
    package func isComplete(hasTest: Bool) -> Bool {
        switch stage {
        case .notRequired, .exempt, .passed: return true
        case .attested: return !hasTest
        default: return false
        }
    }
}
