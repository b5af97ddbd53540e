import CasebookL10n

/// A foreign qualification, as the form that adds it holds it; its recognition starts at Identified.
package struct QualificationDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case title, field, country, institution, year, isced, documents, regulated, identifiedOn = "identified"
        case procedure

        package var characterLimit: Int? { [.title, .field, .institution].contains(self) ? 200 : nil }
    }

    package var title: String
    package var field: String
    /// ISO 3166 two letters.
    package var country: String?
    package var institution: String
    package var year: Int?
    package var iscedLevel: Int?
    package var hasDocuments: Bool?
    package var isRegulatedProfession: Bool?
    package var identifiedOn: Day?
    /// The programme's variant procedure (`RecognitionVariant.id`); nil for the standard one.
    package var procedure: String?

    package init(
        title: String = "", field: String = "", country: String? = nil, institution: String = "", year: Int? = nil,
        iscedLevel: Int? = nil, hasDocuments: Bool? = true, isRegulatedProfession: Bool? = false,
        identifiedOn: Day? = nil, procedure: String? = nil
    ) {
        self.procedure = procedure
        self.title = title
        self.field = field
        self.country = country
        self.institution = institution
        self.year = year
        self.iscedLevel = iscedLevel
        self.hasDocuments = hasDocuments
        self.isRegulatedProfession = isRegulatedProfession
        self.identifiedOn = identifiedOn
    }

    package var requiredFields: Set<Field> { Set(Field.allCases).subtracting([.field, .institution, .procedure]) }

    /// ISCED 2011 levels, 0 (early childhood) to 8 (doctorate).
    package static let iscedLevels = 0...8

    /// The file as checked; `procedures` are the variant procedures of the client's programme,
    /// the only ones a file may run under.
    @discardableResult
    package func validated(clientID: Int64, today: Day, procedures: [RecognitionVariant] = [])
        throws(ValidationFailure<Field>) -> Qualification
    {
        var issues = FieldIssues<Field>()
        if let refusal = QualificationDraft.procedureRefusal(procedure, procedures: procedures) {
            issues.add(.procedure, refusal)
        }
        let title = issues.text(title, .title, required: tr("Required."))
        let field = issues.text(field, .field)
        let institution = issues.text(institution, .institution)
        if let country = issues.require(country, .country, tr("Choose a country.")), !Countries.isKnown(country) {
            issues.add(.country, tr("Unknown country code; use ISO 3166 two letters, e.g. SY."))
        }
        if let year = issues.require(year, .year, tr("The year, e.g. 2015.")), !(1900...today.year).contains(year) {
            issues.add(.year, tr("The year lies between 1900 and {year}.", ["year": String(today.year)]))
        }
        if let level = issues.require(iscedLevel, .isced, tr("Choose the ISCED level.")),
            !QualificationDraft.iscedLevels.contains(level)
        {
            issues.add(.isced, tr("The ISCED level is 0 to 8 (6 bachelor, 7 master, 8 doctorate)."))
        }
        let documents = issues.require(hasDocuments, .documents)
        let regulated = issues.require(isRegulatedProfession, .regulated)
        let identified = issues.pastDay(identifiedOn, .identifiedOn, today: today)
        guard let country, let year, let iscedLevel, let documents, let regulated, let identified, issues.isEmpty
        else { throw issues.failure }
        return Qualification(
            clientID: clientID, title: title, field: field, country: country, institution: institution, year: year,
            iscedLevel: iscedLevel, hasDocuments: documents, isRegulatedProfession: regulated, stageSince: identified,
            variant: procedure)
    }
}

extension QualificationDraft {
    /// Why `procedure` cannot be a file's, or nil when it can: the standard one (nil) or a
    /// variant of the client's programme (`procedures`).
    package static func procedureRefusal(_ procedure: String?, procedures: [RecognitionVariant]) -> String? {
        guard let procedure, !procedures.contains(where: { $0.id == procedure }) else { return nil }
        return procedures.isEmpty
            ? tr("The client's programme has no other procedure than the standard one; choose it.")
            : tr(
                "That procedure is not one of the client's programme; choose the standard procedure or {some}.",
                ["some": listing(procedures.map(\.name))])
    }
}

