import CasebookCore
import CasebookL10n
import CasebookText

/// The languages whose column headers and values Casebook recognises in a spreadsheet.
package enum ImportLanguage: String, CaseIterable, Sendable, CustomStringConvertible {
    case english = "en"
    case norwegian = "nb"
    case german = "de"
    case french = "fr"
    case dutch = "nl"

    package var description: String {
        switch self {
        case .english: return tr("English")
        case .norwegian: return tr("Norwegian")
        case .german: return tr("German")
        case .french: return tr("French")
        case .dutch: return tr("Dutch")
        }
    }
}

/// What a column holds: a field of the client form, or the client's id in the system the file
/// comes from (matched on a later import, never shown as a field).
package enum ImportTarget: Hashable, Sendable, CustomStringConvertible {
    case field(ClientField)
    case externalID

    package static let all: [ImportTarget] = ClientField.allCases.map(ImportTarget.field) + [.externalID]

    /// The name a mapping file uses: the field's raw value, or `external_id`.
    package var key: String {
        switch self {
        case .field(let field): return field.rawValue
        case .externalID: return "external_id"
        }
    }

    package init?(key: String) {
        if key == "external_id" {
            self = .externalID
        } else if let field = ClientField(rawValue: key) {
            self = .field(field)
        } else {
            return nil
        }
    }

    package var description: String {
        switch self {
        case .field(let field): return field.label
        case .externalID: return tr("External id")
        }
    }
}

