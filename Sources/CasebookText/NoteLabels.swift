import CasebookCore
import CasebookL10n

extension ContactType {
    package var label: String {
        switch self {
        case .meeting: return tr("Meeting")
        case .phone: return tr("Phone")
        case .homeVisit: return tr("Home visit")
        case .letter: return tr("Letter")
        case .email: return tr("Email")
        }
    }
}
