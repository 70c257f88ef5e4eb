using System.CommandLine;
using System.Globalization;
using Grid.Cli.Api;
using Grid.Cli.Backtesting;
using Grid.Cli.Shutdowns;
using Grid.Client.Model;
using Grid.Grains.Shutdowns;
using Grid.Grains.Text;

namespace Grid.Cli.Commands;

/// <summary>
/// Where <c>grid stop</c>'s commands take Grid's events from (a server's <c>GET /v1/events</c>, or
/// <c>--events FILE</c> of <c>grid backtest --json</c> lines) and which (<c>--cc</c>, <c>--from</c>, <c>--to</c>).
/// </summary>
internal sealed class StopEventOptions
{
    public const string Help = "Exit status: 0 success; 1 no events could be read (the server is unreachable or refused, a file is missing or unreadable); 2 lines or rows were left out (named on standard error; the rest was used).";

    public Option<string?> Events { get; } = new("--events") { Description = "Read the events from this file of CODF JSON lines, as grid backtest --json prints them, instead of the server's GET /v1/events" };

    public Option<string?> Country { get; } = ApiOptions.Country();

    public Option<DateOnly?> From { get; } = DateOption("--from", "The first day (UTC, 2021-02-01)");

    public Option<DateOnly?> To { get; } = DateOption("--to", "The last day (UTC, 2021-05-14)");

    public void AddTo(Command command)
    {
        command.Options.Add(Events);
        command.Options.Add(Country);
        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>Reads the events, keeps those of the country and days asked for, and runs <paramref name="then"/> with them and any problems.</summary>
    public Task<int> RunAsync(ParseResult parseResult, GlobalOptions global, CancellationToken cancellationToken, Func<List<ObservedOutage>, List<InputProblem>, int> then)
    {
        var problems = new List<InputProblem>();
        var country = parseResult.GetValue(Country);
        var from = parseResult.GetValue(From);
        var to = parseResult.GetValue(To);
        if (from is { } first && to is { } last && last < first)
        {
            return Task.FromResult(ServerSession.Fail(string.Create(CultureInfo.InvariantCulture, $"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}")));
        }

        List<ObservedOutage> Keep(List<ObservedOutage> all) => [.. all.Where(e =>
            (country is null || e.Country.ToString() == country)
            && (from is null || (e.End ?? DateTimeOffset.MaxValue) >= Day(from.Value))
            && (to is null || e.Start < Day(to.Value.AddDays(1))))];

        if (parseResult.GetValue(Events) is { } file)
        {
            if (!File.Exists(file))
            {
                return Task.FromResult(ServerSession.Fail($"{file}: no such file; write one with grid backtest --json > {file}"));
            }

            try
            {
                return Task.FromResult(then(Keep(EventSource.FromFile(file, problems)), problems));
            }
            catch (UnreadableInputException e)
            {
                return Task.FromResult(ServerSession.Fail(e.Message));
            }
        }

        var filter = new EventFilter(Country: country, From: from is { } since ? Day(since) : null, Until: to is { } until ? Day(until.AddDays(1)) : null);
        return ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
            then(Keep(await EventSource.FromServerAsync(client, filter, problems, token)), problems));
    }

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static readonly DateOnly FirstDay = new(1900, 1, 1);
    private static readonly DateOnly LastDay = new(2100, 12, 31);

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            // The days STOP's rows can hold: 9999-12-31 ("no end") would overflow the day after the range.
            if (DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= FirstDay && day <= LastDay)
            {
                return day;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a day from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd} written as 2021-02-14, not '{result.Tokens[0].Value}'."));
            return null;
        },
    };
}
