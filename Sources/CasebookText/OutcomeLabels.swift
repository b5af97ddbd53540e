import CasebookCore
import CasebookL10n

extension OutcomeStage {
    package var label: String {
        switch self {
        case .exit: return tr("At exit")
        case .followUp: return tr("Twelve months after exit")
        }
    }
}

extension MainActivity {
    package var label: String {
        switch self {
        case .work: return tr("Work")
        case .education: return tr("Education")
        case .both: return tr("Work and education")
        case .neither: return tr("Neither work nor education")
        case .moved: return tr("Moved away")
        case .other: return tr("Other")
        case .notReached: return tr("Could not be reached")
        }
    }
}

extension WorkTime {
    package var label: String { self == .full ? tr("Full-time") : tr("Part-time") }
}
