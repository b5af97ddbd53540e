import CasebookCore
import CasebookStore

/// Programme tracks for a synthetic client: assessments that progress over time, courses
/// with attendance, recognition files in every stage, civic sessions and tests.
struct DemoTracks {
    let programme: Programme
    /// Where the programme runs: its schools and its certified test.
    let country: DemoCountry
    let today: Day
    /// `schooling(ofProfile:)` of each of the programme's profiles.
    let schoolingByProfile: [String: Schooling?]

    init(programme: Programme, country: DemoCountry, today: Day) {
        self.programme = programme
        self.country = country
        self.today = today
        var schooling: [String: Schooling?] = [:]
        for profile in programme.profiles { schooling[profile.id] = DemoTracks.schooling(ofProfile: profile.id) }
        schoolingByProfile = schooling
    }

    var schools: [String] { country.schools }
    static let fields: [(title: String, field: String, isced: Int, regulated: Bool)] = [
        ("Bachelor of Nursing", "Health", 6, true), ("Doctor of Medicine", "Health", 7, true),
        ("Bachelor of Civil Engineering", "Engineering", 6, true), ("Teacher training diploma", "Education", 6, true),
        ("Bachelor of Accounting", "Business", 6, false), ("Electrician certificate", "Trades", 3, true),
        ("Bachelor of Computer Science", "ICT", 6, false), ("Bachelor of Law", "Law", 6, true),
        ("Master of Pharmacy", "Health", 7, true), ("Doctor of Dental Surgery", "Health", 7, true),
        ("Diploma in Hotel Management", "Services", 5, false), ("Master of Economics", "Business", 7, false),
        ("Vocational diploma in welding", "Trades", 3, false), ("Bachelor of Architecture", "Engineering", 6, true),
    ]

    /// The profile a newcomer falls in, weighted as prior education is spread.
    func profile(_ random: inout SeededRandom) -> LearnerProfile? {
        guard !programme.profiles.isEmpty else { return nil }
        let weights = [20, 35, 35, 10, 10, 10]
        return random.weighted(
            programme.profiles.enumerated().map { ($0.element, weights[min($0.offset, weights.count - 1)]) })
    }

    /// What the tracks hold for a client whose case went through `history`.
    func records(
        _ random: inout SeededRandom, client: Client, history: [PhaseStep], profile: LearnerProfile?,
        partners: [DemoPartner]
    ) -> TrackRecords {
        var tracks = TrackRecords()
        guard let intake = history.first(where: { $0.to == .intakeAssessment })?.on else { return tracks }
        let start = history.first(where: { $0.to == .active })?.on
        let end =
            history.first(where: { [.completed, .exempted, .transferredOut, .discontinued].contains($0.to) })?.on
            ?? today
        self.intake(
            &random, client: client, on: intake, profile: profile, mappedBy: client.officerID ?? 0, into: &tracks)
        if let start { participation(&random, start: start, end: end, partners: partners, into: &tracks) }
        outcomes(&random, history: history, into: &tracks)
        language(&random, client: client, intake: intake, start: start, end: end, profile: profile, into: &tracks)
        if random.chance(profile?.id.hasPrefix("upper") == true ? 55 : 20) {
            tracks.recognition.append(recognition(&random, client: client, from: intake))
            if random.chance(8) {
                tracks.recognition.append(recognition(&random, client: client, from: intake.adding(days: 30)))
            }
        }
        if let start { civic(&random, client: client, start: start, end: end, into: &tracks) }
        notes(&random, client: client, intake: intake, history: history, into: &tracks)
        if let signed = history.first(where: { $0.to == .contractSigned })?.on {
            let ended = history.first(where: { !$0.to.isOpen })?.on
            tracks.contract = contract(
                &random, client: client, profile: profile, signed: signed, ended: ended, start: start, tracks: tracks)
        }
        return tracks
    }

    static let noteSummaries = [
        "Went through the course timetable and childcare; agreed next steps.",
        "Phone call about absence from the course; reason accepted.",
        "Discussed the recognition file and the documents still missing.",
        "Home visit: housing is adequate; the family asked about school places.",
        "Letter sent with the date of the next meeting.",
        "Talked about work placement options in the municipality.",
        "Follow-up on the language test results.",
    ]

