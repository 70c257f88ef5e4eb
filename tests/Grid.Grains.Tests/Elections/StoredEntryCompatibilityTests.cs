using Grid.Grains.Elections;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grid.Grains.Tests.Elections;

/// <summary>
/// A calendar stored before the watch kinds came (an entry of four fields, ids 0–3) still loads:
/// its entries read as one-day country elections with the election window.
/// </summary>
public sealed class StoredEntryCompatibilityTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(ElectionEntry).Assembly).AddAssembly(typeof(StoredEntryCompatibilityTests).Assembly))
        .BuildServiceProvider();

    [Fact]
    public void AnEntryWrittenWithTheFourOriginalFieldsReadsAsAnElection()
    {
        var serializer = Services.GetRequiredService<Serializer>();
        var bytes = serializer.SerializeToArray(new EntryBeforeKinds("BY", new DateOnly(2020, 8, 9), "Election for President", "electionguide"));

        var entry = serializer.Deserialize<ElectionEntry>(bytes)!;

        Assert.Equal(new ElectionEntry("BY", new DateOnly(2020, 8, 9), "Election for President", "electionguide"), entry);
        Assert.Equal("election", entry.WatchKind);
        Assert.Null(entry.Region);
        Assert.Equal(entry.Date, entry.LastDay);
        var windows = new ElectionOptions();
        Assert.Equal(new DateTimeOffset(2020, 8, 6, 0, 0, 0, TimeSpan.Zero), windows.WatchFrom(entry));
        Assert.Equal(new DateTimeOffset(2020, 8, 17, 0, 0, 0, TimeSpan.Zero), windows.WatchUntil(entry));
        Assert.Equal("BY-2020-08-09-" + new ElectionEntry("BY", new DateOnly(2020, 8, 9), "Election for President", "x").Id[^8..], entry.Id);
    }
}

/// <summary>The shape <see cref="ElectionEntry"/> had before the watch kinds, field for field.</summary>
[GenerateSerializer, Alias("grid.test.EntryBeforeKinds")]
public sealed record EntryBeforeKinds([property: Id(0)] string Country, [property: Id(1)] DateOnly Date, [property: Id(2)] string Type, [property: Id(3)] string Source);