/// A recognition file's procedure changed after the file was added (the officer learns later
/// that the employer applied for the accelerated procedure, or that it was not granted). Every
/// deadline of the file follows the new procedure, so it is refused once the authority decided:
/// the decision was timed by the procedure it ran under.
package struct RecognitionProcedureDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case procedure
    }

    /// The programme's variant procedure (`RecognitionVariant.id`); nil for the standard one.
    package var procedure: String?

    package init(procedure: String? = nil) { self.procedure = procedure }

    /// The standard procedure is a choice too (nil), so nothing is required.
    package var requiredFields: Set<Field> { [] }

    /// The procedure the file is to run under, checked against the file as it stands and the
    /// variant procedures of the client's programme.
    @discardableResult
    package func validated(file: Qualification, procedures: [RecognitionVariant]) throws(ValidationFailure<Field>)
        -> String?
    {
        var issues = FieldIssues<Field>()
        if let decided = file.decidedOn {
            issues.add(
                .procedure,
                tr(
                    "The authority decided this file on {day}; its procedure can no longer change.",
                    ["day": decided.shown]))
        } else if let refusal = QualificationDraft.procedureRefusal(procedure, procedures: procedures) {
            issues.add(.procedure, refusal)
        } else if procedure == file.variant {
            issues.add(.procedure, tr("The file already runs under this procedure; choose another one."))
        }
        guard issues.isEmpty else { throw issues.failure }
        return procedure
    }
}

/// A recognition file's step to its next stage, with what that stage needs (the route, the
/// passport, the compensation measure).
package struct RecognitionStepDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case stage = "to", on, route, passportIssuedOn = "passport", compensation = "measure"
        case compensationStart = "start", compensationEnd = "end", note

        package var characterLimit: Int? { self == .note ? 500 : nil }
    }

    package var stage: RecognitionStage?
    package var on: Day?
    package var route: RecognitionRoute?
    package var passportIssuedOn: Day?
    package var compensation: CompensationKind?
    package var compensationStart: Day?
    package var compensationEnd: Day?
    package var note: String

    package init(
        to stage: RecognitionStage? = nil, on day: Day? = nil, route: RecognitionRoute? = nil,
        passportIssuedOn: Day? = nil, compensation: CompensationKind? = nil, compensationStart: Day? = nil,
        compensationEnd: Day? = nil, note: String = ""
    ) {
        self.stage = stage
        self.on = day
        self.route = route
        self.passportIssuedOn = passportIssuedOn
        self.compensation = compensation
        self.compensationStart = compensationStart
        self.compensationEnd = compensationEnd
        self.note = note
    }

    package var requiredFields: Set<Field> {
        switch stage {
        case .routeChosen: return [.stage, .on, .route]
        case .compensation: return [.stage, .on, .compensation, .compensationStart]
        default: return [.stage, .on]
        }
    }

    /// The step as checked: what the next stage needs, given.
    package struct Valid: Sendable {
        package let stage: RecognitionStage
        package let on: Day
        package let route: RecognitionRoute?
        package let passportIssuedOn: Day?
        package let compensation: CompensationKind?
        package let compensationStart: Day?
        package let compensationEnd: Day?
        package let note: String
    }

    /// The step, checked against the file's stage now and the day that stage began.
    @discardableResult
    package func validated(from current: RecognitionStage, since: Day, today: Day) throws(ValidationFailure<Field>)
        -> Valid
    {
        var issues = FieldIssues<Field>()
        if let stage, !current.canMove(to: stage) {
            issues.add(.stage, RecognitionError.illegal(from: current, to: stage).description)
        }
        let stage = issues.require(
            stage, .stage, tr("Choose one of {choices}.", ["choices": listing(current.next.map(\.label))]))
        let day = issues.pastDay(on, .on, today: today)
        if let day, day < since {
            issues.add(.on, tr("The step cannot come before the current stage began ({day}).", ["day": since.shown]))
        }
        if stage == .routeChosen { _ = issues.require(route, .route, tr("Choose the route.")) }
        if stage == .compensation {
            _ = issues.require(compensation, .compensation, tr("Choose the measure the applicant chose."))
            _ = issues.require(compensationStart, .compensationStart, tr("When does the measure start?"))
        }
        if let start = compensationStart, let end = compensationEnd {
            if end < start {
                issues.add(.compensationEnd, tr("The measure cannot end before it starts."))
            } else if compensation == .adaptationPeriod, end > CompensationKind.longestAdaptation.after(start) {
                issues.add(.compensationEnd, tr("An adaptation period lasts at most 3 years (Directive 2005/36/EC)."))
            }
        }
        let note = issues.text(note, .note)
        guard let stage, let day, issues.isEmpty else { throw issues.failure }
        return Valid(
            stage: stage, on: day, route: route, passportIssuedOn: passportIssuedOn, compensation: compensation,
            compensationStart: compensationStart, compensationEnd: compensationEnd, note: note)
    }
}
