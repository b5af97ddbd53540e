import ArgumentParser
import CasebookConfig
import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore
import CasebookTUI
import Logging

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: tr("List the clients due for erasure under the retention rule; with --apply, erase them (admins)."),
        discussion: tr(
            "A client is due when the case is closed (closed, transferred out or archived, and not reopened) for longer than its rule: the period of the programme it is enrolled in, when that programme's preset sets one with its legal source, else [retention] erase_after in casebook.toml. Without a rule nothing is ever erased. Each client is listed with its office and the rule that applies, and only in offices where you may see the list. A legal hold or a restriction keeps a client until it is lifted. Without --apply this is a dry run: it lists the clients due and what erasure removes and keeps, and changes nothing. --apply erases each client in a transaction of its own, then compacts the file so that no erased byte remains in it or its WAL. Backups made earlier still hold the data: after restoring one, run `casebook retention --apply` again."
        ))

    @OptionGroup var database: DatabaseOptions

    @Option(
        help: ArgumentHelp(
            tr(
                "List (or erase) only cases closed longer ago than this, e.g. 6y; never shorter than the rule with --apply."
            ),
            valueName: "period"))
    var olderThan: String?

    @Flag(help: ArgumentHelp(tr("Erase the clients due (admins only).")))
    var apply = false

    func validate() throws {
        if let olderThan {
            try checkArgument(olderThan, "--older-than")
            if RetentionRule.period(olderThan) == nil {
                throw ValidationError(tr("--older-than is a period such as 5y, 18m or 90d, more than zero."))
            }
        }
    }

    func run() throws {
        let command: CommandID = apply ? .retentionApply : .retention
        let settings = try Configuration.load()
        let store = try database.open(apply ? .readWrite : .readOnly, for: command)
        let actor = try command.actingStaff(in: store)
        let asked = olderThan.flatMap(RetentionRule.period)
        let site = settings.eraseAfter.map {
            RetentionRule(eraseAfter: $0, source: settings.eraseAfterSource ?? "casebook.toml")
        }
        let programmes = try store.programmeRetentionRules()
        switch (site, asked) {
        case (nil, nil) where programmes.isEmpty:
            print(tr("No retention rule is set ([retention] erase_after in casebook.toml): nothing is ever erased."))
            return
        case (nil, _?) where programmes.isEmpty:
            guard !apply else {
                throw CommandError(
                    tr(
                        "No retention rule is set, so nothing may be erased; set [retention] erase_after in the site settings first."
                    ))
            }
        case (let site?, let asked?):
            let origin = store.clock.today
            if apply && asked.after(origin) < site.eraseAfter.after(origin) {
                throw CommandError(
                    tr(
                        "--older-than {asked} is shorter than the retention rule of {rule}; nothing was erased.",
                        [
                            "asked": asked.text, "rule": site.eraseAfter.text,
                        ]))
            }
        default: break
        }
        printRules(site: site, programmes: programmes)
        if let asked {
            print(
                tr(
                    "Listing cases closed more than {asked} ago.",
                    ["asked": asked.description]))
        }
        let today = store.clock.today
        let candidates: [RetentionCandidate]
        if apply {
            // Due under each client's own rule, and with --older-than closed longer ago than that too.
            candidates = try store.retentionCandidates(site: site, today: today, actor: actor.id).filter { candidate in
                asked.map { $0.after(candidate.closedOn) <= today } ?? true
            }
        } else {
            candidates = try store.retentionCandidates(site: site, olderThan: asked, today: today, actor: actor.id)
        }
        let due = candidates.filter { $0.keptBy == nil }
        let kept = candidates.filter { $0.keptBy != nil }
        if apply {
            try erase(due, kept: kept, site: site, in: store, actor: actor)
        } else {
            dryRun(due, kept: kept, today: today)
        }
    }

    /// Which rule applies to whom, and why: the site's, and each programme version's own with
    /// its legal source, which overrides the site's for the clients enrolled under it.
    private func printRules(site: RetentionRule?, programmes: [(rule: RetentionRule, name: String, enrolled: Int)]) {
        if let site {
            print(
                tr(
                    "Retention: erased {period} after the case closes ({source}).",
                    [
                        "period": site.eraseAfter.description, "source": site.source,
                    ]))
        } else {
            print(
                tr(
                    "No site retention rule is set: clients of programmes without a rule of their own are never erased."
                ))
        }
        for programme in programmes {
            print(overrideLine(programme))
        }
    }

    private func table(_ rows: [RetentionCandidate]) {
        // A long office name is cut, so that the rule stays on the line.
        let officeWidth = min(32, max(8, rows.map { TextWidth.of($0.office) }.max() ?? 0))
        let columns = TextColumns(
            [
                // TRANSLATORS: a column heading of a terminal table (`casebook retention`).
                tr("Case number"),
                // TRANSLATORS: a column heading of a terminal table (`casebook retention`).
                tr("Office"),
                // TRANSLATORS: a column heading of a terminal table (`casebook retention`): the day the case closed.
                tr("Closed on"),
                // TRANSLATORS: a column heading of a terminal table (`casebook retention`).
                tr("Officer"),
                // TRANSLATORS: a column heading of a terminal table (`casebook retention`): the retention rule.
                tr("Rule"),
            ], values: [11, officeWidth, 10, max(9, rows.map { TextWidth.of($0.officer) }.max() ?? 0)])
        print("  " + columns.heading)
        for row in rows {
            let rule = row.rule.map { $0.label + " " + $0.eraseAfter.text } ?? tr("none")
            let kept = row.keptBy.map { "  " + $0.description } ?? ""
            print(
                "  "
                    + columns.line([
                        row.caseNumber, TextWidth.truncate(row.office, to: officeWidth, ellipsis: ""),
                        row.closedOn.iso, row.officer, rule + kept,
                    ]))
        }
    }

    private func dryRun(_ due: [RetentionCandidate], kept: [RetentionCandidate], today: Day) {
        print(
            trn(
                "Due for erasure on {day}: {count} client.", "Due for erasure on {day}: {count} clients.", due.count,
                ["day": today.iso]))
        if !due.isEmpty { table(due) }
        if !kept.isEmpty {
            print(trn("Kept although due: {count} client.", "Kept although due: {count} clients.", kept.count))
            table(kept)
        }
        print(tr("Erasure removes:"))
        for line in ErasureScope.erased { print("  - " + line) }
        print(tr("Erasure keeps, without the person's identity:"))
        for line in ErasureScope.kept { print("  - " + line) }
        print(tr("This was a dry run: nothing was changed. `casebook retention --apply` erases them (admins)."))
    }

    private func erase(
        _ due: [RetentionCandidate], kept: [RetentionCandidate], site: RetentionRule?, in store: Store, actor: Staff
    ) throws {
        let logger = Logger(label: "casebook")
        var erased = 0
        var failed = 0
        for candidate in due {
            do {
                let result = try store.erase(clientID: candidate.clientID, site: site, actor: actor)
                let parts = result.rows.map { "\($0.table) \($0.count)" }.joined(separator: ", ")
                print(
                    tr(
                        "Erased {case} (closed {day}): {parts}; {values} audit values blanked; birth years {band} kept.",
                        [
                            "case": result.caseNumber, "day": candidate.closedOn.iso, "parts": parts,
                            "values": String(result.auditValues), "band": result.birthYears.description,
                        ]))
                erased += 1
            } catch {
                // Each client is its own transaction: this one is left whole, the others go on.
                print(tr("Not erased {case}: {reason}", ["case": candidate.caseNumber, "reason": "\(error)"]))
                failed += 1
            }
        }
        for candidate in kept {
            print(
                tr(
                    "Kept {case}: a {flag} is in force.",
                    [
                        "case": candidate.caseNumber, "flag": candidate.keptBy?.description ?? "",
                    ]))
        }
        logger.info("retention --apply: \(erased) erased, \(kept.count) kept, \(failed) failed")
        // Always, so that a run after one that could not empty the WAL (someone had the file
        // open) finishes the job even when nobody is due any more.
        let emptied = try store.purgeFreedPages()
        if erased == 0 && emptied {
            print(tr("Nothing was erased; the file was compacted and its WAL emptied."))
        } else {
            print(
                emptied
                    ? trn(
                        "Erased {count} client; the file was compacted and its WAL emptied, so no erased byte remains in it.",
                        "Erased {count} clients; the file was compacted and its WAL emptied, so no erased byte remains in it.",
                        erased)
                    : trn(
                        "Erased {count} client, but another Casebook has the file open, so its WAL may still hold erased bytes; run `casebook retention --apply` again when nobody works.",
                        "Erased {count} clients, but another Casebook has the file open, so its WAL may still hold erased bytes; run `casebook retention --apply` again when nobody works.",
                        erased))
        }
        if failed > 0 {
            throw CommandError(
                trn(
                    "{count} client could not be erased (see above); nothing of it was changed.",
                    "{count} clients could not be erased (see above); nothing of them was changed.", failed))
        }
    }
}

/// One programme's rule as `check` and the retention run print it: the period, its legal
/// source, and how many clients it applies to in place of the site's.
func overrideLine(_ programme: (rule: RetentionRule, name: String, enrolled: Int)) -> String {
    "  "
        + trn(
            "{rule}; it overrides the site's rule for the {count} client enrolled under it.",
            "{rule}; it overrides the site's rule for the {count} clients enrolled under it.", programme.enrolled,
            ["rule": programme.rule.description])
}