    /// The intake meeting and the latest few contacts; some with a follow-up date.
    private func notes(
        _ random: inout SeededRandom, client: Client, intake: Day, history: [PhaseStep], into tracks: inout TrackRecords
    ) {
        let interpreter = client.interpreterLanguage
        tracks.notes.append(
            CaseNote(
                clientID: 0, contact: .meeting, date: intake, interpreterLanguage: interpreter,
                summary: "Intake meeting: education, work experience, diplomas and childcare mapped."))
        let isOpen = history.last?.to.isOpen ?? false
        // An office sees most of its open cases within the month; a few slip to two or three.
        let last =
            isOpen
            ? today.adding(days: -random.int(random.weighted([(0...29, 86), (30...59, 10), (60...100, 4)])))
            : (history.last?.on ?? intake)
        guard last > intake else { return }
        let count = isOpen ? random.int(1...3) : random.int(0...1)
        var day = last
        var made: [CaseNote] = []
        for index in 0..<count where day > intake {
            let contact = random.weighted([
                (ContactType.meeting, 40), (.phone, 35), (.homeVisit, 8), (.letter, 7), (.email, 10),
            ])
            var note = CaseNote(
                clientID: 0, contact: contact, date: day,
                interpreterLanguage: contact == .meeting || contact == .homeVisit ? interpreter : nil,
                summary: random.pick(DemoTracks.noteSummaries))
            if index == 0, isOpen, random.chance(40) {
                note.followUpOn = day.adding(days: random.int(7...45))
            }
            made.append(note)
            day = day.adding(days: -random.int(20...60))
        }
        tracks.notes += made.reversed()
    }

    /// The integration contract drafted from the programme's obligations, signed when the case
    /// reached that phase, with each obligation met, waived, breached or pending as time went on.
    private func contract(
        _ random: inout SeededRandom, client: Client, profile: LearnerProfile?, signed: Day, ended: Day?, start: Day?,
        tracks: TrackRecords
    ) -> ContractRecord {
        let settled = min(signed, client.arrivalDate.adding(days: random.int(0...30)))
        // The first file complete, with its procedure, as the Store's anchor dates have it.
        let first = tracks.recognition.map(\.qualification).filter { $0.completeOn != nil }.min {
            ($0.completeOn ?? today) < ($1.completeOn ?? today)
        }
        let anchors = AnchorDates(
            arrival: client.arrivalDate, settlement: settled, signature: signed,
            courseEnd: tracks.courses.compactMap(\.course.endsOn).min(),
            recognitionComplete: first?.completeOn, recognitionVariant: first?.variant, enrolment: start)
        let horizon = min(today, ended ?? today)
        var obligations: [Obligation] = []
        // The obligations of the client's profile, as a contract drafted on the record has them.
        for (position, template) in programme.obligations(forProfile: profile?.id).enumerated() {
            let (offset, due) = template.rule(under: programme, anchors: anchors)
            var obligation = Obligation(
                position: position, party: template.party, category: template.category,
                description: template.description,
                legalBasis: template.legalBasis, anchor: template.anchor, offset: offset, dueOn: due)
            if let due, due <= horizon {
                // An office catches up: what is still open came due in the last weeks or months,
                // not years ago, and an ended contract's obligations are closed.
                let overdue = due.days(until: today)
                let late = ended == nil && overdue <= 120 ? (overdue <= 45 ? 30 : 12) : 0
                let outcome = random.weighted([
                    (ObligationStatus.met, late == 0 ? 93 : 85), (.breached, 4), (.waived, 3), (.pending, late),
                ])
                if outcome != .pending {
                    obligation.status = outcome
                    obligation.settledOn =
                        outcome == .met
                        ? max(anchors[template.anchor] ?? due, due.adding(days: -random.int(0...20)))
                        : due.adding(days: random.int(1...20))
                    if obligation.settledOn.map({ $0 > today }) == true { obligation.settledOn = today }
                    if obligation.status == .waived { obligation.waivedReason = "Medical certificate" }
                    if obligation.status == .breached { obligation.evidence = "Did not attend; warning letter sent" }
                }
            } else if let due, due > today, random.chance(10) {
                obligation.status = .met
                obligation.settledOn = today.adding(days: -random.int(0...10))
            }
            obligations.append(obligation)
        }
        let amended = ended == nil && random.chance(3)
        var earlier: [Int: [Obligation]] = [:]
        if amended { earlier[1] = obligations }
        let status: ContractStatus = ended != nil ? .ended : .active
        let contract = Contract(
            id: 0, clientID: 0, programmeID: programme.id, programmeVersion: programme.version, status: status,
            number: amended ? 2 : 1, settledOn: settled, newcomerSignedOn: signed, authoritySignedOn: signed,
            reviewedOn: ended == nil && random.chance(30) ? min(today, signed.adding(months: 6)) : nil, endedOn: ended,
            endReason: ended == nil ? "" : "Case closed", version: 1)
        return ContractRecord(
            contract: contract, draftedOn: signed.adding(days: -random.int(3...14)), obligations: obligations,
            earlier: earlier)
    }

