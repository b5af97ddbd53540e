import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A word that finds names in another script reads its key tokens and its own range each in
/// list order, merged (`ListQuery.leadParts`): the same rows, order and count as one condition
/// sorted by SQLite, without the sorting.
@Suite struct MergedSearchTests {
    let fixture: Fixture
    let offices: [Office]
    /// A supervisor of the first office only, and one of the first two of three.
    let oneOffice: Staff
    let twoOffices: Staff

    init() throws {
        fixture = try Fixture()
        let store = fixture.store
        let admin = fixture.admin.id
        let main = try #require(try store.office(code: "MAIN"))
        let north = try store.addOffice(code: "NOR", name: "Nordby", municipalities: ["Nordby"], actor: admin)
        let south = try store.addOffice(code: "SOR", name: "Sørby", municipalities: ["Sørby"], actor: admin)
        offices = [main, north, south]
        for office in [north, south] {
            try store.setMembership(staffID: admin, office: office.id, role: .admin, actor: admin)
        }
        oneOffice = try store.addStaff(
            username: "smain", displayName: "Siri Main", role: .supervisor, office: main.id, actor: admin)
        twoOffices = try store.addStaff(
            username: "stwo", displayName: "Sven To", role: .supervisor, office: main.id, actor: admin)
        try store.setMembership(staffID: twoOffices.id, office: north.id, role: .supervisor, actor: admin)
        // The same names in both scripts, several times over (the same sort name: the id decides),
        // in every office, so that a page of seven crosses from the key tokens into the word's range.
        let names: [(String, String, String)] = [
            ("حسن", "محمد", ""), ("الحسن", "فاطمة", "Al-Hassan, Fatima"), ("Hassan", "Mohammed", ""),
            ("Hassani", "Ali", ""), ("محمد", "علي", ""), ("Mohammed", "Ali Hassan", ""), ("Muhammad", "Hassan", ""),
            ("أحمدي", "فاطمة", "Ahmadi, Fatima"), ("Ahmadi", "Fatima", ""), ("Haddad", "Rasha", ""),
            ("Шевченко", "Олена", ""), ("Shevchenko", "Olena", ""), ("Hansen", "Kari", ""),
        ]
        var number = 1
        for copy in 0..<4 {
            for (index, (family, given, other)) in names.enumerated() {
                let office = offices[(index + copy) % offices.count]
                _ = try store.addClient(
                    Fixture.draft(family, given, number: number, other: other), office: office.id, actor: admin)
                number += 1
            }
        }
        try store.analyze()
    }

    /// Every prefix of names with keys in another script, and two words.
    static let queries = ["hassan", "mohammed", "mohammed ali", "ali hassan", "محمد", "fatima", "shevchenko"]
        .flatMap { word in (1...word.count).map { String(word.prefix($0)) } }

    var viewers: [Staff.ID?] { [nil, fixture.admin.id, oneOffice.id, twoOffices.id] }

    /// The whole list of each search, page by page forward, as the list reads it and as one
    /// sorted condition; then backward from the end, both ways. `walk`: the viewer's offices are
    /// too many clients to read and sort (as an office of the 100,000-client demo is), so the
    /// tokens are walked.
    @Test(arguments: [1, 7, 50], [true, false])
    func theMergedPagesAreTheSortedPagesRowForRow(_ limit: Int, walk: Bool) throws {
        let list = fixture.store.clientList
        list.smallFilterLimit = walk ? 0 : ClientList.smallFilterLimit
        for query in Self.queries {
            for viewer in viewers {
                let filter = ClientFilter(search: query, viewer: viewer)
                for forward in [true, false] {
                    var merged: [ClientSummary] = []
                    var sorted: [ClientSummary] = []
                    var cursor: ClientSummary?
                    while true {
                        let page =
                            forward
                            ? try list.page(filter, sort: .name, after: cursor, limit: limit)
                            : try list.page(filter, sort: .name, before: cursor, limit: limit)
                        let reference = try list.sortedPage(
                            filter, sort: .name, cursor: cursor, forward: forward, limit: limit)
                        #expect(page == reference, "\(query) \(String(describing: viewer)) forward \(forward)")
                        guard page == reference, !page.isEmpty else { break }
                        merged = forward ? merged + page : page + merged
                        sorted = forward ? sorted + reference : reference + sorted
                        cursor = forward ? page.last : page.first
                    }
                    #expect(Set(merged.map(\.id)).count == merged.count, "\(query): a client listed twice")
                    let count = try list.count(filter)
                    #expect(!count.isAtLeast && count.value == merged.count, "\(query) \(String(describing: viewer))")
                }
            }
        }
    }

