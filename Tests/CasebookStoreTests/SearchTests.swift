import CasebookCore
import Dispatch
import Testing

@testable import CasebookStore
import CasebookTestSupport

@Suite struct SearchTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
        try fixture.add("Ødegård", "Siriporn", number: 1)
        try fixture.add("Müller", "Maricel", number: 2, officer: fixture.officer.id)
        try fixture.add("Sørensen", "Wanida", number: 3)
        try fixture.add("الحسن", "فاطمة", number: 4, other: "Al-Hassan, Fatima")
        try fixture.add("Nguyễn", "Thị Ánh", number: 5, officer: fixture.officer.id)
        try fixture.add("Odegaard", "Ola", number: 6)
        try fixture.add("Shevchenko", "Olena", number: 7)
        for number in 8...40 { try fixture.add("Filler", "Person \(number)", number: number) }
        try fixture.store.analyze()
    }

    func names(_ search: String, filter: ClientFilter = ClientFilter()) throws -> [String] {
        var filter = filter
        filter.search = search
        return try fixture.store.clientList.page(filter, sort: .name, limit: 50).map(\.familyName)
    }

    @Test(arguments: [
        ("odegard", ["Ødegård"]), ("muller", ["Müller"]), ("sorensen", ["Sørensen"]), ("MÜLLER", ["Müller"]),
        ("nguyen", ["Nguyễn"]), ("anh", ["Nguyễn"]), ("thi anh", ["Nguyễn"]), ("ode", ["Odegaard", "Ødegård"]),
    ])
    func findsNamesWithoutCaseOrDiacritics(_ query: String, _ expected: [String]) throws {
        #expect(try names(query) == expected)
    }

    @Test func findsByTheStartOfAnyNamePartButNotTheMiddle() throws {
        #expect(try names("siri") == ["Ødegård"])
        #expect(try names("gard").isEmpty)
        #expect(try names("ola odeg") == ["Odegaard"])
    }

    @Test func findsArabicNamesByScriptAndByOtherSpellings() throws {
        #expect(try names("الحسن") == ["الحسن"])
        #expect(try names("فاطمه") == ["الحسن"])
        #expect(try names("hassan") == ["الحسن"])
        #expect(try names("al-hassan") == ["الحسن"])
    }

    @Test func findsByCaseNumberPrefix() throws {
        #expect(try names("2026-000004") == ["الحسن"])
        #expect(try names("2026-00000").count == 9)
    }

    @Test func searchCombinesWithFiltersAndCounts() throws {
        let mine = ClientFilter(officerID: fixture.officer.id)
        #expect(try names("m", filter: mine) == ["Müller"])
        #expect(try fixture.store.clientList.count(ClientFilter(search: "o")).value == 3)
        #expect(try fixture.store.clientList.count(ClientFilter(search: "filler")).value == 33)
        #expect(
            try fixture.store.clientList.count(ClientFilter(search: "filler"), cap: 10)
                == ClientCount(value: 10, isAtLeast: true))
        #expect(try fixture.store.clientList.count(ClientFilter(search: "\u{200B} ")).value == 40)
        #expect(try fixture.store.clientList.count(ClientFilter(search: "zzz")).value == 0)
    }

    @Test func aBulkLoadWritesTheSameSearchRowsAsAddingEachClient() throws {
        let names = [
            ("Ødegård", "Anna", ""), ("Ødegård", "Anna", ""), ("Al-Hassan", "Mohammed Ali", "Al-Hassan, Mohammed"),
            ("أحمد", "فاطمة", "Ahmad, Fatima"), ("Nguyễn", "Thị Ánh", ""), ("O'Brien", "Seán", ""),
            ("Олійник", "Олена", "Oliinyk, Olena"),
            // Words whose keys are equal (Hasan, Hassan), and words met before in other places and
            // combinations: the load keys each distinct word once and must still give each client
            // its own keys, each once, in the order adding the client writes them.
            ("Hasan", "Hassan Mohamed", "Mohammed"), ("Mohamed", "Hasan", ""), ("محمد", "حسن", "Mohamed, Hasan"),
        ]
        // Bulk loads go only into a file without clients; this suite's fixture has forty.
        let fixture = try Fixture()
        var loaded: [Client] = []
        try BulkLoader.load(into: fixture.store, actor: fixture.admin.id) { loader in
            for (index, (family, given, other)) in names.enumerated() {
                var client = try Fixture.draft(family, given, number: 500 + index, other: other).validated(
                    today: testDay)
                client.version = 1
                client.id = try loader.add(
                    client, history: [PhaseStep(from: nil, to: .referred, on: testDay)], enrolment: Enrolment(),
                    note: "test")
                loaded.append(client)
            }
        }
        for client in loaded {
            let stored = try fixture.store.database.query(
                "SELECT token, sort_name FROM client_search WHERE client_id = ? ORDER BY rowid", [client.id]
            ) { [$0.text(0), $0.text(1)] }
            // What adding the client one by one writes (`Store.insertTokens`).
            let sortName = SearchKey.sortKey(family: client.familyName, given: client.givenNames)
            let expected = SearchKey.indexTokens(of: [client.familyName, client.givenNames, client.otherNames]).map {
                [$0, sortName]
            }
            #expect(stored == expected, "\(client.familyName)")
            let sorted = try fixture.store.database.query("SELECT sort_name FROM clients WHERE id = ?", [client.id]) {
                $0.text(0)
            }
            #expect(sorted == [sortName])
        }
        #expect(try fixture.store.clientList.count(ClientFilter(search: "odegard anna")).value == 2)
        // A bulk load does not wait for the disk, so it never goes into a file that holds clients.
        #expect(throws: StoreError.self) { try BulkLoader.load(into: fixture.store, actor: fixture.admin.id) { _ in } }
    }

    @Test func packedRowsInsertEveryKindOfValueExactly() throws {
        let db = fixture.store.database
        try db.executeScript("CREATE TEMP TABLE packed (n INTEGER, i ANY, r ANY, t ANY, z ANY)")
        let texts = ["", "plain", "Ødegård 王小明 ሰላም 👩🏽‍⚕️", "nul\u{0}inside", String(repeating: "long ", count: 400)]
        let rows = PackedRows()
        // Seven rows at three a statement: two full statements and one row alone.
        for n in 0..<7 {
            rows.append(Int64(n))
            rows.append([Int64.min, Int64.max, 0, -1][n % 4])
            rows.append([0.5, -1e300, .pi][n % 3])
            rows.append(texts[n % texts.count])
            if n % 2 == 0 { rows.appendNull() } else { rows.append(SQLValue.text("value \(n)")) }
        }
        try db.insertRows("INSERT INTO temp.packed (n, i, r, t, z) VALUES ", width: 5, perStatement: 3, rows: rows)
        let back = try db.query("SELECT n, i, r, t, typeof(t), length(CAST(t AS BLOB)), z FROM temp.packed ORDER BY n")
        { row in
            "\(row.int(0)) \(row.int64(1)) \(row.double(2)) \(row.text(3)) \(row.text(4)) \(row.int(5)) \(row.optionalText(6) ?? "NULL")"
        }
        let expected = (0..<7).map { n in
            let text = texts[n % texts.count]
            return
                "\(n) \([Int64.min, Int64.max, 0, -1][n % 4]) \([0.5, -1e300, .pi][n % 3]) \(text) text \(text.utf8.count) \(n % 2 == 0 ? "NULL" : "value \(n)")"
        }
        #expect(back == expected)
    }

    @Test func searchIsServedByTheTokenIndexNotAScan() throws {
        // "thi anh" as when a word is common: the walk (two rare words: `MergedSearchTests`).
        fixture.store.clientList.intersectLimit = 0
        for query in ["odegard", "filler", "thi anh"] {
            let plan = try fixture.store.clientList.plan(ClientFilter(search: query), sort: .name)
            #expect(
                plan.first == "SEARCH s USING COVERING INDEX client_search_key (token>? AND token<?)",
                "plan for \(query): \(plan)")
            #expect(
                !plan.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") },
                "plan for \(query): \(plan.joined(separator: " | "))")
        }
    }

    @Test func searchWithinACaseloadReadsTheCaseloadNotEveryToken() throws {
        let plan = try fixture.store.clientList.plan(
            ClientFilter(officerID: fixture.officer.id, search: "m"), sort: .name)
        #expect(plan.contains { $0.contains("INDEX clients_by_officer") }, "\(plan.joined(separator: " | "))")
        #expect(!plan.contains { $0.hasPrefix("SCAN s") || $0.hasPrefix("SCAN c") }, "\(plan)")
    }

    @Test func broadSearchesListClientsOnceInTheOrderOfTheMatchingNamePart() throws {
        try fixture.add("Ali", "Ali", number: 90, other: "Alia")
        try fixture.add("Berg", "Alida", number: 91)
        let page = try fixture.store.clientList.page(ClientFilter(search: "ali"), sort: .arrival, limit: 10)
        #expect(page.map(\.givenNames) == ["Ali", "Alida"])
        #expect(fixture.store.clientList.order(ClientFilter(search: "ali"), sort: .arrival) == .byMatch)
        #expect(fixture.store.clientList.order(ClientFilter(search: "2026-0"), sort: .name) == .byCaseNumber)
        #expect(fixture.store.clientList.order(ClientFilter(search: ""), sort: .arrival) == .sorted(.arrival))
    }

    @Test func pagesWalkTheWholeListInOrderBothWays() throws {
        let filters =
            ClientSort.allCases.map { (ClientFilter(), $0) } + [
                (ClientFilter(search: "f"), ClientSort.name), (ClientFilter(search: "2026"), .name),
                (ClientFilter(officerID: fixture.officer.id, search: "n"), .name),
            ]
        for (filter, sort) in filters {
            let total = try fixture.store.clientList.count(filter).value
            var forward: [Client.ID] = []
            var last: ClientSummary?
            while true {
                let page = try fixture.store.clientList.page(filter, sort: sort, after: last, limit: 7)
                forward += page.map(\.id)
                guard let end = page.last else { break }
                last = end
            }
            #expect(Set(forward).count == total && forward.count == total, "\(filter)")
            var backward: [Client.ID] = []
            var first: ClientSummary?
            repeat {
                let page = try fixture.store.clientList.page(filter, sort: sort, before: first, limit: 7)
                backward = page.map(\.id) + backward
                first = page.first
                if page.isEmpty { break }
            } while first != nil
            #expect(backward == forward)
        }
    }

    @Test func theListIsServedByIndexesForEveryFilterAndSort() throws {
        let filters = [
            ClientFilter(), ClientFilter(officerID: fixture.officer.id), ClientFilter(phase: .active),
        ]
        for filter in filters {
            for sort in ClientSort.allCases {
                let plan = try fixture.store.clientList.plan(filter, sort: sort).joined(separator: "\n")
                #expect(
                    !plan.contains("TEMP B-TREE") || filter.phase != nil && sort != .name, "\(filter) \(sort): \(plan)")
            }
        }
    }

    @Test func twoConnectionsWritingAtOnceBothFinish() throws {
        let path = fixture.store.path
        let admin = fixture.admin.id
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            do {
                let store = try Store.open(path: path, mode: .readWrite, clock: testClock)
                for index in 0..<100 {
                    _ = try store.addClient(
                        Fixture.draft("Worker\(worker)", "N\(index)", number: 1000 + worker * 1000 + index),
                        actor: admin)
                }
            } catch { failures.add("\(error)") }
        }
        #expect(failures.all.isEmpty)
        #expect(try fixture.store.clientList.count(ClientFilter()).value == 240)
    }
}

