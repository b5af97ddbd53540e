import Testing

@testable import CasebookCore

@Suite struct NameKeyTests {
    /// Spellings of one name: each row must match every other spelling in it.
    static let sameName: [[String]] = [
        // Latin variants, Arabic, Cyrillic (Russian), Ge'ez, Greek
        [
            "Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mukhammed", "محمد", "مُحَمَّد", "Мухаммед", "መሐመድ",
            "Μοχάμεντ",
        ],
        ["Yusuf", "Yousef", "Youssef", "Yusef", "Jusuf", "Joesoef", "يوسف", "Юсуф", "ዮሴፍ", "Γιουσούφ"],
        ["Mahmoud", "Mahmud", "Mahmood", "محمود", "Махмуд", "ማሕሙድ", "Μαχμούντ"],
        ["Younes", "Yunus", "Younis", "يونس", "Юнус"],
        ["Khalid", "Khaled", "Chalid", "Halid", "خالد", "Халид"],
        ["Fatima", "Fatimah", "Fatemeh", "فاطمة", "فاطمه", "Фатима", "ፋጢማ", "Φατίμα"],
        ["Hussein", "Husain", "Hussain", "Hossein", "Husein", "حسين", "Хусейн", "Χουσεΐν"],
        ["Ahmed", "Ahmad", "Achmed", "Akhmed", "أحمد", "احمد", "Ахмед", "አሕመድ", "Αχμέντ"],
        ["Abdullah", "Abdallah", "Abdulla", "عبدالله", "Абдулла"],
        ["Maryam", "Mariam", "Miriam", "Meryem", "مريم", "Марьям", "ማርያም"],
        ["Tawfiq", "Tawfik", "Tofik", "Taufiq", "توفيق", "Тофик"],
        ["Qasim", "Kasim", "Qassem", "Kassem", "قاسم", "Касым"],
        ["Walid", "Waleed", "Valid", "وليد", "Валид"],
        ["Vahid", "Wahid", "وحید", "Вахид"],
        ["Shirin", "Schirin", "شيرين", "Ширин"],
        ["Ødegård", "Odegard", "ODEGARD"],
        ["Wang", "王"],
        ["Xiaoming", "小明"],
        ["Zhang", "张", "張"],
        ["Olena", "Олена", "Elena", "Елена"],
        ["Dawit", "ዳዊት"],
    ]

    /// Different names that must not match, one pair per line, in every script that writes both.
    static let differentNames: [(String, String)] = [
        ("Yusuf", "Younes"), ("Yousef", "Yunus"), ("يوسف", "يونس"), ("Юсуф", "Юнус"), ("ዮሴፍ", "ዩኑስ"),
        ("Mohammed", "Mahmoud"), ("Muhammad", "Mahmud"), ("Mohamed", "Mahmood"), ("محمد", "محمود"),
        ("Мухаммед", "Махмуд"), ("መሐመድ", "ማሕሙድ"), ("Μοχάμεντ", "Μαχμούντ"), ("Γιουσούφ", "Γιουνές"),
        ("穆罕默德", "马哈茂德"), ("优素福", "尤努斯"),
        ("Ahmed", "Mohammed"), ("أحمد", "محمد"), ("حسن", "حسين"), ("Wang", "Huang"), ("王", "黄"), ("Zhang", "Chang"),
        ("张", "常"),
        ("Fatima", "Fatma"), ("Khalid", "Khalil"), ("خالد", "خليل"), ("Samir", "Samira"), ("Olsen", "Nilsen"),
    ]

    @Test(arguments: sameName)
    func everySpellingOfANameMatchesEveryOther(_ spellings: [String]) {
        for first in spellings {
            for second in spellings {
                #expect(
                    NameKey.of(first).matches(NameKey.of(second)),
                    "\(first) ~ \(second): \(NameKey.of(first)) vs \(NameKey.of(second))")
            }
        }
    }

    @Test(arguments: differentNames)
    func differentNamesDoNotMatch(_ first: String, _ second: String) {
        #expect(!NameKey.of(first).matches(NameKey.of(second)), "\(NameKey.of(first)) vs \(NameKey.of(second))")
    }
}

@Suite struct NameKeyPropertiesTests {
    /// Texts that fold alike have the same key: case, accents composed or not, Arabic marks.
    @Test(arguments: [
        ("Ødegård", "ODEGARD"), ("Müller", "Mu\u{308}ller"), ("Zoë", "ZOE"), ("مُحَمَّد", "محمد"), ("إبراهيم", "ابراهيم"),
        ("Олійник", "ОЛІЙНИК"), ("Άννα", "αννα"), ("Łukasz", "lukasz"),
    ])
    func textsThatFoldAlikeHaveOneKey(_ first: String, _ second: String) {
        #expect(SearchKey.fold(first) == SearchKey.fold(second))
        #expect(NameKey.of(first) == NameKey.of(second))
    }

    @Test func theKeyShowsItsSkeletonPatternAndHowTheScriptWritesVowels() {
        #expect(NameKey.of("Mohammed") == NameKey(skeleton: "mhmd", pattern: "m.h.m.d", vowels: .full))
        #expect(NameKey.of("محمود") == NameKey(skeleton: "mhmd", pattern: "mhm.d", vowels: .consonantal))
        #expect(NameKey.of("ማሕሙድ").vowels == .syllabic)
        #expect(NameKey.of("Мухаммед").vowels == .full)
        #expect(NameKey.of("محمود").description == "mhm.d (Arabic script)")
    }

    /// Across scripts only the consonants are compared: Arabic does not write short vowels.
    @Test func acrossScriptsTheSkeletonDecides() {
        #expect(NameKey.of("محمد").matches(NameKey.of("Mahmoud")))
        #expect(!NameKey.of("محمد").matches(NameKey.of("Ahmed")))
    }

    @Test func lettersWithoutATransliterationMatchOnlyWhatFoldsAlike() {
        #expect(NameKey.of("김민준") == NameKey(skeleton: "~김민준", pattern: "~김민준", vowels: .full))
        #expect(!NameKey.of("김민준").matches(NameKey.of("김민")))
        #expect(NameKey.of("Aya").skeleton == "~aya")  // no consonant: matched as written
        #expect(NameKey.of("").skeleton == "~")
    }

    @Test func aNamesKeysCoverEveryWordAndEachHyphenatedPart() {
        #expect(NameKey.keys(of: "Al-Hassan Mohammed").map(\.skeleton) == ["lhsn", "l", "hsn", "mhmd"])
        #expect(NameKey.keys(of: "Yousef  Yusuf").map(\.skeleton) == ["ysf"])
        #expect(NameKey.keys(of: "  ").isEmpty)
        #expect(NameKey.keys(of: "Ali 2 -").map(\.skeleton) == ["l"])
    }

    /// The example: "possible duplicate of 2024-000123, Ibrahim, Yousef (يوسف إبراهيم)".
    @Test func namesAreSimilarInAnyScriptAndEitherOrder() {
        func similar(_ family: String, _ given: String) -> Bool {
            NameKey.namesAreSimilar(family: family, given: given, to: "Ibrahim", "Yousef", otherNames: "يوسف إبراهيم")
        }
        #expect(similar("إبراهيم", "يوسف"))
        #expect(similar("Ebrahim", "Youssef"))
        #expect(similar("Yusuf", "Ibrahim"))  // family and given names swapped
        #expect(similar("Ибрагим", "Юсуф"))
        #expect(similar("Ibrahim", ""))  // no given names to compare
        #expect(!similar("Ibrahim", "Younes"))
        #expect(!similar("Haddad", "Yousef"))
        #expect(!similar("", ""))
    }
}
