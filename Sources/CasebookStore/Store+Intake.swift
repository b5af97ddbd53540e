import CasebookCore
import CasebookL10n

extension Literacy: SQLBindable {}
extension DigitalSkills: SQLBindable {}
extension DrivingLicence: SQLBindable {}

extension Store {
    private enum IntakeColumn: Int32, ColumnSet {
        case clientID, mappedOn, schoolingYears, highestIsced, schoolingCountry, levelCompleted
        case firstLanguageLiteracy, latinLiteracy, digitalSkills, drivingLicence, careerGoal, trainingNeeds
        case mappedBy, version
    }

    private static let intakeSelection = IntakeColumn.selection()

    /// The client's intake mapping, nil until one is saved.
    func intakeMapping(clientID: Client.ID) throws -> IntakeMapping? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.intakeSelection) FROM intake_mappings WHERE client_id = ?", [clientID]
            ) { row in
                let row = NamedRow<IntakeColumn>(row)
                return IntakeMapping(
                    clientID: row.int64(.clientID), mappedOn: try row.day(.mappedOn),
                    schoolingYears: row.int(.schoolingYears),
                    highestLevel: row.optionalInt(.highestIsced).flatMap(ISCEDLevel.init(rawValue:)),
                    schoolingCountry: row.optionalText(.schoolingCountry),
                    levelCompleted: row.optionalInt(.levelCompleted).map { $0 != 0 },
                    firstLanguageLiteracy: try row.value(.firstLanguageLiteracy, as: Literacy.self),
                    latinLiteracy: try row.value(.latinLiteracy, as: Literacy.self),
                    digitalSkills: try row.value(.digitalSkills, as: DigitalSkills.self),
                    drivingLicence: try row.value(.drivingLicence, as: DrivingLicence.self),
                    careerGoal: row.text(.careerGoal), trainingNeeds: row.text(.trainingNeeds),
                    mappedBy: row.int64(.mappedBy), version: row.int(.version))
            }
        }
    }

    /// Saves the client's intake mapping: the first one (`expectedVersion` 0), or a change to
    /// the one read at `expectedVersion` (refused, naming who saved since, if it is stale). The
    /// one saving is the one who did the mapping.
    @discardableResult
    package func saveIntake(clientID: Client.ID, _ draft: IntakeDraft, expectedVersion: Int, actor: Staff.ID) throws
        -> IntakeMapping
    {
        try write {
            guard try client(id: clientID) != nil else { throw StoreError.notFound("client") }
            try require(.recordTrack, by: actor, client: clientID)
            var mapping = try checked { try draft.validated(clientID: clientID, today: clock.today) }
            let old = try intakeMapping(clientID: clientID)
            let values: [any SQLBindable] = [
                mapping.mappedOn, mapping.schoolingYears, mapping.highestLevel?.rawValue, mapping.schoolingCountry,
                mapping.levelCompleted, mapping.firstLanguageLiteracy, mapping.latinLiteracy, mapping.digitalSkills,
                mapping.drivingLicence, mapping.careerGoal, mapping.trainingNeeds, actor,
            ]
            if let old {
                let id = try intakeRowID(clientID: clientID)
                try requireVersion(.intakeMappings, id: id, current: old.version, expected: expectedVersion)
                try saveVersioned(
                    .intakeMappings, id: id, expected: expectedVersion,
                    set: """
                        mapped_on = ?, schooling_years = ?, highest_isced = ?, schooling_country = ?, level_completed = ?,
                        first_language_literacy = ?, latin_literacy = ?, digital_skills = ?, driving_licence = ?,
                        career_goal = ?, training_needs = ?, mapped_by = ?
                        """, values, actor: actor)
                mapping.version = old.version + 1
            } else {
                guard expectedVersion == 0 else { throw StoreError.notFound("intake mapping") }
                try database.execute(
                    """
                    INSERT INTO intake_mappings (client_id, mapped_on, schooling_years, highest_isced, schooling_country,
                        level_completed, first_language_literacy, latin_literacy, digital_skills, driving_licence,
                        career_goal, training_needs, mapped_by, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [clientID as any SQLBindable] + values + [clock.now, actor])
                mapping.version = 1
            }
            mapping.mappedBy = actor
            // The audit keeps what the mapping concluded, field by field, as other records do.
            for (field, before, after) in Store.intakeChanges(from: old, to: mapping) {
                try audit(
                    .intake, id: clientID, clientID: clientID, field: AuditField(rawValue: field.rawValue),
                    old: before, new: after, actor: actor)
            }
            return mapping
        }
    }

    private func intakeRowID(clientID: Client.ID) throws -> Int64 {
        guard let id = try database.scalar("SELECT id FROM intake_mappings WHERE client_id = ?", [clientID]) else {
            throw StoreError.notFound("intake mapping")
        }
        return id
    }

    /// The fields that differ between two mappings, with their stored texts.
    private static func intakeChanges(from old: IntakeMapping?, to new: IntakeMapping)
        -> [(IntakeDraft.Field, String?, String?)]
    {
        func texts(_ m: IntakeMapping?) -> [IntakeDraft.Field: String?] {
            guard let m else { return [:] }
            return [
                .mappedOn: m.mappedOn.iso, .schoolingYears: String(m.schoolingYears),
                .highestLevel: m.highestLevel.map { String($0.rawValue) }, .schoolingCountry: m.schoolingCountry,
                .levelCompleted: m.levelCompleted.map { $0 ? "yes" : "no" },
                .firstLanguageLiteracy: m.firstLanguageLiteracy.rawValue, .latinLiteracy: m.latinLiteracy.rawValue,
                .digitalSkills: m.digitalSkills.rawValue, .drivingLicence: m.drivingLicence.rawValue,
                .careerGoal: m.careerGoal, .trainingNeeds: m.trainingNeeds,
            ]
        }
        let before = texts(old)
        let after = texts(new)
        return IntakeDraft.Field.allCases.compactMap { field in
            let was = before[field] ?? nil
            let now = after[field] ?? nil
            return was == now ? nil : (field, was, now)
        }
    }

    private enum WorkColumn: Int32, ColumnSet {
        case id, clientID, isco, title, years, country
    }

    private static let workSelection = WorkColumn.selection()

    /// The client's work experience, longest first.
    func workExperience(clientID: Client.ID) throws -> [WorkExperience] {
        try read {
            try database.query(
                "SELECT \(Store.workSelection) FROM work_experience WHERE client_id = ? ORDER BY years DESC, id",
                [clientID]
            ) { row in
                let row = NamedRow<WorkColumn>(row)
                return WorkExperience(
                    id: row.int64(.id), clientID: row.int64(.clientID), isco: row.optionalText(.isco),
                    title: row.text(.title), years: row.int(.years), country: row.text(.country))
            }
        }
    }

    @discardableResult
    package func addWorkExperience(clientID: Client.ID, _ draft: WorkExperienceDraft, actor: Staff.ID) throws
        -> WorkExperience
    {
        try write {
            guard try client(id: clientID) != nil else { throw StoreError.notFound("client") }
            try require(.recordTrack, by: actor, client: clientID)
            var job = try checked { try draft.validated(clientID: clientID) }
            try database.execute(
                """
                INSERT INTO work_experience (client_id, isco, title, years, country, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [clientID, job.isco, job.title, job.years, job.country, clock.now, actor])
            job.id = database.lastInsertRowID
            try audit(
                .workExperience, id: job.id, clientID: clientID, field: .added, old: nil,
                new: AuditValue.workExperience(isco: job.isco, title: job.title, years: job.years, country: job.country)
                    .stored,
                actor: actor)
            return job
        }
    }

    /// The learner profile the client's mapping suggests in the client's programme, nil when
    /// there is no mapping, no programme, or the programme does not set profiles by schooling.
    func profileSuggestion(clientID: Client.ID) throws -> ProfileSuggestion? {
        try read {
            guard let mapping = try intakeMapping(clientID: clientID),
                let programme = try programme(forClient: clientID)?.programme
            else { return nil }
            return ProfileSuggestion.suggest(for: mapping, in: programme)
        }
    }
}
