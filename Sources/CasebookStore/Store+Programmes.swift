import CasebookCore

/// One imported programme version, as `programme list` shows it.
package struct ProgrammeSummary: Hashable, Sendable {
    package var id: String
    package var version: Int
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
            let latest = try database.queryFirst(
                "SELECT version, source_text FROM programmes WHERE id = ? ORDER BY version DESC LIMIT 1", [programme.id]
            ) { (version: $0.int(0), text: $0.text(1)) }
            if let latest, latest.text == sourceText,
                let existing = try self.programme(id: programme.id, version: latest.version)
            {
                return (existing, false)
            }
            var stored = programme
            stored.version = (latest?.version ?? 0) + 1
            let key: [any SQLBindable] = [stored.id, stored.version]
            try database.execute(
                """
                INSERT INTO programmes (id, version, name, country, language, language_hours, civic_hours,
                    recognition_decision, recognition_acknowledgement, passport_validity, civic_required,
                    civic_test_name, civic_test_questions, civic_test_pass_mark, source_file, source_text,
                    imported_at, imported_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                key + [
                    stored.name, stored.country, stored.languageCode, stored.languageHours, stored.civicHours,
                    stored.recognitionDecision.text, stored.recognitionAcknowledgement.text,
                    stored.qualificationsPassportValidity.text, stored.civicRequired, stored.civicTest?.name,
                    stored.civicTest?.questions, stored.civicTest?.passMark, sourceFile, sourceText, clock.now, actor,
                ])
            for (position, profile) in stored.profiles.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_profiles (programme_id, version, profile_id, position, name, language_hours, duration)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, key + [profile.id, position, profile.name, profile.languageHours, profile.duration?.text])
                for (skill, level) in profile.targets {
                    try database.execute(
                        "INSERT INTO programme_targets (programme_id, version, profile_id, skill, level) VALUES (?, ?, ?, ?, ?)",
                        key + [profile.id, skill.rawValue, level.rawValue])
                }
            }
            for (position, module) in stored.civicModules.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_civic_modules (programme_id, version, module_id, position, name, hours)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, key + [module.id, position, module.name, module.hours])
            }
            for (position, obligation) in stored.obligations.enumerated() {
                try database.execute(
                    """
                    INSERT INTO programme_obligations (programme_id, version, position, party, category, description,
                        legal_basis, anchor, due)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    key + [
                        position, obligation.party.rawValue, obligation.category.rawValue, obligation.description,
                        obligation.legalBasis, obligation.anchor.rawValue, obligation.due.text,
                    ])
            }
            try audit(
                .programme, id: Int64(stored.version), clientID: nil, field: .import, old: nil,
                new: "\(stored.id) version \(stored.version) from \(sourceFile)", actor: actor)
            return (stored, true)
        }
        programmeCache.keep(result.programme)
        return result
    }

    private enum SummaryColumn: Int32, ColumnSet {
        case id, version, name, country, importedAt, sourceFile, enrolled

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
                    id: row.text(.id), version: row.int(.version), name: row.text(.name), country: row.text(.country),
                    importedAt: try row.instant(.importedAt), sourceFile: row.text(.sourceFile),
                    enrolled: row.int(.enrolled))
            }
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
        case civicTestPassMark
    }

    private enum TargetColumn: Int32, ColumnSet { case profileID, skill, level }

    private enum ProfileColumn: Int32, ColumnSet { case profileID, name, languageHours, duration }

    private enum ModuleColumn: Int32, ColumnSet { case moduleID, name, hours }

    private enum TemplateColumn: Int32, ColumnSet { case party, category, description, legalBasis, anchor, due }

    private static let programmeSelection = ProgrammeColumn.selection()
    private static let targetSelection = TargetColumn.selection()
    private static let profileSelection = ProfileColumn.selection()
    private static let moduleSelection = ModuleColumn.selection()
    private static let templateSelection = TemplateColumn.selection()

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
                        func span(_ column: ProgrammeColumn) throws -> TimeSpan {
                            guard let span = TimeSpan(row.text(column)) else {
                                throw StoreError.corrupt("a programme duration is malformed")
                            }
                            return span
                        }
                        let test = row.optionalText(.civicTestName).map {
                            CivicTestRule(
                                name: $0, questions: row.optionalInt(.civicTestQuestions),
                                passMark: row.optionalInt(.civicTestPassMark))
                        }
                        return Programme(
                            id: row.text(.id), version: row.int(.version), name: row.text(.name),
                            country: row.text(.country), languageCode: row.text(.language),
                            languageHours: row.int(.languageHours), civicHours: row.int(.civicHours),
                            recognitionDecision: try span(.recognitionDecision),
                            recognitionAcknowledgement: try span(.recognitionAcknowledgement),
                            qualificationsPassportValidity: try span(.passportValidity),
                            civicRequired: row.bool(.civicRequired), civicModules: [], civicTest: test, profiles: [],
                            obligations: [])
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
                    duration: row.optionalText(.duration).flatMap(TimeSpan.init))
            }
            programme.civicModules = try database.query(
                """
                SELECT \(Store.moduleSelection) FROM programme_civic_modules WHERE programme_id = ? AND version = ?
                ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<ModuleColumn>(row)
                return CivicModule(id: row.text(.moduleID), name: row.text(.name), hours: row.optionalInt(.hours))
            }
            programme.obligations = try database.query(
                """
                SELECT \(Store.templateSelection) FROM programme_obligations WHERE programme_id = ? AND version = ?
                ORDER BY position
                """, key
            ) { row in
                let row = NamedRow<TemplateColumn>(row)
                guard let due = TimeSpan(row.text(.due)) else {
                    throw StoreError.corrupt("an obligation's due rule is malformed")
                }
                return ObligationTemplate(
                    party: try row.value(.party, as: Party.self),
                    category: try row.value(.category, as: ObligationCategory.self),
                    description: row.text(.description), legalBasis: row.text(.legalBasis),
                    anchor: try row.value(.anchor, as: Anchor.self), due: due)
            }
            return programme
        }
        if let loaded { programmeCache.keep(loaded) }
        return loaded
    }

    /// Enrols a client in a programme version and learner profile.
    package func enrol(clientID: Client.ID, programmeID: String, version: Int, profile: String, actor: Staff.ID) throws
    {
        guard let programme = try programme(id: programmeID, version: version) else {
            throw StoreError.notFound("programme \(programmeID) version \(version)")
        }
        guard programme.profile(profile) != nil else {
            throw StoreError.invalidInput(
                "\(programme.name) has no profile \"\(Sanitized.inline(profile, limit: 40))\"; use "
                    + listing(programme.profiles.map(\.id)) + ".")
        }
        try write {
            guard let old = try enrolment(clientID: clientID) else { throw StoreError.notFound("client") }
            try database.execute(
                "UPDATE enrolments SET programme_id = ?, programme_version = ?, profile = ? WHERE client_id = ?",
                [programmeID, version, profile, clientID])
            let before = old.programmeID.map { "\($0) v\(old.programmeVersion ?? 0) \(old.profile ?? "")" }
            try audit(
                .enrolment, id: clientID, clientID: clientID, field: .programme, old: before,
                new: "\(programmeID) v\(version) \(profile)", actor: actor)
        }
    }

    /// The programme a client is enrolled under, and the profile.
    package func programme(forClient clientID: Client.ID) throws -> (programme: Programme, profile: String?)? {
        guard let enrolment = try enrolment(clientID: clientID), let id = enrolment.programmeID,
            let version = enrolment.programmeVersion, let programme = try programme(id: id, version: version)
        else { return nil }
        return (programme, enrolment.profile)
    }
}

struct ProgrammeKey: Hashable {
    let id: String
    let version: Int
}
