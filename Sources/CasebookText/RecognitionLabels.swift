import CasebookCore
import CasebookL10n

extension RecognitionRoute {
    package var label: String {
        switch self {
        case .academic: return tr("Academic (ENIC-NARIC)")
        case .regulatedProfession: return tr("Regulated profession")
        case .nonRegulated: return tr("Non-regulated")
        }
    }
}

extension CompensationKind {
    package var label: String { self == .adaptationPeriod ? tr("Adaptation period") : tr("Aptitude test") }
}
