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
        ("Мухаммед", "Махмуд"), ("መሐመድ", "ማሕሙድ"), ("Μοχάμεντ", "Μαχμούντ"),
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
