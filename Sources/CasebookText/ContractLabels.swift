import CasebookCore
import CasebookL10n

extension ObligationStatus {
    package var label: String {
        switch self {
        case .pending: return tr("Pending")
        case .met: return tr("Met")
        case .waived: return tr("Waived")
        case .breached: return tr("Breached")
        }
    }
}

extension Party {
    package var label: String {
        switch self {
        case .newcomer: return tr("Newcomer")
        case .authority: return tr("Authority")
        case .provider: return tr("Provider")
        }
    }
}

extension ObligationCategory {
    /// The category's short name, for the Contract tab's columns and pick lists.
    package var label: String {
        switch self {
        case .language: return tr("Language")
        case .civic: return tr("Civic")
        case .employment: return tr("Employment")
        case .recognition: return tr("Recognition")
        case .meeting: return tr("Meeting")
        case .childcare: return tr("Childcare")
        case .interpreter: return tr("Interpreter")
        case .housing: return tr("Housing")
        case .other: return tr("Other")
        case .mapping: return tr("Mapping")
        }
    }
}

extension ObligationCategory {
    /// The category's full name, for the printed contract ("Civic orientation" where the
    /// screens say "Civic").
    package var printedName: String {
        switch self {
        case .civic: return tr("Civic orientation")
        default: return label
        }
    }
}
