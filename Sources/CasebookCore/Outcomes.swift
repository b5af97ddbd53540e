import CasebookL10n

/// When a client's main activity is recorded: when the case closes, and twelve months later.
package enum OutcomeStage: String, CaseIterable, Sendable {
    case exit
    case followUp = "follow_up"
}

/// What a former client mainly does: the exit reasons, and (at the follow-up only) that the
/// person could not be reached.
package enum MainActivity: String, CaseIterable, Sendable {
    case work, education, both, neither, moved, other
    case notReached = "not_reached"

    package init(_ reason: ExitReason) {
        switch reason {
        case .work: self = .work
        case .education: self = .education
        case .both: self = .both
        case .neither: self = .neither
        case .moved: self = .moved
        case .other: self = .other
        }
    }

    /// Counts towards the share in work or education (the programmes' exit target).
    package var isWorkOrEducation: Bool { self == .work || self == .education || self == .both }

    package var isWork: Bool { self == .work || self == .both }

    /// Counts in the share in work or education: as with the exit reasons, a move away, another
    /// reason and a person not reached say nothing of the programme's outcome and are left out.
    package var countsAsOutcome: Bool { isWorkOrEducation || self == .neither }
}

package enum WorkTime: String, CaseIterable, Sendable {
    case full, part
}

/// A main activity recorded at exit or at the follow-up.
package struct Outcome: Hashable, Sendable {
    package var clientID: Int64
    package var stage: OutcomeStage
    package var recordedOn: Day
    package var activity: MainActivity
    package var workTime: WorkTime?
    /// ISCO-08 major group of the work, where known.
    package var iscoMajor: String?

    package init(
        clientID: Int64, stage: OutcomeStage, recordedOn: Day, activity: MainActivity, workTime: WorkTime?,
        iscoMajor: String?
    ) {
        self.clientID = clientID
        self.stage = stage
        self.recordedOn = recordedOn
        self.activity = activity
        self.workTime = workTime
        self.iscoMajor = iscoMajor
    }

    /// The follow-up comes twelve months after the exit (the EU's common indicators and Norway's
    /// IMDi figures count the status a year after the programme).
    package static let followUpAfter = TimeSpan(12, .months)

    package static func followUpDue(exitOn: Day) -> Day { followUpAfter.after(exitOn) }

    /// How long My day keeps reminding of a follow-up not recorded: three months from the day it
    /// is due, the time an officer has to reach someone who left the programme.
    package static let reminderLasts = TimeSpan(3, .months)

    /// Whether My day reminds of the follow-up of an exit on `exitOn`: from a week before it is
    /// due until the reminder lapses.
    package static func remindsOfFollowUp(exitOn: Day, today: Day) -> Bool {
        let due = followUpDue(exitOn: exitOn)
        return today >= due.adding(days: -WorkItem.outcomeNoticeDays) && today <= reminderLasts.after(due)
    }
}

package struct OutcomeDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case recordedOn = "recorded_on"
        case activity
        case workTime = "work_time"
        case iscoMajor = "isco_major"
    }

    package var recordedOn: Day?
    package var activity: MainActivity?
    package var workTime: WorkTime?
    package var iscoMajor: String?

    package init(
        recordedOn: Day? = nil, activity: MainActivity? = nil, workTime: WorkTime? = nil, iscoMajor: String? = nil
    ) {
        self.recordedOn = recordedOn
        self.activity = activity
        self.workTime = workTime
        self.iscoMajor = iscoMajor
    }

    package var requiredFields: Set<Field> {
        activity?.isWork == true ? [.recordedOn, .activity, .workTime] : [.recordedOn, .activity]
    }

    /// The outcome at `stage` of a case that exited on `exitOn`: a follow-up is recorded from
    /// the day it is due, and only then may the person be unreachable.
    @discardableResult
    package func validated(clientID: Int64, stage: OutcomeStage, exitOn: Day, today: Day)
        throws(ValidationFailure<Field>) -> Outcome
    {
        var issues = FieldIssues<Field>()
        if let day = issues.pastDay(recordedOn, .recordedOn, today: today) {
            let earliest = stage == .exit ? exitOn : Outcome.followUpDue(exitOn: exitOn)
            if day < earliest {
                issues.add(
                    .recordedOn,
                    stage == .exit
                        ? tr(
                            "Before the exit on {day}; the outcome at exit is recorded from then.", ["day": exitOn.iso])
                        : tr(
                            "The follow-up is due on {day}, twelve months after the exit; record it from then.",
                            [
                                "day": earliest.iso
                            ]))
            }
        }
        if let activity = issues.require(activity, .activity, tr("Choose the main activity.")) {
            if activity == .notReached, stage == .exit {
                issues.add(.activity, tr("At exit the main activity is known; choose it."))
            }
            if activity.isWork {
                _ = issues.require(workTime, .workTime, tr("Full-time or part-time?"))
            } else if workTime != nil {
                issues.add(.workTime, tr("Only work is full-time or part-time; leave it empty."))
            }
            if let major = iscoMajor {
                if !activity.isWork {
                    issues.add(.iscoMajor, tr("An occupation only goes with work; leave it empty."))
                } else if major.count != 1 || !ISCO08.isKnown(major) {
                    issues.add(.iscoMajor, tr("Choose an ISCO-08 major group from the list."))
                }
            }
        }
        guard let recordedOn, let activity, issues.isEmpty else { throw issues.failure }
        return Outcome(
            clientID: clientID, stage: stage, recordedOn: recordedOn, activity: activity, workTime: workTime,
            iscoMajor: iscoMajor)
    }
}
