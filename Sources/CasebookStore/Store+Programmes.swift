import CasebookCore

/// One imported programme version, as `programme list` shows it.
package struct ProgrammeSummary: Hashable, Sendable {
    package var id: String
    package var version: Int
    /// The day the version took effect; nil when imported before Casebook recorded it.
    package var validFrom: Day?
    package var name: String
    package var country: String
    package var importedAt: Instant
    package var sourceFile: String
    package var enrolled: Int
}

extension Store {
    /// Stores a parsed programme as a new version, unless its text equals the latest version's.
    /// Returns the stored programme and whether a new version was made.
    @discardableResult
    package func importProgramme(
        _ programme: Programme, sourceFile: String, sourceText: String, actor: Staff.ID
    ) throws -> (programme: Programme, isNew: Bool) {
        let result: (programme: Programme, isNew: Bool) = try write {
            try require(.importProgrammes, by: actor)
            let latest = try database.queryFirst(
                "SELECT version, source_text FROM programmes WHERE id = ? ORDER BY version DESC LIMIT 1", [programme.id]
            ) { (version: $0.int(0), text: $0.text(1)) }
            if let latest, latest.text == sourceText,
                let existing = try self.programme(id: programme.id, version: latest.version)
            {
                return (existing, false)
            }
            let timeline = try programmeTimeline(id: programme.id)
            if !timeline.admits(validFrom: programme.validFrom), let validFrom = programme.validFrom,
                let newest = timeline.latestDated, let since = newest.validFrom
            {
                throw StoreError.invalidInput(
                    "valid_from \(validFrom.iso) is before \(since.iso), the day version \(newest.version) of \(programme.id)"
                        + " took effect; a new version cannot take effect before the one it replaces.")
            }
            var stored = programme
            stored.version = (latest?.version ?? 0) + 1
            let key: [any SQLBindable] = [stored.id, stored.version]
            try database.execute(
                """
                INSERT INTO programmes (id, version, name, country, language, language_hours, civic_hours,
                    recognition_decision, recognition_acknowledgement, passport_validity, civic_required,
                    civic_test_name, civic_test_questions, civic_test_pass_mark, source_file, source_text,
                    imported_at, imported_by, valid_from, language_hours_basis, civic_hours_basis,
                    recognition_decision_basis, recognition_acknowledgement_basis, civic_test_exempt_residence,
                    civic_test_exempt_from_age, retention_erase_after, retention_legal_source, outcome_target,
                    outcome_target_source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                key + [
                    stored.name, stored.country, stored.languageCode, stored.languageHours, stored.civicHours,
                    stored.recognitionDecision.text, stored.recognitionAcknowledgement.text,
                    stored.qualificationsPassportValidity.text, stored.civicRequired, stored.civicTest?.name,
                    stored.civicTest?.questions, stored.civicTest?.passMark, sourceFile, sourceText, clock.now, actor,
                    stored.validFrom, stored.languageHoursBasis, stored.civicHoursBasis,
                    stored.recognitionDecisionBasis,
                    stored.recognitionAcknowledgementBasis,
                    joined(stored.civicTest?.exemptResidence.map(\.rawValue) ?? []),
                    stored.civicTest?.exemptFromAge, stored.retention?.eraseAfter.text, stored.retention?.legalSource,
                    stored.outcomeTarget?.share, stored.outcomeTarget?.source,
                ])
            for (position, profile) in stored.profiles.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_profiles (programme_id, version, profile_id, position, name, language_hours, duration,
                        language_hours_basis, extension, repeat_hours, discontinued_from)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    key + [
                        profile.id, position, profile.name, profile.languageHours, profile.duration?.text,
                        profile.languageHoursBasis, profile.extendableBy?.text, profile.repeatHours,
                        profile.discontinuedFrom,
                    ])
                for (skill, level) in profile.targets {
                    try database.execute(
                        "INSERT INTO programme_targets (programme_id, version, profile_id, skill, level) VALUES (?, ?, ?, ?, ?)",
                        key + [profile.id, skill.rawValue, level.rawValue])
                }
            }
            for (position, module) in stored.civicModules.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_civic_modules (programme_id, version, module_id, position, name, hours, profiles)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, key + [module.id, position, module.name, module.hours, joined(module.profiles)])
            }
            for (position, obligation) in stored.obligations.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_obligations (programme_id, version, position, party, category, description,
                        legal_basis, anchor, due, due_basis, profiles)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    key + [
                        position, obligation.party.rawValue, obligation.category.rawValue, obligation.description,
                        obligation.legalBasis, obligation.anchor.rawValue, obligation.due.text, obligation.dueBasis,
                        joined(obligation.profiles),
                    ])
            }
            for obligation in stored.obligations {
                for (language, text) in obligation.translations.sorted(by: { $0.key < $1.key }) {
                    try database.execute(
                        "INSERT OR REPLACE INTO programme_texts (programme_id, english, language, text) VALUES (?, ?, ?, ?)",
                        [stored.id, obligation.description, language, text])
                }
            }
            for (position, variant) in stored.recognitionVariants.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_recognition_variants (programme_id, version, variant_id, position, name, legal_basis,
                        decision_within, acknowledge_within)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    key + [
                        variant.id, position, variant.name, variant.legalBasis, variant.decisionWithin.text,
                        variant.acknowledgeWithin.text,
                    ])
            }
            for (position, stop) in stored.admissionStops.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_admission_stops (programme_id, version, stop_id, position, description, legal_basis,
                        statuses, from_day, until_day)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    key + [
                        stop.id, position, stop.description, stop.legalBasis, joined(stop.statuses.map(\.rawValue)),
                        stop.from,
                        stop.until,
                    ])
            }
            try audit(
                .programme, id: Int64(stored.version), clientID: nil, field: .import, old: nil,
                new: AuditValue.programmeImported(
                    programme: stored.id, version: stored.version, file: sourceFile, validFrom: stored.validFrom
                ).stored, actor: actor)
            return (stored, true)
        }
        programmeCache.keep(result.programme)
        return result
    }

    /// Imports a preset shipped with Casebook when the file lacks it, or when it is a corrected
    /// preset: its text is in no stored version, it does not take effect before the newest
    /// version, and it replaces a version imported from the same shipped file, an undated one,
    /// or one that took effect earlier. A version an admin imported from a file of their own is
    /// not replaced by a shipped one taking effect on the same day or before. Returns the new
    /// version, or nil when nothing was imported.
    package func importShippedProgramme(
        _ programme: Programme, sourceFile: String, sourceText: String, actor: Staff.ID
    ) throws -> Programme? {
        let latest = try read {
            try database.queryFirst(
                "SELECT source_file, valid_from FROM programmes WHERE id = ? ORDER BY version DESC LIMIT 1",
                [programme.id]
            ) { (file: $0.text(0), validFrom: try $0.optionalDay(1)) }
        }
        if let latest {
            let known = try read {
                try database.scalar(
                    "SELECT count(*) FROM programmes WHERE id = ? AND source_text = ?", [programme.id, sourceText])
            }
            guard known == 0, try programmeTimeline(id: programme.id).admits(validFrom: programme.validFrom) else {
                return nil
            }
            let replacesOwnFile = latest.file == sourceFile
            let isLater = latest.validFrom.map { old in programme.validFrom.map { old < $0 } ?? false } ?? true
            guard replacesOwnFile || isLater else { return nil }
        }
        return try importProgramme(programme, sourceFile: sourceFile, sourceText: sourceText, actor: actor).programme
    }

    private enum SummaryColumn: Int32, ColumnSet {
        case id, version, name, country, importedAt, sourceFile, enrolled, validFrom

        var expression: String? {
            self == .enrolled
                ? "(SELECT count(*) FROM enrolments e WHERE e.programme_id = p.id AND e.programme_version = p.version)"
                : nil
        }
    }

    private static let summarySelection = SummaryColumn.selection(from: "p")

    /// Every imported version, newest first within each programme, with how many clients are
    /// enrolled under it.
    package func programmeVersions() throws -> [ProgrammeSummary] {
        try read {
            try database.query("SELECT \(Store.summarySelection) FROM programmes p ORDER BY p.id, p.version DESC") {
                row in
                let row = NamedRow<SummaryColumn>(row)
                return ProgrammeSummary(
                    id: row.text(.id), version: row.int(.version), validFrom: try row.optionalDay(.validFrom),
                    name: row.text(.name), country: row.text(.country), importedAt: try row.instant(.importedAt),
                    sourceFile: row.text(.sourceFile), enrolled: row.int(.enrolled))
            }
        }
    }

    /// The programme versions whose preset sets its own retention period, with how many
    /// clients are enrolled under each: the rules that override the site's, for `check` and the
    /// retention run.
    package func programmeRetentionRules() throws -> [(rule: RetentionRule, name: String, enrolled: Int)] {
        try read {
            try database.query(
                """
                SELECT p.id, p.version, p.name, p.retention_erase_after, p.retention_legal_source,
                    (SELECT count(*) FROM enrolments e WHERE e.programme_id = p.id AND e.programme_version = p.version)
                FROM programmes p WHERE p.retention_erase_after IS NOT NULL ORDER BY p.id, p.version
                """
            ) { row in
                guard let period = RetentionRule.period(row.text(3)) else {
                    throw StoreError.corrupt("a programme's retention period is malformed")
                }
                let rule = RetentionRule(
                    eraseAfter: period, origin: .programme(id: row.text(0), version: row.int(1)), source: row.text(4))
                return (rule, row.text(2), row.int(5))
            }
        }
    }

    /// The imported versions of a programme and the day each took effect.
    package func programmeTimeline(id: String) throws -> ProgrammeTimeline {
        try read {
            ProgrammeTimeline(
                try database.query("SELECT version, valid_from FROM programmes WHERE id = ? ORDER BY version", [id]) {
                    row in
                    ProgrammeTimeline.Entry(version: row.int(0), validFrom: try row.optionalDay(1))
                })
        }
    }

    /// The version of every programme in force on `day` (see `ProgrammeTimeline.inForce`): the
    /// ones a new enrolment is made under. A programme whose every version takes effect later
    /// is left out.
    package func programmesInForce(on day: Day) throws -> [Programme] {
        let ids = try read { try database.query("SELECT DISTINCT id FROM programmes ORDER BY id") { $0.text(0) } }
        return try ids.compactMap { id in
            try programmeTimeline(id: id).inForce(on: day).flatMap { try programme(id: id, version: $0.version) }
        }
    }

    /// The latest version of every programme.
    package func latestProgrammes() throws -> [Programme] {
        let ids = try read {
            try database.query("SELECT id, max(version) FROM programmes GROUP BY id ORDER BY id") {
                ($0.text(0), $0.int(1))
            }
        }
        return try ids.compactMap { try programme(id: $0.0, version: $0.1) }
    }

    private enum ProgrammeColumn: Int32, ColumnSet {
        case id, version, name, country, language, languageHours, civicHours, recognitionDecision
        case recognitionAcknowledgement, passportValidity, civicRequired, civicTestName, civicTestQuestions
        case civicTestPassMark, validFrom, languageHoursBasis, civicHoursBasis, recognitionDecisionBasis
        case recognitionAcknowledgementBasis, civicTestExemptResidence, civicTestExemptFromAge
        case retentionEraseAfter, retentionLegalSource, outcomeTarget, outcomeTargetSource
    }

    private enum TargetColumn: Int32, ColumnSet { case profileID, skill, level }

    private enum ProfileColumn: Int32, ColumnSet {
        case profileID, name, languageHours, duration, languageHoursBasis, `extension`, repeatHours, discontinuedFrom
    }

    private enum ModuleColumn: Int32, ColumnSet { case moduleID, name, hours, profiles }

    private enum TemplateColumn: Int32, ColumnSet {
        case party, category, description, legalBasis, anchor, due, dueBasis, profiles
    }

    private enum VariantColumn: Int32, ColumnSet {
        case variantID, name, legalBasis, decisionWithin, acknowledgeWithin
    }

    private enum StopColumn: Int32, ColumnSet { case stopID, description, legalBasis, statuses, fromDay, untilDay }

    private static let programmeSelection = ProgrammeColumn.selection()
    private static let targetSelection = TargetColumn.selection()
    private static let profileSelection = ProfileColumn.selection()
    private static let moduleSelection = ModuleColumn.selection()
    private static let templateSelection = TemplateColumn.selection()
    private static let variantSelection = VariantColumn.selection()
    private static let stopSelection = StopColumn.selection()

    /// One version of a programme (read once, then kept: versions never change).
    package func programme(id: String, version: Int) throws -> Programme? {
        let key = ProgrammeKey(id: id, version: version)
        if let cached = programmeCache[key] { return cached }
        let loaded: Programme? = try read {
            guard
                var programme = try database.queryFirst(
                    "SELECT \(Store.programmeSelection) FROM programmes WHERE id = ? AND version = ?", [id, version],
                    { row -> Programme in
                        let row = NamedRow<ProgrammeColumn>(row)
                        let exempt = try codes(row.text(.civicTestExemptResidence), as: ResidenceCategory.self)
                        let test = row.optionalText(.civicTestName).map {
                            CivicTestRule(
                                name: $0, questions: row.optionalInt(.civicTestQuestions),
                                passMark: row.optionalInt(.civicTestPassMark), exemptResidence: exempt,
                                exemptFromAge: row.optionalInt(.civicTestExemptFromAge))
                        }
                        let retention = try row.optionalText(.retentionEraseAfter).map {
                            ProgrammeRetention(eraseAfter: try span($0), legalSource: row.text(.retentionLegalSource))
                        }
                        let target =
                            row.isNull(.outcomeTarget)
                            ? nil
                            : OutcomeTarget(
                                share: row.double(.outcomeTarget), source: row.text(.outcomeTargetSource))
                        return Programme(
                            id: row.text(.id), version: row.int(.version), validFrom: try row.optionalDay(.validFrom),
                            name: row.text(.name), country: row.text(.country), languageCode: row.text(.language),
                            languageHours: row.int(.languageHours),
                            languageHoursBasis: try row.value(.languageHoursBasis, as: RuleBasis.self),
                            civicHours: row.int(.civicHours),
                            civicHoursBasis: try row.value(.civicHoursBasis, as: RuleBasis.self),
                            recognitionDecision: try span(row.text(.recognitionDecision)),
                            recognitionDecisionBasis: try row.value(.recognitionDecisionBasis, as: RuleBasis.self),
                            recognitionAcknowledgement: try span(row.text(.recognitionAcknowledgement)),
                            recognitionAcknowledgementBasis: try row.value(
                                .recognitionAcknowledgementBasis, as: RuleBasis.self),
                            qualificationsPassportValidity: try span(row.text(.passportValidity)),
                            civicRequired: row.bool(.civicRequired), civicModules: [], civicTest: test, profiles: [],
                            obligations: [], retention: retention, outcomeTarget: target)
                    })
            else { return nil }
            let key: [any SQLBindable] = [id, version]
            var targets: [String: [Skill: CEFRLevel]] = [:]
            try database.forEach(
                "SELECT \(Store.targetSelection) FROM programme_targets WHERE programme_id = ? AND version = ?", key
            ) { row in
                let row = NamedRow<TargetColumn>(row)
                targets[row.text(.profileID), default: [:]][try row.value(.skill, as: Skill.self)] =
                    try row.value(.level, as: CEFRLevel.self)
            }
            programme.profiles = try database.query(
                """
                SELECT \(Store.profileSelection) FROM programme_profiles WHERE programme_id = ? AND version = ?
                ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<ProfileColumn>(row)
                return LearnerProfile(
                    id: row.text(.profileID), name: row.text(.name), targets: targets[row.text(.profileID)] ?? [:],
                    languageHours: row.optionalInt(.languageHours),
                    languageHoursBasis: try row.value(.languageHoursBasis, as: RuleBasis.self),
                    duration: try row.optionalText(.duration).map(span),
                    extendableBy: try row.optionalText(.`extension`).map(span),
                    repeatHours: row.optionalInt(.repeatHours),
                    discontinuedFrom: try row.optionalDay(.discontinuedFrom))
            }
            programme.civicModules = try database.query(
                """
                SELECT \(Store.moduleSelection) FROM programme_civic_modules WHERE programme_id = ? AND version = ?
                ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<ModuleColumn>(row)
                return CivicModule(
                    id: row.text(.moduleID), name: row.text(.name), hours: row.optionalInt(.hours),
                    profiles: ids(row.text(.profiles)))
            }
            programme.obligations = try database.query(
                """
                SELECT \(Store.templateSelection) FROM programme_obligations WHERE programme_id = ? AND version = ?
                ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<TemplateColumn>(row)
                return ObligationTemplate(
                    party: try row.value(.party, as: Party.self),
                    category: try row.value(.category, as: ObligationCategory.self),
                    description: row.text(.description), legalBasis: row.text(.legalBasis),
                    anchor: try row.value(.anchor, as: Anchor.self), due: try span(row.text(.due)),
                    dueBasis: try row.value(.dueBasis, as: RuleBasis.self), profiles: ids(row.text(.profiles)))
            }
            for index in programme.obligations.indices {
                programme.obligations[index].translations = Dictionary(
                    uniqueKeysWithValues: try database.query(
                        "SELECT language, text FROM programme_texts WHERE programme_id = ? AND english = ?",
                        [id, programme.obligations[index].description]
                    ) { ($0.text(0), $0.text(1)) })
            }
            programme.recognitionVariants = try database.query(
                """
                SELECT \(Store.variantSelection) FROM programme_recognition_variants
                WHERE programme_id = ? AND version = ? ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<VariantColumn>(row)
                return RecognitionVariant(
                    id: row.text(.variantID), name: row.text(.name), legalBasis: row.text(.legalBasis),
                    decisionWithin: try span(row.text(.decisionWithin)),
                    acknowledgeWithin: try span(row.text(.acknowledgeWithin)))
            }
            programme.admissionStops = try database.query(
                """
                SELECT \(Store.stopSelection) FROM programme_admission_stops
                WHERE programme_id = ? AND version = ? ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<StopColumn>(row)
                return AdmissionStop(
                    id: row.text(.stopID), description: row.text(.description), legalBasis: row.text(.legalBasis),
                    statuses: try codes(row.text(.statuses), as: ProgrammeStatus.self), from: try row.day(.fromDay),
                    until: try row.optionalDay(.untilDay))
            }
            return programme
        }
        if let loaded { programmeCache.keep(loaded) }
        return loaded
    }

