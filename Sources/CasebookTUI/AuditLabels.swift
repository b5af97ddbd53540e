import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookText

/// The words the History tab shows for the audit's machine names. The audit itself, and
/// `casebook audit --format json`, keep the machine values (`AuditEntity`, `AuditField`): these
/// are for reading only. (They live here rather than in CasebookText because the Store, which
/// defines the audit's names, itself depends on CasebookText.)
extension AuditEntity {
    /// The kind of record an audit row is about, as a heading ("Obligation").
    var label: String {
        // TRANSLATORS: the kinds of record in a client's history (the History tab's "What" column).
        switch self {
        case .client: return tr("Client")
        case .case: return tr("Case")
        case .enrolment: return tr("Course enrolment")
        case .assessment: return tr("Language assessment")
        case .target: return tr("Language target")
        case .course: return tr("Course")
        case .attendance: return tr("Attendance")
        case .qualification: return tr("Qualification")
        case .civic: return tr("Civic orientation")
        case .civicSession: return tr("Civic session")
        case .civicTest: return tr("Civic test")
        case .contract: return tr("Contract")
        case .obligation: return tr("Obligation")
        case .note: return tr("Note")
        case .staff: return tr("Staff")
        case .programme: return tr("Programme")
        case .legalHold: return tr("Legal hold")
        case .restriction: return tr("Restriction of processing")
        case .erasure: return tr("Erasure")
        case .importBatch: return tr("Import batch")
        case .intake: return tr("Intake mapping")
        case .workExperience: return tr("Work experience")
        case .partner: return tr("Partner")
        case .participation: return tr("Participation")
        case .outcome: return tr("Outcome")
        case .office: return tr("Office")
        case .transfer: return tr("Office transfer")
        }
    }
}

