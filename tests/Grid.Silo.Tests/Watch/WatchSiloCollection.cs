namespace Grid.Silo.Tests.Watch;

/// <summary>One <see cref="WatchSilo"/> for the calendar's API and iCalendar tests: one silo start, not two.</summary>
[CollectionDefinition(Name)]
public sealed class WatchSiloCollection : ICollectionFixture<WatchSilo>
{
    public const string Name = "watch silo";
}
