using System.Globalization;
using System.Text;
using System.Text.Json;
using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Grid.Grains.Text;

namespace Grid.Silo.Api.V1.Signals;

/// <summary>
/// Reads a body of <c>POST /v1/signals</c>: JSON (<c>{"points":[…]}</c> or an array of
/// <c>{"time","entity","signal","value"}</c>) or CSV with the header <c>time,entity,signal,value</c>
/// (as <c>grid backtest</c> reads series). Each item is checked on its own; an item's index is its
/// position in the array, or its data row in the CSV (0 is the row after the header).
/// </summary>
internal static class SignalBatch
{
    public sealed record Item(int Index, EntityKey Entity, NamedSignalPoint Point);

    /// <summary>
    /// What one request may cost: points read, entities called (each a grain call, a new one an
    /// activation), and steps of <see cref="Step"/> judged (an entity's points are judged step by step
    /// from the first to the last, so a few points centuries apart would cost more than a year of them).
    /// A point later than <see cref="MaxClockSkew"/> ahead of this server's clock is refused: it would
    /// move its entity's clock past every real point to come.
    /// </summary>
    public sealed record Limits(int MaxPoints, int MaxEntities, long MaxSteps, TimeSpan Step, TimeSpan MaxClockSkew);

    /// <summary>
    /// Keeps the points read that this request may judge: not in the future, within the entity and
    /// step limits; refuses the others with their reasons.
    /// </summary>
    public static List<Item> Judge(List<Item> read, Refusals refused, DateTimeOffset now, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(limits);
        var timely = new List<Item>(read.Count);
        foreach (var item in read)
        {
            if (item.Point.At > now + limits.MaxClockSkew)
            {
                refused.Add(item.Index, $"{item.Point.At:u} is in the future (this server's clock says {now:u})");
            }
            else
            {
                timely.Add(item);
            }
        }

        var items = new List<Item>(timely.Count);
        long steps = 0;
        var entities = 0;
        // Entities in the order the batch names them; each is kept or refused whole.
        foreach (var entity in timely.GroupBy(i => i.Entity))
        {
            var span = entity.Max(i => i.Point.At) - entity.Min(i => i.Point.At);
            var cost = (span.Ticks / limits.Step.Ticks) + 1;
            if (entities == limits.MaxEntities)
            {
                foreach (var i in entity)
                {
                    refused.Add(i.Index, $"the batch names more than {limits.MaxEntities:N0} entities: send {SeriesEntity.Location(i.Entity)} in another request");
                }
            }
            else if (steps + cost > limits.MaxSteps)
            {
                foreach (var i in entity)
                {
                    refused.Add(i.Index, $"judging {SeriesEntity.Location(i.Entity)}'s {span:c} would take this request past {limits.MaxSteps:N0} steps of Grid:Signals:Step: send it in another request, or fewer days at a time");
                }
            }
            else
            {
                entities++;
                steps += cost;
                items.AddRange(entity);
            }
        }

        return items;
    }

    /// <summary>Reads a CSV body (time,entity,signal,value), at most <paramref name="maxPoints"/> rows.</summary>
    public static void ReadCsv(Stream body, List<Item> items, Refusals refused, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(refused);
        var problems = new List<InputProblem>();
        var lines = new List<long>();
        using var reader = new StreamReader(body, Encoding.UTF8, leaveOpen: true);
        var points = SeriesCsv.Read(reader, "body", problems, lines, maxRows: maxPoints);
        for (var i = 0; i < points.Count; i++)
        {
            items.Add(new Item((int)(lines[i] - 2), points[i].Entity, new NamedSignalPoint(points[i].At, points[i].Signal, points[i].Value)));
        }

        // Line 1 is the header: a problem there is the whole body's, given as item -1.
        foreach (var p in problems)
        {
            refused.Add((int)(p.Line - 2), p.Problem);
        }
    }

    /// <summary>The JSON items of a body (<c>{"points":[…]}</c>, an array, or JSON lines), read as they arrive.</summary>
    public static JsonItemStream JsonItems(int maxPoints) => new("points", maxPoints, JsonItemStream.DefaultMaxItemBytes);

    /// <summary>Checks one JSON item; a bad one is refused alone, whatever is wrong with it.</summary>
    public static void Take(int index, JsonElement element, List<Item> items, Refusals refused)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(refused);
        string problem;
        try
        {
            if (Check(element, out var item, out problem, index))
            {
                items.Add(item);
                return;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            problem = $"{Unreadable} ({e.Message}): send {{\"time\",\"entity\",\"signal\",\"value\"}}";
        }

        refused.Add(index, problem);
    }

    /// <summary>Points past the limit were not read: one refusal says so.</summary>
    public static void Finish(JsonItemStream stream, Refusals refused, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(refused);
        if (stream.Truncated)
        {
            refused.Add(maxPoints, $"more than {maxPoints:N0} points: this one and the ones after it were not read; send them in another request");
        }
    }

    /// <summary>What the safety net answers for a point whose reading threw: a fault of the intake, never of the sender alone.</summary>
    public const string Unreadable = "the point could not be read";

    private static bool Check(JsonElement element, out Item item, out string problem, int index)
    {
        item = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "an item is an object {\"time\",\"entity\",\"signal\",\"value\"}";
            return false;
        }

        string? Text(string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        DateTimeOffset at = default;
        var timeOk = element.TryGetProperty("time", out var time) && time.ValueKind switch
        {
            JsonValueKind.String => SeriesCsv.TryParseTime(time.GetString()!, out at),
            JsonValueKind.Number => SeriesCsv.TryParseTime(time.GetRawText(), out at),
            _ => false,
        };
        if (!timeOk)
        {
            problem = "'time' must be ISO 8601 (UTC unless it carries an offset) or Unix seconds";
            return false;
        }

        if (!SeriesEntity.TryParse(Text("entity") ?? "", out var entity, out problem))
        {
            return false;
        }

        var signal = Text("signal") ?? "";
        if (SeriesCsv.SignalProblem(signal) is { } bad)
        {
            problem = bad;
            return false;
        }

        if (!element.TryGetProperty("value", out var raw) || raw.ValueKind != JsonValueKind.Number || !raw.TryGetDouble(out var number) || SeriesCsv.Count(number) is not { } value)
        {
            problem = "'value' must be a number";
            return false;
        }

        item = new Item(index, entity, new NamedSignalPoint(at, signal, value));
        problem = "";
        return true;
    }
}
