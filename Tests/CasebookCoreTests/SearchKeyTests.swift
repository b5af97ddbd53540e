import Testing

@testable import CasebookCore

@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("Ødegård", "odegard"), ("Müller", "muller"), ("Sørensen", "sorensen"), ("Nguyễn Thị Ánh", "nguyen thi anh"),
        ("Đặng", "dang"), ("Straße", "strasse"), ("Łukasz", "lukasz"), ("Şahin", "sahin"), ("Yılmaz", "yilmaz"),
        ("Ștefănescu", "stefanescu"), ("JÆGER", "jaeger"), ("Олена", "олена"), ("Олійник", "оліиник"),
        ("Ёлкин", "елкин"), ("أحمد", "احمد"), ("إبراهيم", "ابراهيم"), ("فاطمة", "فاطمه"),
        ("مُحَمَّد", "محمد"), ("کریمی", "كريمي"), ("王小明", "王小明"), ("ሰላም", "ሰላም"),
        ("e\u{301}lise", "elise"),
    ])
    func foldsCaseAndDiacritics(_ text: String, _ folded: String) {
        #expect(SearchKey.fold(text) == folded)
    }

    @Test func tokensCoverEveryNamePartAndHyphenatedWholes() {
        #expect(SearchKey.tokens(of: ["Al-Hassan", "Mohammed Ali", "Al-Hassan, Mohammed"]) == ["alhassan", "al", "hassan", "mohammed", "ali"])
        #expect(SearchKey.tokens(of: ["O'Brien"]) == ["obrien", "o", "brien"])
        #expect(SearchKey.tokens(of: ["", "  "]).isEmpty)
    }

    @Test func theMemoGivesWhatFoldingEachNameGives() {
        // Repeats hit the memo; "é" composed and decomposed are different bytes, so different entries.
        let names: [(String, String, String)] = [
            ("Ødegård", "Anna", ""), ("Al-Hassan", "Mohammed Ali", "Al-Hassan, Mohammed"), ("Ødegård", "Anna Marie", ""),
            ("أحمد", "فاطمة", "Ahmad, Fatima"), ("أحمد", "فاطمة", "Ahmad, Fatima"), ("Élise", "e\u{301}lise", ""),
            ("\u{45}\u{301}lise", "Élise", "Élise"), ("", "  ", ""), ("王", "小明", "Wang, Xiaoming"),
        ]
        var memo = SearchKey.Memo()
        for _ in 0..<2 {
            for (family, given, other) in names {
                #expect(memo.tokens(of: [family, given, other]) == SearchKey.tokens(of: [family, given, other]))
                #expect(memo.sortKey(family: family, given: given) == SearchKey.sortKey(family: family, given: given))
            }
        }
    }

    @Test func queryWordsAreFoldedAndDeduplicated() {
        #expect(SearchKey.queryWords("  Ødegård  ödegard al-hassan ") == ["odegard", "alhassan"])
        #expect(SearchKey.queryWords("\u{200B}").isEmpty)
    }

    @Test(arguments: [("2026-00", "2026-00"), ("2026", "2026"), (" 2026-000123 ", "2026-000123")])
    func caseNumberPrefixesAreRecognised(_ query: String, _ prefix: String) {
        #expect(SearchKey.caseNumberPrefix(query) == prefix)
    }

    @Test(arguments: ["ali", "-2026", "2026-000123-9", ""])
    func otherTextIsNotACaseNumber(_ query: String) {
        #expect(SearchKey.caseNumberPrefix(query) == nil)
    }

    @Test func sortKeyOrdersByFamilyThenGivenIgnoringAccents() {
        let names = [("Ødegård", "Anna"), ("Odegard", "Aaron"), ("Müller", "Zoe"), ("Muller", "Adam")]
        let sorted = names.sorted { SearchKey.sortKey(family: $0.0, given: $0.1) < SearchKey.sortKey(family: $1.0, given: $1.1) }
        #expect(sorted.map(\.1) == ["Adam", "Zoe", "Aaron", "Anna"])
    }

    @Test func sanitizingDropsControlsAndOverrides() {
        #expect(Sanitized.inline("a\u{1B}[31mb\u{202E}c\nd") == "a[31mbc d")
        #expect(Sanitized.inline(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxx…")
        #expect(Sanitized.isForbidden("\u{9B}"))
        #expect(!Sanitized.isForbidden("\u{200C}"))  // the Persian zero-width non-joiner is part of names
    }
}
