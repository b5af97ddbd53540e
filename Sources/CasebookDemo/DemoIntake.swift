import CasebookCore
import CasebookStore

/// A partner organisation of an office, with the kinds of activity it runs.
struct DemoPartner {
    let id: Int64
    let activities: [ActivityKind]
}

/// The intake mapping, work experience, participation and outcomes of issue 18, as an office
/// that records them would have them: most clients mapped at their intake meeting, about half of
/// those in the programme in at least one activity with a local partner, most leavers' main
/// activity noted at exit and again a year later.
extension DemoTracks {
    /// How far a client went in school, from the learner profile where the programme sets
    /// profiles by schooling (Norway's, Denmark's DU1–3, the literacy courses), else at random.
    enum Schooling { case little, primary, secondary }

    /// The schooling a learner profile sets, by its id, or nil where the profile does not say.
    /// Worked out once per profile (`DemoTracks.init`): searching the id's text for every client
    /// cost the demo's generator a seventh of its time.
    static func schooling(ofProfile id: String) -> Schooling? {
        if ["no-primary", "du1", "alphabet", "non-literate", "z-route", "zweitschrift"].contains(where: id.contains) {
            return .little
        }
        if id.hasPrefix("primary") || id == "du2" || id == "foerderkurs" { return .primary }
        if id.contains("upper") || id == "du3" || id == "b1-route" || id == "onderwijsroute" { return .secondary }
        return nil
    }

    private func schooling(_ random: inout SeededRandom, profile: LearnerProfile?) -> Schooling {
        let known = profile.map { schoolingByProfile[$0.id] ?? DemoTracks.schooling(ofProfile: $0.id) } ?? nil
        return known ?? random.weighted([(Schooling.little, 20), (.primary, 35), (.secondary, 45)])
    }

    static let careerGoals = [
        "Work as a nurse again", "Start a small business", "Lorry driver", "Finish upper secondary school",
        "Work in a kindergarten", "Electrician", "Study engineering", "Cook in a restaurant", "Work in a shop",
        "Care worker in elderly care", "Teacher", "Not decided yet",
    ]
    static let trainingNeeds = [
        "Language course first; then a work placement.", "Recognition of the diploma; bridging course.",
        "Literacy course before the ordinary language course.", "Driving licence (theory in own language).",
        "Digital skills course at the library.", "Vocational training with a language track.",
    ]
    static let jobs: [(title: String, isco: String)] = [
        ("Farm worker", "92"), ("Shop assistant", "52"), ("Tailor", "75"), ("Car mechanic", "72"),
        ("Primary school teacher", "23"), ("Nurse", "22"), ("Cook", "51"), ("Taxi driver", "83"),
        ("Construction worker", "93"), ("Accountant", "24"), ("Hairdresser", "51"), ("Electrician", "74"),
        ("Software developer", "25"), ("Cleaner", "91"), ("Welder", "72"), ("Childminder", "53"),
    ]

    /// The mapping done at the intake meeting (or within two weeks of it), for nine in ten
    /// clients who had one, and the work they did before.
    func intake(
        _ random: inout SeededRandom, client: Client, on meeting: Day, profile: LearnerProfile?, mappedBy: Int64,
        into tracks: inout TrackRecords
    ) {
        guard random.chance(90) else { return }
        let level = schooling(&random, profile: profile)
        let (years, isced): (Int, ISCEDLevel?)
        switch level {
        case .little:
            let some = random.weighted([(0, 45), (2, 25), (4, 30)])
            (years, isced) = (some, some == 0 ? nil : .primary)
        case .primary:
            (years, isced) = (random.int(6...10), random.chance(60) ? .lowerSecondary : .primary)
        case .secondary:
            let top = random.weighted([
                (ISCEDLevel.upperSecondary, 45), (.postSecondaryNonTertiary, 8), (.shortCycleTertiary, 7),
                (.bachelor, 28),
                (.master, 11), (.doctoral, 1),
            ])
            (years, isced) = (min(30, 12 + max(0, top.rawValue - 3) * 2 + random.int(0...1)), top)
        }
        let literate = level != .little || random.chance(35)
        let latin = client.otherNames.isEmpty  // names in Latin script: the first language is written in it
        let firstLiteracy: Literacy =
            literate ? (level == .secondary ? .functional : random.pick([.basic, .functional])) : .notLiterate
        tracks.intake = IntakeMapping(
            clientID: 0, mappedOn: min(today, meeting.adding(days: random.weighted([(0, 70), (7, 20), (14, 10)]))),
            schoolingYears: years, highestLevel: isced, schoolingCountry: years == 0 ? nil : client.countryOfBirth,
            levelCompleted: isced == nil ? nil : level != .little && random.chance(80),
            firstLanguageLiteracy: firstLiteracy,
            latinLiteracy: latin ? firstLiteracy : (literate && random.chance(60) ? .basic : .notLiterate),
            digitalSkills: level == .little
                ? random.weighted([(DigitalSkills.noSkills, 40), (.basic, 55), (.everyday, 5)])
                : random.weighted([(DigitalSkills.basic, 25), (.everyday, 55), (.advanced, 20)]),
            drivingLicence: random.weighted([(DrivingLicence.noLicence, 60), (.foreign, 30), (.valid, 10)]),
            careerGoal: random.pick(DemoTracks.careerGoals),
            trainingNeeds: random.chance(80) ? random.pick(DemoTracks.trainingNeeds) : "", mappedBy: mappedBy)
        let adultYears = max(0, client.dateOfBirth.years(until: client.arrivalDate) - 18)
        guard adultYears > 0 else { return }
        for _ in 0..<random.weighted([(0, 30), (1, 50), (2, 20)]) {
            let job = random.pick(DemoTracks.jobs)
            tracks.workExperience.append(
                WorkExperience(
                    clientID: 0, isco: random.chance(85) ? job.isco : nil, title: job.title,
                    years: random.int(1...max(1, min(20, adultYears))), country: client.countryOfBirth))
        }
    }

