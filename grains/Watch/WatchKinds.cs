namespace Grid.Grains.Watch;

/// <summary>
/// The kinds of the watch calendar: the dates Access Now's STOP data shows governments cutting
/// access around (elections, national exams, protests, referendums), and <see cref="Other"/>.
/// </summary>
public static class WatchKinds
{
    public const string Election = "election";
    public const string Exam = "exam";
    public const string Protest = "protest";
    public const string Referendum = "referendum";
    public const string Other = "other";

    public static readonly string[] All = [Election, Exam, Protest, Referendum, Other];

    /// <summary>The kind in lower case, or false when <paramref name="text"/> names none.</summary>
    public static bool TryParse(string? text, out string kind)
    {
        kind = All.FirstOrDefault(k => string.Equals(k, text?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        return kind.Length > 0;
    }
}
