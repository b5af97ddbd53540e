import CasebookCore
import CasebookL10n

extension Literacy {
    package var label: String {
        switch self {
        case .notLiterate: return tr("Cannot read or write")
        case .basic: return tr("Basic: words and short familiar texts")
        case .functional: return tr("Functional: everyday texts")
        }
    }
}

extension DigitalSkills {
    package var label: String {
        switch self {
        case .noSkills: return tr("None")
        case .basic: return tr("Basic: calls and messages on a phone")
        case .everyday: return tr("Everyday: e-mail, online forms, public services")
        case .advanced: return tr("Advanced: office software or work with computers")
        }
    }
}

extension DrivingLicence {
    package var label: String {
        switch self {
        case .noLicence: return tr("None")
        case .foreign: return tr("Foreign licence (may need exchanging)")
        case .valid: return tr("Valid here")
        }
    }
}

extension ISCEDLevel {
    package var label: String {
        let name: String
        switch self {
        case .earlyChildhood: name = tr("Early childhood education")
        case .primary: name = tr("Primary education")
        case .lowerSecondary: name = tr("Lower secondary education")
        case .upperSecondary: name = tr("Upper secondary education")
        case .postSecondaryNonTertiary: name = tr("Post-secondary non-tertiary education")
        case .shortCycleTertiary: name = tr("Short-cycle tertiary education")
        case .bachelor: name = tr("Bachelor's or equivalent level")
        case .master: name = tr("Master's or equivalent level")
        case .doctoral: name = tr("Doctoral or equivalent level")
        }
        return tr("ISCED {level} {name}", ["level": String(rawValue), "name": name])
    }
}
