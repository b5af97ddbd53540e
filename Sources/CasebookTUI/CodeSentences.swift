import CasebookCore
import CasebookL10n
import CasebookText

// Messages that say a code inside a sentence: one whole message per code, so that a translator
// writes each sentence with its own word order, case and capitals (German nouns keep theirs),
// instead of a label lowercased and spliced in at run time.

extension Skill {
    /// The dashboard's line for the share at or above target in this skill.
    var atOrAboveTarget: String {
        switch self {
        case .listening: return tr("At or above target in listening")
        case .reading: return tr("At or above target in reading")
        case .spokenInteraction: return tr("At or above target in spoken interaction")
        case .spokenProduction: return tr("At or above target in spoken production")
        case .writing: return tr("At or above target in writing")
        case .mediation: return tr("At or above target in mediation")
        }
    }

    /// The status line after an assessment of this one skill was saved.
    func recorded(level: String) -> String {
        switch self {
        case .listening: return tr("Recorded {level} in listening.", ["level": level])
        case .reading: return tr("Recorded {level} in reading.", ["level": level])
        case .spokenInteraction: return tr("Recorded {level} in spoken interaction.", ["level": level])
        case .spokenProduction: return tr("Recorded {level} in spoken production.", ["level": level])
        case .writing: return tr("Recorded {level} in writing.", ["level": level])
        case .mediation: return tr("Recorded {level} in mediation.", ["level": level])
        }
    }
}

extension ExitReason {
    /// The dashboard's legend for the exits for this reason.
    var exitLegend: String {
        // TRANSLATORS: a legend of the dashboard's exits, by reason.
        switch self {
        case .work: return tr("Exit: work")
        case .education: return tr("Exit: education")
        case .both: return tr("Exit: work and education")
        case .neither: return tr("Exit: neither work nor education")
        case .moved: return tr("Exit: moved away")
        case .other: return tr("Exit: other")
        }
    }
}

extension ContractStatus {
    /// Why a version in this status is not signed; nil for a draft or an amendment, which are.
    var notSignable: String? {
        switch self {
        case .draft, .amending: return nil
        case .active: return tr("This version is in force; only a draft or an amendment is signed.")
        case .ended: return tr("This version has ended; only a draft or an amendment is signed.")
        }
    }
}

extension CivicRequirement {
    /// The status line after the requirement was set.
    var saved: String {
        switch self {
        case .notRequired: return tr("Civic orientation: not required.")
        case .exempt: return tr("Civic orientation: exempt.")
        case .required: return tr("Civic orientation: required.")
        }
    }
}

extension AbsenceKind {
    /// Hours missed for this reason, in the attendance line ("sick 4.0 h").
    func missed(hours: String) -> String {
        // TRANSLATORS: hours missed for one reason, listed after "missed:" on the Language tab.
        switch self {
        case .sick: return tr("sick {hours} h", ["hours": hours])
        case .childSick: return tr("child sick {hours} h", ["hours": hours])
        case .approvedLeave: return tr("approved leave {hours} h", ["hours": hours])
        case .unexcused: return tr("unexcused {hours} h", ["hours": hours])
        }
    }
}

extension WorkTime {
    /// A main activity with its working time ("In work, full-time").
    func with(activity: String) -> String {
        switch self {
        case .full: return tr("{activity}, full-time", ["activity": activity])
        case .part: return tr("{activity}, part-time", ["activity": activity])
        }
    }
}
