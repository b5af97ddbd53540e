import CasebookCore

extension Store {
    /// Checks a short text typed into a track form (instrument, provider...).
    func checkText(_ text: String, _ name: String, required: Bool = true, limit: Int = 200) throws {
        let clean = trimmed(text)
        if required, clean.isEmpty { throw StoreError.invalidInput("\(name) is required.") }
        if clean.count > limit || clean.unicodeScalars.contains(where: Sanitized.isForbidden) {
            throw StoreError.invalidInput("\(name) has at most \(limit) characters and no control characters.")
        }
    }

    func checkNotFuture(_ day: Day, _ name: String) throws {
        if day > clock.today { throw StoreError.invalidInput("\(name) lies in the future; record what has happened.") }
    }

    // MARK: Assessments

    @discardableResult
    package func addAssessment(_ assessment: LanguageAssessment, actor: Staff.ID) throws -> LanguageAssessment {
        try checkNotFuture(assessment.date, "The assessment date")
        try checkText(assessment.instrument, "The instrument")
        try checkText(assessment.provider, "The provider")
        return try write {
            guard try database.scalar("SELECT 1 FROM clients WHERE id = ?", [assessment.clientID]) != nil else {
                throw StoreError.notFound("client")
            }
            try database.execute(
                """
                INSERT INTO language_assessments (client_id, assessed_on, skill, level, level_rank, instrument, provider,
                    certified, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    assessment.clientID, assessment.date, assessment.skill.rawValue, assessment.level.rawValue,
                    assessment.level.rank, trimmed(assessment.instrument), trimmed(assessment.provider),
                    assessment.isCertified, clock.now, actor,
                ])
            var saved = assessment
            saved.id = database.lastInsertRowID
            try audit(
                entity: "assessment", id: saved.id, clientID: saved.clientID, field: saved.skill.rawValue, old: nil,
                new: "\(saved.level.rawValue) on \(saved.date.iso) (\(trimmed(saved.instrument)))", actor: actor)
            return saved
        }
    }

    private static let assessmentColumns = "id, client_id, assessed_on, skill, level, instrument, provider, certified"

    private static func assessment(_ row: Row) throws -> LanguageAssessment {
        LanguageAssessment(
            id: row.int64(0), clientID: row.int64(1), date: try row.day(2), skill: try row.value(3, as: Skill.self),
            level: try row.value(4, as: CEFRLevel.self), instrument: row.text(5), provider: row.text(6),
            isCertified: row.int(7) == 1)
    }

    /// A client's assessments, newest first.
    package func assessments(clientID: Client.ID) throws -> [LanguageAssessment] {
        try read {
            try database.query(
                "SELECT \(Store.assessmentColumns) FROM language_assessments WHERE client_id = ? ORDER BY assessed_on DESC, id DESC",
                [clientID], Store.assessment)
        }
    }

    // MARK: Targets

    /// Sets (or, with `level` nil, removes) an officer's target for one skill; the reason is required.
    package func setTargetOverride(clientID: Client.ID, skill: Skill, level: CEFRLevel?, reason: String, actor: Staff.ID) throws {
        try checkText(reason, "The reason", limit: 300)
        try write {
            let old = try database.queryFirst(
                "SELECT level FROM language_target_overrides WHERE client_id = ? AND skill = ?", [clientID, skill.rawValue]
            ) { $0.text(0) }
            if let level {
                try database.execute(
                    """
                    INSERT INTO language_target_overrides (client_id, skill, level, reason, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (client_id, skill) DO UPDATE SET level = excluded.level, reason = excluded.reason,
                        recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by
                    """, [clientID, skill.rawValue, level.rawValue, trimmed(reason), clock.now, actor])
            } else {
                try database.execute(
                    "DELETE FROM language_target_overrides WHERE client_id = ? AND skill = ?", [clientID, skill.rawValue])
            }
            try audit(
                entity: "target", id: clientID, clientID: clientID, field: skill.rawValue, old: old,
                new: level.map { "\($0.rawValue): \(trimmed(reason))" } ?? "programme target (\(trimmed(reason)))", actor: actor)
        }
    }

    package func targetOverrides(clientID: Client.ID) throws -> [TargetOverride] {
        try read {
            try database.query(
                "SELECT skill, level, reason FROM language_target_overrides WHERE client_id = ? ORDER BY skill", [clientID]
            ) { TargetOverride(skill: try $0.value(0, as: Skill.self), level: try $0.value(1, as: CEFRLevel.self), reason: $0.text(2)) }
        }
    }

    /// Where a client stands against the targets of their programme profile and overrides.
    package func languageStanding(clientID: Client.ID) throws -> LanguageStanding {
        try languageStandings(clientIDs: [clientID])[clientID]
            ?? LanguageStanding(assessments: [], targets: [:])
    }

    /// Standings of several clients at once (one page of the list).
    package func languageStandings(clientIDs: [Client.ID]) throws -> [Client.ID: LanguageStanding] {
        guard !clientIDs.isEmpty else { return [:] }
        return try read {
            let marks = Array(repeating: "?", count: clientIDs.count).joined(separator: ", ")
            let ids = clientIDs.map { $0 as any SQLBindable }
            var assessments: [Client.ID: [LanguageAssessment]] = [:]
            try database.forEach(
                "SELECT \(Store.assessmentColumns) FROM language_assessments WHERE client_id IN (\(marks))", ids
            ) { row in
                let assessment = try Store.assessment(row)
                assessments[assessment.clientID, default: []].append(assessment)
            }
            var overrides: [Client.ID: [TargetOverride]] = [:]
            try database.forEach(
                "SELECT client_id, skill, level, reason FROM language_target_overrides WHERE client_id IN (\(marks))", ids
            ) { row in
                overrides[row.int64(0), default: []].append(
                    TargetOverride(skill: try row.value(1, as: Skill.self), level: try row.value(2, as: CEFRLevel.self), reason: row.text(3)))
            }
            let enrolments = try database.query(
                "SELECT client_id, programme_id, programme_version, profile FROM enrolments WHERE client_id IN (\(marks))", ids
            ) { (id: $0.int64(0), programme: $0.optionalText(1), version: $0.optionalInt(2), profile: $0.optionalText(3)) }
            var result: [Client.ID: LanguageStanding] = [:]
            for enrolment in enrolments {
                var targets: [Skill: CEFRLevel] = [:]
                if let id = enrolment.programme, let version = enrolment.version,
                    let programme = try programme(id: id, version: version)
                {
                    targets = programme.profile(enrolment.profile)?.targets ?? [:]
                }
                result[enrolment.id] = LanguageStanding(
                    assessments: assessments[enrolment.id] ?? [], targets: targets, overrides: overrides[enrolment.id] ?? [])
            }
            return result
        }
    }

    // MARK: Courses and attendance

    @discardableResult
    package func addCourse(_ course: CourseEnrolment, actor: Staff.ID) throws -> CourseEnrolment {
        try checkText(course.provider, "The provider")
        guard (1...3000).contains(course.hoursPlanned) else { throw StoreError.invalidInput("Planned hours lie between 1 and 3000.") }
        if let end = course.endsOn, end < course.startsOn { throw StoreError.invalidInput("The course cannot end before it starts.") }
        return try write {
            try database.execute(
                """
                INSERT INTO language_courses (client_id, provider, level, starts_on, ends_on, hours_planned, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    course.clientID, trimmed(course.provider), course.level.rawValue, course.startsOn, course.endsOn,
                    course.hoursPlanned, clock.now, actor,
                ])
            var saved = course
            saved.id = database.lastInsertRowID
            try audit(
                entity: "course", id: saved.id, clientID: saved.clientID, field: "course", old: nil,
                new: "\(saved.level.rawValue) at \(trimmed(saved.provider)), \(saved.hoursPlanned) h from \(saved.startsOn.iso)",
                actor: actor)
            if saved.endsOn != nil { try fillAnchoredDueDates(clientID: saved.clientID, actor: actor) }
            return saved
        }
    }

    package func courses(clientID: Client.ID) throws -> [CourseEnrolment] {
        try read {
            try database.query(
                """
                SELECT id, client_id, provider, level, starts_on, ends_on, hours_planned FROM language_courses
                WHERE client_id = ? ORDER BY starts_on DESC, id DESC
                """, [clientID]
            ) { row in
                CourseEnrolment(
                    id: row.int64(0), clientID: row.int64(1), provider: row.text(2), level: try row.value(3, as: CEFRLevel.self),
                    startsOn: try row.day(4), endsOn: try row.optionalDay(5), hoursPlanned: row.int(6))
            }
        }
    }

    @discardableResult
    package func addAttendance(_ entry: AttendanceEntry, actor: Staff.ID) throws -> AttendanceEntry {
        do { try AttendanceEntry.validate(scheduled: entry.scheduledHours, attended: entry.attendedHours, absence: entry.absence) } catch {
            throw StoreError.invalidInput(error.description)
        }
        try checkNotFuture(entry.date, "The attendance date")
        return try write {
            guard let course = try database.queryFirst(
                "SELECT client_id, starts_on FROM language_courses WHERE id = ?", [entry.courseID], { (id: $0.int64(0), start: try $0.day(1)) })
            else { throw StoreError.notFound("course") }
            if entry.date < course.start { throw StoreError.invalidInput("The course starts on \(course.start.iso); attendance cannot come before.") }
            try database.execute(
                """
                INSERT INTO course_attendance (course_id, attended_on, scheduled_hours, attended_hours, absence, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [entry.courseID, entry.date, entry.scheduledHours, entry.attendedHours, entry.absence?.rawValue, clock.now, actor])
            var saved = entry
            saved.id = database.lastInsertRowID
            let missed = entry.absence.map { ", \(entry.missedHours) h \($0.label.lowercased())" } ?? ""
            try audit(
                entity: "attendance", id: saved.id, clientID: course.id, field: "attendance", old: nil,
                new: "\(entry.date.iso): \(entry.attendedHours) of \(entry.scheduledHours) h\(missed)", actor: actor)
            return saved
        }
    }

    /// Every attendance entry of a client's courses, by course.
    package func attendance(clientID: Client.ID) throws -> [Int64: [AttendanceEntry]] {
        try read {
            var result: [Int64: [AttendanceEntry]] = [:]
            try database.forEach(
                """
                SELECT a.id, a.course_id, a.attended_on, a.scheduled_hours, a.attended_hours, a.absence
                FROM course_attendance a JOIN language_courses c ON c.id = a.course_id
                WHERE c.client_id = ? ORDER BY a.attended_on, a.id
                """, [clientID]
            ) { row in
                let entry = AttendanceEntry(
                    id: row.int64(0), courseID: row.int64(1), date: try row.day(2), scheduledHours: row.double(3),
                    attendedHours: row.double(4), absence: row.optionalText(5).flatMap(AbsenceKind.init(rawValue:)))
                result[entry.courseID, default: []].append(entry)
            }
            return result
        }
    }
}
