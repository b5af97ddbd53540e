import CasebookCore
import CasebookStore

/// One of each shape of `AuditValue`, with the row it belongs to and the text the audit wrote
/// for it before the type existed (written out by hand, so that a change to `stored` shows).
package struct AuditValueSample: Sendable, CustomStringConvertible {
    package var value: AuditValue
    package var entity: AuditEntity
    package var field: String
    /// The text as the audit has always stored it.
    package var text: String
    /// A contract event's kind, for the values that are a contract event's note.
    package var eventKind: String?

    package var description: String { "\(entity.rawValue).\(field): \(text)" }
}

/// Reasons and names an officer may type: the words the stored shapes use as separators,
/// a new line, and scripts other than Latin.
package let awkwardTexts = [
    "moved: to Bergen on 2024-05-01 → back", "due 2024-01-01 (3 months after arrival)", "line one\nline two",
    "لاجئ: نقل", "難民 v2, 3 obligations", "sha256 ab: 1 new, 2 present, 3 refused", "",
]

package enum AuditValueSamples {
    /// Every shape once with plain parts.
    package static let plain: [AuditValueSample] = samples(reason: "moved to Bergen", name: "Folkeuniversitetet")

    /// Every shape whose parts are free text, once per awkward text.
    package static let awkward: [AuditValueSample] = awkwardTexts.flatMap { text in
        samples(reason: text, name: text).filter { $0.holdsFreeText }
    }

    private static func samples(reason: String, name: String) -> [AuditValueSample] {
        let d1 = Day(year: 2024, month: 3, day: 1)!
        let d2 = Day(year: 2024, month: 3, day: 2)!
        func s(_ value: AuditValue, _ entity: AuditEntity, _ field: String, _ text: String, event: String? = nil)
            -> AuditValueSample
        {
            AuditValueSample(value: value, entity: entity, field: field, text: text, eventKind: event)
        }
        return [
            s(.assessment(level: .b1, on: d1, instrument: name), .assessment, "reading", "B1 on 2024-03-01 (\(name))"),
            s(.target(level: .b2, reason: reason), .target, "writing", "B2: \(reason)"),
            s(.target(level: nil, reason: reason), .target, "writing", "programme target (\(reason))"),
            s(
                .course(level: .a2Plus, provider: name, hours: 300, from: d1), .course, "course",
                "A2+ at \(name), 300 h from 2024-03-01"),
            s(
                .attendance(on: d1, attended: 3, scheduled: 4, missed: 1, absence: .childSick), .attendance,
                "attendance", "2024-03-01: 3.0 of 4.0 h, 1.0 h child sick"),
            s(
                .attendance(on: d1, attended: 1.5, scheduled: 1.5, missed: nil, absence: nil), .attendance,
                "attendance", "2024-03-01: 1.5 of 1.5 h"),
            s(
                .contractDrafted(programme: "no-introduksjon", version: 1, obligations: 7), .contract, "status",
                "draft from no-introduksjon v1, 7 obligations"),
            s(
                .contractSigned(version: 2, newcomer: d1, authority: d2), .contract, "status",
                "active, version 2 signed 2024-03-01 / 2024-03-02"),
            s(.contractEnded(reason: reason), .contract, "status", "ended: \(reason)"),
            s(.amendment(version: 3, reason: reason), .contract, "version", "3: \(reason)"),
            s(
                .due(on: d1, after: TimeSpan(3, .months), anchor: .signature), .obligation, "due_on",
                "2024-03-01 (3 months after contract signature)"),
            s(
                .due(on: d1, after: TimeSpan(1, .weeks), anchor: .recognitionComplete), .obligation, "due_on",
                "2024-03-01 (1 week after complete recognition file)"),
            s(
                .obligation(party: .newcomer, description: reason, due: d1), .obligation, "added",
                "newcomer: \(reason) due 2024-03-01"),
            s(
                .obligation(party: .provider, description: reason, due: nil), .obligation, "terms",
                "provider: \(reason) due —"),
            s(
                .removedObligation(party: .authority, description: reason), .obligation, "removed",
                "authority: \(reason)"),
            s(
                .settled(status: .waived, on: d1, reason: reason), .obligation, "status",
                reason.isEmpty ? "waived on 2024-03-01" : "waived on 2024-03-01: \(reason)"),
            s(.settled(status: .met, on: d1, reason: ""), .obligation, "status", "met on 2024-03-01"),
            s(.exempt(reason: reason), .civic, "requirement", "exempt: \(reason)"),
            s(
                .civicSession(hours: 15, on: d1, language: "ar"), .civicSession, "social",
                "15.0 h on 2024-03-01 in ar"),
            s(
                .civicTest(score: 18, questions: 24, on: d1, passed: true), .civicTest, "result",
                "18/24 on 2024-03-01: passed"),
            s(
                .civicTest(score: nil, questions: 0, on: d1, passed: false), .civicTest, "result",
                "on 2024-03-01: failed"),
            s(.note(on: d1, followUp: d2), .note, "meeting", "2024-03-01, follow up 2024-03-02"),
            s(.note(on: d1, followUp: nil), .note, "phone", "2024-03-01"),
            s(
                .programmeImported(programme: "no-introduksjon", version: 2, file: name, validFrom: d1), .programme,
                "import", "no-introduksjon version 2 from \(name), valid from 2024-03-01"),
            s(
                .programmeImported(programme: "sample", version: 1, file: name, validFrom: nil), .programme,
                "import", "sample version 1 from \(name)"),
            s(
                .enrolment(programme: "no-introduksjon", version: 1, profile: "standard"), .enrolment, "programme",
                "no-introduksjon v1 standard"),
            s(.enrolment(programme: "sample", version: 0, profile: ""), .enrolment, "programme", "sample v0 "),
            s(.period(from: d1, to: d2), .participation, "mentoring", "2024-03-01–2024-03-02"),
            s(.period(from: d1, to: nil), .participation, "mentoring", "2024-03-01–"),
            s(.officeRole(office: 3, role: .supervisor), .staff, "office", "3:supervisor"),
            s(
                .qualification(title: name, country: "SY", year: 2012, isced: 6, procedure: nil), .qualification,
                "qualification", "\(name) (SY, 2012, ISCED 6)"),
            s(
                .qualification(title: name, country: "SY", year: 2012, isced: 6, procedure: "accelerated"),
                .qualification, "qualification", "\(name) (SY, 2012, ISCED 6), procedure accelerated"),
            s(
                .workExperience(isco: "2221", title: name, years: 7, country: "SY"), .workExperience, "added",
                "2221 \(name), 7 y, SY"),
            s(
                .workExperience(isco: nil, title: name, years: 1, country: "TR"), .workExperience, "added",
                "- \(name), 1 y, TR"),
            s(
                .outcome(on: d1, activity: .work, workTime: .full, iscoMajor: "2"), .outcome, "exit",
                "2024-03-01 work full 2"),
            s(
                .outcome(on: d1, activity: .notReached, workTime: nil, iscoMajor: nil), .outcome, "follow_up",
                "2024-03-01 not_reached"),
            s(.placed(since: d1, reason: reason), .legalHold, "placed", "2024-03-01: \(reason)"),
            s(.placed(since: d1, reason: reason), .restriction, "placed", "2024-03-01: \(reason)"),
            s(.importedRow(batch: 4, row: 12), .client, "record", "import batch 4, row 12"),
            s(.importBatch(4), .assessment, "removed", "import batch 4"),
            s(
                .clientImport(
                    file: name, sha256: String(repeating: "ab", count: 32), created: 10, present: 2, duplicates: 1,
                    refused: 3), .importBatch, "import",
                "\(name) sha256 \(String(repeating: "ab", count: 32)): 10 new, 2 present, 1 possible duplicates, 3 refused"
            ),
            s(
                .recordImport(
                    kind: .qualifications, file: name, sha256: "0f", created: 1, present: 0, refused: 2),
                .importBatch, "import", "qualifications \(name) sha256 0f: 1 new, 0 present, 2 refused"),
            s(.undo(removed: 12, kept: 1, gone: 0), .importBatch, "undo", "12 removed, 1 kept, 0 already gone"),
            s(
                .draftedFrom(programme: "no-introduksjon", version: 1), .contract, "", "from no-introduksjon v1",
                event: "drafted"),
            s(
                .signedVersion(version: 2, newcomer: d1, authority: d2), .contract, "",
                "version 2: newcomer 2024-03-01, authority 2024-03-02", event: "signed"),
            s(.signedVersion(version: 2, newcomer: nil, authority: nil), .contract, "", "version 2", event: "signed"),
            s(.amendedVersion(version: 3, reason: reason), .contract, "", "version 3: \(reason)", event: "amended"),
        ]
    }
}

extension AuditValueSample {
    /// Whether the shape carries a reason, a name or a title an officer typed.
    fileprivate var holdsFreeText: Bool {
        switch value {
        case .target, .course, .assessment, .contractEnded, .amendment, .obligation, .removedObligation, .settled,
            .exempt, .programmeImported, .qualification, .workExperience, .placed, .clientImport, .recordImport,
            .amendedVersion:
            return true
        default: return false
        }
    }
}
