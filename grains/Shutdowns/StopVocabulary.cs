using System.Text.RegularExpressions;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// Reads the STOP sheets' free-form cells into Grid's few values, and writes Grid's values back in
/// the sheets' own words. Each rule is in the README (Access Now's STOP dataset).
/// </summary>
public static partial class StopVocabulary
{
    /// <summary>
    /// A row's scope. An area named as the whole country ("Nationwide", "Countrywide shutdown",
    /// "Near country-wide", "National except Kurdish areas") is national whatever the scope cell
    /// says, since the 2020–2022 sheets file those under "more than one state". Otherwise:
    /// "Level 3" is national, "Level 2" and the "more than one" sentences are regional, "Level 1"
    /// and "one city" are local.
    /// </summary>
    public static StopScope Scope(string geoScope, string areaName)
    {
        ArgumentNullException.ThrowIfNull(geoScope);
        ArgumentNullException.ThrowIfNull(areaName);
        if (NamesWholeCountry().IsMatch(areaName.Trim()))
        {
            return StopScope.National;
        }

        var scope = Squeeze(geoScope);
        return scope switch
        {
            "national" or "level 3" => StopScope.National,
            "regional" or "multi-regional" or "level 2" => StopScope.Regional,
            "local" or "level 1" => StopScope.Local,
            _ when scope.StartsWith("it affected locations in more than one", StringComparison.Ordinal) => StopScope.Regional,
            _ when scope.StartsWith("it affected more than one city", StringComparison.Ordinal) => StopScope.Regional,
            _ when scope.StartsWith("it only affected one", StringComparison.Ordinal) => StopScope.Local,
            _ => StopScope.Unknown,
        };
    }

    /// <summary>
    /// A row's type: throttling named without a cut ("Throttle", "Mobile Internet, Throttling") is
    /// throttling; a cut of a network ("Shutdown", "Shutdown, Throttle", "Mobile Internet") is a
    /// shutdown, unless the row's extent says only services were blocked; "Service-based" alone is
    /// service-based.
    /// </summary>
    public static StopShutdownType Type(string shutdownType, string extent)
    {
        ArgumentNullException.ThrowIfNull(shutdownType);
        var type = Squeeze(shutdownType);
        var cut = type.Contains("shutdown", StringComparison.Ordinal) || type.Contains("internet", StringComparison.Ordinal)
            || type.Contains("sms", StringComparison.Ordinal) || type.Contains("telephony", StringComparison.Ordinal);
        var throttled = type.Contains("throttl", StringComparison.Ordinal);
        if (throttled && !type.Contains("shutdown", StringComparison.Ordinal))
        {
            return StopShutdownType.Throttling;
        }

        if (cut)
        {
            return Extent(extent) == StopExtent.ServiceBased ? StopShutdownType.ServiceBased : StopShutdownType.Shutdown;
        }

        return type.Contains("service", StringComparison.Ordinal) ? StopShutdownType.ServiceBased : StopShutdownType.Unknown;
    }

    /// <summary>"Full network", "Full", and either with "Service-based" beside it are the full network; a network named alone ("Mobile Internet") or "Throttling" is partial; "Service-based" alone is service-based.</summary>
    public static StopExtent Extent(string extent)
    {
        ArgumentNullException.ThrowIfNull(extent);
        var text = Squeeze(extent);
        if (text.StartsWith("full", StringComparison.Ordinal))
        {
            return StopExtent.FullNetwork;
        }

        if (text.Contains("internet", StringComparison.Ordinal) || text.Contains("throttl", StringComparison.Ordinal) || text.Contains("partial", StringComparison.Ordinal))
        {
            return StopExtent.Partial;
        }

        return text.Contains("service", StringComparison.Ordinal) ? StopExtent.ServiceBased : StopExtent.Unknown;
    }

    public static StopElection Election(string election)
    {
        ArgumentNullException.ThrowIfNull(election);
        return Squeeze(election) switch
        {
            "yes" => StopElection.Yes,
            "no" => StopElection.No,
            _ => StopElection.Unknown,
        };
    }

    public static StopCause Cause(string cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var text = Squeeze(cause);
        return text switch
        {
            _ when text.StartsWith("protest", StringComparison.Ordinal) => StopCause.Protest,
            _ when text.StartsWith("political instability", StringComparison.Ordinal) => StopCause.PoliticalInstability,
            _ when text.StartsWith("communal violence", StringComparison.Ordinal) => StopCause.CommunalViolence,
            _ when text.StartsWith("election", StringComparison.Ordinal) => StopCause.Election,
            _ when text.Contains("exam", StringComparison.Ordinal) => StopCause.ExamCheating,
            _ when text.StartsWith("information control", StringComparison.Ordinal) => StopCause.InformationControl,
            _ when text.StartsWith("religious", StringComparison.Ordinal) => StopCause.ReligiousEvent,
            _ when text.StartsWith("visits by government", StringComparison.Ordinal) => StopCause.OfficialVisit,
            _ when text.StartsWith("military", StringComparison.Ordinal) => StopCause.MilitaryOperation,
            "other" => StopCause.Other,
            _ => StopCause.Unknown,
        };
    }

    /// <summary>The sheets' word for a scope: "National", "Regional", "Local"; "Not sure" (a value the 2016–2018 sheet uses) when unknown.</summary>
    public static string Text(StopScope scope) => scope switch
    {
        StopScope.National => "National",
        StopScope.Regional => "Regional",
        StopScope.Local => "Local",
        _ => "Not sure",
    };

    public static string Text(StopShutdownType type) => type switch
    {
        StopShutdownType.Shutdown => "Shutdown",
        StopShutdownType.Throttling => "Throttling",
        StopShutdownType.ServiceBased => "Service-based",
        _ => "unknown",
    };

    public static string Text(StopExtent extent) => extent switch
    {
        StopExtent.FullNetwork => "Full network",
        StopExtent.Partial => "Partial",
        StopExtent.ServiceBased => "Service-based",
        _ => "",
    };

    /// <summary>Lower case with runs of white space made one space ("Level  2" is "level 2").</summary>
    private static string Squeeze(string text) => Whitespace().Replace(text.Trim(), " ").ToLowerInvariant();

    [GeneratedRegex(@"^national\b(?! capital)|nation ?w|country[- ]?wide|(entire|whole|most of the) country", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesWholeCountry();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