    private func language(
        _ random: inout SeededRandom, client: Client, intake: Day, start: Day?, end: Day, profile: LearnerProfile?,
        into tracks: inout TrackRecords
    ) {
        let base = random.weighted([(0, 40), (1, 35), (2, 20), (4, 5)])
        // The level rank of each of `Skill.core`, by position.
        var levels: [Int] = Skill.core.map { skill in
            let oral = skill == .spokenInteraction || skill == .spokenProduction || skill == .listening
            return min(4, base + (oral && random.chance(40) ? 1 : 0))
        }
        func assess(on day: Day, instrument: String, certified: Bool) {
            for (skill, rank) in zip(Skill.core, levels) {
                tracks.assessments.append(
                    LanguageAssessment(
                        clientID: 0, date: day, skill: skill, level: CEFRLevel.allCases[rank], instrument: instrument,
                        provider: schools[(client.caseNumber.sequence + rank) % schools.count],
                        isCertified: certified))
            }
        }
        assess(on: intake, instrument: "Placement test", certified: false)
        guard let start else { return }
        let school = random.pick(schools)
        let rate = Double(random.int(60...100)) / 100
        let progress = random.int(1...3)
        var courseStart = start
        var number = 0
        while courseStart <= min(end, today), number < 3 {
            number += 1
            let months = random.int(5...9)
            let courseEnd = courseStart.adding(months: months)
            let target = CEFRLevel.allCases[min(8, (levels.min() ?? 0) + 1)]
            let hours = months * 40
            let course = CourseEnrolment(
                clientID: 0, provider: school, level: target, startsOn: courseStart, endsOn: courseEnd,
                hoursPlanned: hours)
            // One ledger entry per quarter of the course.
            var entries: [AttendanceEntry] = []
            var month = courseStart
            while month < courseEnd, month <= min(end, today) {
                let scheduled = 120.0
                let attended = min(scheduled, (scheduled * rate * Double(random.int(85...115)) / 100).rounded())
                let absence: AbsenceKind? =
                    attended < scheduled
                    ? random.weighted([(.sick, 40), (.childSick, 25), (.approvedLeave, 15), (.unexcused, 20)]) : nil
                entries.append(
                    AttendanceEntry(
                        courseID: 0, date: month, scheduledHours: scheduled, attendedHours: attended, absence: absence))
                month = month.adding(months: 3)
            }
            tracks.courses.append((course, entries))
            guard courseEnd <= min(end, today) else { break }
            for slot in levels.indices where random.int(0...3) < progress {
                levels[slot] = min(8, levels[slot] + (random.chance(25) ? 2 : 1))
            }
            // Progress is tested once, after the last course taken so far: by the certified exam
            // after the second or third course.
            let isLast = number == 3 || courseEnd.adding(days: 45) > min(end, today)
            if number >= 2, isLast { assess(on: courseEnd, instrument: country.certifiedTest, certified: true) }
            courseStart = courseEnd.adding(days: random.int(14...45))
        }
    }

