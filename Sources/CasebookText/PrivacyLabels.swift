import CasebookCore
import CasebookL10n

extension RetentionRule {
    /// The rule's short name in the dry run's Rule column: "site" or the programme's id.
    package var label: String {
        switch origin {
        case .site: tr("site")
        case .programme(let id, _): id
        }
    }
}
