import CasebookCore
import CasebookStore

/// The Notes tab: contacts with the client, newest first, with follow-ups.
final class NotesTab: RecordTab {
    let name = "Notes"
    var contexts: [KeyContext] { [.notes] }
    private(set) var notes: [CaseNote] = []
    private(set) var selected = 0

    func load(app: App, client: Client) throws {
        notes = try app.store.notes(clientID: client.id)
        selected = min(selected, max(0, notes.count - 1))
    }

    func handle(_ command: CommandID, app: App, record: ClientRecordScreen) throws -> Bool {
        switch command {
        case .addNote: NoteForms.add(app: app, client: record.client)
        case .followUpDone:
            guard notes.indices.contains(selected) else { return true }
            let note = notes[selected]
            guard note.followUpOn != nil, !note.followUpDone else {
                app.message = .info("The selected note has no open follow-up.")
                return true
            }
            try app.store.completeFollowUp(noteID: note.id, actor: app.me.id)
            try load(app: app, client: record.client)
            app.message = .success("Follow-up done.")
        case .up, .down:
            guard !notes.isEmpty else { return false }
            selected = max(0, min(notes.count - 1, selected + (command == .up ? -1 : 1)))
        default: return false
        }
        return true
    }

    func render(_ frame: inout Frame, area: Rect, app: App, record: ClientRecordScreen) {
        let today = app.clock.today
        let g = frame.glyphs
        if notes.isEmpty {
            frame.text("No notes yet. a records a contact.", in: area.row(0), .dim)
            return
        }
        let last = notes[0].date
        frame.text("Last contact \(last.iso) (\(last.days(until: today)) days ago) \(g.separator) \(notes.count) notes", in: area.row(0), .emphasis)
        var y = area.y + 2
        // Keep the selected note in view: skip notes above it when needed (each takes 3 lines).
        let perNote = 3
        let visible = max(1, (area.maxY - y) / perNote)
        let first = max(0, selected - visible + 1)
        for (index, note) in notes.enumerated().dropFirst(first) where y < area.maxY {
            let isSelected = index == selected
            var follow = ""
            var followRole: Role = .dim
            if let followUp = note.followUpOn {
                if note.followUpDone {
                    follow = "follow-up \(followUp.iso) done"
                } else if followUp <= today {
                    follow = "FOLLOW-UP DUE \(followUp.iso)"
                    followRole = .overdue
                } else {
                    follow = "follow up \(followUp.iso)"
                    followRole = .warning
                }
            }
            // The follow-up comes right after the date, so a narrow screen never cuts it off.
            let head = "\(note.date.iso)  \(note.contact.label)" + (follow.isEmpty ? "" : "  ")
            var tail = ""
            if let language = note.interpreterLanguage { tail += " \(g.separator) interpreter: \(Languages.name(language))" }
            tail += " \(g.separator) \(note.author)"
            let role: Role = isSelected ? .selected : .emphasis
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), isSelected ? .selected : .normal)
            var end = frame.text((isSelected ? "> " : "  ") + head, x: area.x, y: y, role, maxX: area.maxX)
            end = frame.text(follow, x: end, y: y, isSelected ? .selected : followRole, maxX: area.maxX)
            if area.maxX > end { frame.text(TextWidth.truncate(tail, to: area.maxX - end), x: end, y: y, role, maxX: area.maxX) }
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
            y += 1
            for line in TextWidth.wrap(note.summary, width: area.width - 4).prefix(perNote - 2) where y < area.maxY {
                frame.text("    " + line, in: Rect(x: area.x, y: y, width: area.width, height: 1), .normal)
                y += 1
            }
            y += 1
        }
    }
}

/// The History tab: this client's audit trail, newest first: who, when, what, old and new.
final class HistoryTab: RecordTab {
    let name = "History"
    var contexts: [KeyContext] { [.history] }
    private var entries: [AuditEntry] = []
    private var clientID: Client.ID = 0
    private var exhausted = false
    static let pageSize = 200

    func load(app: App, client: Client) throws {
        clientID = client.id
        entries = try app.store.auditTrail(clientID: client.id, limit: HistoryTab.pageSize)
        exhausted = entries.count < HistoryTab.pageSize
    }

    func handle(_ command: CommandID, app: App, record: ClientRecordScreen) throws -> Bool {
        // Reaching the end of what is loaded reads the next, older page.
        if command == .pageDown || command == .down || command == .bottom, !exhausted,
            record.scroll + record.pageHeight * 2 >= entries.count, let oldest = entries.last
        {
            let older = try app.store.auditTrail(clientID: clientID, before: oldest.id, limit: HistoryTab.pageSize)
            entries += older
            exhausted = older.count < HistoryTab.pageSize
        }
        return false
    }

    /// A field's name as people read it.
    static func fieldLabel(_ entry: AuditEntry) -> String {
        if entry.entity == "client", let field = ClientField(rawValue: entry.field) { return field.label }
        let names = [
            "record": "record", "officer": "officer", "phase": "phase", "exit_reason": "exit reason", "programme": "programme",
            "status": "status", "terms": "terms", "added": "added", "removed": "removed", "version": "version",
            "reviewed_on": "reviewed", "requirement": "requirement", "attested_on": "attested", "follow_up_done": "follow-up done",
        ]
        return names[entry.field] ?? entry.field.replacingUnderscores
    }

    func render(_ frame: inout Frame, area: Rect, app: App, record: ClientRecordScreen) {
        // Wide screens give each change one row; narrow ones put the change under its heading.
        let oneRow = area.width >= 110
        var lines: [[(String, Role)]] = []
        lines.append([(TextWidth.fit("When", to: 17) + TextWidth.fit("Who", to: 11) + TextWidth.fit("What", to: 28) + (oneRow ? "Change" : ""), .columnHeader)])
        for entry in entries {
            let heading = [
                (TextWidth.fit(localTimeText(entry.at), to: 17) + TextWidth.fit(entry.staff, to: 11), Role.dim),
                (TextWidth.fit(HistoryTab.what(entry), to: 27) + " ", .label),
            ]
            let change = HistoryTab.change(entry)
            if oneRow {
                lines.append(heading + [(change, .normal)])
            } else {
                lines.append(heading)
                lines.append([("    " + change, .normal)])
            }
        }
        if !exhausted { lines.append([("… older entries load as you scroll", .dim)]) }
        record.drawScrolled(lines, frame: &frame, area: area)
    }

    /// "case phase", "obligation status"; an entity whose field repeats its name says it once.
    static func what(_ entry: AuditEntry) -> String {
        let entity = entry.entity.replacingUnderscores
        let field = fieldLabel(entry)
        return field == entity ? entity : "\(entity) \(field)"
    }

    /// "Contract signed → Active": old and new value, with the states of the tracks in words.
    static func change(_ entry: AuditEntry) -> String {
        func readable(_ value: String?) -> String? {
            guard let value else { return nil }
            if value.isEmpty { return "(empty)" }
            switch (entry.entity, entry.field) {
            case ("case", "phase"): return CasePhase(rawValue: value)?.label ?? value
            case ("qualification", "stage"): return RecognitionStage(rawValue: value)?.label ?? value
            default: return value
            }
        }
        let new = readable(entry.newValue) ?? "(removed)"
        return readable(entry.oldValue).map { "\($0) → \(new)" } ?? new
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
