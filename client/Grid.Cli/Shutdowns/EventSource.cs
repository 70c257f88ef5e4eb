using System.Text.Json;
using Grid.Cli.Backtesting;
using Grid.Client;
using Grid.Client.Model;
using Grid.Geography;
using Grid.Grains.Backtesting;
using Grid.Grains.Detection;
using OutageEvent = Grid.Client.Model.OutageEvent;
using Grid.Grains.Shutdowns;
using Grid.Grains.Text;

namespace Grid.Cli.Shutdowns;

/// <summary>
/// Where <c>grid stop</c> takes Grid's events from: a silo's <c>GET /v1/events</c> (every page),
/// or a file of CODF JSON lines as <c>grid backtest --json</c> prints them. Either way an event
/// becomes an <see cref="ObservedOutage"/>; a line that is not an event is named and left out.
/// </summary>
internal static class EventSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<List<ObservedOutage>> FromServerAsync(GridClient client, EventFilter filter, List<InputProblem> problems, CancellationToken cancellationToken)
    {
        var outages = new List<ObservedOutage>();
        var progress = new ReadingProgress("events from the server");
        await foreach (var item in client.GetEventsAsync(filter, cancellationToken))
        {
            Add(item, "GET /v1/events", outages.Count + problems.Count + 1, outages, problems);
            progress.Report(outages.Count);
        }

        progress.Finish(outages.Count);
        return outages;
    }

    public static List<ObservedOutage> FromFile(string file, List<InputProblem> problems)
    {
        using var reader = new StreamReader(BacktestInputs.Open(file));
        var outages = new List<ObservedOutage>();
        var progress = new ReadingProgress($"events from {file}");
        long number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            OutageEvent? item;
            try
            {
                item = JsonSerializer.Deserialize<OutageEvent>(line, Json);
            }
            catch (JsonException e)
            {
                problems.Add(new InputProblem(file, number, $"not a CODF event as grid backtest --json prints one ({e.Message})"));
                continue;
            }

            Add(item, file, number, outages, problems);
            progress.Report(outages.Count);
        }

        progress.Finish(outages.Count);
        return outages;
    }

    private static void Add(OutageEvent? item, string source, long number, List<ObservedOutage> outages, List<InputProblem> problems)
    {
        if (item?.Location is null)
        {
            problems.Add(new InputProblem(source, number, "the event has no location (country/BY, region/MM-BAGO, asn/6697)"));
            return;
        }

        if (!SeriesEntity.TryParse(item.Location, out var key, out var problem))
        {
            problems.Add(new InputProblem(source, number, problem));
            return;
        }

        var country = item.Country is { } code && CountryCode.TryParse(code, out var parsed) ? parsed
            : key.Kind == Grid.Grains.Entities.EntityKind.Country ? key.CountryCode
            : key.Kind == Grid.Grains.Entities.EntityKind.Region ? key.RegionCountry
            : CountryCode.Unknown;
        _ = DetectionLevelExtensions.TryParseLevel(item.Level, out var level);
        outages.Add(new ObservedOutage(
            item.Id ?? "",
            key,
            country,
            item.Name,
            item.StartTime,
            item.EndTime,
            level,
            item.Fraction,
            item.Election,
            item.Mechanism is { Length: > 0 } mechanism ? mechanism : ObservedOutage.UnknownMechanism));
    }
}
