import CasebookL10n

/// A move of a case to one of its next phases, as the phase form holds it.
package struct PhaseChangeDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case target = "to"
        case effectiveOn = "effective_on"
        case exitReason = "exit_reason"
        case note

        package var characterLimit: Int? { self == .note ? 500 : nil }
    }

    package var target: CasePhase?
    package var effectiveOn: Day?
    package var exitReason: ExitReason?
    package var note: String

    package init(
        to target: CasePhase? = nil, on effectiveOn: Day? = nil, exitReason: ExitReason? = nil, note: String = ""
    ) {
        self.target = target
        self.effectiveOn = effectiveOn
        self.exitReason = exitReason
        self.note = note
    }

    package var requiredFields: Set<Field> { [.target, .effectiveOn] }

    /// The move as checked: legal from `current`, dated today or earlier, with an exit reason
    /// exactly when the case closes.
    package struct Valid: Sendable {
        package let target: CasePhase
        package let effectiveOn: Day
        package let exitReason: ExitReason?
        package let note: String
    }

    @discardableResult
    package func validated(from current: CasePhase, today: Day) throws(ValidationFailure<Field>) -> Valid {
        var issues = FieldIssues<Field>()
        if let target, !current.canMove(to: target) {
            issues.add(.target, PhaseError.illegal(from: current, to: target).description)
        }
        let choices =
            current.next.isEmpty
            ? tr("{phase} is final; the case moves no further.", ["phase": current.label])
            : tr("Choose one of {choices}.", ["choices": listing(current.next.map(\.label))])
        let target = issues.require(target, .target, choices)
        let day = issues.pastDay(
            effectiveOn, .effectiveOn, today: today, tr("A phase change cannot lie in the future."))
        if target == .closed, exitReason == nil { issues.add(.exitReason, tr("Closing needs an exit reason.")) }
        if let target, target != .closed, exitReason != nil {
            issues.add(.exitReason, tr("Only closing takes an exit reason; clear it."))
        }
        let note = issues.text(note, .note)
        guard let target, let day, issues.isEmpty else { throw issues.failure }
        return Valid(target: target, effectiveOn: day, exitReason: exitReason, note: note)
    }
}

/// A programme version and one of its learner profiles: what a client is enrolled in.
package struct ProgrammeChoice: Hashable, Sendable {
    package var programmeID: String
    package var version: Int
    package var profile: String

    package init(_ programmeID: String, version: Int, profile: String) {
        self.programmeID = programmeID
        self.version = version
        self.profile = profile
    }
}

/// The programme and profile a client is enrolled in, as the enrolment form holds it.
package struct EnrolmentDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case programme
    }

    package var programme: ProgrammeChoice?

    package init(_ programme: ProgrammeChoice? = nil) { self.programme = programme }

    package var requiredFields: Set<Field> { [.programme] }

    /// The choice as checked against `available`, the programme as imported (nil when the
    /// version chosen is not imported).
    @discardableResult
    package func validated(available: Programme?) throws(ValidationFailure<Field>) -> ProgrammeChoice {
        var issues = FieldIssues<Field>()
        if let choice = issues.require(programme, .programme, tr("Choose a programme and profile.")) {
            if let programme = available {
                if programme.profile(choice.profile) == nil {
                    issues.add(
                        .programme,
                        tr(
                            "{programme} has no profile \"{profile}\"; use {profiles}.",
                            [
                                "programme": programme.name, "profile": Sanitized.inline(choice.profile, limit: 40),
                                "profiles": listing(programme.profiles.map(\.id)),
                            ]))
                }
            } else {
                issues.add(
                    .programme,
                    tr(
                        "Version {version} of \"{programme}\" is not imported; choose one from the list.",
                        [
                            "version": String(choice.version),
                            "programme": Sanitized.inline(choice.programmeID, limit: 40),
                        ]))
            }
        }
        guard let programme, issues.isEmpty else { throw issues.failure }
        return programme
    }
}
