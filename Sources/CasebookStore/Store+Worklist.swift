import CasebookCore
import CasebookL10n

extension Store {
    /// An officer's day: overdue and due-soon obligations of both sides, follow-ups due,
    /// permits expiring within 60 days, and clients not contacted for 30 days or more, over the
    /// open cases of their caseload; and the twelve-month outcome follow-ups of cases closed.
    /// Only clients of the offices where the policy lets `actor` open the record: a client whose
    /// officer they still are in another office (after a transfer, an import) is not theirs to see.
    package func worklist(by actor: Staff.ID) throws -> [WorkItem] {
        let today = clock.today
        let person = try self.actor(actor)
        let allowed = person.offices(for: .openRecord, policy: policy)
        let listed = person.offices(for: .seeList, policy: policy)
        let offices = Set(allowed.whole + allowed.ownOnly).intersection(listed.whole + listed.ownOnly).sorted()
        guard !offices.isEmpty else { return [] }
        let officerID = actor
        let inOffices = "c.office_id IN (" + offices.map { _ in "?" }.joined(separator: ", ") + ")"
        return try read {
            var items: [WorkItem] = []
            // Overdue or due soon (`RuleSQL`, the SQL of ObligationTiming); Core classes each row again.
            try database.forEach(
                """
                SELECT \(Store.obligationItemSelection)
                FROM clients c
                JOIN obligations o ON o.client_id = c.id AND (\(RuleSQL.overdue("o")) OR \(RuleSQL.dueSoon("o")))
                JOIN contracts k ON k.id = o.contract_id AND k.status <> 'ended'
                WHERE c.officer_id = ? AND c.phase IN (\(RuleSQL.openPhases)) AND \(inOffices)
                """, [today] + RuleSQL.dueSoonArguments(today) + [officerID] + offices
            ) { row in
                let row = NamedRow<ObligationItemColumn>(row)
                let due = try row.optionalDay(.dueOn)
                let timing = ObligationTiming.of(
                    due: due, status: try row.value(.status, as: ObligationStatus.self), today: today)
                guard timing == .overdue || timing == .dueSoon else { return }
                items.append(
                    WorkItem(
                        kind: timing == .overdue ? .overdueObligation : .dueSoonObligation,
                        clientID: row.int64(.clientID),
                        caseNumber: row.text(.caseNumber),
                        clientName: Client.displayName(family: row.text(.familyName), given: row.text(.givenNames)),
                        day: due, party: try row.value(.party, as: Party.self), text: row.text(.description),
                        obligationID: row.int64(.obligationID)))
            }
            // The authority's acknowledgements overdue (`RuleSQL`, the SQL of Qualification); Core
            // computes each due day again.
            try database.forEach(
                """
                SELECT \(Store.lateAcknowledgementSelection)
                FROM clients c JOIN qualifications q ON q.client_id = c.id \(RuleSQL.acknowledgementJoin("q"))
                WHERE \(RuleSQL.acknowledgementLate("q")) AND c.officer_id = ? AND c.phase IN (\(RuleSQL.openPhases))
                    AND \(inOffices)
                """, [today, officerID] + offices
            ) { row in
                let row = NamedRow<LateAcknowledgementColumn>(row)
                let file = Qualification(
                    clientID: row.int64(.clientID), title: row.text(.title), field: "", country: "", institution: "",
                    year: 0, iscedLevel: 0, hasDocuments: false, isRegulatedProfession: false,
                    stage: try row.value(.stage, as: RecognitionStage.self), stageSince: try row.day(.stageSince))
                let rule = TimeSpan(row.text(.span))
                guard file.isAcknowledgementLate(today: today, rule: rule), let rule,
                    let due = file.acknowledgementDue(rule: rule)
                else { return }
                items.append(
                    WorkItem(
                        kind: .lateAcknowledgement, clientID: file.clientID, caseNumber: row.text(.caseNumber),
                        clientName: Client.displayName(family: row.text(.familyName), given: row.text(.givenNames)),
                        day: due, party: .authority,
                        text: tr(
                            "Acknowledge receipt of the recognition file {title}",
                            ["title": Sanitized.inline(file.title, limit: 120)])))
            }
            try database.forEach(
                """
                SELECT \(Store.followUpSelection)
                FROM clients c JOIN notes n ON n.client_id = c.id AND n.follow_up_done = 0 AND n.follow_up_on IS NOT NULL
                    AND n.follow_up_on <= ?
                WHERE c.officer_id = ? AND c.phase IN (\(RuleSQL.openPhases)) AND \(inOffices)
                """, [today, officerID] + offices
            ) { row in
                let row = NamedRow<FollowUpColumn>(row)
                items.append(
                    WorkItem(
                        kind: .followUp, clientID: row.int64(.clientID), caseNumber: row.text(.caseNumber),
                        clientName: Client.displayName(family: row.text(.familyName), given: row.text(.givenNames)),
                        day: try row.optionalDay(.followUpOn), text: Sanitized.inline(row.text(.summary), limit: 120)))
            }
            try database.forEach(
                """
                SELECT \(Store.caseloadSelection) FROM clients c
                WHERE c.officer_id = ? AND c.phase IN (\(RuleSQL.openPhases)) AND \(inOffices)
                """, [officerID] + offices
            ) { row in
                let row = NamedRow<CaseloadColumn>(row)
                let id = row.int64(.clientID)
                let caseNumber = row.text(.caseNumber)
                let name = Client.displayName(family: row.text(.familyName), given: row.text(.givenNames))
                if let expiry = try row.optionalDay(.permitExpiry),
                    expiry <= today.adding(days: WorkItem.permitWarningDays)
                {
                    let days = today.days(until: expiry)
                    items.append(
                        WorkItem(
                            kind: .permitExpiring, clientID: id, caseNumber: caseNumber, clientName: name, day: expiry,
                            text: days < 0
                                ? trn(
                                    "Residence permit expired {days} day ago", "Residence permit expired {days} days ago",
                                    -days, ["days": String(-days)])
                                : trn(
                                    "Residence permit expires in {days} day", "Residence permit expires in {days} days",
                                    days, ["days": String(days)])))
                }
                let lastContact = try row.optionalDay(.lastContact)
                let since = try lastContact ?? row.day(.phaseSince)
                if since.days(until: today) >= WorkItem.contactGapDays {
                    items.append(
                        WorkItem(
                            kind: .noContact, clientID: id, caseNumber: caseNumber, clientName: name, day: lastContact,
                            text: lastContact.map {
                                trn(
                                    "No contact since {day} ({days} day)", "No contact since {day} ({days} days)",
                                    $0.days(until: today), ["day": $0.shown, "days": String($0.days(until: today))])
                            }
                                ?? trn(
                                    "No contact recorded in {days} day", "No contact recorded in {days} days",
                                    since.days(until: today), ["days": String(since.days(until: today))])))
                }
            }
            items += try outcomeFollowUps(officerID: officerID, offices: offices, today: today)
            return WorkItem.ordered(items)
        }
    }

