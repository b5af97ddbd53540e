import CasebookCore

/// A country whose programme the demo follows: its offices (each for its municipalities), and
/// what its clients' records look like there: phone numbers, streets, language schools, the
/// certified language test and the local partner organisations.
struct DemoCountry: Sendable {
    /// The ISO code of the programme's country (`country` in the preset).
    let country: String
    let offices: [(code: String, name: String, municipalities: [String])]
    let phone: @Sendable (inout SeededRandom) -> String
    let streets: [String]
    let schools: [String]
    let certifiedTest: String
    /// The partner organisations of an office, by kind; `{town}` is the office's first municipality.
    let partners: [(kind: PartnerKind, name: String, activities: [ActivityKind])]

    /// The partners of an office in `town`.
    func partnerDrafts(town: String) -> [(draft: PartnerDraft, activities: [ActivityKind])] {
        partners.map { partner in
            let name = partner.name.replacing("{town}", with: town)
            let contact = "post@" + SearchKey.fold(name).filter { $0.isLetter && $0.isASCII } + ".example.org"
            return (PartnerDraft(name: name, kind: partner.kind, contact: contact), partner.activities)
        }
    }

    /// Norway first: its three offices are the demo's, the file's first office among them.
    static let all: [DemoCountry] = [norway, france, germany, netherlands, denmark, austria, finland]

    static let norway = DemoCountry(
        country: "NO",
        offices: [
            ("MAIN", "Nordby integration service", ["Nordby", "Vestby"]),
            ("SOR", "Sørby refugee service", ["Sørby"]),
            ("OST", "Østby introduction office", ["Østby", "Åsen"]),
        ],
        phone: { "+47 9\($0.int(10...99)) \($0.int(10...99)) \($0.int(100...999))" },
        streets: [
            "Storgata", "Kirkeveien", "Skolegata", "Parkveien", "Sjøgata", "Torggata", "Løkkeveien", "Bakkegata",
            "Fjordgata", "Elvegata", "Møllergata", "Solveien",
        ],
        schools: [
            "Oslo VO Rosenhof", "Folkeuniversitetet", "Bergen kompetansesenter", "Trondheim voksenopplæring",
            "Stavanger læringssenter", "Kristiansand voksenopplæring",
        ],
        certifiedTest: "Norskprøven",
        partners: [
            (.volunteerCentre, "{town} frivilligsentral", [.volunteering, .mentoring]),
            (.association, "Røde Kors {town}", [.mentoring, .volunteering, .interculturalEvent]),
            (.sportsClub, "{town} idrettslag", [.sportCulture, .association]),
            (.culture, "{town} bibliotek", [.sportCulture, .interculturalEvent, .votingRightsSession]),
            (.school, "{town} skole, FAU", [.parentsSchool]),
            (.publicBody, "{town} kommune, innvandrerråd", [.consultativeBody, .votingRightsSession]),
        ])

    static let france = DemoCountry(
        country: "FR",
        offices: [("VIL", "Villeurbanne accueil des primo-arrivants", ["Villeurbanne", "Vaulx-en-Velin"])],
        phone: { "+33 6 \($0.int(10...99)) \($0.int(10...99)) \($0.int(10...99)) \($0.int(10...99))" },
        streets: [
            "Rue de la République", "Avenue Jean Jaurès", "Rue Victor Hugo", "Cours Émile Zola", "Rue Anatole France",
        ],
        schools: ["GRETA Lyon Métropole", "Alliance Française de Lyon", "Forum Réfugiés formation"],
        certifiedTest: "TEF IRN",
        partners: [
            (.association, "Secours populaire, {town}", [.volunteering, .mentoring]),
            (.sportsClub, "AS {town} football", [.sportCulture, .association]),
            (.culture, "Médiathèque de {town}", [.sportCulture, .interculturalEvent]),
            (.publicBody, "Conseil citoyen de {town}", [.consultativeBody, .votingRightsSession]),
        ])

