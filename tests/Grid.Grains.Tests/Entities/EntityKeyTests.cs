using System.Text.Json;
using Grid.Geography;
using Grid.Grains.Entities;

namespace Grid.Grains.Tests.Entities;

/// <summary>An entity's key is its grain key: <c>BY</c> for a country, <c>AS6697</c> for an autonomous system.</summary>
public sealed class EntityKeyTests
{
    [Fact]
    public void ACountryIsItsUpperCaseCode()
    {
        var belarus = EntityKey.Country(CountryCode.Parse("by"));

        Assert.Equal((EntityKind.Country, "BY"), (belarus.Kind, belarus.Code));
        Assert.Equal("BY", belarus.ToString());
        Assert.Equal(CountryCode.Parse("BY"), belarus.CountryCode);
        Assert.Equal(0u, belarus.Asn);
        Assert.Equal(belarus, EntityKey.Parse("BY"));
        Assert.Equal(belarus, EntityKey.Parse("by"));
    }

    [Fact]
    public void AnAsIsASAndItsNumber()
    {
        var beltelecom = EntityKey.As(6697);

        Assert.Equal((EntityKind.As, "AS6697"), (beltelecom.Kind, beltelecom.Code));
        Assert.Equal("AS6697", beltelecom.ToString());
        Assert.Equal(6697u, beltelecom.Asn);
        Assert.Equal(default, beltelecom.CountryCode);
        Assert.Equal(beltelecom, EntityKey.Parse("AS6697"));
        Assert.Equal(beltelecom, EntityKey.Parse("as6697"));
        Assert.Equal("AS4294967295", EntityKey.As(uint.MaxValue).Code);
    }

    [Fact]
    public void AmericanSamoaIsACountryNotAnAs()
    {
        var samoa = EntityKey.Parse("AS");

        Assert.Equal(EntityKind.Country, samoa.Kind);
        Assert.Equal(CountryCode.Parse("AS"), samoa.CountryCode);
    }

    [Theory]
    [InlineData("AS6697")]
    [InlineData("as6697")]
    [InlineData("6697")]
    [InlineData("AS06697")]
    public void AnAsIsReadAsUsersTypeIt(string text)
    {
        Assert.True(EntityKey.TryParseAs(text, out var key));
        Assert.Equal(EntityKey.As(6697), key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AS")]
    [InlineData("ASX")]
    [InlineData("AS-1")]
    [InlineData(" 6697")]
    [InlineData("99999999999")]
    [InlineData("BY")]
    public void TextThatIsNoAsNumberIsRefused(string? text)
    {
        Assert.False(EntityKey.TryParseAs(text, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6697")]
    [InlineData("B1")]
    [InlineData("BYE")]
    [InlineData("AS12x")]
    [InlineData("AS99999999999")]
    public void TextThatIsNoGrainKeyIsRefused(string? text)
    {
        Assert.False(EntityKey.TryParse(text, out _));
        Assert.Throws<FormatException>(() => EntityKey.Parse(text ?? ""));
    }

    [Theory]
    [InlineData(EntityKind.Country, "country")]
    [InlineData(EntityKind.As, "asn")]
    public void AKindIsNamedOutsideAsTheApiCodfAndMetricsName(EntityKind kind, string name)
    {
        Assert.Equal(name, kind.Name());
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(kind, JsonSerializerOptions.Web));
        Assert.Equal(kind, JsonSerializer.Deserialize<EntityKind>($"\"{name}\"", JsonSerializerOptions.Web));
    }
}
