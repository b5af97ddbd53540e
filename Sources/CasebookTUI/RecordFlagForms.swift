import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The record's data-protection keys: a legal hold (`H`) and a restriction of processing (`Z`),
/// placed with a reason and a day or lifted after a question, and the person's own export
/// (`E`). Each asks the Store's policy first, so a refusal is the policy's own sentence, before
/// any form opens.
enum RecordFlagForms {
    /// Places the flag when none is in force, else asks whether to lift it.
    static func toggle(_ flag: RecordFlag, record: ClientRecordScreen, app: App) throws -> Effect {
        if let current = record.status.flags.first(where: { $0.flag == flag }) {
            try app.store.require(flag.liftAction, by: app.me.id, client: record.clientID)
            return .push(liftQuestion(current, record: record))
        }
        try app.store.require(flag.placeAction, by: app.me.id, client: record.clientID)
        return .push(placeForm(flag, clientID: record.clientID, app: app))
    }

    /// Why the flag's key does nothing on this record: only an erased record's stub, which
    /// nobody changes; who may is asked when the key is pressed.
    static func unavailable(_ record: ClientRecordScreen, _ app: App) -> String? {
        record.status.isErased
            ? tr("This client's personal data was erased under the retention rule; what is left cannot be changed.")
            : nil
    }

    static func placeForm(_ flag: RecordFlag, clientID: Client.ID, app: App) -> FormScreen<RecordFlagDraft> {
        FormScreen(
            title: flag == .legalHold ? tr("Place a legal hold") : tr("Restrict processing (GDPR Art. 18)"),
            fields: [
                .text(.reason, tr("Reason"), \.reason),
                .date(.since, tr("Since"), \.since),
            ], draft: RecordFlagDraft(since: app.clock.today), changes: [.client],
            validate: { draft, app in _ = try draft.validated(today: app.clock.today) }
        ) { app, draft in
            try app.store.place(flag, clientID: clientID, draft, actor: app.me)
            return FormSaved(
                flag == .legalHold
                    ? tr("Placed a legal hold: the client is kept out of erasure until it is lifted.")
                    : tr("Restricted: the record is read-only for all but admins until the restriction is lifted."))
        }
    }

    private static func liftQuestion(_ current: RecordFlagState, record: ClientRecordScreen) -> ConfirmDialog {
        let clientID = record.clientID
        let flag = current.flag
        let values = [
            "day": current.since.shown, "who": Sanitized.inline(current.placedBy, limit: 40),
            "reason": Sanitized.inline(current.reason, limit: 120),
        ]
        return ConfirmDialog(
            title: flag == .legalHold ? tr("Lift the legal hold?") : tr("Lift the restriction?"),
            question: flag == .legalHold
                ? tr(
                    "Lift the legal hold placed on {day} by {who} ({reason})? Once lifted, the client is erased when due.",
                    values)
                : tr(
                    "Lift the restriction placed on {day} by {who} ({reason})? The record can then be changed again.",
                    values),
            yesLabel: tr("Lift"),
            then: .task { app in
                try app.store.lift(flag, clientID: clientID, actor: app.me)
                return .all([
                    .changed(.client),
                    .success(flag == .legalHold ? tr("Lifted the legal hold.") : tr("Lifted the restriction.")),
                ])
            })
    }

    /// The person's own export form: the file the officer confirms (named after the case
    /// number, in the folder Casebook started in) and the format. Asked of the policy first.
    static func exportForm(record: ClientRecordScreen, app: App) throws -> Effect {
        try app.store.require(.subjectExport, by: app.me.id, client: record.clientID)
        let clientID = record.clientID
        let caseNumber = record.client.caseNumber.text
        return .push(
            FormScreen(
                title: tr("Export the person's own data (GDPR Art. 15)"),
                fields: [
                    .text(.path, tr("File"), \.path),
                    .choice(.format, tr("Format"), \.format, label: \.label),
                ], draft: SubjectExportDraft(path: "access-request-\(caseNumber).html"), changes: [],
                validate: { draft, _ in try draft.validated() }
            ) { app, draft in
                let (path, format) = try draft.validated()
                // The Store writes the export to the read log as it collects it.
                let export = try app.store.subjectExport(clientID: clientID, actor: app.me)
                try app.writeFile(path, Array((format == .json ? export.json : export.html).utf8))
                return FormSaved(
                    tr(
                        "Wrote the person's own data to {path}; hand it only to them.",
                        ["path": Sanitized.inline(path, limit: 120)]))
            })
    }
}
