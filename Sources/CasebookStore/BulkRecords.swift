import CasebookCore

/// One step of a case's past, for loading generated or imported histories.
package struct PhaseStep: Sendable {
    package var from: CasePhase?
    package var to: CasePhase
    package var on: Day
    package var exitReason: ExitReason?

    package init(from: CasePhase?, to: CasePhase, on: Day, exitReason: ExitReason? = nil) {
        self.from = from
        self.to = to
        self.on = on
        self.exitReason = exitReason
    }
}

/// A recognition file with every stage it went through, from `identified` to its current one.
package struct RecognitionFile: Sendable {
    package var qualification: Qualification
    package var steps: [(stage: RecognitionStage, on: Day)]

    package init(qualification: Qualification, steps: [(stage: RecognitionStage, on: Day)]) {
        self.qualification = qualification
        self.steps = steps
    }
}

/// A contract for bulk loading: the contract as it stands, its obligations, and the earlier
/// versions' obligations (by version number).
package struct ContractRecord: Sendable {
    package var contract: Contract
    package var draftedOn: Day
    package var obligations: [Obligation]
    package var earlier: [Int: [Obligation]]

    package init(contract: Contract, draftedOn: Day, obligations: [Obligation], earlier: [Int: [Obligation]] = [:]) {
        self.contract = contract
        self.draftedOn = draftedOn
        self.obligations = obligations
        self.earlier = earlier
    }
}

/// Everything the programme tracks hold for one client, for bulk loading.
package struct TrackRecords: Sendable {
    package var contract: ContractRecord?
    package var notes: [CaseNote] = []
    package var assessments: [LanguageAssessment] = []
    package var courses: [(course: CourseEnrolment, attendance: [AttendanceEntry])] = []
    package var recognition: [RecognitionFile] = []
    /// Civic orientation's requirement; the exemption's reason and the attestation are stored
    /// with it, so an attestation needs one.
    package var civicRequirement: CivicRequirement?
    package var civicExemptReason = ""
    package var civicAttestedOn: Day?
    package var civicSessions: [CivicSession] = []
    package var civicTests: [CivicTestResult] = []
    /// The intake mapping (its `mappedBy` is the one who did it; 0 for the loader's actor) and
    /// the work experience it lists.
    package var intake: IntakeMapping?
    package var workExperience: [WorkExperience] = []
    /// Participation activities; a partner is an id of `partner_organisations`.
    package var participation: [ParticipationActivity] = []
    /// The main activity at exit and at the twelve-month follow-up.
    package var outcomes: [Outcome] = []

    package init() {}
}
