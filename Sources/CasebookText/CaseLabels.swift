import CasebookCore
import CasebookL10n

extension ExitReason: CustomStringConvertible {
    package var label: String {
        switch self {
        case .work: return tr("Work")
        case .education: return tr("Education")
        case .both: return tr("Work and education")
        case .neither: return tr("Neither work nor education")
        case .moved: return tr("Moved away")
        case .other: return tr("Other")
        }
    }

    package var description: String { label }
}
