using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid status [CC]`: every country's level as a table, or one country (or region, `BY-HM`) in
/// detail with its signals' recent history; `--regions` adds a country's regions as a table, under
/// which the region data's attribution is printed, as its licence asks.
/// </summary>
internal sealed class StatusCommand : Command
{
    public StatusCommand(GlobalOptions global)
        : base("status", $"Show every country's level and signals, or one country's or region's in detail. {ApiExitCodes.Help}")
    {
        var country = ApiOptions.CountryOrRegionArgument();
        var level = ApiOptions.Level("Only countries at this level (unknown, normal, warning, critical)");
        var json = ApiOptions.Json();
        var regions = new Option<bool>("--regions") { Description = "With a country: also list its regions (code, name, level, ratios), when the server has region data" };
        Arguments.Add(country);
        Options.Add(level);
        Options.Add(json);
        Options.Add(regions);
        SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, (client, token) =>
            parseResult.GetValue(country) switch
            {
                { Length: > 2 } region => ShowRegionAsync(client, region, parseResult.GetValue(json), token),
                { } cc => ShowCountryAsync(client, cc, parseResult.GetValue(regions), parseResult.GetValue(json), token),
                null => ShowAllAsync(client, parseResult.GetValue(level), parseResult.GetValue(json), token),
            }));
    }

    private static async Task<int> ShowAllAsync(GridClient client, string? level, bool json, CancellationToken cancellationToken)
    {
        var statuses = await client.GetCountriesAsync(level, cancellationToken).ToListAsync(cancellationToken);
        if (json)
        {
            JsonOutput.Write(statuses);
        }
        else
        {
            Terminal.Create().Write(CountryTable.Create(statuses));
        }

        return ApiExitCodes.Success;
    }

    private static async Task<int> ShowCountryAsync(GridClient client, string country, bool withRegions, bool json, CancellationToken cancellationToken)
    {
        var status = await client.GetCountryAsync(country, cancellationToken);
        if (json)
        {
            // The country's answer holds its regions' levels already (when the server has region data).
            JsonOutput.Write(status);
            return ApiExitCodes.Success;
        }

        // The regions' full statuses (with ratios), only when the country's answer says the server has region data.
        var regions = withRegions && status.Regions is not null
            ? await client.GetRegionsAsync(country, cancellationToken: cancellationToken).ToListAsync(cancellationToken)
            : null;

        var history = status.HasData ? await client.GetSignalsAsync(country, cancellationToken: cancellationToken) : null;
        var terminal = Terminal.Create();
        terminal.Write(CountryDetail.Create(status, history));
        if (withRegions)
        {
            if (regions is null)
            {
                await Console.Error.WriteLineAsync($"{client.Server} has no region data: run `grid geo fetch --regions` where it reads Grid:Geo:Dir (or set Grid:Geo:Regions), then restart it.");
            }
            else
            {
                terminal.Write(RegionTable.Create(status.Code, regions, status.Attribution));
            }
        }

        return ApiExitCodes.Success;
    }

    private static async Task<int> ShowRegionAsync(GridClient client, string region, bool json, CancellationToken cancellationToken)
    {
        var status = await client.GetRegionAsync(region, cancellationToken);
        if (json)
        {
            JsonOutput.Write(status);
            return ApiExitCodes.Success;
        }

        var history = status.HasData ? await client.GetRegionSignalsAsync(status.Code, cancellationToken: cancellationToken) : null;
        var terminal = Terminal.Create();
        terminal.Write(CountryDetail.Create(status, history));
        if (status.Attribution is { } attribution)
        {
            terminal.Write(new Spectre.Console.Text(attribution));
        }

        return ApiExitCodes.Success;
    }
}
