import CasebookCore

/// A name as written in its own script, with the Latin spelling found on residence documents.
struct Name {
    let native: String
    let latin: String

    init(_ native: String, _ latin: String) {
        self.native = native
        self.latin = latin
    }

    /// A name already in Latin script.
    init(_ latin: String) {
        self.native = latin
        self.latin = latin
    }
}

/// A group of newcomers who share a country of origin, names, languages and residence grounds.
struct Origin {
    let countries: [String]
    /// Share of all clients, in per mille.
    let weight: Int
    let familyNames: [Name]
    let femaleNames: [Name]
    let maleNames: [Name]
    let languages: [[String]]
    let categories: [(ResidenceCategory, Int)]
    /// True when the names are written in a non-Latin script (the Latin form becomes "other spellings").
    var nativeScript: Bool { familyNames.contains { $0.native != $0.latin } }
}

/// Plausible origins of newcomers to a northern European municipality, with names written as
/// their bearers write them: Arabic, Persian, Ge'ez (Tigrinya), Cyrillic, Chinese, Vietnamese and
/// Latin scripts with diacritics.
let origins: [Origin] = [
    Origin(
        countries: ["SY"], weight: 180,
        familyNames: [
            Name("الحسن", "Al-Hassan"), Name("الأحمد", "Al-Ahmad"), Name("حداد", "Haddad"), Name("خوري", "Khoury"),
            Name("النجار", "Al-Najjar"), Name("سليمان", "Suleiman"), Name("الحلبي", "Al-Halabi"),
            Name("العلي", "Al-Ali"), Name("درويش", "Darwish"), Name("الشامي", "Al-Shami"), Name("عثمان", "Othman"),
            Name("إبراهيم", "Ibrahim"), Name("يوسف", "Youssef"), Name("المصري", "Al-Masri"), Name("قاسم", "Kassem"),
        ],
        femaleNames: [
            Name("فاطمة", "Fatima"), Name("مريم", "Maryam"), Name("نور", "Nour"), Name("لينا", "Lina"),
            Name("سارة", "Sara"), Name("ليلى", "Layla"), Name("رشا", "Rasha"), Name("هبة", "Hiba"),
            Name("أمينة", "Amina"), Name("ريم", "Reem"), Name("دعاء", "Duaa"), Name("آية", "Aya"),
        ],
        maleNames: [
            Name("محمد", "Mohammed"), Name("أحمد", "Ahmad"), Name("علي", "Ali"), Name("عمر", "Omar"),
            Name("حسن", "Hassan"), Name("يوسف", "Yousef"), Name("خالد", "Khaled"), Name("رامي", "Rami"),
            Name("مصطفى", "Mustafa"), Name("إبراهيم", "Ibrahim"), Name("سامر", "Samer"), Name("باسل", "Basel"),
        ],
        languages: [["ar"], ["ar", "en"], ["ar", "kmr"], ["ar", "tr"]],
        categories: [(.refugee, 55), (.subsidiaryProtection, 20), (.familyReunification, 20), (.humanitarian, 5)]),
    Origin(
        countries: ["AF"], weight: 120,
        familyNames: [
            Name("احمدی", "Ahmadi"), Name("حسینی", "Hosseini"), Name("رحیمی", "Rahimi"), Name("محمدی", "Mohammadi"),
            Name("کریمی", "Karimi"), Name("نوری", "Nouri"), Name("هاشمی", "Hashemi"), Name("عزیزی", "Azizi"),
            Name("صدیقی", "Sediqi"), Name("حیدری", "Haidari"), Name("یوسفی", "Yousufi"), Name("قادری", "Qaderi"),
        ],
        femaleNames: [
            Name("زهرا", "Zahra"), Name("فرشته", "Fereshteh"), Name("نرگس", "Narges"), Name("مریم", "Maryam"),
            Name("شکیبا", "Shakiba"), Name("مینا", "Mina"), Name("ملالی", "Malalai"), Name("پروانه", "Parwana"),
            Name("سیما", "Sima"), Name("لیلا", "Laila"),
        ],
        maleNames: [
            Name("احمد", "Ahmad"), Name("محمود", "Mahmoud"), Name("حمید", "Hamid"), Name("رحیم", "Rahim"),
            Name("جاوید", "Jawid"), Name("نوید", "Navid"), Name("مرتضی", "Morteza"), Name("علی‌رضا", "Alireza"),
            Name("فرید", "Farid"), Name("سهراب", "Sohrab"),
        ],
        languages: [["prs"], ["ps"], ["prs", "ps"], ["prs", "en"], ["haz"]],
        categories: [(.refugee, 60), (.subsidiaryProtection, 15), (.familyReunification, 20), (.humanitarian, 5)]),
    Origin(
        countries: ["IR"], weight: 50,
        familyNames: [
            Name("رضایی", "Rezaei"), Name("کاظمی", "Kazemi"), Name("جعفری", "Jafari"), Name("صادقی", "Sadeghi"),
            Name("موسوی", "Mousavi"), Name("طاهری", "Taheri"), Name("شریفی", "Sharifi"), Name("نجفی", "Najafi"),
        ],
        femaleNames: [
            Name("شیرین", "Shirin"), Name("نازنین", "Nazanin"), Name("مهسا", "Mahsa"), Name("پریسا", "Parisa"),
            Name("سپیده", "Sepideh"), Name("نیلوفر", "Niloufar"),
        ],
        maleNames: [
            Name("رضا", "Reza"), Name("امیر", "Amir"), Name("بهروز", "Behrouz"), Name("کوروش", "Kourosh"),
            Name("مهدی", "Mehdi"), Name("آرش", "Arash"),
        ],
        languages: [["fa"], ["fa", "en"], ["fa", "ckb"], ["fa", "az"]],
        categories: [(.refugee, 60), (.familyReunification, 25), (.labourMigrant, 15)]),
    Origin(
        countries: ["ER", "ET"], weight: 120,
        familyNames: [
            Name("ገብረሂወት", "Gebrehiwet"), Name("ተኽለ", "Tekle"), Name("ሃይለ", "Haile"),
            Name("ወልደማርያም", "Woldemariam"), Name("ኪዳነ", "Kidane"), Name("ገብረመድህን", "Gebremedhin"),
            Name("ተስፋማርያም", "Tesfamariam"), Name("ዘርኡ", "Zerou"), Name("ዮውሃንስ", "Yohannes"), Name("ብርሃነ", "Berhane"),
        ],
        femaleNames: [
            Name("ሰላም", "Selam"), Name("ሄለን", "Helen"), Name("ሳባ", "Saba"), Name("ፍሬወይኒ", "Freweini"),
            Name("ሉላ", "Lula"), Name("ኤልሳ", "Elsa"), Name("ዮርዳኖስ", "Yordanos"), Name("ሚና", "Mina"),
        ],
        maleNames: [
            Name("ዳዊት", "Dawit"), Name("ተስፋይ", "Tesfay"), Name("ኣማኑኤል", "Amanuel"), Name("ዮናስ", "Yonas"),
            Name("ሚካኤል", "Mikael"), Name("ሰመረ", "Semere"), Name("ፍሱሕ", "Fisuh"), Name("ሄኖክ", "Henok"),
        ],
        languages: [["ti"], ["ti", "am"], ["ti", "ar"], ["tig", "ti"], ["ti", "en"]],
        categories: [(.refugee, 65), (.familyReunification, 30), (.humanitarian, 5)]),
    Origin(
        countries: ["UA"], weight: 150,
        familyNames: [
            Name("Шевченко", "Shevchenko"), Name("Коваленко", "Kovalenko"), Name("Бондаренко", "Bondarenko"),
            Name("Ткаченко", "Tkachenko"), Name("Кравченко", "Kravchenko"), Name("Мельник", "Melnyk"),
            Name("Олійник", "Oliinyk"), Name("Ковальчук", "Kovalchuk"), Name("Шевчук", "Shevchuk"),
            Name("Поліщук", "Polishchuk"), Name("Бойко", "Boiko"), Name("Савченко", "Savchenko"),
        ],
        femaleNames: [
            Name("Олена", "Olena"), Name("Марія", "Mariia"), Name("Наталія", "Nataliia"), Name("Юлія", "Yuliia"),
            Name("Ірина", "Iryna"), Name("Тетяна", "Tetiana"), Name("Оксана", "Oksana"), Name("Світлана", "Svitlana"),
            Name("Анастасія", "Anastasiia"), Name("Ганна", "Hanna"),
        ],
        maleNames: [
            Name("Олександр", "Oleksandr"), Name("Андрій", "Andrii"), Name("Дмитро", "Dmytro"),
            Name("Сергій", "Serhii"), Name("Михайло", "Mykhailo"), Name("Іван", "Ivan"), Name("Богдан", "Bohdan"),
            Name("Віктор", "Viktor"),
        ],
        languages: [["uk"], ["uk", "ru"], ["ru"], ["uk", "en"]],
        categories: [(.temporaryProtection, 90), (.familyReunification, 5), (.labourMigrant, 5)]),
    Origin(
        countries: ["SO"], weight: 80,
        familyNames: [
            Name("Warsame"), Name("Abdi"), Name("Farah"), Name("Hassan"), Name("Jama"), Name("Omar"), Name("Yusuf"),
            Name("Mohamud"), Name("Ahmed"), Name("Nuur"), Name("Cali"), Name("Xasan"),
        ],
        femaleNames: [
            Name("Faadumo"), Name("Hodan"), Name("Sahra"), Name("Ayaan"), Name("Hibo"), Name("Ubah"), Name("Khadra"),
            Name("Ifrah"),
        ],
        maleNames: [
            Name("Mohamed"), Name("Abdirahman"), Name("Abdullahi"), Name("Guled"), Name("Liban"), Name("Bashir"),
            Name("Mustafe"), Name("Cabdi"),
        ],
        languages: [["so"], ["so", "ar"], ["so", "en"], ["so", "sw"]],
        categories: [(.refugee, 60), (.familyReunification, 35), (.humanitarian, 5)]),
    Origin(
        countries: ["CN"], weight: 40,
        familyNames: [
            Name("王", "Wang"), Name("李", "Li"), Name("张", "Zhang"), Name("刘", "Liu"), Name("陈", "Chen"),
            Name("杨", "Yang"), Name("黄", "Huang"), Name("赵", "Zhao"), Name("吴", "Wu"), Name("周", "Zhou"),
        ],
        femaleNames: [
            Name("芳", "Fang"), Name("秀英", "Xiuying"), Name("静", "Jing"), Name("丽娜", "Lina"), Name("敏", "Min"),
            Name("婷婷", "Tingting"), Name("雪梅", "Xuemei"),
        ],
        maleNames: [
            Name("伟", "Wei"), Name("磊", "Lei"), Name("晓明", "Xiaoming"), Name("强", "Qiang"), Name("军", "Jun"),
            Name("志刚", "Zhigang"), Name("浩然", "Haoran"),
        ],
        languages: [["zh"], ["zh", "en"], ["yue", "zh"]],
        categories: [(.labourMigrant, 60), (.familyReunification, 40)]),
    Origin(
        countries: ["VN"], weight: 40,
        familyNames: [
            Name("Nguyễn"), Name("Trần"), Name("Lê"), Name("Phạm"), Name("Hoàng"), Name("Huỳnh"), Name("Phan"),
            Name("Vũ"), Name("Võ"), Name("Đặng"), Name("Bùi"), Name("Đỗ"),
        ],
        femaleNames: [
            Name("Thị Ánh"), Name("Thu Hằng"), Name("Ngọc Lan"), Name("Thị Hương"), Name("Minh Thư"),
            Name("Bích Ngọc"), Name("Thùy Dương"),
        ],
        maleNames: [
            Name("Văn Hùng"), Name("Minh Đức"), Name("Quốc Bảo"), Name("Văn Thắng"), Name("Đức Anh"),
            Name("Hoàng Long"), Name("Tuấn Kiệt"),
        ],
        languages: [["vi"], ["vi", "en"]],
        categories: [(.labourMigrant, 50), (.familyReunification, 50)]),
    Origin(
        countries: ["TR"], weight: 50,
        familyNames: [
            Name("Yılmaz"), Name("Kaya"), Name("Demir"), Name("Şahin"), Name("Çelik"), Name("Yıldız"), Name("Öztürk"),
            Name("Aydın"), Name("Özdemir"), Name("Doğan"),
        ],
        femaleNames: [
            Name("Ayşe"), Name("Fatma"), Name("Zeynep"), Name("Elif"), Name("Gül"), Name("Şeyma"), Name("Büşra"),
        ],
        maleNames: [
            Name("Mehmet"), Name("Mustafa"), Name("Ahmet"), Name("Hüseyin"), Name("Emre"), Name("Çağrı"), Name("Barış"),
        ],
        languages: [["tr"], ["tr", "kmr"], ["kmr", "tr"], ["tr", "en"]],
        categories: [(.refugee, 40), (.familyReunification, 35), (.labourMigrant, 25)]),
    Origin(
        countries: ["PL", "LT", "RO"], weight: 50,
        familyNames: [
            Name("Wójcik"), Name("Kowalczyk"), Name("Zieliński"), Name("Woźniak"), Name("Kamiński"),
            Name("Lewandowski"),
            Name("Dąbrowski"), Name("Jankauskas"), Name("Petrauskienė"), Name("Popescu"), Name("Ștefănescu"),
        ],
        femaleNames: [
            Name("Małgorzata"), Name("Agnieszka"), Name("Katarzyna"), Name("Żaneta"), Name("Rūta"), Name("Ioana"),
        ],
        maleNames: [Name("Łukasz"), Name("Paweł"), Name("Krzysztof"), Name("Michał"), Name("Jonas"), Name("Andrei")],
        languages: [["pl"], ["pl", "en"], ["lt"], ["ro"], ["ro", "en"]],
        categories: [(.labourMigrant, 80), (.familyReunification, 20)]),
    Origin(
        countries: ["CO", "VE", "ES"], weight: 50,
        familyNames: [
            Name("Pérez"), Name("Martínez"), Name("Rodríguez"), Name("González"), Name("Núñez"), Name("Gómez"),
            Name("Hernández"), Name("Jiménez"), Name("Muñoz"), Name("Díaz"),
        ],
        femaleNames: [
            Name("María José"), Name("Ángela"), Name("Lucía"), Name("Valentina"), Name("Sofía"), Name("Inés"),
        ],
        maleNames: [
            Name("José Luis"), Name("Andrés"), Name("Sebastián"), Name("Joaquín"), Name("Iván"), Name("Ramón"),
        ],
        languages: [["es"], ["es", "en"]],
        categories: [(.refugee, 30), (.humanitarian, 20), (.labourMigrant, 30), (.familyReunification, 20)]),
    // Spouses reunified with a resident partner, often carrying the partner's family name.
    Origin(
        countries: ["TH", "PH", "BR"], weight: 70,
        familyNames: [
            Name("Ødegård"), Name("Sørensen"), Name("Müller"), Name("Bjørnstad"), Name("Løvås"), Name("Jæger"),
            Name("Håkonsen"), Name("Strøm"), Name("Schäfer"), Name("Åberg"), Name("Nørgaard"), Name("Kühn"),
        ],
        femaleNames: [
            Name("Siriporn"), Name("Kanokwan"), Name("Maricel"), Name("Jocelyn"), Name("Ana Cláudia"), Name("Luíza"),
            Name("Wanida"), Name("Rosalie"),
        ],
        maleNames: [Name("Somchai"), Name("Rodel"), Name("João"), Name("Marlon"), Name("Anan"), Name("Rogério")],
        languages: [["th"], ["tl", "en"], ["pt"], ["th", "en"]],
        categories: [(.familyReunification, 100)]),
]

let staffGivenNames = [
    "Anne", "Kari", "Ingrid", "Liv", "Marit", "Nina", "Hilde", "Silje", "Ole", "Lars", "Per", "Jon", "Knut",
    "Erik", "Hans", "Thomas", "Amal", "Yonas", "Sara", "Daniel", "Maja", "Emil", "Nora", "Jonas",
]
let staffFamilyNames = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Karlsen", "Berg", "Haugen",
    "Hagen", "Eriksen", "Bakke", "Moen", "Solberg", "Lie", "Dahl", "Lund", "Strand", "Amundsen", "Tesfaye",
    "Rahimi", "Nguyen", "Kowalska",
]
