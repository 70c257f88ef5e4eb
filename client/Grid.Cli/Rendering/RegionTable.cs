using Grid.Client.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Grid.Cli.Rendering;

/// <summary>
/// <c>grid status CC --regions</c>: the country's regions as <see cref="CountryTable"/> shows
/// countries, then the region data's attribution, which its licence (DB-IP, CC BY 4.0) asks to be
/// shown wherever the regions are.
/// </summary>
internal static class RegionTable
{
    public static IRenderable Create(string country, IReadOnlyCollection<EntityStatus> regions, string? attribution)
    {
        var rows = new List<IRenderable>
        {
            new Text(""),
            new Markup($"[bold]regions of {Markup.Escape(country)}[/] ({regions.Count})"),
            regions.Count == 0 ? new Text("The region data places no address space in this country.") : CountryTable.Create(regions),
        };
        if ((attribution ?? regions.Select(r => r.Attribution).FirstOrDefault(a => a is not null)) is { } source)
        {
            rows.Add(new Text(source));
        }

        return new Rows(rows);
    }
}