/// Errors gathered from several threads.
final class Failures: @unchecked Sendable {
    private var items: [String] = []
    private let lock = DispatchSemaphore(value: 1)

    func add(_ item: String) {
        lock.wait()
        items.append(item)
        lock.signal()
    }

    var all: [String] {
        lock.wait()
        defer { lock.signal() }
        return items
    }
}

/// Search across scripts: the name keys in the index (`NameKey.indexTokens`).
@Suite struct TransliteratedSearchTests {
    let fixture: Fixture

    init() throws {
        fixture = try Fixture()
        try fixture.add("محمد", "علي", number: 1)
        try fixture.add("Mohammed", "Yousef", number: 2)
        try fixture.add("Mahmoud", "Leila", number: 3)
        try fixture.add("Шевченко", "Олена", number: 4)
        try fixture.add("Hansen", "Kari", number: 5)
    }

    func numbers(_ search: String) throws -> [Int] {
        try fixture.store.clientList.page(ClientFilter(search: search), sort: .caseNumber, limit: 50).map {
            Int($0.caseNumber.suffix(6)) ?? 0
        }.sorted()
    }

    @Test(arguments: [
        ("Mohammed", [1, 2]), ("muhammad", [1]), ("Mohamed", [1]),
        ("Shevchenko", [4]), ("Olena", [4]), ("Шевченко", [4]), ("yousef mohammed", [2]),
        // Within one script the letters typed decide: no key makes Yusuf find Yousef there.
        ("Yusuf", []),
        // Latin tells Mahmoud from Mohammed by its vowels; Arabic script does not write them.
        ("Mahmoud", [1, 3]), ("محمد", [1, 2, 3]), ("Hansen", [5]), ("Kari", [5]),
    ])
    func findsANameInAnotherScriptOrSpelling(_ query: String, _ expected: [Int]) throws {
        #expect(try numbers(query) == expected)
        #expect(try fixture.store.clientList.count(ClientFilter(search: query)).value == expected.count)
    }