    static let germany = DemoCountry(
        country: "DE",
        offices: [("KOE", "Köln Integrationsagentur", ["Köln"])],
        phone: { "+49 15\($0.int(10...99)) \($0.int(100_000...999_999))" },
        streets: ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Kirchweg"],
        schools: ["VHS Köln", "Inlingua Köln", "Caritas Sprachschule"],
        certifiedTest: "Deutsch-Test für Zuwanderer",
        partners: [
            (.volunteerCentre, "Ehrenamtsbörse {town}", [.volunteering, .mentoring]),
            (.sportsClub, "SV {town} 1920", [.sportCulture, .association]),
            (.faithCommunity, "Interreligiöser Arbeitskreis {town}", [.interculturalEvent]),
            (.publicBody, "Integrationsrat {town}", [.consultativeBody, .votingRightsSession]),
        ])

    static let netherlands = DemoCountry(
        country: "NL",
        offices: [("UTR", "Utrecht inburgering", ["Utrecht", "Nieuwegein"])],
        phone: { "+31 6 \($0.int(1000...9999)) \($0.int(1000...9999))" },
        streets: ["Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Stationsweg"],
        schools: ["ROC Midden Nederland", "Taalschool Utrecht", "Volksuniversiteit Utrecht"],
        certifiedTest: "Staatsexamen NT2",
        partners: [
            (.volunteerCentre, "Vrijwilligerscentrale {town}", [.volunteering, .mentoring]),
            (.association, "VluchtelingenWerk {town}", [.mentoring, .interculturalEvent]),
            (.sportsClub, "Voetbalvereniging {town}", [.sportCulture, .association]),
            (.school, "Ouderraad basisschool De Regenboog, {town}", [.parentsSchool]),
        ])

    static let denmark = DemoCountry(
        country: "DK",
        offices: [("AAR", "Aarhus integrationsindsats", ["Aarhus"])],
        phone: { "+45 \($0.int(20...99)) \($0.int(10...99)) \($0.int(10...99)) \($0.int(10...99))" },
        streets: ["Vestergade", "Østergade", "Søndergade", "Skolevej", "Kirkevej"],
        schools: ["Lærdansk Aarhus", "Sprogcenter Midt"],
        certifiedTest: "Prøve i Dansk",
        partners: [
            (.volunteerCentre, "Frivilligcenter {town}", [.volunteering, .mentoring]),
            (.sportsClub, "{town} Boldklub", [.sportCulture, .association]),
            (.publicBody, "Integrationsrådet i {town}", [.consultativeBody, .votingRightsSession]),
        ])

    static let austria = DemoCountry(
        country: "AT",
        offices: [("GRZ", "Graz Integrationsreferat", ["Graz"])],
        phone: { "+43 66\($0.int(0...9)) \($0.int(100_000...999_999))" },
        streets: ["Annenstraße", "Griesgasse", "Lendplatz", "Schulgasse", "Kirchengasse"],
        schools: ["ÖIF Integrationszentrum Steiermark", "ISOP Graz", "VHS Steiermark"],
        certifiedTest: "ÖIF-Integrationsprüfung",
        partners: [
            (.association, "Caritas Lernbar {town}", [.mentoring, .volunteering]),
            (.sportsClub, "SC {town} Liebenau", [.sportCulture, .association]),
            (.culture, "Stadtbibliothek {town}", [.interculturalEvent, .votingRightsSession]),
        ])

    static let finland = DemoCountry(
        country: "FI",
        offices: [("TRE", "Tampereen kotoutumispalvelut", ["Tampere", "Nokia"])],
        phone: { "+358 40 \($0.int(100...999)) \($0.int(1000...9999))" },
        streets: ["Hämeenkatu", "Satakunnankatu", "Itsenäisyydenkatu", "Koulukatu", "Kirkkokatu"],
        schools: ["Tampereen aikuiskoulutuskeskus", "Tredu", "Tampereen kesäyliopisto"],
        certifiedTest: "YKI",
        partners: [
            (.association, "Suomen Punainen Risti, {town}", [.mentoring, .volunteering, .interculturalEvent]),
            (.sportsClub, "{town} Palloilijat", [.sportCulture, .association]),
            (.publicBody, "{town} monikulttuurisuusneuvosto", [.consultativeBody, .votingRightsSession]),
        ])
}