package enum AuditLabels {
    /// "Obligation: status", "Note: Meeting"; a field named as its entity (a course, an
    /// attendance, a qualification added) says it once. `modules` names the civic modules of
    /// the client's programme by id (a civic session's field is its module's id).
    package static func what(_ entry: AuditEntry, modules: [String: String] = [:]) -> String {
        let entity = AuditEntity(rawValue: entry.entity)?.label ?? entry.entity.replacingUnderscores
        let field = entry.entity == AuditEntity.civicSession.rawValue ? modules[entry.field] : nil
        let fieldText = field ?? fieldLabel(entry)
        // TRANSLATORS: what changed in a record's history: the kind of record, then its field ("Case: phase").
        return entry.field == entry.entity ? entity : tr("{entity}: {field}", ["entity": entity, "field": fieldText])
    }

    /// A field's name as people read it: the field of a record, or the code it stands for (a
    /// skill, a kind of contact or activity); a field no table knows shows its machine name.
    static func fieldLabel(_ entry: AuditEntry) -> String {
        switch AuditEntity(rawValue: entry.entity) {
        case .client: if let field = ClientField(rawValue: entry.field) { return field.label }
        case .assessment, .target: if let skill = Skill(rawValue: entry.field) { return skill.label }
        case .note: if let contact = ContactType(rawValue: entry.field) { return contact.label }
        case .participation: if let kind = ActivityKind(rawValue: entry.field) { return kind.label }
        case .outcome: if let stage = OutcomeStage(rawValue: entry.field) { return stage.label }
        case .intake: if let field = IntakeDraft.Field(rawValue: entry.field) { return intakeField(field) }
        default: break
        }
        return commonField(entry.field) ?? entry.field.replacingUnderscores
    }

    /// "Contract signed → Active": old and new value, each in words.
    package static func change(_ entry: AuditEntry) -> String {
        func readable(_ value: String?) -> String? {
            guard let value else { return nil }
            if value.isEmpty { return tr("(empty)") }
            return AuditLabels.value(value, of: entry)
        }
        let new = readable(entry.newValue) ?? tr("(removed)")
        return readable(entry.oldValue).map { "\($0) → \(new)" } ?? new
    }

    /// A stored value in words where it is a code (a phase, a stage, the intake's levels);
    /// other values are the audit's own text, kept as written.
    package static func value(_ value: String, of entry: AuditEntry) -> String {
        if let composite = AuditValue(parsing: value, entity: entry.entity, field: entry.field) {
            return composite.text
        }
        let label: String?
        switch (entry.entity, entry.field) {
        case ("case", "phase"): label = CasePhase(rawValue: value)?.label
        case ("qualification", "stage"): label = RecognitionStage(rawValue: value)?.label
        case ("intake", "first_language_literacy"), ("intake", "latin_literacy"):
            label = Literacy(rawValue: value)?.label
        case ("intake", "digital_skills"): label = DigitalSkills(rawValue: value)?.label
        case ("intake", "driving_licence"): label = DrivingLicence(rawValue: value)?.label
        case ("intake", "highest_level"): label = Int(value).flatMap(ISCEDLevel.init(rawValue:))?.label
        case ("intake", "level_completed"): label = Choices.yesNo.first { ($0.0 ? "yes" : "no") == value }?.1
        case ("contract", "status"): label = ContractStatus(rawValue: value)?.label
        case ("obligation", "status"): label = ObligationStatus(rawValue: value)?.label
        case ("obligation", "due_on"), ("contract", "reviewed_on"), ("civic", "attested_on"), ("intake", "mapped_on"),
            ("client", "date_of_birth"), ("client", "arrival_date"), ("client", "permit_expiry"):
            label = (try? Day(iso: value))?.shown
        default: label = nil
        }
        return label ?? value
    }

    /// The intake mapping's fields, in the words of its form.
    private static func intakeField(_ field: IntakeDraft.Field) -> String {
        switch field {
        case .mappedOn: return tr("Date of the mapping")
        case .schoolingYears: return tr("Years at school")
        case .highestLevel: return tr("Highest level (ISCED 2011)")
        case .schoolingCountry: return tr("Country of that schooling")
        case .levelCompleted: return tr("Level completed")
        case .firstLanguageLiteracy: return tr("Literacy, first language")
        case .latinLiteracy: return tr("Literacy, Latin script")
        case .digitalSkills: return tr("Digital skills")
        case .drivingLicence: return tr("Driving licence")
        case .careerGoal: return tr("Career goal")
        case .trainingNeeds: return tr("Training needs")
        }
    }

    /// The audit's own fields (`AuditField`): a column, or a step in a record's life.
    private static func commonField(_ field: String) -> String? {
        // TRANSLATORS: the names of changed fields and steps in a record's history ("Obligation: status").
        switch field {
        case "record": return tr("record")
        case "officer": return tr("officer")
        case "phase": return tr("phase")
        case "exit_reason": return tr("exit reason")
        case "programme": return tr("programme")
        case "role": return tr("role")
        case "import": return tr("imported")
        case "undo": return tr("undone")
        case "course": return tr("course")
        case "attendance": return tr("attendance")
        case "added": return tr("added")
        case "stage": return tr("stage")
        case "requirement": return tr("requirement")
        case "attested_on": return tr("attested")
        case "result": return tr("result")
        case "status": return tr("status")
        case "reviewed_on": return tr("reviewed")
        case "version": return tr("version")
        case "terms": return tr("terms")
        case "removed": return tr("removed")
        case "due_on": return tr("due date")
        case "follow_up_done": return tr("follow-up done")
        case "placed": return tr("placed")
        case "lifted": return tr("lifted")
        case "erased": return tr("erased")
        case "name": return tr("name")
        case "office": return tr("office")
        case "proposed": return tr("proposed")
        case "decision": return tr("decision")
        // TRANSLATORS: the recognition procedure of a qualification (standard or accelerated).
        case "procedure": return tr("procedure")
        default: return nil
        }
    }
}

