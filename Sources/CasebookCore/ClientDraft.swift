import CasebookL10n

/// The fields of a client record, in the order forms show them. The raw value is the
/// name the audit log records.
package enum ClientField: String, DraftField {
    case caseNumber = "case_number"
    case familyName = "family_name"
    case givenNames = "given_names"
    case otherNames = "other_names"
    case dateOfBirth = "date_of_birth"
    case sex
    case countryOfBirth = "country_of_birth"
    case nationality
    case languages
    case interpreterLanguage = "interpreter_language"
    case arrivalDate = "arrival_date"
    case municipality
    case residenceCategory = "residence_category"
    case permitExpiry = "permit_expiry"
    case programmeStatus = "programme_status"
    case vulnerabilities
    case phone
    case email
    case address

    package var label: String {
        switch self {
        case .caseNumber: return tr("Case number")
        case .familyName: return tr("Family name")
        case .givenNames: return tr("Given names")
        case .otherNames: return tr("Other spellings")
        case .dateOfBirth: return tr("Date of birth")
        case .sex: return tr("Sex")
        case .countryOfBirth: return tr("Country of birth")
        case .nationality: return tr("Nationality")
        case .languages: return tr("Languages spoken")
        case .interpreterLanguage: return tr("Interpreter language")
        case .arrivalDate: return tr("Arrival date")
        case .municipality: return tr("Municipality")
        case .residenceCategory: return tr("Residence category")
        case .permitExpiry: return tr("Permit expires")
        case .programmeStatus: return tr("Right or obligation")
        case .vulnerabilities: return tr("Vulnerability")
        case .phone: return tr("Phone")
        case .email: return tr("Email")
        case .address: return tr("Address")
        }
    }

    package var isRequired: Bool {
        switch self {
        case .caseNumber, .familyName, .givenNames, .dateOfBirth, .sex, .countryOfBirth, .nationality,
            .arrivalDate, .residenceCategory, .programmeStatus:
            return true
        default:
            return false
        }
    }

    /// The longest text a field accepts, in characters.
    package var maxLength: Int {
        switch self {
        case .otherNames, .address: return 200
        case .email: return 254
        case .phone: return 30
        default: return 100
        }
    }

    package var characterLimit: Int? { maxLength }

    package var name: String { label }
}