    /// Activities with the office's partners while the client is in the programme (from `start`
    /// to `end`): about half take part in one or more.
    func participation(
        _ random: inout SeededRandom, start: Day, end: Day, partners: [DemoPartner], into tracks: inout TrackRecords
    ) {
        let last = min(end, today)
        guard start < last, random.chance(55) else { return }
        for _ in 0..<random.weighted([(1, 60), (2, 30), (3, 10)]) {
            let startsOn = start.adding(days: random.int(0...max(0, start.days(until: last))))
            let partner = random.chance(85) && !partners.isEmpty ? random.pick(partners) : nil
            let kind =
                partner.map { random.pick($0.activities) }
                ?? random.weighted([
                    (ActivityKind.interculturalEvent, 30), (.votingRightsSession, 20), (.other, 10), (.mentoring, 40),
                ])
            // One-off events end the day they start; the others last months, some still going.
            let oneOff = kind == .votingRightsSession || kind == .interculturalEvent
            var endsOn: Day? = oneOff ? startsOn : startsOn.adding(months: random.int(2...12))
            if let ends = endsOn, ends > today { endsOn = nil }
            let hours: Double? =
                oneOff ? Double(random.int(1...3)) : (random.chance(70) ? Double(random.int(6...120)) : nil)
            tracks.participation.append(
                ParticipationActivity(
                    clientID: 0, kind: kind, partnerID: partner?.id, startsOn: startsOn, endsOn: endsOn, hours: hours,
                    note: kind == .other ? "Neighbourhood garden project" : ""))
        }
    }

    /// The main activity at exit (for nine in ten closed cases) and twelve months later (three in
    /// nearly all of those whose year has passed), mostly what it was at exit.
    func outcomes(_ random: inout SeededRandom, history: [PhaseStep], into tracks: inout TrackRecords) {
        guard let closed = history.first(where: { $0.to == .closed }), let reason = closed.exitReason,
            random.chance(90)
        else { return }
        func work(_ activity: MainActivity) -> (WorkTime?, String?) {
            guard activity.isWork else { return (nil, nil) }
            return (
                random.chance(60) ? .full : .part,
                random.chance(75)
                    ? random.weighted([("9", 30), ("5", 25), ("7", 15), ("8", 15), ("2", 8), ("3", 7)]) : nil
            )
        }
        let atExit = MainActivity(reason)
        let exitWork = work(atExit)
        tracks.outcomes.append(
            Outcome(
                clientID: 0, stage: .exit, recordedOn: closed.on, activity: atExit, workTime: exitWork.0,
                iscoMajor: exitWork.1))
        // Follow-ups are made when they fall due: those still missing came due in the last weeks.
        let due = closed.on.adding(months: 12)
        guard due <= today, random.chance(due.days(until: today) > 45 ? 96 : 40) else { return }
        let later: MainActivity
        switch atExit {
        case .work, .both:
            later = random.weighted([
                (MainActivity.work, 82), (.both, 4), (.education, 3), (.neither, 8), (.notReached, 3),
            ])
        case .education:
            later = random.weighted([
                (MainActivity.education, 55), (.work, 25), (.both, 8), (.neither, 8), (.notReached, 4),
            ])
        case .neither:
            later = random.weighted([(MainActivity.neither, 50), (.work, 30), (.education, 10), (.notReached, 10)])
        default: later = random.weighted([(atExit, 60), (.notReached, 40)])
        }
        let laterWork = work(later)
        tracks.outcomes.append(
            Outcome(
                clientID: 0, stage: .followUp, recordedOn: min(today, due.adding(days: random.int(0...30))),
                activity: later,
                workTime: laterWork.0, iscoMajor: laterWork.1))
    }
}
