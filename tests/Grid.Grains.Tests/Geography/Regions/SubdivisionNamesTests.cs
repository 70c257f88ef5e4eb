using Grid.Geography;
using Grid.Geography.Regions;
using Xunit.Abstractions;

namespace Grid.Grains.Tests.Geography.Regions;

public sealed class SubdivisionNamesTests(DbipRegionNames dbip, ITestOutputHelper output) : IClassFixture<DbipRegionNames>
{
    private static readonly SubdivisionNames Names = SubdivisionNames.Load();

    [Theory]
    [InlineData("BY", "Minsk City", "BY-HM")]
    [InlineData("BY", "Minsk", "BY-MI")]
    [InlineData("BY", "Grodnenskaya", "BY-HR")]
    [InlineData("BY", "Homyel’ Voblasc’", "BY-HO")]
    [InlineData("KZ", "Almaty", "KZ-ALA")]
    [InlineData("KZ", "Almaty Oblysy", "KZ-ALM")]
    [InlineData("KZ", "Almaty Region", "KZ-ALM")]
    [InlineData("KZ", "Mangystau", "KZ-MAN")]
    [InlineData("KZ", "Mangghystau", "KZ-MAN")]
    [InlineData("KZ", "Aktobe", "KZ-AKT")]
    [InlineData("KZ", "Aqtobe", "KZ-AKT")]
    [InlineData("KZ", "Aktyubinskaya Oblast’", "KZ-AKT")]
    [InlineData("KZ", "Nur-Sultan", "KZ-AST")]
    [InlineData("KZ", "Turkistan", "KZ-YUZ")]
    [InlineData("AZ", "Baki", "AZ-BA")]
    [InlineData("AZ", "Shaki City", "AZ-SA")]
    [InlineData("AZ", "Goygol Rayon", "AZ-GYG")]
    [InlineData("IR", "Tehran", "IR-23")]
    [InlineData("IR", "Isfahan", "IR-10")]
    [InlineData("IR", "East Azerbaijan", "IR-03")]
    [InlineData("IR", "Kohgiluyeh and Boyer-Ahmad", "IR-17")]
    [InlineData("RU", "St.-Petersburg", "RU-SPE")]
    [InlineData("RU", "Moscow Oblast", "RU-MOS")]
    [InlineData("RU", "Zabaykalskiy (Transbaikal) Kray", "RU-ZAB")]
    [InlineData("RU", "Leningradskaya Oblast'", "RU-LEN")]
    [InlineData("IN", "Dadra and Nagar Haveli and Daman and Diu", "IN-DH")]
    [InlineData("IN", "Telangana", "IN-TG")]
    [InlineData("MM", "Nay Pyi Taw", "MM-18")]
    [InlineData("ET", "Oromiya", "ET-OR")]
    public void DbipNamesGetTheirIsoCodes(string country, string name, string code)
    {
        Assert.True(Names.TryMatch(CountryCode.Parse(country), name, out var matched), $"{country} {name}: no code");
        Assert.Equal(code, matched);
    }

    [Theory]
    [InlineData("AZ", "Lənkəran")] // AZ-LA, the city, or AZ-LAN, the rayon: both are Lənkəran
    [InlineData("KZ", "Abai Region")] // 2022 regions, not in iso-codes 4.15
    [InlineData("KZ", "Jetisu Region")]
    [InlineData("KZ", "Ulytau Region")]
    [InlineData("RU", "Luhansk")] // DB-IP's RU also holds Ukrainian oblasts, which ISO lists under UA
    [InlineData("RU", "Kharkivs’ka Oblast’")]
    [InlineData("RU", "Crimea")]
    [InlineData("RU", "Sebastopol City")]
    [InlineData("ET", "South Ethiopia Regional State")]
    [InlineData("BY", "Almaty")] // a name is looked up in its own country only
    [InlineData("BY", "")]
    public void NamesOfNoSingleSubdivisionGetNoCode(string country, string name) =>
        Assert.False(Names.TryMatch(CountryCode.Parse(country), name, out var code), $"{country} {name}: {code}");