    /// The first page and count read together (`firstPage`, the list screen's read after each
    /// keystroke) are the first page and the count read apart, for every search, viewer and sort.
    @Test(arguments: ClientSort.allCases)
    func theFirstPageReadWithItsCountIsThePageAndTheCount(_ sort: ClientSort) throws {
        let list = fixture.store.clientList
        for query in Self.queries + ["", "mohammed a", "2026-0000", "h m", "zzz"] {
            for viewer in viewers {
                let filter = ClientFilter(search: query, viewer: viewer)
                let (count, rows) = try list.firstPage(filter, sort: sort, limit: 7)
                #expect(rows == (try list.page(filter, sort: sort, limit: 7)), "\(query) \(String(describing: viewer))")
                #expect(count == (try list.count(filter)), "\(query) \(String(describing: viewer))")
            }
        }
    }

    /// The page of a word with keys is read in the index's order in every part: no sorting of the
    /// matches, no scan, for every viewer's offices.
    @Test func aWordWithKeysIsReadInIndexOrderWithoutSorting() throws {
        fixture.store.clientList.smallFilterLimit = 0
        // Two words walk the lead word's matches when one is common (here: always).
        fixture.store.clientList.intersectLimit = 0
        for query in ["hassan", "mohammed", "mohammed a", "ali hassan", "محمد"] {
            for viewer in viewers {
                let plan = try fixture.store.clientList.plan(ClientFilter(search: query, viewer: viewer), sort: .name)
                let text = plan.joined(separator: "\n")
                #expect(text.contains("MERGE (UNION ALL)"), "\(query): \(text)")
                #expect(!text.contains("USE TEMP B-TREE FOR ORDER BY"), "\(query): \(text)")
                #expect(!text.contains("TEMP B-TREE FOR RIGHT PART OF ORDER BY"), "\(query): \(text)")
                #expect(
                    !plan.contains { $0.contains("SCAN client_search") || $0.hasPrefix("SCAN") }, "\(query): \(text)")
            }
        }
    }

    /// Several words whose clients are intersected list the same rows, in the same order and with
    /// the same count, as walking the lead word's matches (`intersectLimit` 0), both ways.
    @Test(arguments: [1, 7, 50])
    func intersectedWordsListWhatTheWalkLists(_ limit: Int) throws {
        let list = fixture.store.clientList
        list.smallFilterLimit = 0
        let queries = [
            "mohammed ali", "ali mohammed", "mohammed a", "ali hassan", "hassan ali", "fatima ahmadi", "fatima ah",
            "h m", "mohammed mohammed", "محمد علي", "hassan mohammed ali", "shevchenko olena", "hansen ali",
        ]
        for query in queries {
            for viewer in viewers {
                let filter = ClientFilter(search: query, viewer: viewer)
                for forward in [true, false] {
                    var intersected: [ClientSummary] = []
                    var walked: [ClientSummary] = []
                    for walk in [false, true] {
                        list.intersectLimit = walk ? 0 : ListQuery.intersectLimit
                        var all: [ClientSummary] = []
                        var cursor: ClientSummary?
                        while true {
                            let page =
                                forward
                                ? try list.page(filter, sort: .name, after: cursor, limit: limit)
                                : try list.page(filter, sort: .name, before: cursor, limit: limit)
                            guard !page.isEmpty else { break }
                            all = forward ? all + page : page + all
                            cursor = forward ? page.last : page.first
                        }
                        if walk { walked = all } else { intersected = all }
                    }
                    #expect(intersected == walked, "\(query) \(String(describing: viewer)) forward \(forward)")
                    #expect(Set(intersected.map(\.id)).count == intersected.count, "\(query): a client listed twice")
                }
                list.intersectLimit = ListQuery.intersectLimit
                let intersectedCount = try list.count(filter)
                list.intersectLimit = 0
                let walkedCount = try list.count(filter)
                #expect(intersectedCount == walkedCount, "\(query) \(String(describing: viewer))")
                list.intersectLimit = ListQuery.intersectLimit
            }
        }
    }

    /// Two words with few index entries each read their clients from the token index and sort only
    /// those that have both: no scan, the clients intersected; the count reads the search keys alone.
    @Test func twoRareWordsAreIntersectedNotWalked() throws {
        let list = fixture.store.clientList
        list.smallFilterLimit = 0
        for viewer in viewers {
            let filter = ClientFilter(search: "mohammed ali", viewer: viewer)
            let plan = try list.plan(filter, sort: .name).joined(separator: "\n")
            #expect(plan.contains("INTERSECT"), "\(plan)")
            #expect(!plan.contains("SCAN client_search") && !plan.contains("SCAN c\n"), "\(plan)")
            #expect(!plan.contains("SEARCH s "), "the lead word's matches are walked: \(plan)")
        }
        let count = try list.countPlan(ClientFilter(search: "mohammed ali", viewer: twoOffices.id)).joined(
            separator: "\n")
        #expect(count.contains("INTERSECT") && !count.contains(" c USING"), "\(count)")
    }

    /// A case-number prefix for a viewer of several (not all) offices walks the case numbers in
    /// order, skipping other offices' clients, rather than reading office by office and sorting.
    @Test func aCaseNumberPrefixOfSeveralOfficesIsReadInOrder() throws {
        let list = fixture.store.clientList
        list.smallFilterLimit = 0
        for viewer in viewers {
            let filter = ClientFilter(search: "2026-0000", viewer: viewer)
            let plan = try list.plan(filter, sort: .name).joined(separator: "\n")
            #expect(!plan.contains("TEMP B-TREE"), "\(String(describing: viewer)): \(plan)")
            let everyone = try list.page(ClientFilter(search: "2026-0000"), sort: .name, limit: 500)
            let visible = Set(try list.page(ClientFilter(viewer: viewer), sort: .name, limit: 500).map(\.id))
            var found: [ClientSummary] = []
            var cursor: ClientSummary?
            while let page = Optional(try list.page(filter, sort: .name, after: cursor, limit: 4)), !page.isEmpty {
                found += page
                cursor = page.last
            }
            #expect(found.map(\.id) == everyone.map(\.id).filter(visible.contains), "\(String(describing: viewer))")
            #expect(try list.count(filter).value == found.count)
        }
    }

    /// The list of a viewer of several offices with many clients is read in the order of each sort,
    /// skipping other offices' clients, without sorting; the same rows as everyone's list filtered.
    @Test(arguments: ClientSort.allCases)
    func theListOfSeveralOfficesIsReadInOrder(_ sort: ClientSort) throws {
        let list = fixture.store.clientList
        list.smallFilterLimit = 0
        let filter = ClientFilter(viewer: twoOffices.id)
        let plan = try list.plan(filter, sort: sort).joined(separator: "\n")
        #expect(!plan.contains("TEMP B-TREE"), "\(sort): \(plan)")
        let mine = Set(
            try fixture.store.database.query(
                "SELECT id FROM clients WHERE office_id IN (?, ?)", [offices[0].id, offices[1].id]
            ) { $0.int64(0) })
        let everyone = try list.page(ClientFilter(), sort: sort, limit: 500)
        var found: [ClientSummary] = []
        var cursor: ClientSummary?
        while let page = Optional(try list.page(filter, sort: sort, after: cursor, limit: 5)), !page.isEmpty {
            found += page
            cursor = page.last
        }
        #expect(found.map(\.id) == everyone.map(\.id).filter(mine.contains))
        #expect(try list.count(filter).value == mine.count)
    }

    /// From the side of the person kept out: a supervisor of one office finds, through the other
    /// script's keys as through the names, only the clients of that office.
    @Test(arguments: [true, false])
    func aViewerOfOneOfficeFindsNoClientOfAnother(walk: Bool) throws {
        let store = fixture.store
        store.clientList.smallFilterLimit = walk ? 0 : ClientList.smallFilterLimit
        let mine = Set(
            try store.database.query("SELECT id FROM clients WHERE office_id = ?", [offices[0].id]) { $0.int64(0) })
        for query in ["hassan", "mohammed", "محمد", "fatima ahmadi", "h"] {
            let filter = ClientFilter(search: query, viewer: oneOffice.id)
            let found = try store.clientList.page(filter, sort: .name, limit: 500)
            let everyone = try store.clientList.page(ClientFilter(search: query), sort: .name, limit: 500)
            #expect(!found.isEmpty, "\(query)")
            #expect(found.map(\.id) == everyone.map(\.id).filter(mine.contains), "\(query)")
            #expect(try store.clientList.count(filter).value == found.count, "\(query)")
        }
    }
}
