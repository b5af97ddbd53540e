import CasebookCore
import CasebookL10n
import CasebookText

extension Store {
    // MARK: Assessments

    /// Records the assessments of one day, one per skill of the draft, together.
    @discardableResult
    package func addAssessment(clientID: Client.ID, _ draft: AssessmentDraft, actor: Staff.ID) throws
        -> [LanguageAssessment]
    {
        let assessments = try checked { try draft.validated(clientID: clientID, today: clock.today) }
        return try write {
            try require(.recordTrack, by: actor, client: clientID)
            guard try database.scalar("SELECT 1 FROM clients WHERE id = ?", [clientID]) != nil else {
                throw StoreError.notFound("client")
            }
            return try assessments.map { assessment in
                try database.execute(
                    """
                    INSERT INTO language_assessments (client_id, assessed_on, skill, level, level_rank, instrument,
                        provider, certified, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        clientID, assessment.date, assessment.skill.rawValue, assessment.level.rawValue,
                        assessment.level.rank, assessment.instrument, assessment.provider, assessment.isCertified,
                        clock.now, actor,
                    ])
                var saved = assessment
                saved.id = database.lastInsertRowID
                try audit(
                    .assessment, id: saved.id, clientID: clientID, field: .skill(saved.skill), old: nil,
                    new: AuditValue.assessment(level: saved.level, on: saved.date, instrument: saved.instrument).stored,
                    actor: actor)
                return saved
            }
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
    func assessments(clientID: Client.ID) throws -> [LanguageAssessment] {
        try read {
            try database.query(
                "SELECT \(Store.assessmentSelection) FROM language_assessments WHERE client_id = ? ORDER BY assessed_on DESC, id DESC",
                [clientID], Store.assessment)
        }
    }

    // MARK: Targets

    /// Sets (or, with no level, removes) an officer's target for one skill; the reason is required.
    package func setTargetOverride(clientID: Client.ID, _ draft: TargetDraft, actor: Staff.ID) throws {
        let target = try checked { try draft.validated() }
        let (skill, level, reason) = (target.skill, target.level, target.reason)
        try write {
            try require(.recordTrack, by: actor, client: clientID)
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
                    """, [clientID, skill.rawValue, level.rawValue, reason, clock.now, actor])
            } else {
                try database.execute(
                    "DELETE FROM language_target_overrides WHERE client_id = ? AND skill = ?",
                    [clientID, skill.rawValue])
            }
            try audit(
                .target, id: clientID, clientID: clientID, field: .skill(skill), old: old,
                new: AuditValue.target(level: level, reason: reason).stored,
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

    func targetOverrides(clientID: Client.ID) throws -> [TargetOverride] {
        try read {
            try database.query(
                "SELECT \(Store.overrideSelection) FROM language_target_overrides WHERE client_id = ? ORDER BY skill",
                [clientID], Store.targetOverride)
        }
    }

    /// Where a client stands against the targets of their programme profile and overrides.
    func languageStanding(clientID: Client.ID) throws -> LanguageStanding {
        try languageStandings(clientIDs: [clientID])[clientID]
            ?? LanguageStanding(assessments: [], targets: [:])
    }

    private static let standingEnrolmentSelection = EnrolmentColumn.selection()

    /// Standings of several clients at once (one page of the list).
    func languageStandings(clientIDs: [Client.ID]) throws -> [Client.ID: LanguageStanding] {
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
    package func addCourse(clientID: Client.ID, _ draft: CourseDraft, actor: Staff.ID) throws -> CourseEnrolment {
        let course = try checked { try draft.validated(clientID: clientID) }
        return try write {
            try require(.recordTrack, by: actor, client: clientID)
            try database.execute(
                """
                INSERT INTO language_courses (client_id, provider, level, starts_on, ends_on, hours_planned, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    course.clientID, course.provider, course.level.rawValue, course.startsOn, course.endsOn,
                    course.hoursPlanned, clock.now, actor,
                ])
            var saved = course
            saved.id = database.lastInsertRowID
            try audit(
                .course, id: saved.id, clientID: saved.clientID, field: .course, old: nil,
                new: AuditValue.course(
                    level: saved.level, provider: saved.provider, hours: saved.hoursPlanned, from: saved.startsOn
                ).stored,
                actor: actor)
            if saved.endsOn != nil { try fillAnchoredDueDates(clientID: saved.clientID, actor: actor) }
            return saved
        }
    }

    private enum CourseColumn: Int32, ColumnSet {
        case id, clientID, provider, level, startsOn, endsOn, hoursPlanned
    }

    private static let courseSelection = CourseColumn.selection()

    func courses(clientID: Client.ID) throws -> [CourseEnrolment] {
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

    /// Records hours of one of the client's courses.
    @discardableResult
    package func addAttendance(clientID: Client.ID, _ draft: AttendanceDraft, actor: Staff.ID) throws
        -> AttendanceEntry
    {
        try write {
            try require(.recordTrack, by: actor, client: clientID)
            let start = try draft.course.flatMap { id in
                try database.queryFirst(
                    "SELECT starts_on FROM language_courses WHERE id = ? AND client_id = ?", [id, clientID]
                ) { try $0.day(0) }
            }
            if draft.course != nil, start == nil {
                throw StoreError.invalid(
                    AttendanceDraft.Field.course, "Not a course of this client; choose one of theirs.")
            }
            let entry = try checked { try draft.validated(courseStart: start, today: clock.today) }
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
            try audit(
                .attendance, id: saved.id, clientID: clientID, field: .attendance, old: nil,
                new: AuditValue.attendance(
                    on: entry.date, attended: entry.attendedHours, scheduled: entry.scheduledHours,
                    missed: entry.absence.map { _ in entry.missedHours }, absence: entry.absence
                ).stored, actor: actor)
            return saved
        }
    }

    private enum AttendanceColumn: Int32, ColumnSet {
        case id, courseID, attendedOn, scheduledHours, attendedHours, absence
    }

    private static let attendanceSelection = AttendanceColumn.selection(from: "a")

    /// Every attendance entry of a client's courses, by course.
    func attendance(clientID: Client.ID) throws -> [Int64: [AttendanceEntry]] {
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
