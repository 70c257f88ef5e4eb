using System.Globalization;
using Grid.Geography;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// One row of Access Now's STOP dataset: where (the country as the sheet names it, its ISO code,
/// the scope and area), when (days; no end while a shutdown is ongoing or unrecorded), what (type,
/// extent) and why (cause, election), plus the sheet and line it came from, so a reason can cite it.
/// </summary>
public sealed record StopRecord(
    string Sheet,
    long Line,
    string CountryName,
    CountryCode Country,
    DateOnly Start,
    DateOnly? End,
    StopScope Scope,
    string AreaName,
    StopShutdownType Type,
    StopExtent Extent,
    StopCause Cause,
    string CauseText,
    StopElection Election,
    string Event)
{
    /// <summary>The last day it is known to have lasted: its end, or its start when it has no end.</summary>
    public DateOnly LastDay => End is { } end && end >= Start ? end : Start;

    /// <summary>True when the row ties the shutdown to an election, by its election cell or its cause.</summary>
    public bool AtElection => Election == StopElection.Yes || Cause == StopCause.Election;

    /// <summary>
    /// The rows less the copies later sheets carry of an ongoing shutdown: one row per country,
    /// days, area (case and punctuation aside) and type, the first kept.
    /// </summary>
    public static IEnumerable<StopRecord> Distinct(IEnumerable<StopRecord> rows) =>
        rows.DistinctBy(r => (r.Country, r.Start, r.End, new string([.. r.AreaName.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]), r.Type));

    /// <summary>A citation: <c>Belarus 2017-03-25 (Shutdown, Full network, cause Protest)</c>.</summary>
    public string Citation()
    {
        var end = End is { } last && last > Start ? string.Create(CultureInfo.InvariantCulture, $" to {last:yyyy-MM-dd}") : "";
        var cause = CauseText.Length > 0 ? CauseText : "not given";
        var extent = StopVocabulary.Text(Extent) is { Length: > 0 } text ? $", {text}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{CountryName} {Start:yyyy-MM-dd}{end} ({StopVocabulary.Text(Type)}{extent}, cause {cause})");
    }
}
