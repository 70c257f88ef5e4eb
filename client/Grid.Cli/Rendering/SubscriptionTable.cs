using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary><c>grid subscriptions list</c>: where alerts go and which; secrets are never shown by the server.</summary>
internal static class SubscriptionTable
{
    public static Table Create(IEnumerable<Subscription> subscriptions)
    {
        var table = new Table()
            .AddColumn("id")
            .AddColumn("url")
            .AddColumn("countries")
            .AddColumn("asns")
            .AddColumn("regions")
            .AddColumn("min level")
            .AddColumn("election only")
            .AddColumn("format")
            .AddColumn("created");
        foreach (var s in subscriptions)
        {
            table.AddRow(
                new Text(s.Id),
                new Text(s.Url),
                new Text(s.Countries.Length == 0 ? "all" : string.Join(' ', s.Countries)),
                new Text(s.Asns.Length == 0 ? "all" : string.Join(' ', s.Asns.Select(a => $"AS{a}"))),
                // A listed country covers its regions; "all" only where every list is empty.
                new Text(s.Regions is { Length: > 0 } regions ? string.Join(' ', regions) : s.Countries.Length + s.Asns.Length == 0 ? "all" : ""),
                LevelStyle.Markup(s.MinLevel),
                new Text(s.ElectionOnly ? "yes" : "no"),
                new Text(s.Format),
                new Text(Figures.Time(s.CreatedAt)));
        }

        return table;
    }
}