    @Test func aTypedPrefixFindsNoKeyAndAClientIsListedOnce() throws {
        // Two letters are no name yet: only the Latin words they start.
        #expect(try numbers("mo") == [2])
        #expect(try numbers("moh") == [2])
        let page = try fixture.store.clientList.page(ClientFilter(search: "mohammed"), sort: .name, limit: 50)
        #expect(Set(page.map(\.id)).count == page.count)
    }

    @Test func anEditedNameGetsTheKeysOfItsNewSpelling() throws {
        let client = try #require(try fixture.store.client(caseNumber: try CaseNumber("2026-000005")))
        var draft = ClientDraft(client)
        draft[.familyName] = "Юсупов"
        _ = try fixture.store.updateClient(id: client.id, with: draft, expectedVersion: 1, actor: fixture.officer.id)
        #expect(try numbers("Yusupov") == [5])
        #expect(try numbers("Hansen").isEmpty)
    }

    /// A file of the schema before the keys were indexed gets them for the clients it holds.
    @Test func migrationFourteenIndexesTheKeysOfTheClientsHeld() throws {
        let path = fixture.store.path
        try fixture.store.write {
            try fixture.store.database.executeScript(
                "DELETE FROM client_search WHERE token >= char(31) AND token < char(32);"
                    + undoExportLogOfSchemaTwentyOne + undoDashboardIndexesOfSchemaTwenty
                    + undoProceduresAndPartnerOfficesOfSchemaNineteen
                    + undoCivicExemptionsOfSchemaEighteen
                    + undoProgrammeTextsOfSchemaSeventeen
                    + undoProgrammeRetentionOfSchemaFifteen
                    + "PRAGMA user_version = 13")
        }
        #expect(try numbers("Mohammed") == [2])
        let reopened = try Store.open(path: path, mode: .readWrite, clock: testClock)
        #expect(reopened.schemaVersion == currentSchemaVersion)
        #expect(
            try reopened.clientList.page(ClientFilter(search: "Mohammed"), sort: .caseNumber, limit: 10).map(
                \.caseNumber)
                == ["2026-000001", "2026-000002"])
    }
}
