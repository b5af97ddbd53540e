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
            if let latest, latest.text == sourceText, let existing = try self.programme(id: programme.id, version: latest.version) {
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
                entity: "programme", id: Int64(stored.version), clientID: nil, field: "import", old: nil,
                new: "\(stored.id) version \(stored.version) from \(sourceFile)", actor: actor)
            return (stored, true)
        }
        programmeCache[ProgrammeKey(id: result.programme.id, version: result.programme.version)] = result.programme
        return result
    }

    /// Every imported version, newest first within each programme, with how many clients are
    /// enrolled under it.
    package func programmeVersions() throws -> [ProgrammeSummary] {
        try read {
            try database.query(
                """
                SELECT p.id, p.version, p.name, p.country, p.imported_at, p.source_file,
                    (SELECT count(*) FROM enrolments e WHERE e.programme_id = p.id AND e.programme_version = p.version)
                FROM programmes p ORDER BY p.id, p.version DESC
                """
            ) { row in
                ProgrammeSummary(
                    id: row.text(0), version: row.int(1), name: row.text(2), country: row.text(3),
                    importedAt: try row.instant(4), sourceFile: row.text(5), enrolled: row.int(6))
            }
        }
    }

    /// The latest version of every programme.
    package func latestProgrammes() throws -> [Programme] {
        let ids = try read {
            try database.query("SELECT id, max(version) FROM programmes GROUP BY id ORDER BY id") { ($0.text(0), $0.int(1)) }
        }
        return try ids.compactMap { try programme(id: $0.0, version: $0.1) }
    }

    /// One version of a programme (read once, then kept: versions never change).
    package func programme(id: String, version: Int) throws -> Programme? {
        let key = ProgrammeKey(id: id, version: version)
        if let cached = programmeCache[key] { return cached }
        let loaded: Programme? = try read {
            guard
                var programme = try database.queryFirst(
                    """
                    SELECT id, version, name, country, language, language_hours, civic_hours, recognition_decision,
                        recognition_acknowledgement, passport_validity, civic_required, civic_test_name,
                        civic_test_questions, civic_test_pass_mark
                    FROM programmes WHERE id = ? AND version = ?
                    """, [id, version],
                    { row -> Programme in
                        func span(_ index: Int32) throws -> TimeSpan {
                            guard let span = TimeSpan(row.text(index)) else { throw StoreError.corrupt("a programme duration is malformed") }
                            return span
                        }
                        let test = row.optionalText(11).map {
                            CivicTestRule(name: $0, questions: row.optionalInt(12), passMark: row.optionalInt(13))
                        }
                        return Programme(
                            id: row.text(0), version: row.int(1), name: row.text(2), country: row.text(3),
                            languageCode: row.text(4), languageHours: row.int(5), civicHours: row.int(6),
                            recognitionDecision: try span(7), recognitionAcknowledgement: try span(8),
                            qualificationsPassportValidity: try span(9), civicRequired: row.int(10) == 1,
                            civicModules: [], civicTest: test, profiles: [], obligations: [])
                    })
            else { return nil }
            let key: [any SQLBindable] = [id, version]
            var targets: [String: [Skill: CEFRLevel]] = [:]
            try database.forEach(
                "SELECT profile_id, skill, level FROM programme_targets WHERE programme_id = ? AND version = ?", key
            ) { row in
                targets[row.text(0), default: [:]][try row.value(1, as: Skill.self)] = try row.value(2, as: CEFRLevel.self)
            }
            programme.profiles = try database.query(
                """
                SELECT profile_id, name, language_hours, duration FROM programme_profiles
                WHERE programme_id = ? AND version = ? ORDER BY position
                """, key
            ) { row in
                LearnerProfile(
                    id: row.text(0), name: row.text(1), targets: targets[row.text(0)] ?? [:],
                    languageHours: row.optionalInt(2), duration: row.optionalText(3).flatMap(TimeSpan.init))
            }
            programme.civicModules = try database.query(
                "SELECT module_id, name, hours FROM programme_civic_modules WHERE programme_id = ? AND version = ? ORDER BY position",
                key
            ) { CivicModule(id: $0.text(0), name: $0.text(1), hours: $0.optionalInt(2)) }
            programme.obligations = try database.query(
                """
                SELECT party, category, description, legal_basis, anchor, due FROM programme_obligations
                WHERE programme_id = ? AND version = ? ORDER BY position
                """, key
            ) { row in
                guard let due = TimeSpan(row.text(5)) else { throw StoreError.corrupt("an obligation's due rule is malformed") }
                return ObligationTemplate(
                    party: try row.value(0, as: Party.self), category: try row.value(1, as: ObligationCategory.self),
                    description: row.text(2), legalBasis: row.text(3), anchor: try row.value(4, as: Anchor.self), due: due)
            }
            return programme
        }
        if let loaded { programmeCache[key] = loaded }
        return loaded
    }

    /// Enrols a client in a programme version and learner profile.
    package func enrol(clientID: Client.ID, programmeID: String, version: Int, profile: String, actor: Staff.ID) throws {
        guard let programme = try programme(id: programmeID, version: version) else {
            throw StoreError.notFound("programme \(programmeID) version \(version)")
        }
        guard programme.profile(profile) != nil else {
            throw StoreError.invalidInput(
                "\(programme.name) has no profile \"\(Sanitized.inline(profile, limit: 40))\"; use " + listing(programme.profiles.map(\.id)) + ".")
        }
        try write {
            guard let old = try enrolment(clientID: clientID) else { throw StoreError.notFound("client") }
            try database.execute(
                "UPDATE enrolments SET programme_id = ?, programme_version = ?, profile = ? WHERE client_id = ?",
                [programmeID, version, profile, clientID])
            let before = old.programmeID.map { "\($0) v\(old.programmeVersion ?? 0) \(old.profile ?? "")" }
            try audit(
                entity: "enrolment", id: clientID, clientID: clientID, field: "programme", old: before,
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
