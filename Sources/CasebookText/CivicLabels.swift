import CasebookCore
import CasebookL10n

extension CivicRequirement {
    package var label: String {
        switch self {
        case .notRequired: return tr("Not required")
        case .exempt: return tr("Exempt")
        case .required: return tr("Required")
        }
    }
}

extension CivicStage {
    package var label: String {
        switch self {
        case .notRequired: return tr("Not required")
        case .exempt: return tr("Exempt")
        case .required: return tr("Required, not started")
        case .inSessions: return tr("Attending sessions")
        case .attested: return tr("Attested")
        case .failed: return tr("Test failed (retake)")
        case .passed: return tr("Test passed")
        }
    }
}