    /// Enrols a client in a programme version and learner profile.
    package func enrol(clientID: Client.ID, _ draft: EnrolmentDraft, actor: Staff.ID) throws {
        try write {
            try require(.changePhase, by: actor, client: clientID)
            let available = try draft.programme.flatMap { try programme(id: $0.programmeID, version: $0.version) }
            let choice = try checked { try draft.validated(available: available) }
            let (programmeID, version, profile) = (choice.programmeID, choice.version, choice.profile)
            guard let old = try enrolment(clientID: clientID) else { throw StoreError.notFound("client") }
            try database.execute(
                "UPDATE enrolments SET programme_id = ?, programme_version = ?, profile = ? WHERE client_id = ?",
                [programmeID, version, profile, clientID])
            let before = old.programmeID.map {
                AuditValue.enrolment(programme: $0, version: old.programmeVersion ?? 0, profile: old.profile ?? "")
                    .stored
            }
            try audit(
                .enrolment, id: clientID, clientID: clientID, field: .programme, old: before,
                new: AuditValue.enrolment(programme: programmeID, version: version, profile: profile).stored,
                actor: actor)
        }
    }

    /// The descriptions of `programmeID`'s obligations in `language`, by their English text (the
    /// preset's `description.<language>`); empty for a language the preset does not translate into.
    package func obligationTexts(programmeID: String, language: String) throws -> [String: String] {
        try read {
            Dictionary(
                try database.query(
                    "SELECT english, text FROM programme_texts WHERE programme_id = ? AND language = ?",
                    [programmeID, language]
                ) { ($0.text(0), $0.text(1)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The programme a client is enrolled under, and the profile.
    func programme(forClient clientID: Client.ID) throws -> (programme: Programme, profile: String?)? {
        guard let enrolment = try enrolment(clientID: clientID), let id = enrolment.programmeID,
            let version = enrolment.programmeVersion, let programme = try programme(id: id, version: version)
        else { return nil }
        return (programme, enrolment.profile)
    }

    /// The version whose rules apply to a client (the one they were enrolled under, kept when
    /// a corrected version is imported), from when it was in force, whether a newer one
    /// exists, and the warnings that concern the client today. Nil when not enrolled.
    func appliedProgramme(forClient clientID: Client.ID) throws -> AppliedProgramme? {
        try read {
            guard let enrolment = try enrolment(clientID: clientID), let id = enrolment.programmeID,
                let version = enrolment.programmeVersion, let programme = try programme(id: id, version: version),
                let client = try client(id: clientID)
            else { return nil }
            let warnings = programme.warnings(
                profile: enrolment.profile, status: client.programmeStatus, startedOn: enrolment.startedOn,
                today: clock.today)
            return AppliedProgramme(
                programme: programme, profile: enrolment.profile,
                newer: try programmeTimeline(id: id).successor(of: version),
                warnings: warnings)
        }
    }
}

/// A duration as the programme tables hold it.
private func span(_ text: String) throws -> TimeSpan {
    guard let span = TimeSpan(text) else { throw StoreError.corrupt("a programme duration is malformed") }
    return span
}

/// Ids or codes as one column holds them: space-separated, '' for none.
private func joined(_ items: [String]) -> String { items.joined(separator: " ") }

private func ids(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

private func codes<E: RawRepresentable>(_ text: String, as type: E.Type) throws -> [E] where E.RawValue == String {
    try ids(text).map { code in
        guard let value = E(rawValue: code) else { throw StoreError.corrupt("a programme code is unknown") }
        return value
    }
}

/// The programme version a client is enrolled under, with what a record must show about it.
package struct AppliedProgramme: Hashable, Sendable {
    /// The version the client was enrolled under: its rules apply to the client.
    package var programme: Programme
    package var profile: String?
    /// The version imported after the client's, when theirs is not the newest: new enrolments
    /// are made under it from its `validFrom`.
    package var newer: ProgrammeTimeline.Entry?
    /// Admission stops and discontinued course types that concern this client now.
    package var warnings: [ProgrammeWarning]

    /// The day the client's version took effect (nil: imported before Casebook recorded it).
    package var validFrom: Day? { programme.validFrom }
}

struct ProgrammeKey: Hashable {
    let id: String
    let version: Int
}
