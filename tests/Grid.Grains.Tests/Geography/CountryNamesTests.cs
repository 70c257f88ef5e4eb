using Grid.Geography;

namespace Grid.Grains.Tests.Geography;

public sealed class CountryNamesTests
{
    [Theory]
    [InlineData("BY", "Belarus")]
    [InlineData("MM", "Myanmar")]
    [InlineData("CI", "Côte d'Ivoire")]
    [InlineData("EU", "European Union")]
    public void NamesAreEnglishShortNames(string code, string name) => Assert.Equal(name, CountryNames.NameOf(CountryCode.Parse(code)));

    [Theory]
    [InlineData("ZZ")]
    [InlineData("XK")]
    [InlineData("QQ")]
    public void CodesThatNameNoCountryHaveNoName(string code) => Assert.Null(CountryNames.NameOf(CountryCode.Parse(code)));

    [Fact]
    public void EveryAssignedCodeIsNamedOnce() =>
        Assert.Equal(CountryNames.AssignedCount + 2, CountryNames.Codes.Distinct().Count());

    [Fact]
    public void EveryCountryInTheSharedDataHasAName() =>
        Assert.DoesNotContain(SharedGeography.Database.Countries, country => CountryNames.NameOf(country) is null);
}