extension AuditValue {
    /// The value in the officer's language: each shape is one message, its days in the
    /// officer's date setting, its codes through their names. In English it reads as stored.
    package var text: String {
        switch self {
        case .assessment(let level, let day, let instrument):
            // TRANSLATORS: a language assessment in a record's history: "B1 on 2024-03-01 (DTZ)".
            return tr(
                "{level} on {day} ({instrument})",
                ["level": level.rawValue, "day": day.shown, "instrument": instrument])
        case .target(let level?, let reason):
            // TRANSLATORS: a language target the officer set, with the reason ("B1: …").
            return tr("{level}: {reason}", ["level": level.rawValue, "reason": reason])
        case .target(nil, let reason):
            return tr("programme target ({reason})", ["reason": reason])
        case .course(let level, let provider, let hours, let day):
            // TRANSLATORS: a language course in a record's history; h: hours.
            return tr(
                "{level} at {provider}, {hours} h from {day}",
                ["level": level.rawValue, "provider": provider, "hours": String(hours), "day": day.shown])
        case .attendance(let day, let attended, let scheduled, let missed, let absence):
            let values = [
                "day": day.shown, "attended": AuditLabels.number(attended), "scheduled": AuditLabels.number(scheduled),
                "missed": AuditLabels.number(missed ?? 0),
            ]
            // TRANSLATORS: a day of a course in a record's history: hours attended of hours planned,
            // and the hours missed and why; h: hours.
            switch absence {
            case nil: return tr("{day}: {attended} of {scheduled} h", values)
            case .sick: return tr("{day}: {attended} of {scheduled} h, {missed} h sick", values)
            case .childSick: return tr("{day}: {attended} of {scheduled} h, {missed} h child sick", values)
            case .approvedLeave: return tr("{day}: {attended} of {scheduled} h, {missed} h approved leave", values)
            case .unexcused: return tr("{day}: {attended} of {scheduled} h, {missed} h unexcused", values)
            }
        case .contractDrafted(let programme, let version, let count):
            // TRANSLATORS: a contract drafted from a programme's version (v1) in a record's history.
            return trn(
                "draft from {programme} v{version}, {count} obligation",
                "draft from {programme} v{version}, {count} obligations", count,
                ["programme": programme, "version": String(version)])
        case .contractSigned(let version, let newcomer, let authority):
            // TRANSLATORS: a contract signed, the newcomer's day / the authority's day.
            return tr(
                "active, version {version} signed {newcomer} / {authority}",
                ["version": String(version), "newcomer": newcomer.shown, "authority": authority.shown])
        case .contractEnded(let reason):
            return tr("ended: {reason}", ["reason": reason])
        case .amendment(let version, let reason):
            // TRANSLATORS: a contract amended: the new version's number and the reason.
            return tr("{version}: {reason}", ["version": String(version), "reason": reason])
        case .due(let day, let span, let anchor):
            let values = ["day": day.shown, "span": span.description]
            // TRANSLATORS: an obligation's due date and what it counts from ("2024-06-01 (3 months after arrival)").
            switch anchor {
            case .arrival: return tr("{day} ({span} after arrival)", values)
            case .settlement: return tr("{day} ({span} after settlement)", values)
            case .signature: return tr("{day} ({span} after contract signature)", values)
            case .courseEnd: return tr("{day} ({span} after course end)", values)
            case .recognitionComplete: return tr("{day} ({span} after complete recognition file)", values)
            case .enrolment: return tr("{day} ({span} after enrolment)", values)
            }
        case .obligation(let party, let description, let due):
            let values = ["description": description, "day": due?.shown ?? "—"]
            // TRANSLATORS: an obligation's terms in a record's history: who it binds, what, and its due date.
            switch party {
            case .newcomer: return tr("newcomer: {description} due {day}", values)
            case .authority: return tr("authority: {description} due {day}", values)
            case .provider: return tr("provider: {description} due {day}", values)
            }
        case .removedObligation(let party, let description):
            let values = ["description": description]
            // TRANSLATORS: an obligation removed, in a record's history: who it bound, and what.
            switch party {
            case .newcomer: return tr("newcomer: {description}", values)
            case .authority: return tr("authority: {description}", values)
            case .provider: return tr("provider: {description}", values)
            }
        case .settled(let status, let day, let reason):
            let values = ["day": day.shown, "reason": reason]
            // TRANSLATORS: an obligation settled in a record's history, with the reason when one was given.
            switch (status, reason.isEmpty) {
            case (.met, true): return tr("met on {day}", values)
            case (.met, false): return tr("met on {day}: {reason}", values)
            case (.waived, true): return tr("waived on {day}", values)
            case (.waived, false): return tr("waived on {day}: {reason}", values)
            case (.breached, true): return tr("breached on {day}", values)
            case (.breached, false): return tr("breached on {day}: {reason}", values)
            case (.pending, true): return tr("pending on {day}", values)
            case (.pending, false): return tr("pending on {day}: {reason}", values)
            }
        case .exempt(let reason):
            // TRANSLATORS: a client exempted from civic orientation, with the reason.
            return tr("exempt: {reason}", ["reason": reason])
        case .civicSession(let hours, let day, let language):
            // TRANSLATORS: a civic session in a record's history: hours, day and the language's code; h: hours.
            return tr(
                "{hours} h on {day} in {language}",
                ["hours": AuditLabels.number(hours), "day": day.shown, "language": language])
        case .civicTest(let score, let questions, let day, let passed):
            let values = ["score": score.map(String.init) ?? "", "questions": String(questions), "day": day.shown]
            // TRANSLATORS: a civic test in a record's history: the score of the questions, the day, the result.
            switch (score != nil, passed) {
            case (true, true): return tr("{score}/{questions} on {day}: passed", values)
            case (true, false): return tr("{score}/{questions} on {day}: failed", values)
            case (false, true): return tr("on {day}: passed", values)
            case (false, false): return tr("on {day}: failed", values)
            }
        case .note(let day, let followUp?):
            // TRANSLATORS: a note's day and the day to follow it up, in a record's history.
            return tr("{day}, follow up {followUp}", ["day": day.shown, "followUp": followUp.shown])
        case .note(let day, nil):
            return day.shown
        case .programmeImported(let programme, let version, let file, let validFrom):
            let values = [
                "programme": programme, "version": String(version), "file": file, "day": validFrom?.shown ?? "",
            ]
            return validFrom == nil
                ? tr("{programme} version {version} from {file}", values)
                : tr("{programme} version {version} from {file}, valid from {day}", values)
        case .enrolment(let programme, let version, let profile):
            // TRANSLATORS: an enrolment: the programme, its version (v1) and the learner profile.
            return tr(
                "{programme} v{version} {profile}",
                ["programme": programme, "version": String(version), "profile": profile])
        case .period(let from, let to):
            return from.shown + "–" + (to?.shown ?? "")
        case .officeRole(let office, let role):
            return "\(office):" + role.historyWord
        case .qualification(let title, let country, let year, let isced, let procedure):
            let values = [
                "title": title, "country": country, "year": String(year), "level": String(isced),
                "procedure": procedure ?? "",
            ]
            // TRANSLATORS: a qualification in a record's history: title (country, year, ISCED level).
            return procedure == nil
                ? tr("{title} ({country}, {year}, ISCED {level})", values)
                : tr("{title} ({country}, {year}, ISCED {level}), procedure {procedure}", values)
        case .workExperience(let isco, let title, let years, let country):
            // TRANSLATORS: a job held before, in a record's history: ISCO code, title, years (y), country.
            return trn(
                "{isco} {title}, {count} y, {country}", "{isco} {title}, {count} y, {country}", years,
                ["isco": isco ?? "-", "title": title, "country": country])
        case .outcome(let day, let activity, let workTime, let major):
            let group = major.map { tr("ISCO-08 group {group}", ["group": $0]) }
            return [day.shown, activity.label, workTime?.label, group].compactMap { $0 }.joined(separator: ", ")
        case .placed(let since, let reason):
            // TRANSLATORS: a legal hold or restriction placed: since which day, and why.
            return tr("{day}: {reason}", ["day": since.shown, "reason": reason])
        case .importedRow(let batch, let row):
            return tr("import batch {batch}, row {row}", ["batch": String(batch), "row": String(row)])
        case .importBatch(let batch):
            return tr("import batch {batch}", ["batch": String(batch)])
        case .clientImport(let file, let sha256, let created, let present, let duplicates, let refused):
            return tr(
                "{file} sha256 {hash}: {created} new, {present} present, {duplicates} possible duplicates, {refused} refused",
                [
                    "file": file, "hash": sha256, "created": String(created), "present": String(present),
                    "duplicates": String(duplicates), "refused": String(refused),
                ])
        case .recordImport(let kind, let file, let sha256, let created, let present, let refused):
            return tr(
                "{kind} {file} sha256 {hash}: {created} new, {present} present, {refused} refused",
                [
                    "kind": kind.rawValue, "file": file, "hash": sha256, "created": String(created),
                    "present": String(present), "refused": String(refused),
                ])
        case .undo(let removed, let kept, let gone):
            return tr(
                "{removed} removed, {kept} kept, {gone} already gone",
                ["removed": String(removed), "kept": String(kept), "gone": String(gone)])
        case .draftedFrom(let programme, let version):
            // TRANSLATORS: a contract's first step: drafted from a programme's version (v1).
            return tr("from {programme} v{version}", ["programme": programme, "version": String(version)])
        case .signedVersion(let version, let newcomer?, let authority?):
            // TRANSLATORS: a contract's version signed, with the newcomer's and the authority's days.
            return tr(
                "version {version}: newcomer {newcomer}, authority {authority}",
                ["version": String(version), "newcomer": newcomer.shown, "authority": authority.shown])
        case .signedVersion(let version, _, _):
            return tr("version {version}", ["version": String(version)])
        case .amendedVersion(let version, let reason):
            return tr("version {version}: {reason}", ["version": String(version), "reason": reason])
        }
    }
}

extension Role {
    /// The role as a word in a line of the history ("3:supervisor").
    fileprivate var historyWord: String {
        switch self {
        case .officer: return tr("officer")
        case .supervisor: return tr("supervisor")
        case .admin: return tr("admin")
        }
    }
}

extension AuditLabels {
    /// A number of hours as the officer's language writes it: "1.5" stays as English and the
    /// audit write it, a decimal comma elsewhere ("1,5").
    static func number(_ value: Double) -> String {
        let text = "\(value)"
        return Messages.language == Catalogue.english ? text : String(text.map { $0 == "." ? "," : $0 })
    }
}
