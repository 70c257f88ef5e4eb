using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Grid.Grains.Elections;

/// <summary>One election in the calendar: the country (ISO code), the day, what is elected, and where the entry came from.</summary>
[GenerateSerializer, Alias("grid.ElectionEntry")]
public sealed record ElectionEntry([property: Id(0)] string Country, [property: Id(1)] DateOnly Date, [property: Id(2)] string Type, [property: Id(3)] string Source)
{
    /// <summary>The first day an entry may name: ElectionGuide's calendar starts in 1993, history well after 1900.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The last day an entry may name; a watch window around it stays far from <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>True for a day from 1900 through 2100; the API refuses others, the calendar skips them.</summary>
    public static bool IsPlausible(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>
    /// A stable handle for <c>DELETE /v1/elections/{id}</c>: country, day and a short hash of the
    /// type (the three that make an entry a duplicate), e.g. <c>BY-2020-08-09-3f2a9c1e</c>. Any
    /// date gets one, so an entry that should never have been stored can still be removed.
    /// </summary>
    public string Id
    {
        get
        {
            var type = SHA256.HashData(Encoding.UTF8.GetBytes(Type.ToUpperInvariant()));
            return string.Create(CultureInfo.InvariantCulture, $"{Country.ToUpperInvariant()}-{Date:yyyy-MM-dd}-{Convert.ToHexStringLower(type, 0, 4)}");
        }
    }
}
