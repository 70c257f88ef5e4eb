using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client.Model;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid watch add|list|remove`: the watch calendar, as subcommands of `grid watch`. `grid watch CC`
/// (follow a country) stays: a two-letter code never reads as add, list or remove.
/// </summary>
internal static class WatchCalendarCommands
{
    private const string Scope = "admin";

    public static IEnumerable<Command> Create(GlobalOptions global) => [List(global), Add(global), Remove(global)];

    private static Command List(GlobalOptions global)
    {
        var upcoming = new Option<int?>("--upcoming") { Description = "Only entries whose window has not ended and opens within this many days (e.g. 90)" };
        upcoming.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 3650)
            {
                result.AddError("--upcoming must be 1 to 3650 days.");
            }
        });
        var country = ApiOptions.Country();
        var kind = new Option<string?>("--kind") { Description = "Only this kind: election, exam, protest, referendum or other" };
        var json = ApiOptions.Json();
        var command = new Command("list", $"List the watch calendar by date, with each entry's window and risk. {ApiExitCodes.Help}") { upcoming, country, kind, json };
        command.SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
        {
            var entries = await client.GetWatchAsync(new WatchFilter(parseResult.GetValue(upcoming), parseResult.GetValue(country), parseResult.GetValue(kind)), token).ToListAsync(token);
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(entries);
            }
            else
            {
                Terminal.Create().Write(WatchTable.Create(entries));
            }

            return ApiExitCodes.Success;
        }));
        return command;
    }

    private static Command Add(GlobalOptions global)
    {
        var kind = new Option<string>("--kind") { Description = "election, exam, protest, referendum or other", Required = true };
        var country = new Option<string?>("--country") { Description = "ISO code (IQ) or name (Iraq)" };
        var region = new Option<string?>("--region") { Description = "A region instead of a whole country, e.g. KZ-MAN" };
        var start = new Option<string>("--start") { Description = "First day, e.g. 2026-06-14", Required = true };
        var end = new Option<string?>("--end") { Description = "Last day, for an entry of several days" };
        var title = new Option<string?>("--title") { Description = "What happens (e.g. Ministerial exams, grade 12)" };
        var source = new Option<string?>("--source") { Description = "Where the date comes from" };
        var before = new Option<int?>("--before-days") { Description = "The entry's own lead before its first day (default: its kind's)" };
        var after = new Option<int?>("--after-days") { Description = "The entry's own tail after its last day (default: its kind's)" };
        var command = new Command("add", $"Add an entry to the watch calendar and print its id. {ApiExitCodes.Help}") { kind, country, region, start, end, title, source, before, after };
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (!ServerSession.RequireKey(parseResult, global, Scope))
            {
                return Task.FromResult(ApiExitCodes.Failed);
            }

            if ((parseResult.GetValue(country) is null) == (parseResult.GetValue(region) is null))
            {
                return Task.FromResult(ServerSession.Fail("give --country (IQ, Iraq) or --region (KZ-MAN), one of them."));
            }

            return ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
            {
                var entry = new NewWatchEntry(parseResult.GetValue(kind)!, parseResult.GetValue(country), parseResult.GetValue(region), parseResult.GetValue(start)!,
                    parseResult.GetValue(end), parseResult.GetValue(title), parseResult.GetValue(source) ?? "cli", parseResult.GetValue(before), parseResult.GetValue(after));
                var import = await client.AddWatchAsync([entry], token);
                if (import.UnmappedCountries.Length > 0)
                {
                    return ServerSession.Fail($"no country is known by the name '{import.UnmappedCountries[0]}': give its ISO code (e.g. IQ).");
                }

                // The id is the server's (place, day, hash of kind and title): read it back rather than compute it here.
                var place = (parseResult.GetValue(region) ?? parseResult.GetValue(country))!.Trim();
                var cc = place.Length == 2 || (place.Length > 3 && place[2] == '-') ? place[..2] : null;
                var listed = await client.GetWatchAsync(new WatchFilter(Country: cc, Kind: parseResult.GetValue(kind)), token)
                    .Where(e => e.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == parseResult.GetValue(start)!.Trim()
                        && e.Title == (parseResult.GetValue(title)?.Trim() ?? e.Kind))
                    .ToListAsync(token);
                Console.Out.WriteLine(import.Added == 0 ? $"already held: {string.Join(' ', listed.Select(e => e.Id))}" : string.Join(' ', listed.Select(e => e.Id)));
                return ApiExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Remove(GlobalOptions global)
    {
        var id = new Argument<string>("ID") { Description = "The entry's id, as `grid watch list` shows it" };
        var command = new Command("remove", $"Remove an entry from the watch calendar. {ApiExitCodes.Help}") { id };
        command.SetAction((parseResult, cancellationToken) => !ServerSession.RequireKey(parseResult, global, Scope)
            ? Task.FromResult(ApiExitCodes.Failed)
            : ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
            {
                await client.DeleteWatchAsync(parseResult.GetValue(id)!, token);
                Console.Out.WriteLine($"removed {parseResult.GetValue(id)}");
                return ApiExitCodes.Success;
            }));
        return command;
    }
}
