import CasebookL10n

/// Where the recognition of one foreign qualification stands (DOMAIN.md, "Recognition of
/// foreign qualifications").
package enum RecognitionStage: String, CaseIterable, Sendable, CustomStringConvertible {
    case identified
    case gatheringDocuments = "gathering_documents"
    /// No documents can be had: a qualifications passport (EQPR) or a qualification analysis instead.
    case noDocuments = "no_documents"
    case translation
    case routeChosen = "route_chosen"
    case submitted
    case acknowledged
    case incomplete
    /// The file is complete; the authority's decision clock runs.
    case underAssessment = "under_assessment"
    case fullRecognition = "full_recognition"
    case partialRecognition = "partial_recognition"
    case comparabilityStatement = "comparability_statement"
    case refused
    case appealed
    case compensation
    case compensationPassed = "compensation_passed"
    case compensationFailed = "compensation_failed"
    case licensed

    package var label: String {
        switch self {
        case .identified: return tr("Identified")
        case .gatheringDocuments: return tr("Gathering documents")
        case .noDocuments: return tr("No documents (passport/analysis)")
        case .translation: return tr("Translation")
        case .routeChosen: return tr("Route chosen")
        case .submitted: return tr("Submitted")
        case .acknowledged: return tr("Acknowledged")
        case .incomplete: return tr("Incomplete")
        case .underAssessment: return tr("Under assessment")
        case .fullRecognition: return tr("Full recognition")
        case .partialRecognition: return tr("Partial recognition")
        case .comparabilityStatement: return tr("Comparability statement")
        case .refused: return tr("Refused")
        case .appealed: return tr("Appealed")
        case .compensation: return tr("Compensation measure")
        case .compensationPassed: return tr("Compensation passed")
        case .compensationFailed: return tr("Compensation failed")
        case .licensed: return tr("Licensed")
        }
    }

    package var description: String { label }

    /// The legal next steps.
    ///
    /// Readings made explicit: a file without documents goes on with its passport or analysis
    /// (route chosen); an acknowledged file is either incomplete or complete (under assessment);
    /// a refusal or a partial recognition may be appealed, and an appeal ends in a new decision;
    /// a failed compensation measure may be chosen again.
    package var next: [RecognitionStage] {
        switch self {
        case .identified: return [.gatheringDocuments]
        case .gatheringDocuments: return [.translation, .noDocuments]
        case .noDocuments: return [.routeChosen]
        case .translation: return [.routeChosen]
        case .routeChosen: return [.submitted]
        case .submitted: return [.acknowledged]
        case .acknowledged: return [.incomplete, .underAssessment]
        case .incomplete: return [.acknowledged, .underAssessment]
        case .underAssessment: return [.fullRecognition, .partialRecognition, .comparabilityStatement, .refused]
        case .fullRecognition: return [.licensed]
        case .partialRecognition: return [.compensation, .appealed]
        case .refused: return [.appealed]
        case .appealed: return [.fullRecognition, .partialRecognition, .refused]
        case .compensation: return [.compensationPassed, .compensationFailed]
        case .compensationFailed: return [.compensation]
        case .compensationPassed: return [.licensed]
        case .comparabilityStatement, .licensed: return []
        }
    }

    package func canMove(to stage: RecognitionStage) -> Bool { next.contains(stage) }

    /// True for the decisions the authority owes within the deadline.
    package var isDecision: Bool {
        [.fullRecognition, .partialRecognition, .comparabilityStatement, .refused].contains(self)
    }

    /// True while the authority's decision clock runs.
    package var awaitsDecision: Bool { self == .underAssessment }
}

/// The route a recognition file takes.
package enum RecognitionRoute: String, CaseIterable, Sendable {
    /// Academic recognition through the ENIC-NARIC centre.
    case academic
    case regulatedProfession = "regulated_profession"
    case nonRegulated = "non_regulated"
}

/// The compensation measure after a partial recognition, chosen by the applicant
/// (Directive 2005/36/EC, art. 14).
package enum CompensationKind: String, CaseIterable, Sendable {
    case adaptationPeriod = "adaptation_period"
    case aptitudeTest = "aptitude_test"

    /// An adaptation period lasts at most three years (art. 3(1)(g)).
    package static let longestAdaptation = TimeSpan(3, .years)
}

