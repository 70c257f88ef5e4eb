using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Watch;

/// <summary>An API silo whose <c>Grid:Watch:Stop</c> is set to nothing (<c>Grid__Watch__Stop=</c>), as a manifest that blanks a setting leaves it.</summary>
public sealed class BlankStopSilo : ApiSilo
{
    protected override IReadOnlyDictionary<string, string?>? Extra => new Dictionary<string, string?>
    {
        ["Grid__Watch__Stop"] = "",
    };
}
