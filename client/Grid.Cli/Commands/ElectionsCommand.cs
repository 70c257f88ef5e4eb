using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;

namespace Grid.Cli.Commands;

/// <summary>`grid elections`: the election calendar Grid watches.</summary>
internal sealed class ElectionsCommand : Command
{
    public ElectionsCommand(GlobalOptions global)
        : base("elections", $"List the election calendar and each entry's watch window. {ApiExitCodes.Help}")
    {
        var country = ApiOptions.Country();
        var upcoming = new Option<bool>("--upcoming") { Description = "Only elections whose watch window has not ended" };
        var json = ApiOptions.Json();
        Options.Add(country);
        Options.Add(upcoming);
        Options.Add(json);
        SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
        {
            var now = DateTimeOffset.UtcNow;
            var elections = (await client.GetElectionsAsync(parseResult.GetValue(country), token).ToListAsync(token))
                .Where(e => !parseResult.GetValue(upcoming) || e.WatchUntil >= now)
                .OrderBy(e => e.Date)
                .ThenBy(e => e.Country, StringComparer.Ordinal)
                .ToList();
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(elections);
            }
            else
            {
                Terminal.Create().Write(ElectionTable.Create(elections));
            }

            return ApiExitCodes.Success;
        }));
    }
}