    private func recognition(_ random: inout SeededRandom, client: Client, from start: Day) -> RecognitionFile {
        let kind = random.pick(DemoTracks.fields)
        let year = min(today.year - 1, client.dateOfBirth.year + random.int(20...30))
        var file = Qualification(
            clientID: 0, title: kind.title, field: kind.field, country: client.countryOfBirth,
            institution: "University of \(Countries.name(client.countryOfBirth))", year: max(1960, year),
            iscedLevel: kind.isced,
            hasDocuments: random.chance(85), isRegulatedProfession: kind.regulated, stageSince: start)
        // Where the programme has a faster procedure for skilled workers (Germany's § 81a
        // AufenthG), an employer asks for it for some of the regulated professions.
        if let variant = programme.recognitionVariants.first, kind.regulated, random.chance(30) {
            file.variant = variant.id
        }
        var steps: [(stage: RecognitionStage, on: Day)] = [(.identified, start)]
        var day = start
        func step(_ stage: RecognitionStage, after days: ClosedRange<Int>) -> Bool {
            let next = day.adding(days: random.int(days))
            guard next <= today else { return false }
            day = next
            steps.append((stage, next))
            file.stage = stage
            file.stageSince = next
            return true
        }
        defer { file.stageSince = day }
        walk: do {
            guard step(.gatheringDocuments, after: 10...40) else { break walk }
            if file.hasDocuments {
                guard step(.translation, after: 20...60) else { break walk }
            } else {
                guard step(.noDocuments, after: 20...60) else { break walk }
                file.passportIssuedOn = day
                file.passportExpiresOn = programme.qualificationsPassportValidity.after(day)
            }
            guard step(.routeChosen, after: 10...40) else { break walk }
            file.route =
                file.isRegulatedProfession ? .regulatedProfession : (kind.isced >= 6 ? .academic : .nonRegulated)
            guard step(.submitted, after: 5...30), step(.acknowledged, after: 7...30) else { break walk }
            if random.chance(30) {
                guard step(.incomplete, after: 0...5), step(.acknowledged, after: 20...70) else { break walk }
            }
            guard step(.underAssessment, after: 0...10) else { break walk }
            file.completeOn = day
            let due = Qualification.decisionDeadline(completeOn: day, rule: file.deadlines(under: programme).decision)
            file.decisionDue = due
            // Most decisions come in time; some are late.
            let limit = day.days(until: due)
            let decisionDays = random.chance(80) ? random.int(20...max(21, limit)) : random.int(limit + 1...limit + 90)
            let decision = random.weighted([
                (RecognitionStage.fullRecognition, 40), (.partialRecognition, 30), (.comparabilityStatement, 20),
                (.refused, 10),
            ])
            guard step(decision, after: decisionDays...decisionDays) else { break walk }
            file.decidedOn = day
            switch decision {
            case .fullRecognition:
                if file.isRegulatedProfession { _ = step(.licensed, after: 14...60) }
            case .partialRecognition:
                guard random.chance(70) else { break walk }
                let kind: CompensationKind = random.chance(50) ? .adaptationPeriod : .aptitudeTest
                guard step(.compensation, after: 20...90) else { break walk }
                file.compensation = kind
                file.compensationStart = day
                file.compensationEnd =
                    kind == .adaptationPeriod
                    ? day.adding(months: random.int(6...24)) : day.adding(days: random.int(30...120))
                guard let end = file.compensationEnd, end <= today else { break walk }
                let passed = random.chance(75)
                guard
                    step(
                        passed ? .compensationPassed : .compensationFailed,
                        after: day.days(until: end)...day.days(until: end))
                else { break walk }
                if passed { _ = step(.licensed, after: 14...60) }
            case .refused:
                if random.chance(30), step(.appealed, after: 10...40) {
                    _ = step(random.chance(40) ? .partialRecognition : .refused, after: 60...150)
                }
            default:
                break
            }
        }
        return RecognitionFile(qualification: file, steps: steps)
    }

    private func civic(
        _ random: inout SeededRandom, client: Client, start: Day, end: Day, into tracks: inout TrackRecords
    ) {
        guard programme.civicRequired else {
            tracks.civicRequirement = .notRequired
            return
        }
        if client.residenceCategory == .labourMigrant && random.chance(60) {
            tracks.civicRequirement = .notRequired
            return
        }
        if random.chance(5) {
            tracks.civicRequirement = .exempt
            tracks.civicExemptReason = random.pick([
                "Holds the certificate from an earlier course", "Health grounds, documented by a doctor",
                "Completed the course in another municipality",
            ])
            return
        }
        tracks.civicRequirement = .required
        var day = start.adding(days: random.int(20...90))
        for module in programme.civicModules {
            var attended = 0.0
            let needed = Double(module.hours ?? 20)
            while attended < needed, day <= min(end, today) {
                let hours = Double(min(Int(needed - attended), random.int(20...40)))
                tracks.civicSessions.append(
                    CivicSession(
                        clientID: 0, moduleID: module.id, date: day, hours: hours,
                        language: client.languages.first ?? "en"))
                attended += hours
                day = day.adding(days: random.int(7...21))
            }
            guard attended >= needed else { return }
        }
        guard day <= today else { return }
        tracks.civicAttestedOn = day
        guard let test = programme.civicTest else { return }
        var sitting = day.adding(days: random.int(20...60))
        for _ in 0..<3 where sitting <= today {
            if let questions = test.questions, let passMark = test.passMark {
                let score = min(questions, max(0, passMark + random.int(-8...6)))
                tracks.civicTests.append(CivicTestResult(clientID: 0, date: sitting, score: score, passMark: passMark))
                if score >= passMark { return }
            } else {
                let passed = random.chance(75)
                tracks.civicTests.append(
                    CivicTestResult(clientID: 0, date: sitting, score: nil, passMark: nil, passed: passed))
                if passed { return }
            }
            sitting = sitting.adding(days: random.int(60...120))
        }
    }
}
