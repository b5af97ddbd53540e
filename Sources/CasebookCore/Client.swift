/// Sex as recorded on the residence document (X where the document says so).
package enum Sex: String, CaseIterable, Sendable {
    case female = "F"
    case male = "M"
    case other = "X"
    case unknown = "U"
}

/// The legal ground of residence, which decides programme rights and duties.
package enum ResidenceCategory: String, CaseIterable, Sendable {
    case refugee
    case subsidiaryProtection = "subsidiary_protection"
    case temporaryProtection = "temporary_protection"
    case humanitarian
    case familyReunification = "family_reunification"
    case labourMigrant = "labour_migrant"
    case other
}

/// Whether the newcomer has a right to the programme, an obligation to take it, or both.
package enum ProgrammeStatus: String, CaseIterable, Sendable {
    case rightAndObligation = "right_and_obligation"
    case right
    case obligation
    case voluntary
}

/// Circumstances that call for particular attention (Council of Europe CM/Rec(2011)1).
/// The order is the bit order in storage: append, never reorder.
package enum Vulnerability: String, CaseIterable, Sendable {
    case disability
    case seriousIllness = "serious_illness"
    case trauma
    case singleParent = "single_parent"
    case pregnancy
    case trafficking
    case elderly
    case lowLiteracy = "low_literacy"

    package var bit: Int { 1 << (Vulnerability.allCases.firstIndex(of: self) ?? 0) }

    package static func mask(_ set: Set<Vulnerability>) -> Int { set.reduce(0) { $0 | $1.bit } }

    package static func set(mask: Int) -> Set<Vulnerability> { Set(allCases.filter { mask & $0.bit != 0 }) }
}

/// A newcomer followed through the programme: identity, residence, contact and assignment.
/// The case phase is read here but changed only through a phase transition.
package struct Client: Hashable, Sendable, Identifiable {
    package typealias ID = Int64

    package var id: ID
    package var caseNumber: CaseNumber
    package var familyName: String
    package var givenNames: String
    /// Other spellings of the name, such as the Latin transliteration of an Arabic name;
    /// searched like the name.
    package var otherNames: String
    package var dateOfBirth: Day
    package var sex: Sex
    package var countryOfBirth: String
    package var nationality: String
    package var languages: [String]
    package var interpreterLanguage: String?
    package var arrivalDate: Day
    package var municipality: String
    package var residenceCategory: ResidenceCategory
    package var permitExpiry: Day?
    package var programmeStatus: ProgrammeStatus
    package var vulnerabilities: Set<Vulnerability>
    package var phone: String
    package var email: String
    package var address: String
    package var officerID: Staff.ID?
    package var phase: CasePhase
    /// Incremented on every save; an update must carry the version it read.
    package var version: Int

    package init(
        id: ID,
        caseNumber: CaseNumber,
        familyName: String,
        givenNames: String,
        otherNames: String,
        dateOfBirth: Day,
        sex: Sex,
        countryOfBirth: String,
        nationality: String,
        languages: [String],
        interpreterLanguage: String?,
        arrivalDate: Day,
        municipality: String,
        residenceCategory: ResidenceCategory,
        permitExpiry: Day?,
        programmeStatus: ProgrammeStatus,
        vulnerabilities: Set<Vulnerability>,
        phone: String,
        email: String,
        address: String,
        officerID: Staff.ID?,
        phase: CasePhase,
        version: Int
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.familyName = familyName
        self.givenNames = givenNames
        self.otherNames = otherNames
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.countryOfBirth = countryOfBirth
        self.nationality = nationality
        self.languages = languages
        self.interpreterLanguage = interpreterLanguage
        self.arrivalDate = arrivalDate
        self.municipality = municipality
        self.residenceCategory = residenceCategory
        self.permitExpiry = permitExpiry
        self.programmeStatus = programmeStatus
        self.vulnerabilities = vulnerabilities
        self.phone = phone
        self.email = email
        self.address = address
        self.officerID = officerID
        self.phase = phase
        self.version = version
    }

    /// "Family, Given" as lists show it.
    package var displayName: String { Client.displayName(family: familyName, given: givenNames) }

    /// "Family, Given", or the family name alone: how every list and document names a client.
    package static func displayName(family: String, given: String) -> String {
        given.isEmpty ? family : "\(family), \(given)"
    }
}
