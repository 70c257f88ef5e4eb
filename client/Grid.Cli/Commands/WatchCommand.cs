using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client;
using Grid.Client.Errors;
using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid watch CC`: one country's status, read again every --interval seconds with If-None-Match,
/// so an unchanged status costs a 304. On a terminal the detail view is redrawn in place; piped,
/// a timestamped line is printed per change. Ctrl-C ends it with exit status 0. Its subcommands
/// (<see cref="WatchCalendarCommands"/>) manage the watch calendar; no country code is spelled add, list or remove.
/// </summary>
internal sealed class WatchCommand : Command
{
    public WatchCommand(GlobalOptions global)
        : base("watch", $"Follow one country's status live until Ctrl-C (grid watch CC), or manage the watch calendar (grid watch list|add|remove). {ApiExitCodes.Help}")
    {
        var country = ApiOptions.CountryArgument(minimum: 1);
        var interval = new Option<int>("--interval")
        {
            Description = "Seconds between reads",
            DefaultValueFactory = _ => 5,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                result.AddError("--interval must be 1 to 3600 seconds.");
            }
        });
        Arguments.Add(country);
        Options.Add(interval);
        foreach (var calendar in WatchCalendarCommands.Create(global))
        {
            Subcommands.Add(calendar);
        }

        SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, (client, token) =>
            WatchAsync(client, parseResult.GetValue(country)!, TimeSpan.FromSeconds(parseResult.GetValue(interval)), token)));
    }

    private static async Task<int> WatchAsync(GridClient client, string country, TimeSpan interval, CancellationToken cancellationToken)
    {
        // The first read decides: a wrong code or a missing server fails at once (exit 1).
        var status = await client.GetCountryAsync(country, cancellationToken);
        try
        {
            if (Terminal.IsInteractive)
            {
                await RedrawAsync(client, status, interval, cancellationToken);
            }
            else
            {
                await PrintChangesAsync(client, status, interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C (or SIGTERM) is how a watch ends.
        }

        return ApiExitCodes.Success;
    }

    private static async Task RedrawAsync(GridClient client, EntityStatus first, TimeSpan interval, CancellationToken cancellationToken)
    {
        var console = Terminal.Create();
        await console.Live(CountryDetail.Create(first, null)).StartAsync(async live =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var (status, problem) = await TryReadAsync(client, first.Code, cancellationToken);
                live.UpdateTarget(status is null
                    ? new Markup($"[red]{Markup.Escape(problem!)}[/]")
                    : CountryDetail.Create(status, null));
            }
        });
    }

    private static async Task PrintChangesAsync(GridClient client, EntityStatus first, TimeSpan interval, CancellationToken cancellationToken)
    {
        var last = StatusLine.Of(first);
        Print(last);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var (status, problem) = await TryReadAsync(client, first.Code, cancellationToken);
            if (status is null)
            {
                Console.Error.WriteLine($"grid: {problem}; trying again in {interval.TotalSeconds:0} s");
                continue;
            }

            var line = StatusLine.Of(status);
            if (line != last)
            {
                Print(line);
                last = line;
            }
        }
    }

    /// <summary>After the first read, a failure is shown and the watch goes on: a restarting silo should not end it.</summary>
    private static async Task<(EntityStatus? Status, string? Problem)> TryReadAsync(GridClient client, string country, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetCountryAsync(country, cancellationToken), null);
        }
        catch (Exception ex) when (ex is GridUnreachableException or GridApiException)
        {
            return (null, ex.Message);
        }
    }

    private static void Print(string line)
    {
        Console.Out.WriteLine($"{Figures.Time(DateTimeOffset.UtcNow)} {line}");
        Console.Out.Flush();
    }
}
