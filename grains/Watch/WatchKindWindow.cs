namespace Grid.Grains.Watch;

/// <summary>One kind's watch window (<c>Grid:Watch:Kinds:&lt;kind&gt;</c>); an unset end takes <c>Grid:Watch:Before/After</c>.</summary>
public sealed class WatchKindWindow
{
    public TimeSpan? Before { get; set; }

    public TimeSpan? After { get; set; }
}
