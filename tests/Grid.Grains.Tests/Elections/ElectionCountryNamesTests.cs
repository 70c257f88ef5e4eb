using Grid.Geography;
using Grid.Grains.Elections;

namespace Grid.Grains.Tests.Elections;

/// <summary>Which two-letter codes a calendar entry may name: only those of a place, so none is stored that no country Grid watches would ever match.</summary>
public sealed class ElectionCountryNamesTests
{
    [Theory]
    [InlineData("BY", "BY")]
    [InlineData("by", "BY")]
    [InlineData("XK", "XK")] // Kosovo: not in ISO 3166-1, used by the RIRs and by ElectionGuide
    [InlineData("XA", "XA")] // user-assigned: the labs' pretend countries
    [InlineData("UK", "GB")] // reserved for the United Kingdom, whose code is GB
    [InlineData("Republic of Belarus", "BY")]
    public void ACodeOfAPlaceIsTaken(string text, string code)
    {
        Assert.True(ElectionCountryNames.TryMap(text, out var mapped));
        Assert.Equal(CountryCode.Parse(code), mapped);
    }

    [Theory]
    [InlineData("YY")]
    [InlineData("OO")]
    public void ATwoLetterCodeOfNoPlaceIsNotTaken(string text) => Assert.False(ElectionCountryNames.TryMap(text, out _));
}
