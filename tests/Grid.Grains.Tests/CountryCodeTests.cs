using Grid.Geography;

namespace Grid.Grains.Tests;

public sealed class CountryCodeTests
{
    [Theory]
    [InlineData("BY", "BY")]
    [InlineData("mm", "MM")]
    [InlineData("Kz", "KZ")]
    public void ParsesEitherCaseToUpper(string text, string expected) => Assert.Equal(expected, CountryCode.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("B")]
    [InlineData("BYE")]
    [InlineData("B1")]
    [InlineData("ÄÖ")]
    public void RejectsWhatIsNotTwoLetters(string text) => Assert.False(CountryCode.TryParse(text, out _));

    [Fact]
    public void UnknownSpaceIsZZ() => Assert.Equal("ZZ", CountryCode.Unknown.ToString());
}
