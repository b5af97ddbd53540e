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
    /// Each loaded entry's What and Change in words, worked out once as it loads rather than
    /// at every redraw (a change's text is parsed back into its parts).
    private var words: [Int64: (what: String, change: String)] = [:]
    /// The names of the civic modules of the client's programme, by id: a civic session's field.
    private var modules: [String: String] = [:]
    /// The module ids the programme was read for: it is read again only for a session of a
    /// module not asked about yet, so that reloading after a change reads the audit alone.
    private var modulesAsked: Set<String> = []
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
        words = [:]
        try name(entries, app: app)
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
        try name(older, app: app)
        exhausted = older.count < HistoryTab.pageSize
    }

    private func name(_ loaded: [AuditEntry], app: App) throws {
        let sessions = Set(loaded.filter { $0.entity == AuditEntity.civicSession.rawValue }.map(\.field))
        if !sessions.isSubset(of: modulesAsked) {
            let programme = try app.store.programme(forClient: client.id, by: app.me.id)?.programme
            modules = Dictionary((programme?.civicModules ?? []).map { ($0.id, $0.name) }) { first, _ in first }
            modulesAsked.formUnion(sessions)
        }
        for entry in loaded {
            words[entry.id] = (AuditLabels.what(entry, modules: modules), AuditLabels.change(entry))
        }
    }

    func lines(width: Int, glyphs: Glyphs, app: App) -> [[(String, TextRole)]] {
        // Wide screens give each change one row; narrow ones put the change under its heading.
        let oneRow = width >= 110
        // "Intake mapping: Literacy, first language" takes 40 columns; a narrow screen has the
        // rest of the heading's row for it, a wide one leaves the change the rest.
        let whatWidth = oneRow ? 40 : max(27, width - 30)
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
                // TRANSLATORS: the history's column headings: 17, 11 and 28 or more characters wide.
                TextWidth.fit(tr("When"), to: 17) + TextWidth.fit(tr("Who"), to: 11)
                    + TextWidth.fit(tr("What"), to: whatWidth + 1)
                    + (oneRow ? tr("Change") : ""), .columnHeader
            )
        ])
        for entry in entries {
            let heading = [
                (TextWidth.fit(localTimeText(entry.at), to: 17) + TextWidth.fit(entry.staff, to: 11), TextRole.dim),
                (TextWidth.fit(words[entry.id]?.what ?? AuditLabels.what(entry), to: whatWidth) + " ", .label),
            ]
            let change = words[entry.id]?.change ?? AuditLabels.change(entry)
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
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
