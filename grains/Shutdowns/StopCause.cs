namespace Grid.Grains.Shutdowns;

/// <summary>
/// The actual cause a STOP row gives, with the sheets' spellings merged ("Protest" and "Protests",
/// "Exam cheating" and "Cheating during exams", "Religious Holiday / Anniversary" and
/// "Religious Holiday/ Annversary").
/// </summary>
public enum StopCause
{
    Unknown = 0,
    Protest = 1,
    PoliticalInstability = 2,
    CommunalViolence = 3,
    Election = 4,
    ExamCheating = 5,
    InformationControl = 6,
    ReligiousEvent = 7,
    OfficialVisit = 8,
    MilitaryOperation = 9,
    Other = 10,
}
