using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Watch;

/// <summary>An API silo with a small calendar cap and body limit, so the bounds are checked with a few entries, scoring risks from the shared STOP file.</summary>
public sealed class WatchSilo : ApiSilo
{
    public const int MaxEntries = 60;
    public const int MaxBodyBytes = 64 * 1024;

    protected override IReadOnlyDictionary<string, string?>? Extra => new Dictionary<string, string?>
    {
        ["Grid__Watch__MaxEntries"] = MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Grid__Watch__MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Grid__Watch__Stop"] = Grid.Testing.Data.SharedData.PathOf("shutdowns", "accessnow-stop-2016-2022.normalized.csv"),
    };
}