/// The words of the five languages for column headers and common values. Compared after
/// `Vocabulary.normalized`: case, diacritics and punctuation do not matter ("Fødselsdato",
/// "FODSELSDATO"; "E-post", "epost" are written once each below only where they differ).
/// Country and language names are not here: they come from iso-codes (`NameCatalogue`).
package enum Vocabulary {
    typealias Words = [ImportLanguage: [String]]

    /// Header words by target. The form's own labels and field names (`Date of birth`,
    /// `date_of_birth`) are recognised besides these.
    static let headers: [ImportTarget: Words] = [
        .field(.caseNumber): [
            .english: ["case number", "case no", "case id", "case ref", "case reference", "file number"],
            .norwegian: ["saksnummer", "saksnr", "sak nr", "saksreferanse"],
            .german: ["aktenzeichen", "fallnummer", "vorgangsnummer", "aktennummer"],
            .french: ["numero de dossier", "no de dossier", "n de dossier", "numero dossier", "reference dossier"],
            .dutch: ["dossiernummer", "zaaknummer", "dossier nr", "zaak nr"],
        ],
        .externalID: [
            .english: ["external id", "external reference", "client id", "person id", "record id", "id"],
            .norwegian: ["ekstern id", "klient id", "person id", "ekstern referanse"],
            .german: ["externe id", "klienten id", "personen id", "kennung", "externe kennung"],
            .french: ["identifiant", "id externe", "identifiant externe", "reference externe"],
            .dutch: ["extern id", "externe id", "client id", "clientnummer", "kenmerk", "externe referentie"],
        ],
        .field(.familyName): [
            .english: ["family name", "surname", "last name", "lastname"],
            .norwegian: ["etternavn", "slektsnavn"],
            .german: ["nachname", "familienname", "zuname"],
            .french: ["nom", "nom de famille", "nom patronymique"],
            .dutch: ["achternaam", "familienaam", "geslachtsnaam"],
        ],
        .field(.givenNames): [
            .english: ["given names", "given name", "first name", "first names", "firstname", "forename", "forenames"],
            .norwegian: ["fornavn"],
            .german: ["vorname", "vornamen"],
            .french: ["prenom", "prenoms"],
            .dutch: ["voornaam", "voornamen"],
        ],
        .field(.otherNames): [
            .english: ["other names", "other spellings", "alias", "aliases", "native name", "name in native script"],
            .norwegian: ["andre navn", "annen skrivemate", "andre skrivemater", "navn pa morsmal"],
            .german: ["andere namen", "andere schreibweise", "andere schreibweisen", "name in originalschrift"],
            .french: ["autres noms", "autre graphie", "autres graphies", "nom d usage", "nom en ecriture d origine"],
            .dutch: ["andere namen", "andere spelling", "andere schrijfwijze", "naam in oorspronkelijk schrift"],
        ],
        .field(.dateOfBirth): [
            .english: ["date of birth", "birth date", "birthdate", "dob", "born"],
            .norwegian: ["fodselsdato", "fodt", "fodselsdag"],
            .german: ["geburtsdatum", "geboren", "geboren am", "geb datum"],
            .french: ["date de naissance", "ne le", "nee le", "ne e le", "naissance"],
            .dutch: ["geboortedatum", "geboren op", "geb datum"],
        ],
        .field(.sex): [
            .english: ["sex", "gender"],
            .norwegian: ["kjonn"],
            .german: ["geschlecht"],
            .french: ["sexe", "genre"],
            .dutch: ["geslacht", "gender"],
        ],
        .field(.countryOfBirth): [
            .english: ["country of birth", "birth country", "born in"],
            .norwegian: ["fodeland", "fodselsland"],
            .german: ["geburtsland"],
            .french: ["pays de naissance"],
            .dutch: ["geboorteland", "land van geboorte"],
        ],
        .field(.nationality): [
            .english: ["nationality", "citizenship"],
            .norwegian: ["statsborgerskap", "nasjonalitet"],
            .german: ["staatsangehorigkeit", "nationalitat", "staatsburgerschaft"],
            .french: ["nationalite", "citoyennete"],
            .dutch: ["nationaliteit", "staatsburgerschap"],
        ],
        .field(.languages): [
            .english: ["languages", "language", "spoken languages", "languages spoken", "mother tongue"],
            .norwegian: ["sprak", "morsmal", "sprakkunnskaper"],
            .german: ["sprachen", "sprache", "muttersprache", "gesprochene sprachen"],
            .french: ["langues", "langue", "langue maternelle", "langues parlees"],
            .dutch: ["talen", "taal", "moedertaal", "gesproken talen"],
        ],
        .field(.interpreterLanguage): [
            .english: ["interpreter language", "interpreter", "language for interpreter", "interpreting language"],
            .norwegian: ["tolkesprak", "tolk", "behov for tolk"],
            .german: ["dolmetschersprache", "dolmetscher", "sprache dolmetscher"],
            .french: ["langue d interpretation", "interprete", "langue de l interprete"],
            .dutch: ["tolktaal", "tolk", "taal tolk"],
        ],
        .field(.arrivalDate): [
            .english: ["arrival date", "date of arrival", "arrived", "arrival"],
            .norwegian: ["ankomstdato", "ankomst", "ankommet", "dato for ankomst"],
            .german: ["einreisedatum", "ankunftsdatum", "einreise", "eingereist am"],
            .french: ["date d arrivee", "arrivee", "date d entree"],
            .dutch: ["aankomstdatum", "datum aankomst", "datum van aankomst", "aankomst"],
        ],
        .field(.municipality): [
            .english: ["municipality", "city", "town"],
            .norwegian: ["kommune", "bostedskommune", "bosettingskommune"],
            .german: ["gemeinde", "wohnort", "stadt"],
            .french: ["commune", "ville"],
            .dutch: ["gemeente", "woonplaats"],
        ],
        .field(.residenceCategory): [
            .english: [
                "residence category", "residence status", "residence permit type", "permit type", "legal status",
            ],
            .norwegian: ["oppholdsgrunnlag", "oppholdskategori", "type oppholdstillatelse", "oppholdsstatus"],
            .german: ["aufenthaltsstatus", "aufenthaltstitel", "aufenthaltskategorie", "art des aufenthaltstitels"],
            .french: ["titre de sejour", "statut de sejour", "categorie de sejour", "type de titre de sejour"],
            .dutch: ["verblijfsstatus", "verblijfsvergunning", "verblijfscategorie", "verblijfsdoel"],
        ],
        .field(.permitExpiry): [
            .english: ["permit expiry", "permit expires", "permit valid until", "valid until", "expiry date"],
            .norwegian: ["tillatelse utloper", "gyldig til", "utlopsdato", "tillatelsen gyldig til"],
            .german: ["gultig bis", "aufenthaltstitel gultig bis", "ablaufdatum"],
            .french: ["valable jusqu au", "date d expiration", "expiration du titre"],
            .dutch: ["geldig tot", "vervaldatum", "einddatum vergunning", "geldig tot en met"],
        ],
        .field(.programmeStatus): [
            .english: ["right or obligation", "programme status", "program status", "programme entitlement"],
            .norwegian: ["rett og plikt", "rett eller plikt", "rett plikt"],
            .german: ["recht oder pflicht", "teilnahmestatus", "teilnahmeberechtigung", "teilnahmeverpflichtung"],
            .french: ["droit ou obligation", "statut du programme", "obligation de formation"],
            .dutch: ["recht of plicht", "inburgeringsplicht", "inburgeringsstatus"],
        ],
        .field(.vulnerabilities): [
            .english: ["vulnerability", "vulnerabilities", "special needs"],
            .norwegian: ["sarbarhet", "sarbarheter", "saerlige behov"],
            .german: ["vulnerabilitat", "schutzbedarf", "besondere bedurfnisse", "besonderer schutzbedarf"],
            .french: ["vulnerabilite", "vulnerabilites", "besoins particuliers"],
            .dutch: ["kwetsbaarheid", "kwetsbaarheden", "bijzondere behoeften"],
        ],
        .field(.phone): [
            .english: ["phone", "telephone", "phone number", "mobile", "tel"],
            .norwegian: ["telefon", "telefonnummer", "mobil", "mobilnummer", "tlf"],
            .german: ["telefon", "telefonnummer", "handy", "mobilnummer", "tel"],
            .french: ["telephone", "numero de telephone", "portable", "tel"],
            .dutch: ["telefoon", "telefoonnummer", "mobiel", "tel"],
        ],
        .field(.email): [
            .english: ["email", "e mail", "email address", "e mail address", "mail"],
            .norwegian: ["e post", "epost", "e postadresse"],
            .german: ["e mail", "email", "e mail adresse"],
            .french: ["courriel", "e mail", "adresse e mail", "adresse electronique"],
            .dutch: ["e mail", "e mailadres", "email"],
        ],
        .field(.address): [
            .english: ["address", "street address", "home address"],
            .norwegian: ["adresse", "bostedsadresse", "gateadresse"],
            .german: ["adresse", "anschrift", "wohnadresse"],
            .french: ["adresse", "adresse postale"],
            .dutch: ["adres", "woonadres", "straat en huisnummer"],
        ],
    ]

    static let sex: [Sex: Words] = [
        .female: [
            .english: ["f", "female", "woman"], .norwegian: ["k", "kvinne", "kvinnelig", "jente"],
            .german: ["w", "weiblich", "frau"], .french: ["femme", "feminin", "fille"],
            .dutch: ["v", "vrouw", "vrouwelijk"],
        ],
        .male: [
            .english: ["m", "male", "man"], .norwegian: ["mann", "mannlig", "gutt"],
            .german: ["mannlich", "herr"], .french: ["h", "homme", "masculin", "garcon"], .dutch: ["mannelijk"],
        ],
        .other: [
            .english: ["x", "other", "non binary", "diverse"], .norwegian: ["annet"],
            .german: ["d", "divers"], .french: ["autre"], .dutch: ["anders", "overig"],
        ],
        .unknown: [
            .english: ["u", "unknown", "not known"], .norwegian: ["ukjent"],
            .german: ["unbekannt"], .french: ["inconnu"], .dutch: ["onbekend"],
        ],
    ]

    static let residenceCategory: [ResidenceCategory: Words] = [
        .refugee: [
            .english: ["refugee", "convention refugee", "resettlement refugee", "resettled refugee", "quota refugee"],
            .norwegian: ["flyktning", "overforingsflyktning", "kvoteflyktning", "flyktningstatus"],
            .german: [
                "fluchtling", "anerkannter fluchtling", "asylberechtigt", "asylberechtigter", "fluchtlingsschutz",
            ],
            .french: ["refugie", "refugiee", "statut de refugie", "refugie reinstalle"],
            .dutch: ["vluchteling", "erkend vluchteling", "hervestigde vluchteling"],
        ],
        .subsidiaryProtection: [
            .english: ["subsidiary protection"], .norwegian: ["subsidiaer beskyttelse"],
            .german: ["subsidiarer schutz", "subsidiar schutzberechtigt"], .french: ["protection subsidiaire"],
            .dutch: ["subsidiaire bescherming"],
        ],
        .temporaryProtection: [
            .english: ["temporary protection", "temporary collective protection"],
            .norwegian: ["midlertidig kollektiv beskyttelse", "kollektiv beskyttelse", "midlertidig beskyttelse"],
            .german: ["vorubergehender schutz"], .french: ["protection temporaire"], .dutch: ["tijdelijke bescherming"],
        ],
        .humanitarian: [
            .english: ["humanitarian", "humanitarian grounds"],
            .norwegian: ["sterke menneskelige hensyn", "humanitaert grunnlag", "opphold pa humanitaert grunnlag"],
            .german: ["humanitare grunde", "aus humanitaren grunden", "humanitar"],
            .french: ["motifs humanitaires", "raisons humanitaires", "humanitaire"],
            .dutch: ["humanitaire gronden", "humanitair"],
        ],
        .familyReunification: [
            .english: ["family reunification", "family reunion", "family member"],
            .norwegian: ["familiegjenforening", "familieinnvandring"],
            .german: ["familiennachzug", "familienzusammenfuhrung"],
            .french: ["regroupement familial", "reunification familiale"],
            .dutch: ["gezinshereniging", "gezinsvorming", "gezinsmigratie"],
        ],
        .labourMigrant: [
            .english: ["labour migrant", "labor migrant", "labour migration", "work permit", "migrant worker"],
            .norwegian: ["arbeidsinnvandrer", "arbeidsinnvandring"],
            .german: ["arbeitsmigrant", "arbeitsmigration", "erwerbstatigkeit"],
            .french: ["travailleur migrant", "migration de travail", "salarie"],
            .dutch: ["arbeidsmigrant", "arbeidsmigratie"],
        ],
        .other: [
            .english: ["other"], .norwegian: ["annet", "annen"], .german: ["sonstiges", "andere", "sonstige"],
            .french: ["autre"], .dutch: ["overig", "anders"],
        ],
    ]

    static let programmeStatus: [ProgrammeStatus: Words] = [
        .rightAndObligation: [
            .english: ["right and obligation", "right and duty"], .norwegian: ["rett og plikt"],
            .german: ["recht und pflicht", "berechtigt und verpflichtet"], .french: ["droit et obligation"],
            .dutch: ["recht en plicht"],
        ],
        .right: [
            .english: ["right", "right only", "entitled"], .norwegian: ["rett", "kun rett", "bare rett"],
            .german: ["recht", "berechtigt", "anspruch", "teilnahmeberechtigt"], .french: ["droit", "droit seulement"],
            .dutch: ["alleen recht"],
        ],
        .obligation: [
            .english: ["obligation", "obligation only", "obliged", "duty"],
            .norwegian: ["plikt", "kun plikt", "bare plikt"],
            .german: ["pflicht", "verpflichtet", "teilnahmeverpflichtet"], .french: ["obligation seulement", "oblige"],
            .dutch: ["plicht", "inburgeringsplichtig", "alleen plicht"],
        ],
        .voluntary: [
            .english: ["voluntary"], .norwegian: ["frivillig"], .german: ["freiwillig"], .french: ["volontaire"],
            .dutch: ["vrijwillig", "vrijwillige inburgeraar"],
        ],
    ]

    static let vulnerabilities: [Vulnerability: Words] = [
        .disability: [
            .english: ["disability", "disabled"], .norwegian: ["funksjonsnedsettelse", "nedsatt funksjonsevne"],
            .german: ["behinderung", "behindert"], .french: ["handicap", "handicape"],
            .dutch: ["beperking", "gehandicapt"],
        ],
        .seriousIllness: [
            .english: ["serious illness", "illness"], .norwegian: ["alvorlig sykdom", "sykdom"],
            .german: ["schwere krankheit", "schwere erkrankung", "krankheit"], .french: ["maladie grave", "maladie"],
            .dutch: ["ernstige ziekte", "ziekte"],
        ],
        .trauma: [
            .english: ["trauma", "torture", "trauma or torture"], .norwegian: ["traume", "traumer", "tortur"],
            .german: ["traumatisiert", "folter", "traumatisierung"], .french: ["traumatisme", "victime de torture"],
            .dutch: ["getraumatiseerd", "marteling"],
        ],
        .singleParent: [
            .english: ["single parent"], .norwegian: ["enslig forsorger", "aleneforelder"],
            .german: ["alleinerziehend", "alleinerziehende"], .french: ["parent isole", "famille monoparentale"],
            .dutch: ["alleenstaande ouder"],
        ],
        .pregnancy: [
            .english: ["pregnancy", "pregnant"], .norwegian: ["gravid", "graviditet"],
            .german: ["schwanger", "schwangerschaft"], .french: ["grossesse", "enceinte"],
            .dutch: ["zwanger", "zwangerschap"],
        ],
        .trafficking: [
            .english: ["trafficking", "human trafficking", "victim of trafficking"], .norwegian: ["menneskehandel"],
            .german: ["menschenhandel"], .french: ["traite", "traite des etres humains"], .dutch: ["mensenhandel"],
        ],
        .elderly: [
            .english: ["elderly", "older person"], .norwegian: ["eldre"],
            .german: ["altere person", "senior", "seniorin"],
            .french: ["personne agee", "age"], .dutch: ["oudere", "bejaard"],
        ],
        .lowLiteracy: [
            .english: ["low literacy", "illiterate"], .norwegian: ["analfabet", "lav leseferdighet"],
            .german: ["analphabet", "analphabetin", "geringe lesekompetenz"], .french: ["illettre", "analphabete"],
            .dutch: ["laaggeletterd", "analfabeet"],
        ],
    ]

    /// The country code for "stateless or unknown" (`XX`) in the five languages.
    static let statelessOrUnknown: Words = [
        .english: ["stateless", "unknown", "not known"], .norwegian: ["statslos", "ukjent"],
        .german: ["staatenlos", "unbekannt", "ungeklart"], .french: ["apatride", "inconnu", "inconnue"],
        .dutch: ["staatloos", "onbekend"],
    ]

    /// Words between items of a list ("arabisk og engelsk"), skipped between two names.
    static let conjunctions: Set<String> = ["and", "og", "und", "et", "en", "or", "eller", "oder", "ou", "of"]

    /// Lower case without diacritics, every run of characters other than letters and digits one
    /// space: "Date d'arrivée" → "date d arrivee", "E-post" → "e post".
    package static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in SearchKey.fold(text).unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }
}
