import CasebookCore

extension Store {
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
                .assessment, id: saved.id, clientID: saved.clientID, field: .skill(saved.skill), old: nil,
                new: "\(saved.level.rawValue) on \(saved.date.iso) (\(trimmed(saved.instrument)))", actor: actor)
            return saved
        }
    }

    private enum AssessmentColumn: Int32, ColumnSet {
        case id, clientID, assessedOn, skill, level, instrument, provider, certified
    }

    private static let assessmentSelection = AssessmentColumn.selection()

    private static func assessment(_ row: Row) throws -> LanguageAssessment {
        let row = NamedRow<AssessmentColumn>(row)
        return LanguageAssessment(
            id: row.int64(.id), clientID: row.int64(.clientID), date: try row.day(.assessedOn),
            skill: try row.value(.skill, as: Skill.self), level: try row.value(.level, as: CEFRLevel.self),
            instrument: row.text(.instrument), provider: row.text(.provider), isCertified: row.bool(.certified))
    }

    /// A client's assessments, newest first.
    package func assessments(clientID: Client.ID) throws -> [LanguageAssessment] {
        try read {
            try database.query(
                "SELECT \(Store.assessmentSelection) FROM language_assessments WHERE client_id = ? ORDER BY assessed_on DESC, id DESC",
                [clientID], Store.assessment)
        }
    }

    // MARK: Targets

    /// Sets (or, with `level` nil, removes) an officer's target for one skill; the reason is required.
    package func setTargetOverride(
        clientID: Client.ID, skill: Skill, level: CEFRLevel?, reason: String, actor: Staff.ID
    ) throws {
        try checkText(reason, "The reason", limit: 300)
        try write {
            let old = try database.queryFirst(
                "SELECT level FROM language_target_overrides WHERE client_id = ? AND skill = ?",
                [clientID, skill.rawValue]
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
                    "DELETE FROM language_target_overrides WHERE client_id = ? AND skill = ?",
                    [clientID, skill.rawValue])
            }
            try audit(
                .target, id: clientID, clientID: clientID, field: .skill(skill), old: old,
                new: level.map { "\($0.rawValue): \(trimmed(reason))" } ?? "programme target (\(trimmed(reason)))",
                actor: actor)
        }
    }

    private enum OverrideColumn: Int32, ColumnSet {
        case clientID, skill, level, reason
    }

    private static let overrideSelection = OverrideColumn.selection()

    private static func targetOverride(_ row: Row) throws -> TargetOverride {
        let row = NamedRow<OverrideColumn>(row)
        return TargetOverride(
            skill: try row.value(.skill, as: Skill.self), level: try row.value(.level, as: CEFRLevel.self),
            reason: row.text(.reason))
    }

    package func targetOverrides(clientID: Client.ID) throws -> [TargetOverride] {
        try read {
            try database.query(
                "SELECT \(Store.overrideSelection) FROM language_target_overrides WHERE client_id = ? ORDER BY skill",
                [clientID], Store.targetOverride)
        }
    }

    /// Where a client stands against the targets of their programme profile and overrides.
    package func languageStanding(clientID: Client.ID) throws -> LanguageStanding {
        try languageStandings(clientIDs: [clientID])[clientID]
            ?? LanguageStanding(assessments: [], targets: [:])
    }

    private static let standingEnrolmentSelection = EnrolmentColumn.selection()

    /// Standings of several clients at once (one page of the list).
    package func languageStandings(clientIDs: [Client.ID]) throws -> [Client.ID: LanguageStanding] {
        guard !clientIDs.isEmpty else { return [:] }
        return try read {
            let ids = [IDList(clientIDs)]
            var assessments: [Client.ID: [LanguageAssessment]] = [:]
            try database.forEach(
                "SELECT \(Store.assessmentSelection) FROM language_assessments WHERE client_id IN \(IDList.sql)", ids
            ) { row in
                let assessment = try Store.assessment(row)
                assessments[assessment.clientID, default: []].append(assessment)
            }
            var overrides: [Client.ID: [TargetOverride]] = [:]
            try database.forEach(
                "SELECT \(Store.overrideSelection) FROM language_target_overrides WHERE client_id IN \(IDList.sql)", ids
            ) { row in
                overrides[NamedRow<OverrideColumn>(row).int64(.clientID), default: []].append(
                    try Store.targetOverride(row))
            }
            let enrolments = try database.query(
                "SELECT \(Store.standingEnrolmentSelection) FROM enrolments WHERE client_id IN \(IDList.sql)", ids
            ) { row in
                let row = NamedRow<EnrolmentColumn>(row)
                return (
                    id: row.int64(.clientID), programme: row.optionalText(.programmeID),
                    version: row.optionalInt(.programmeVersion), profile: row.optionalText(.profile)
                )
            }
            var result: [Client.ID: LanguageStanding] = [:]
            for enrolment in enrolments {
                var targets: [Skill: CEFRLevel] = [:]
                if let id = enrolment.programme, let version = enrolment.version,
                    let programme = try programme(id: id, version: version)
                {
                    targets = programme.profile(enrolment.profile)?.targets ?? [:]
                }
                result[enrolment.id] = LanguageStanding(
                    assessments: assessments[enrolment.id] ?? [], targets: targets,
                    overrides: overrides[enrolment.id] ?? [])
            }
            return result
        }
    }

    // MARK: Courses and attendance

    @discardableResult
    package func addCourse(_ course: CourseEnrolment, actor: Staff.ID) throws -> CourseEnrolment {
        try checkText(course.provider, "The provider")
        guard (1...3000).contains(course.hoursPlanned) else {
            throw StoreError.invalidInput("Planned hours lie between 1 and 3000.")
        }
        if let end = course.endsOn, end < course.startsOn {
            throw StoreError.invalidInput("The course cannot end before it starts.")
        }
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
                .course, id: saved.id, clientID: saved.clientID, field: .course, old: nil,
                new:
                    "\(saved.level.rawValue) at \(trimmed(saved.provider)), \(saved.hoursPlanned) h from \(saved.startsOn.iso)",
                actor: actor)
            if saved.endsOn != nil { try fillAnchoredDueDates(clientID: saved.clientID, actor: actor) }
            return saved
        }
    }

    private enum CourseColumn: Int32, ColumnSet {
        case id, clientID, provider, level, startsOn, endsOn, hoursPlanned
    }

    private static let courseSelection = CourseColumn.selection()

    package func courses(clientID: Client.ID) throws -> [CourseEnrolment] {
        try read {
            try database.query(
                "SELECT \(Store.courseSelection) FROM language_courses WHERE client_id = ? ORDER BY starts_on DESC, id DESC",
                [clientID]
            ) { row in
                let row = NamedRow<CourseColumn>(row)
                return CourseEnrolment(
                    id: row.int64(.id), clientID: row.int64(.clientID), provider: row.text(.provider),
                    level: try row.value(.level, as: CEFRLevel.self), startsOn: try row.day(.startsOn),
                    endsOn: try row.optionalDay(.endsOn), hoursPlanned: row.int(.hoursPlanned))
            }
        }
    }

    @discardableResult
    package func addAttendance(_ entry: AttendanceEntry, actor: Staff.ID) throws -> AttendanceEntry {
        do {
            try AttendanceEntry.validate(
                scheduled: entry.scheduledHours, attended: entry.attendedHours, absence: entry.absence)
        } catch {
            throw StoreError.invalidInput(error.description)
        }
        try checkNotFuture(entry.date, "The attendance date")
        return try write {
            guard
                let course = try database.queryFirst(
                    "SELECT client_id, starts_on FROM language_courses WHERE id = ?", [entry.courseID],
                    { (id: $0.int64(0), start: try $0.day(1)) })
            else { throw StoreError.notFound("course") }
            if entry.date < course.start {
                throw StoreError.invalidInput(
                    "The course starts on \(course.start.iso); attendance cannot come before.")
            }
            try database.execute(
                """
                INSERT INTO course_attendance (course_id, attended_on, scheduled_hours, attended_hours, absence, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    entry.courseID, entry.date, entry.scheduledHours, entry.attendedHours, entry.absence?.rawValue,
                    clock.now, actor,
                ])
            var saved = entry
            saved.id = database.lastInsertRowID
            let missed = entry.absence.map { ", \(entry.missedHours) h \($0.label.lowercased())" } ?? ""
            try audit(
                .attendance, id: saved.id, clientID: course.id, field: .attendance, old: nil,
                new: "\(entry.date.iso): \(entry.attendedHours) of \(entry.scheduledHours) h\(missed)", actor: actor)
            return saved
        }
    }

    private enum AttendanceColumn: Int32, ColumnSet {
        case id, courseID, attendedOn, scheduledHours, attendedHours, absence
    }

    private static let attendanceSelection = AttendanceColumn.selection(from: "a")

    /// Every attendance entry of a client's courses, by course.
    package func attendance(clientID: Client.ID) throws -> [Int64: [AttendanceEntry]] {
        try read {
            var result: [Int64: [AttendanceEntry]] = [:]
            try database.forEach(
                """
                SELECT \(Store.attendanceSelection) FROM course_attendance a JOIN language_courses c ON c.id = a.course_id
                WHERE c.client_id = ? ORDER BY a.attended_on, a.id
                """, [clientID]
            ) { row in
                let row = NamedRow<AttendanceColumn>(row)
                let entry = AttendanceEntry(
                    id: row.int64(.id), courseID: row.int64(.courseID), date: try row.day(.attendedOn),
                    scheduledHours: row.double(.scheduledHours), attendedHours: row.double(.attendedHours),
                    absence: row.optionalValue(.absence, as: AbsenceKind.self))
                result[entry.courseID, default: []].append(entry)
            }
            return result
        }
    }
}
