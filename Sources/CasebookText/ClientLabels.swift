import CasebookCore
import CasebookL10n

extension Sex {
    package var label: String {
        switch self {
        case .female: return tr("Female")
        case .male: return tr("Male")
        case .other: return tr("X (other)")
        case .unknown: return tr("Unknown")
        }
    }
}

extension ResidenceCategory {
    package var label: String {
        switch self {
        case .refugee: return tr("Refugee")
        case .subsidiaryProtection: return tr("Subsidiary protection")
        case .temporaryProtection: return tr("Temporary protection")
        case .humanitarian: return tr("Humanitarian grounds")
        case .familyReunification: return tr("Family reunification")
        case .labourMigrant: return tr("Labour migrant")
        case .other: return tr("Other")
        }
    }
}

extension ProgrammeStatus {
    package var label: String {
        switch self {
        case .rightAndObligation: return tr("Right and obligation")
        case .right: return tr("Right only")
        case .obligation: return tr("Obligation only")
        case .voluntary: return tr("Voluntary")
        }
    }
}

extension Vulnerability {
    package var label: String {
        switch self {
        case .disability: return tr("Disability")
        case .seriousIllness: return tr("Serious illness")
        case .trauma: return tr("Trauma or torture")
        case .singleParent: return tr("Single parent")
        case .pregnancy: return tr("Pregnancy")
        case .trafficking: return tr("Victim of trafficking")
        case .elderly: return tr("Elderly")
        case .lowLiteracy: return tr("Low literacy")
        }
    }
}