    private enum ObligationItemColumn: Int32, ColumnSet {
        case obligationID, clientID, caseNumber, familyName, givenNames, dueOn, party, description, status

        var expression: String? {
            switch self {
            case .obligationID: return "o.id"
            case .clientID: return "c.id"
            case .caseNumber, .familyName, .givenNames: return "c." + name
            default: return "o." + name
            }
        }
    }

    private static let obligationItemSelection = ObligationItemColumn.selection()

    private enum LateAcknowledgementColumn: Int32, ColumnSet {
        case clientID, caseNumber, familyName, givenNames, title, stage, stageSince, span

        var expression: String? {
            switch self {
            case .clientID: return "c.id"
            case .title, .stage, .stageSince: return "q." + name
            case .span: return "coalesce(ack_v.acknowledge_within, ack_p.recognition_acknowledgement)"
            default: return "c." + name
            }
        }
    }

    private static let lateAcknowledgementSelection = LateAcknowledgementColumn.selection()

    private enum FollowUpColumn: Int32, ColumnSet {
        case clientID, caseNumber, familyName, givenNames, followUpOn, summary

        var expression: String? {
            switch self {
            case .clientID: return "c.id"
            case .followUpOn, .summary: return "n." + name
            default: return "c." + name
            }
        }
    }

    private static let followUpSelection = FollowUpColumn.selection()

    private enum CaseloadColumn: Int32, ColumnSet {
        case clientID, caseNumber, familyName, givenNames, permitExpiry, lastContact, phaseSince

        var expression: String? {
            switch self {
            case .clientID: return "c.id"
            case .lastContact: return "(SELECT max(n.contact_on) FROM notes n WHERE n.client_id = c.id)"
            default: return "c." + name
            }
        }
    }

    private static let caseloadSelection = CaseloadColumn.selection()
}
