using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client.Model;

namespace Grid.Cli.Commands;

/// <summary>`grid events`: outage events, newest first, across every page the server has.</summary>
internal sealed class EventsCommand : Command
{
    public EventsCommand(GlobalOptions global)
        : base("events", $"List outage events of countries and ASes, newest first. {ApiExitCodes.Help}")
    {
        var country = ApiOptions.Country();
        var open = new Option<bool>("--open") { Description = "Only events still active" };
        var level = ApiOptions.Level("Only events that reached this level (warning or critical)");
        var limit = new Option<int?>("--limit") { Description = "Stop after this many events" };
        var json = ApiOptions.Json();
        Options.Add(country);
        Options.Add(open);
        Options.Add(level);
        Options.Add(limit);
        Options.Add(json);
        SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
        {
            var events = client.GetEventsAsync(new EventFilter(Country: parseResult.GetValue(country), Level: parseResult.GetValue(level)), token);
            // The API has no "still active" filter: active events are picked out here, from every page.
            if (parseResult.GetValue(open))
            {
                events = events.Where(e => e.IsActive);
            }

            if (parseResult.GetValue(limit) is { } most)
            {
                events = events.Take(most);
            }

            var list = await events.ToListAsync(token);
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(list);
            }
            else
            {
                Terminal.Create().Write(EventTable.Create(list));
            }

            return ApiExitCodes.Success;
        }));
    }
}
