using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client;

namespace Grid.Cli.Commands;

/// <summary>`grid status [CC]`: every country's level as a table, or one country in detail with its signals' recent history.</summary>
internal sealed class StatusCommand : Command
{
    public StatusCommand(GlobalOptions global)
        : base("status", $"Show every country's level and signals, or one country's in detail. {ApiExitCodes.Help}")
    {
        var country = ApiOptions.CountryArgument(minimum: 0);
        var level = ApiOptions.Level("Only countries at this level (unknown, normal, warning, critical)");
        var json = ApiOptions.Json();
        Arguments.Add(country);
        Options.Add(level);
        Options.Add(json);
        SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, (client, token) =>
            parseResult.GetValue(country) is { } cc
                ? ShowCountryAsync(client, cc, parseResult.GetValue(json), token)
                : ShowAllAsync(client, parseResult.GetValue(level), parseResult.GetValue(json), token)));
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

    private static async Task<int> ShowCountryAsync(GridClient client, string country, bool json, CancellationToken cancellationToken)
    {
        var status = await client.GetCountryAsync(country, cancellationToken);
        if (json)
        {
            JsonOutput.Write(status);
            return ApiExitCodes.Success;
        }

        var history = status.HasData ? await client.GetSignalsAsync(country, cancellationToken: cancellationToken) : null;
        Terminal.Create().Write(CountryDetail.Create(status, history));
        return ApiExitCodes.Success;
    }
}