/// A client record as text, the way a form holds it and the audit log records it.
/// `validated` turns it into a `Client` or says, field by field, what is wrong.
package struct ClientDraft: FormDraft, Hashable {
    package typealias Field = ClientField

    package var values: [ClientField: String]
    package var officerID: Staff.ID?
    /// The office a new client is registered in; nil lets the Store choose (the one serving
    /// their municipality among the registering person's, else their first). Not edited later:
    /// a client changes office by transfer.
    package var officeID: Office.ID?

    package init(values: [ClientField: String] = [:], officerID: Staff.ID? = nil) {
        self.values = values
        self.officerID = officerID
    }

    package var requiredFields: Set<ClientField> { Set(ClientField.allCases.filter(\.isRequired)) }

    package subscript(field: ClientField) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }

    /// The canonical text of every field of an existing client.
    package init(_ client: Client) {
        values = [
            .caseNumber: client.caseNumber.text,
            .familyName: client.familyName,
            .givenNames: client.givenNames,
            .otherNames: client.otherNames,
            .dateOfBirth: client.dateOfBirth.iso,
            .sex: client.sex.rawValue,
            .countryOfBirth: client.countryOfBirth,
            .nationality: client.nationality,
            .languages: client.languages.joined(separator: ", "),
            .interpreterLanguage: client.interpreterLanguage ?? "",
            .arrivalDate: client.arrivalDate.iso,
            .municipality: client.municipality,
            .residenceCategory: client.residenceCategory.rawValue,
            .permitExpiry: client.permitExpiry?.iso ?? "",
            .programmeStatus: client.programmeStatus.rawValue,
            .vulnerabilities: Vulnerability.allCases.filter(client.vulnerabilities.contains)
                .map(\.rawValue).joined(separator: ", "),
            .phone: client.phone,
            .email: client.email,
            .address: client.address,
        ]
        officerID = client.officerID
    }

    /// Checks every field and builds the client, or throws every problem found at once.
    @discardableResult
    package func validated(
        id: Client.ID = 0, version: Int = 0, phase: CasePhase = .referred, today: Day
    ) throws(ValidationFailure<ClientField>) -> Client {
        var issues: [FieldIssue<ClientField>] = []
        var text: [ClientField: String] = [:]
        for field in ClientField.allCases {
            let value = trimmed(self[field])
            if let problem = ClientDraft.textProblem(value, field: field) {
                issues.append(FieldIssue(field, problem))
            } else if field.isRequired && value.isEmpty {
                issues.append(FieldIssue(field, tr("Required.")))
            }
            text[field] = value
        }
        func failed(_ field: ClientField) -> Bool { issues.contains { $0.field == field } }
        func day(_ field: ClientField) -> Day? {
            guard let value = text[field], !value.isEmpty, !failed(field) else { return nil }
            do { return try Day(iso: value) } catch {
                issues.append(FieldIssue(field, error.description))
                return nil
            }
        }
        func choice<E: RawRepresentable & CaseIterable>(_ field: ClientField, _ type: E.Type) -> E?
        where E.RawValue == String {
            guard let value = text[field], !value.isEmpty, !failed(field) else { return nil }
            if let found = E(rawValue: value) { return found }
            issues.append(
                FieldIssue(field, tr("Choose one of {choices}.", ["choices": listing(E.allCases.map(\.rawValue))])))
            return nil
        }
        func country(_ field: ClientField) -> String? {
            guard let value = text[field]?.uppercased(), !value.isEmpty, !failed(field) else { return nil }
            if Countries.isKnown(value) { return value }
            issues.append(FieldIssue(field, tr("Unknown country code; use ISO 3166 two letters, e.g. SY or ER.")))
            return nil
        }
        func language(_ value: String, _ field: ClientField) -> String? {
            let code = value.lowercased()
            if Languages.isKnown(code) { return code }
            issues.append(
                FieldIssue(
                    field,
                    tr(
                        "\"{code}\" is not a known ISO 639 language code, e.g. ar or ti.",
                        ["code": Sanitized.inline(value, limit: 12)])))
            return nil
        }

        var caseNumber: CaseNumber?
        if let value = text[.caseNumber], !value.isEmpty, !failed(.caseNumber) {
            do { caseNumber = try CaseNumber(value) } catch {
                issues.append(FieldIssue(.caseNumber, error.description))
            }
        }
        let birth = day(.dateOfBirth)
        if let birth {
            if birth > today {
                issues.append(FieldIssue(.dateOfBirth, tr("Lies in the future; check the year.")))
            } else if birth.years(until: today) > 120 {
                issues.append(FieldIssue(.dateOfBirth, tr("Means an age over 120; check the year.")))
            }
        }
        let arrival = day(.arrivalDate)
        if let arrival, let birth, arrival < birth {
            issues.append(FieldIssue(.arrivalDate, tr("Lies before the date of birth.")))
        }
        let expiry = day(.permitExpiry)
        if let expiry, let arrival, expiry <= arrival {
            issues.append(FieldIssue(.permitExpiry, tr("Must come after the arrival date.")))
        }
        let sex = choice(.sex, Sex.self)
        let category = choice(.residenceCategory, ResidenceCategory.self)
        let status = choice(.programmeStatus, ProgrammeStatus.self)
        let birthCountry = country(.countryOfBirth)
        let nationality = country(.nationality)
        var languages: [String] = []
        for part in ClientDraft.list(text[.languages] ?? "") where !failed(.languages) {
            if let code = language(part, .languages), !languages.contains(code) { languages.append(code) }
        }
        var interpreter: String?
        if let value = text[.interpreterLanguage], !value.isEmpty, !failed(.interpreterLanguage) {
            interpreter = language(value, .interpreterLanguage)
        }
        var vulnerabilities: Set<Vulnerability> = []
        for part in ClientDraft.list(text[.vulnerabilities] ?? "") where !failed(.vulnerabilities) {
            if let flag = Vulnerability(rawValue: part.lowercased()) {
                vulnerabilities.insert(flag)
            } else {
                issues.append(
                    FieldIssue(
                        .vulnerabilities,
                        tr("Choose from {choices}.", ["choices": listing(Vulnerability.allCases.map(\.rawValue))]))
                )
            }
        }
        if let phone = text[.phone], !phone.isEmpty, !failed(.phone) {
            let digits = phone.unicodeScalars.filter { ("0"..."9").contains($0) }.count
            let allowed = phone.unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || " +-()/.".unicodeScalars.contains($0)
            }
            if !allowed || digits < 4 {
                issues.append(FieldIssue(.phone, tr("Use digits, spaces and + - ( ), e.g. +47 912 34 567.")))
            }
        }
        if let email = text[.email], !email.isEmpty, !failed(.email) {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || parts[1].hasPrefix(".")
                || parts[1].hasSuffix(".") || email.contains(" ")
            {
                issues.append(FieldIssue(.email, tr("Not an email address; it looks like name@example.org.")))
            }
        }

        guard issues.isEmpty, let caseNumber, let birth, let arrival, let sex, let category, let status,
            let birthCountry, let nationality
        else {
            throw ValidationFailure(issues: issues)
        }
        return Client(
            id: id, caseNumber: caseNumber, familyName: text[.familyName] ?? "",
            givenNames: text[.givenNames] ?? "", otherNames: text[.otherNames] ?? "", dateOfBirth: birth, sex: sex,
            countryOfBirth: birthCountry, nationality: nationality, languages: languages,
            interpreterLanguage: interpreter, arrivalDate: arrival, municipality: text[.municipality] ?? "",
            residenceCategory: category, permitExpiry: expiry, programmeStatus: status,
            vulnerabilities: vulnerabilities, phone: text[.phone] ?? "", email: text[.email] ?? "",
            address: text[.address] ?? "", officerID: officerID, phase: phase, version: version)
    }

    /// What is wrong with a field's raw text whatever the field means, or nil.
    static func textProblem(_ value: String, field: ClientField) -> String? {
        if let problem = Sanitized.problem(in: value) { return problem }
        if value.count > field.maxLength {
            return trn("Too long: at most {count} character.", "Too long: at most {count} characters.", field.maxLength)
        }
        return nil
    }

    /// Splits "ar, ti en" into ["ar", "ti", "en"].
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    }
}

/// Whitespace at either end removed.
package func trimmed(_ text: String) -> String {
    // Most texts have nothing to trim: they are returned as they are, without rebuilding them
    // scalar by scalar (that was 40 % of an import's validation).
    guard let head = text.unicodeScalars.first, let tail = text.unicodeScalars.last,
        head.properties.isWhitespace || tail.properties.isWhitespace
    else { return text }
    var scalars = Substring(text).unicodeScalars[...]
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
}

extension Client {
    /// Field-by-field differences from `old`, as the audit log records them (old text, new text).
    package func changes(from old: Client) -> [(field: ClientField, old: String, new: String)] {
        let before = ClientDraft(old)
        let after = ClientDraft(self)
        return ClientField.allCases.compactMap { field in
            before[field] == after[field] ? nil : (field, before[field], after[field])
        }
    }
}
