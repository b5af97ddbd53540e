import CasebookCore
import CasebookStore

/// A small, fast pseudo-random generator (SplitMix64): the same seed gives the same demo.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Picks by integer weights.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var roll = int(0...(items.reduce(0) { $0 + $1.1 } - 1))
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }
}

/// What the demo generator made.
package struct DemoSummary: Sendable {
    package var clients: Int
    package var officers: Int
    package var supervisors: Int
    /// Where the load's time went.
    package var times: BulkLoadTimes?
}

/// Realistic synthetic caseloads: the same seed and day always give the same people,
/// case numbers and case histories.
package enum DemoGenerator {
    /// The most clients one demo may hold.
    package static let maximumClients = 1_000_000

    /// Fills an empty case file with `clients` clients, their officers and a supervisor in each
    /// office: Norway's three neighbouring offices, and one office in each other country whose
    /// programme is in force, its clients enrolled in that programme.
    /// `owner` (the person running the command, already staff) receives a caseload too.
    package static func populate(
        _ store: Store, clients count: Int, seed: UInt64, owner: Staff
    ) throws -> DemoSummary {
        guard try !store.hasClients() else { throw DemoError.notEmpty }
        let today = store.clock.today
        var random = SeededRandom(seed: seed)
        let inForce = try store.programmesInForce(on: today)
        let programmes = inForce.isEmpty ? try store.latestProgrammes() : inForce
        // Norway's offices follow Norway's programme, or the first one imported without it.
        let countries: [(country: DemoCountry, programme: Programme?)] = DemoCountry.all.compactMap { country in
            let programme = programmes.first { $0.country == country.country }
            if country.country == DemoCountry.norway.country { return (country, programme ?? programmes.first) }
            return programme.map { (country, $0) }
        }
        let officeCount = countries.reduce(0) { $0 + $1.country.offices.count }
        // At least one officer besides the owner in each office.
        let officerCount = max(officeCount + 1, (count + 299) / 300)
        try store.database.executeScript("PRAGMA cache_size = -262144")
        var summary = DemoSummary(clients: 0, officers: officerCount, supervisors: officeCount)
        summary.times = try BulkLoader.load(into: store, actor: owner.id) { loader in
            // Staff first: deterministic names, unique user names.
            var officers: [Staff.ID] = [owner.id]
            var usernames = Set([owner.username])
            func makeStaff(_ role: Role, office: Office.ID) throws -> Staff {
                let given = random.pick(staffGivenNames)
                let family = random.pick(staffFamilyNames)
                let base = SearchKey.fold(String(given.prefix(1)) + family)
                var username = base
                var suffix = 2
                while usernames.contains(username) {
                    username = base + String(suffix)
                    suffix += 1
                }
                usernames.insert(username)
                return try loader.addStaff(
                    username: username, displayName: "\(given) \(family)", role: role, office: office)
            }
            // The offices, each with its municipalities, a supervisor, its own officers and its
            // partner organisations; the owner (the file's admin) is admin in all of them and has
            // a caseload in the first.
            var offices: [(office: Office, tracks: DemoTracks?, country: DemoCountry, partners: [DemoPartner])] = []
            for (country, programme) in countries {
                for made in country.offices {
                    let office =
                        offices.isEmpty
                        ? try loader.renameFirstOffice(to: made.name, municipalities: made.municipalities)
                        : try loader.addOffice(code: made.code, name: made.name, municipalities: made.municipalities)
                    // The owner keeps every office's register of partners as its admin.
                    if !offices.isEmpty { try loader.addMembership(owner.id, office: office.id, role: .admin) }
                    var partners: [DemoPartner] = []
                    for partner in country.partnerDrafts(town: made.municipalities[0]) {
                        partners.append(
                            DemoPartner(
                                id: try loader.addPartner(partner.draft, office: office.id).id,
                                activities: partner.activities))
                    }
                    let tracks = programme.map { DemoTracks(programme: $0, country: country, today: today) }
                    offices.append((office, tracks, country, partners))
                }
            }
            var officeOf: [Staff.ID: Int] = [owner.id: 0]
            for place in offices { _ = try makeStaff(.supervisor, office: place.office.id) }
            for index in 1..<officerCount {
                let place = (index - 1) % offices.count
                let officer = try makeStaff(.officer, office: offices[place].office.id).id
                officers.append(officer)
                officeOf[officer] = place
            }

            var sequences: [Int: Int] = [:]
            let weights = origins.map { ($0, $0.weight) }
            for index in 0..<count {
                // The officer first: the office decides the country, its programme and its streets.
                let officer = random.pick(officers)
                let place = offices[officeOf[officer] ?? 0]
                // The first clients walk to every phase in turn, so that even a small demo shows them all.
                let forced = index < CasePhase.allCases.count ? CasePhase.allCases[index] : nil
                let person = makePerson(
                    &random, origin: random.weighted(weights), today: today, forcedPhase: forced, place: place.country,
                    municipalities: place.office.municipalities
                ) { year in
                    let sequence = (sequences[year] ?? 0) + 1
                    sequences[year] = sequence
                    return CaseNumber(year: year, sequence: sequence)
                }
                guard let person else { continue }
                var client = person.client
                var enrolment = person.enrolment
                let phase = person.history[person.history.count - 1].to
                client.phase = phase
                let unassigned = (phase == .referred || phase == .eligibilityCheck) && random.chance(50)
                client.officerID = unassigned ? nil : officer
                var records = TrackRecords()
                if let tracks = place.tracks {
                    let profile = tracks.profile(&random)
                    enrolment.programmeID = tracks.programme.id
                    enrolment.programmeVersion = tracks.programme.version
                    enrolment.profile = profile?.id
                    records = tracks.records(
                        &random, client: client, history: person.history, profile: profile, partners: place.partners)
                } else {
                    enrolment.programmeID = nil
                }
                // An unassigned client waits in the office of the officer it would have had.
                try loader.add(
                    client, office: place.office.id, history: person.history, enrolment: enrolment, tracks: records,
                    note: "demo data")
                summary.clients += 1
            }
        }
        try store.database.executeScript("PRAGMA cache_size = -2000")
        return summary
    }

    private struct Person {
        var client: Client
        var history: [PhaseStep]
        var enrolment: Enrolment
    }

    private static func makePerson(
        _ random: inout SeededRandom, origin: Origin, today: Day, forcedPhase: CasePhase?, place: DemoCountry,
        municipalities: [String], caseNumber: (Int) -> CaseNumber?
    ) -> Person? {
        let female = random.chance(50)
        let family = random.pick(origin.familyNames)
        let given = random.pick(female ? origin.femaleNames : origin.maleNames)
        var secondGiven: Name? = random.chance(15) ? random.pick(female ? origin.femaleNames : origin.maleNames) : nil
        if secondGiven?.native == given.native { secondGiven = nil }
        let givenNative = [given.native, secondGiven?.native].compactMap { $0 }.joined(separator: " ")
        let givenLatin = [given.latin, secondGiven?.latin].compactMap { $0 }.joined(separator: " ")
        var arrival = today.adding(days: -random.int(0...(4 * 365)))
        var forcedHistory: ([PhaseStep], Enrolment)?
        if let forcedPhase {
            let path = pathTo(forcedPhase)
            arrival = today.adding(days: -(path.count * 40 + random.int(0...30)))
            forcedHistory = historyAlong(path, arrival: arrival, random: &random)
        }
        let age = random.weighted([(18...24, 20), (25...34, 35), (35...44, 25), (45...54, 13), (55...67, 7)])
        let birth = arrival.adding(days: -(random.int(age) * 365 + random.int(0...364)))
        let country = random.pick(origin.countries)
        let languages = random.pick(origin.languages)
        let category = random.weighted(origin.categories)
        let status: ProgrammeStatus
        switch category {
        case .labourMigrant: status = random.chance(70) ? .voluntary : .right
        case .temporaryProtection: status = .right
        case .familyReunification: status = random.chance(60) ? .rightAndObligation : .obligation
        default: status = .rightAndObligation
        }
        var permit: Day?
        switch category {
        case .temporaryProtection: permit = arrival.adding(years: random.int(1...3))
        case .labourMigrant, .familyReunification: permit = arrival.adding(years: random.int(1...3))
        case .refugee, .subsidiaryProtection, .humanitarian, .other:
            permit = random.chance(80) ? arrival.adding(years: 3) : nil
        }
        var flags = Set<Vulnerability>()
        if random.chance(18) { flags.insert(random.pick(Vulnerability.allCases)) }
        if random.chance(4) { flags.insert(random.pick(Vulnerability.allCases)) }
        let speaksEnglish = languages.contains("en")
        let latinFamily = SearchKey.fold(family.latin).filter { $0.isLetter && $0.isASCII }
        let latinGiven = SearchKey.fold(given.latin).filter { $0.isLetter && $0.isASCII }
        let (history, enrolment) = forcedHistory ?? makeHistory(&random, arrival: arrival, today: today)
        guard let number = caseNumber(history[0].on.year) else { return nil }
        let client = Client(
            id: 0, caseNumber: number, familyName: family.native,
            givenNames: givenNative,
            otherNames: origin.nativeScript ? "\(family.latin), \(givenLatin)" : "",
            dateOfBirth: birth, sex: random.chance(1) ? .other : (female ? .female : .male),
            countryOfBirth: country, nationality: random.chance(3) ? "XX" : country, languages: languages,
            interpreterLanguage: speaksEnglish && random.chance(60) ? nil : languages[0], arrivalDate: arrival,
            municipality: random.pick(municipalities), residenceCategory: category, permitExpiry: permit,
            programmeStatus: status, vulnerabilities: flags,
            phone: place.phone(&random),
            email: random.chance(70) ? "\(latinGiven).\(latinFamily)\(random.int(1...99))@example.org" : "",
            address: "\(random.pick(place.streets)) \(random.int(1...120))", officerID: nil, phase: .referred,
            version: 1)
        return Person(client: client, history: history, enrolment: enrolment)
    }

    /// Walks a case through the lifecycle with plausible durations, stopping at today.
    private static func makeHistory(_ random: inout SeededRandom, arrival: Day, today: Day) -> ([PhaseStep], Enrolment)
    {
        let referral = min(today, arrival.adding(days: random.int(0...30)))
        var steps = [PhaseStep(from: nil, to: .referred, on: referral)]
        var enrolment = Enrolment()
        var phase = CasePhase.referred
        var day = referral
        func move(_ target: CasePhase, after days: ClosedRange<Int>, exit: ExitReason? = nil) -> Bool {
            let next = day.adding(days: random.int(days))
            guard next <= today else { return false }
            steps.append(PhaseStep(from: phase, to: target, on: next, exitReason: exit))
            phase = target
            day = next
            if target == .offered { enrolment.offeredOn = next }
            if target == .active, enrolment.startedOn == nil { enrolment.startedOn = next }
            return true
        }
        guard move(.eligibilityCheck, after: 3...20) else { return (steps, enrolment) }
        if random.chance(3) {
            if move(.notEligible, after: 5...30) { _ = move(.closed, after: 1...20, exit: .other) }
            return (steps, enrolment)
        }
        guard move(.offered, after: 5...30), move(.intakeAssessment, after: 5...30), move(.planDraft, after: 7...30),
            move(.contractSigned, after: 7...21), move(.active, after: 0...30)
        else { return (steps, enrolment) }
        let months = random.int(6...36)
        enrolment.plannedEnd = day.adding(months: months)
        let end = day.adding(months: months)
        // Some cases pause on the way.
        if random.chance(12) {
            let pause = day.adding(days: random.int(60...300))
            if pause <= today, pause < end {
                let suspended = random.chance(40)
                steps.append(PhaseStep(from: phase, to: suspended ? .suspended : .onLeave, on: pause))
                phase = suspended ? .suspended : .onLeave
                day = pause
                if suspended && random.chance(30) {
                    if move(.discontinued, after: 20...90) { _ = move(.closed, after: 5...40, exit: .neither) }
                    return (steps, enrolment)
                }
                guard move(.active, after: 20...120) else { return (steps, enrolment) }
            }
        }
        guard end <= today else { return (steps, enrolment) }
        let ending = random.weighted([(CasePhase.completed, 90), (.exempted, 4), (.transferredOut, 6)])
        steps.append(PhaseStep(from: phase, to: ending, on: end))
        phase = ending
        day = end
        let exit: ExitReason =
            ending == .transferredOut
            ? .moved
            : random.weighted([(.work, 45), (.education, 20), (.both, 8), (.neither, 20), (.other, 7)])
        guard move(.closed, after: 0...45, exit: exit) else { return (steps, enrolment) }
        if random.chance(2) {
            if move(.reopened, after: 30...200) { _ = move(.active, after: 5...30) }
        } else if random.chance(40) {
            _ = move(.archived, after: 365...700)
        }
        return (steps, enrolment)
    }

    /// The usual road to a phase.
    private static func pathTo(_ phase: CasePhase) -> [CasePhase] {
        let main: [CasePhase] = [
            .referred, .eligibilityCheck, .offered, .intakeAssessment, .planDraft, .contractSigned, .active,
        ]
        switch phase {
        case .notEligible: return [.referred, .eligibilityCheck, .notEligible]
        case .onLeave, .suspended, .completed, .exempted, .transferredOut: return main + [phase]
        case .discontinued: return main + [.suspended, .discontinued]
        case .closed: return main + [.completed, .closed]
        case .reopened, .archived: return main + [.completed, .closed, phase]
        default: return Array(main.prefix(through: main.firstIndex(of: phase) ?? 0))
        }
    }

    /// Dates a path, about five weeks a step from `arrival`.
    private static func historyAlong(
        _ path: [CasePhase], arrival: Day, random: inout SeededRandom
    ) -> ([PhaseStep], Enrolment) {
        var day = arrival
        var steps: [PhaseStep] = []
        var enrolment = Enrolment()
        for (index, phase) in path.enumerated() {
            if index > 0 { day = day.adding(days: random.int(20...38)) }
            let exit: ExitReason? = phase == .closed ? .work : nil
            steps.append(PhaseStep(from: index == 0 ? nil : path[index - 1], to: phase, on: day, exitReason: exit))
            if phase == .offered { enrolment.offeredOn = day }
            if phase == .active, enrolment.startedOn == nil { enrolment.startedOn = day }
        }
        return (steps, enrolment)
    }

}

package enum DemoError: Error, CustomStringConvertible {
    case notEmpty

    package var description: String {
        "This database already holds clients; demo data goes only into a new, empty file (for example `casebook demo --db demo.db`)."
    }
}