    [Fact]
    public void NameOfGivesTheEnglishName()
    {
        Assert.Equal("Minsk", Names.NameOf("BY-HM"));
        Assert.Equal("Minsk Region", Names.NameOf("BY-MI"));
        Assert.Equal("Shymkent", Names.NameOf("KZ-SHY"));
        Assert.Null(Names.NameOf("KZ-10"));
    }

    [Fact]
    public void TheTableHoldsEveryFirstLevelSubdivisionOfIsoCodes() => Assert.Equal(3715, Names.Count);

    [Fact]
    public void EverySeedNameOfTheRealFileGetsItsVerifiedCode()
    {
        var verified = VerifiedDbipCodes.All.ToDictionary(entry => (CountryCode.Parse(entry.Country), entry.State), entry => entry.Code);
        foreach (var country in verified.Keys.Select(key => key.Item1).Distinct())
        {
            foreach (var (state, _) in dbip.StatesOf(country))
            {
                Assert.True(verified.TryGetValue((country, state), out var expected), $"{country} \"{state}\" is new in DB-IP's file: check it and add it to VerifiedDbipCodes");
                Names.TryMatch(country, state, out var code);
                Assert.True(expected == code, $"{country} \"{state}\": {code ?? "no code"}, verified {expected ?? "no code"}");
            }
        }
    }

    [Fact]
    public void EveryCodeOfTheRealFileIsASubdivisionOfItsCountry()
    {
        var matched = 0;
        long matchedAddresses = 0;
        foreach (var ((country, state), addresses) in dbip.Addresses)
        {
            if (Names.TryMatch(country, state, out var code))
            {
                matched++;
                matchedAddresses += addresses;
                Assert.StartsWith(country + "-", code, StringComparison.Ordinal);
                Assert.NotNull(Names.NameOf(code));
            }
        }

        output.WriteLine($"{matched} of {dbip.Addresses.Count} distinct (country, state1) pairs got a code, " +
            $"covering {(double)matchedAddresses / dbip.Addresses.Values.Sum():P2} of the IPv4 addresses with a state1");
        Assert.True(matched > dbip.Addresses.Count * 3 / 4, $"only {matched} of {dbip.Addresses.Count} names matched");
    }

    // Floors a little under what the table reaches (December 2026 file): a drop means DB-IP changed
    // its names or the table lost some. Address shares are of the country's IPv4 addresses with a state1.
    [Theory]
    [InlineData("BY", 1.00, 1.00)]
    [InlineData("KZ", 0.85, 0.95)]
    [InlineData("AZ", 0.95, 0.99)]
    [InlineData("RU", 0.93, 0.98)]
    [InlineData("IR", 1.00, 1.00)]
    [InlineData("MM", 0.90, 0.90)]
    [InlineData("ET", 0.75, 0.98)]
    [InlineData("IN", 1.00, 1.00)]
    public void SeedCountriesMatchMostOfTheirNames(string country, double nameShare, double addressShare)
    {
        var states = dbip.StatesOf(CountryCode.Parse(country));
        var matched = states.Where(state => Names.TryMatch(CountryCode.Parse(country), state.State, out _)).ToList();
        var unmatched = states.Except(matched).Select(state => state.State);
        var matchedAddresses = (double)matched.Sum(state => state.Addresses) / states.Sum(state => state.Addresses);
        output.WriteLine($"{country}: {states.Count} names, {matched.Count} matched, {matchedAddresses:P2} of addresses; unmatched: {string.Join(", ", unmatched)}");

        Assert.True((double)matched.Count / states.Count >= nameShare, $"{country}: {matched.Count} of {states.Count} names matched");
        Assert.True(matchedAddresses >= addressShare, $"{country}: {matchedAddresses:P2} of addresses matched");
    }
}
