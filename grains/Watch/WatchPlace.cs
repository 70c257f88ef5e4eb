using Grid.Geography;
using Grid.Grains.Elections;
using Grid.Grains.Entities;

namespace Grid.Grains.Watch;

/// <summary>Where a calendar entry applies: a country (ISO code or name) or one region (<c>CC-NAME</c>, as region keys are written).</summary>
public static class WatchPlace
{
    /// <summary>Reads <paramref name="text"/>; <paramref name="region"/> is null for a whole country.</summary>
    public static bool TryParse(string? text, out string country, out string? region)
    {
        country = "";
        region = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        // "KZ-MAN", "BY-HM": two letters of a country, a hyphen, then the region (a name such as Guinea-Bissau has no hyphen third).
        if (trimmed.Length > 3 && trimmed[2] == '-' && EntityKey.TryRegion(trimmed, out var key))
        {
            region = key.Code;
            country = key.Code[..2];
            return true;
        }

        if (ElectionCountryNames.TryMap(trimmed, out var code))
        {
            country = code.ToString();
            return true;
        }

        return false;
    }
}
