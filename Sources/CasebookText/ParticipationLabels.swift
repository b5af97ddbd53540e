import CasebookCore
import CasebookL10n

extension ActivityKind {
    package var label: String {
        switch self {
        case .mentoring: return tr("Mentoring or buddy scheme")
        case .volunteering: return tr("Volunteering")
        case .association: return tr("Member of an association or club")
        case .sportCulture: return tr("Sport or culture")
        case .parentsSchool: return tr("Parents' involvement in school or kindergarten")
        case .consultativeBody: return tr("Local consultative body")
        case .votingRightsSession: return tr("Information on voting rights in local elections")
        case .interculturalEvent: return tr("Intercultural or interfaith event")
        case .other: return tr("Other")
        }
    }
}

extension PartnerKind {
    package var label: String {
        switch self {
        case .association: return tr("Association")
        case .sportsClub: return tr("Sports club")
        case .culture: return tr("Library, culture house or museum")
        case .faithCommunity: return tr("Faith community")
        case .volunteerCentre: return tr("Volunteer centre")
        case .school: return tr("School or kindergarten")
        case .publicBody: return tr("Municipal service or council")
        case .employer: return tr("Employer")
        case .other: return tr("Other")
        }
    }
}
