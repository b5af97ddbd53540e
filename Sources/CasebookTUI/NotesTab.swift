import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The Notes tab: contacts with the client, newest first, with follow-ups.
final class NotesTab: SelectingTab {
    let id = RecordTabID.notes
    var client: Client
    let shows: Changes = [.notes]
    private(set) var notes: [CaseNote] = []
    var viewport = ListViewport()
    var selected: Int { viewport.selected }
    var rowCount: Int { notes.count }

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        notes = try app.store.notes(clientID: client.id, by: app.me.id)
        viewport.clamp(count: notes.count)
    }

    /// The selected note, when its follow-up is still open.
    private var openFollowUp: CaseNote? {
        guard notes.indices.contains(selected), notes[selected].followUpOn != nil, !notes[selected].followUpDone else {
            return nil
        }
        return notes[selected]
    }

    static let bindings: [Binding<NotesTab>] =
        [
            Binding(.addNote) { tab, app in .push(NoteForms.add(app: app, client: tab.client)) },
            Binding(
                .followUpDone,
                unavailable: { tab, app in
                    if tab.notes.isEmpty {
                        return tr("No notes yet; {key} records one.", ["key": app.keys.hint(.addNote)])
                    }
                    return tab.openFollowUp == nil ? tr("The selected note has no open follow-up.") : nil
                }
            ) { tab, app in
                guard let note = tab.openFollowUp else { return .none }
                try app.store.completeFollowUp(noteID: note.id, actor: app.me.id)
                return .all([.changed(.notes), .success(tr("Follow-up done."))])
            },
        ] + selecting

    func bindings(app: App) -> [BoundCommand] { NotesTab.bindings.bound(to: self, app: app) }

    func render(_ frame: inout Frame, area: Rect, app: App) {
        let today = app.clock.today
        let g = frame.glyphs
        if notes.isEmpty {
            frame.text(
                tr("No notes yet. {key} records a contact.", ["key": app.keys.hint(.addNote)]), in: area.row(0), .dim)
            return
        }
        let last = notes[0].date
        frame.text(
            trn(
                "Last contact {day} ({count} day ago)", "Last contact {day} ({count} days ago)",
                last.days(until: today),
                ["day": last.shown]) + " \(g.separator) " + trn("{count} note", "{count} notes", notes.count),
            in: area.row(0), .emphasis)
        var y = area.y + 2
        // Keep the selected note in view: skip notes above it when needed (each takes 3 lines).
        let perNote = 3
        let visible = max(1, (area.maxY - y) / perNote)
        let first = max(0, selected - visible + 1)
        for (index, note) in notes.enumerated().dropFirst(first) where y < area.maxY {
            let isSelected = index == selected
            var follow = ""
            var followRole: TextRole = .dim
            if let followUp = note.followUpOn {
                if note.followUpDone {
                    follow = tr("follow-up {day} done", ["day": followUp.shown])
                } else if followUp <= today {
                    follow = tr("FOLLOW-UP DUE {day}", ["day": followUp.shown])
                    followRole = .overdue
                } else {
                    follow = tr("follow up {day}", ["day": followUp.shown])
                    followRole = .warning
                }
            }
            // The follow-up comes right after the date, so a narrow screen never cuts it off.
            let head = "\(note.date.shown)  \(note.contact.label)" + (follow.isEmpty ? "" : "  ")
            var tail = ""
            if let language = note.interpreterLanguage {
                tail += " \(g.separator) " + tr("interpreter: {language}", ["language": CodeLabels.language(language)])
            }
            tail += " \(g.separator) \(note.author)"
            let role: TextRole = isSelected ? .selected : .emphasis
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), isSelected ? .selected : .normal)
            var end = frame.text((isSelected ? "> " : "  ") + head, x: area.x, y: y, role, maxX: area.maxX)
            end = frame.text(follow, x: end, y: y, isSelected ? .selected : followRole, maxX: area.maxX)
            if area.maxX > end {
                frame.text(TextWidth.truncate(tail, to: area.maxX - end), x: end, y: y, role, maxX: area.maxX)
            }
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