/// A foreign qualification and where its recognition stands.
package struct Qualification: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var title: String
    package var field: String
    package var country: String
    package var institution: String
    package var year: Int
    /// ISCED 2011 level, 0 (early childhood) to 8 (doctorate).
    package var iscedLevel: Int
    package var hasDocuments: Bool
    package var isRegulatedProfession: Bool
    package var stage: RecognitionStage
    package var stageSince: Day
    package var route: RecognitionRoute?
    /// The day the file became complete: the decision clock starts here.
    package var completeOn: Day?
    /// The authority's decision deadline, computed from `completeOn` under the programme's rule.
    package var decisionDue: Day?
    package var decidedOn: Day?
    package var passportIssuedOn: Day?
    package var passportExpiresOn: Day?
    package var compensation: CompensationKind?
    package var compensationStart: Day?
    package var compensationEnd: Day?
    /// The programme's variant procedure the file runs under (Germany's accelerated skilled-worker
    /// procedure, § 81a AufenthG); nil for the standard procedure. Its deadlines are the file's.
    package var variant: String?
    package var version: Int

    package init(
        id: Int64 = 0, clientID: Int64, title: String, field: String, country: String, institution: String, year: Int,
        iscedLevel: Int, hasDocuments: Bool, isRegulatedProfession: Bool, stage: RecognitionStage = .identified,
        stageSince: Day, route: RecognitionRoute? = nil, completeOn: Day? = nil, decisionDue: Day? = nil,
        decidedOn: Day? = nil, passportIssuedOn: Day? = nil, passportExpiresOn: Day? = nil,
        compensation: CompensationKind? = nil, compensationStart: Day? = nil, compensationEnd: Day? = nil,
        variant: String? = nil,
        version: Int = 1
    ) {
        self.id = id
        self.clientID = clientID
        self.title = title
        self.field = field
        self.country = country
        self.institution = institution
        self.year = year
        self.iscedLevel = iscedLevel
        self.hasDocuments = hasDocuments
        self.isRegulatedProfession = isRegulatedProfession
        self.stage = stage
        self.stageSince = stageSince
        self.route = route
        self.completeOn = completeOn
        self.decisionDue = decisionDue
        self.decidedOn = decidedOn
        self.passportIssuedOn = passportIssuedOn
        self.passportExpiresOn = passportExpiresOn
        self.compensation = compensation
        self.compensationStart = compensationStart
        self.compensationEnd = compensationEnd
        self.variant = variant
        self.version = version
    }

    /// The deadlines of this file's procedure under `programme` (its variant's, or the standard
    /// ones). Without a programme the decision is due within the Lisbon norm's four months and no
    /// acknowledgement deadline is known.
    package func deadlines(under programme: Programme?) -> (decision: TimeSpan, acknowledgement: TimeSpan?) {
        guard let programme else { return (Qualification.lisbonDecision, nil) }
        let rules = programme.recognitionDeadlines(variant: variant)
        return (rules.decision, rules.acknowledgement)
    }

    /// The decision deadline where no programme sets one: four months, as the Lisbon Recognition
    /// Convention's subsidiary text recommends (a norm, not national law).
    package static let lisbonDecision = TimeSpan(4, .months)

    /// The day the authority owes its acknowledgement of a submitted file under `rule`; nil
    /// once the file has moved on from Submitted.
    package func acknowledgementDue(rule: TimeSpan) -> Day? {
        stage == .submitted ? rule.after(stageSince) : nil
    }

    /// True when the authority owes its acknowledgement of this submitted file and the day it
    /// was due under `rule` (the acknowledgement deadline of the file's procedure) has passed:
    /// the authority's overdue item. `RuleSQL.acknowledgementLate` says the same in SQL.
    package func isAcknowledgementLate(today: Day, rule: TimeSpan?) -> Bool {
        guard let rule, let due = acknowledgementDue(rule: rule) else { return false }
        return due < today
    }

    /// The decision deadline for a file complete on `day` under a programme's rule.
    package static func decisionDeadline(completeOn day: Day, rule: TimeSpan) -> Day { rule.after(day) }

    /// True when the authority has not decided and its deadline has passed.
    package func isOverdue(today: Day) -> Bool {
        guard stage.awaitsDecision, let due = decisionDue else { return false }
        return due < today
    }

    /// Days until the decision deadline (negative when overdue); nil when no clock runs.
    package func daysToDecision(today: Day) -> Int? {
        guard stage.awaitsDecision, let due = decisionDue else { return nil }
        return today.days(until: due)
    }

    /// True when the decision came within the deadline.
    package var decidedInTime: Bool? {
        guard let decided = decidedOn, let due = decisionDue else { return nil }
        return decided <= due
    }
}

package enum RecognitionError: Error, Equatable, CustomStringConvertible {
    case illegal(from: RecognitionStage, to: RecognitionStage)

    package var description: String {
        switch self {
        case .illegal(let from, let to):
            let stages = ["from": from.label, "to": to.label, "next": listing(from.next.map(\.label))]
            if from.next.isEmpty {
                return tr("A recognition file cannot move from {from} to {to}: {from} is final.", stages)
            }
            return tr("A recognition file cannot move from {from} to {to}; from {from} it can move to {next}.", stages)
        }
    }
}
