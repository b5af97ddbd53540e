import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The History tab: this client's audit trail, newest first: who, when, what, old and new.
final class HistoryTab: ScrolledTab {
    let id = RecordTabID.history
    var client: Client
    /// Every change is audited.
    let shows = Changes.all
    var page = PageScroll()
    private var entries: [AuditEntry] = []
    private var exhausted = false
    /// Who looked at the record, newest first: for those the policy lets see it (supervisors
    /// and admins by default); nil for everyone else.
    private var looks: [ReadEntry]?
    static let pageSize = 200
    static let looksShown = 20

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        entries = try app.store.auditTrail(clientID: client.id, limit: HistoryTab.pageSize, by: app.me.id)
        exhausted = entries.count < HistoryTab.pageSize
        looks =
            app.store.maySeeAccessLog(clientID: client.id, by: app.me.id)
            ? try app.store.accessLog(clientID: client.id, by: app.me.id, limit: HistoryTab.looksShown) : nil
    }

    /// Scrolling down near the end of what is loaded reads the next, older page first.
    static let bindings: [Binding<HistoryTab>] = scrolling.map { binding in
        guard [.down, .pageDown, .bottom].contains(binding.command) else { return binding }
        return Binding(binding.command) { tab, app in
            try tab.loadOlderIfNearTheEnd(app: app)
            return try binding.run(tab, app)
        }
    }

    func bindings(app: App) -> [BoundCommand] { HistoryTab.bindings.bound(to: self, app: app) }

    private func loadOlderIfNearTheEnd(app: App) throws {
        guard !exhausted, page.offset + ClientRecordScreen.pageHeight(app) * 2 >= entries.count,
            let oldest = entries.last
        else { return }
        let older = try app.store.auditTrail(
            clientID: client.id, before: oldest.id, limit: HistoryTab.pageSize, by: app.me.id)
        entries += older
        exhausted = older.count < HistoryTab.pageSize
    }

    /// A field's name as people read it.
    static func fieldLabel(_ entry: AuditEntry) -> String {
        if entry.entity == "client", let field = ClientField(rawValue: entry.field) { return field.label }
        // TRANSLATORS: the names of changed fields in a record's history ("obligation status").
        let names = [
            "record": tr("record"), "officer": tr("officer"), "phase": tr("phase"), "exit_reason": tr("exit reason"),
            "programme": tr("programme"),
            "status": tr("status"), "terms": tr("terms"), "added": tr("added"), "removed": tr("removed"),
            "version": tr("version"), "reviewed_on": tr("reviewed"), "requirement": tr("requirement"),
            "attested_on": tr("attested"), "follow_up_done": tr("follow-up done"),
            // TRANSLATORS: the recognition procedure of a qualification (standard or accelerated).
            "procedure": tr("procedure"),
        ]
        return names[entry.field] ?? entry.field.replacingUnderscores
    }

    func lines(width: Int, glyphs: Glyphs, app: App) -> [[(String, TextRole)]] {
        // Wide screens give each change one row; narrow ones put the change under its heading.
        let oneRow = width >= 110
        var lines: [[(String, TextRole)]] = []
        if let looks {
            lines.append([(tr("Looked at by"), .columnHeader)])
            for look in looks {
                lines.append([
                    (TextWidth.fit(localTimeText(look.at), to: 17) + TextWidth.fit(look.staff, to: 11), .dim),
                    (look.kind.label, .normal),
                ])
            }
            if looks.count == HistoryTab.looksShown {
                lines.append([
                    (tr("… older looks: casebook access-log {number}", ["number": client.caseNumber.text]), .dim)
                ])
            }
            lines.append([])
        }
        lines.append([
            (
                // TRANSLATORS: the history's column headings: 17, 11 and 28 characters wide.
                TextWidth.fit(tr("When"), to: 17) + TextWidth.fit(tr("Who"), to: 11) + TextWidth.fit(tr("What"), to: 28)
                    + (oneRow ? tr("Change") : ""), .columnHeader
            )
        ])
        for entry in entries {
            let heading = [
                (TextWidth.fit(localTimeText(entry.at), to: 17) + TextWidth.fit(entry.staff, to: 11), TextRole.dim),
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
        if !exhausted { lines.append([(tr("… older entries load as you scroll"), .dim)]) }
        return lines
    }

    /// "case phase", "obligation status"; an entity whose field repeats its name says it once.
    static func what(_ entry: AuditEntry) -> String {
        let entity = entry.entity.replacingUnderscores
        let field = fieldLabel(entry)
        // TRANSLATORS: what changed in a record's history: the kind of thing, then its field ("case phase").
        return field == entity ? entity : tr("{entity} {field}", ["entity": entity, "field": field])
    }

    /// "Contract signed → Active": old and new value, with the states of the tracks in words.
    static func change(_ entry: AuditEntry) -> String {
        func readable(_ value: String?) -> String? {
            guard let value else { return nil }
            if value.isEmpty { return tr("(empty)") }
            switch (entry.entity, entry.field) {
            case ("case", "phase"): return CasePhase(rawValue: value)?.label ?? value
            case ("qualification", "stage"): return RecognitionStage(rawValue: value)?.label ?? value
            default: return value
            }
        }
        let new = readable(entry.newValue) ?? tr("(removed)")
        return readable(entry.oldValue).map { "\($0) → \(new)" } ?? new
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
