import CasebookCore
import CasebookL10n

extension Skill {
    package var label: String {
        switch self {
        case .listening: return tr("Listening")
        case .reading: return tr("Reading")
        case .spokenInteraction: return tr("Spoken interaction")
        case .spokenProduction: return tr("Spoken production")
        case .writing: return tr("Writing")
        case .mediation: return tr("Mediation")
        }
    }
}

extension AbsenceKind {
    package var label: String {
        switch self {
        case .sick: return tr("Sick")
        case .childSick: return tr("Child sick")
        case .approvedLeave: return tr("Approved leave")
        case .unexcused: return tr("Unexcused")
        }
    }
}
