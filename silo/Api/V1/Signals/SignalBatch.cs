using System.Globalization;
using System.Text;
using System.Text.Json;
using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Grains.Signals;

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

    public static (List<Item> Items, List<RefusedItem> Refused) Read(MemoryStream body, bool csv, DateTimeOffset now, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var read = new List<Item>();
        var refused = new List<RefusedItem>();
        if (csv)
        {
            ReadCsv(body, read, refused, limits.MaxPoints);
        }
        else
        {
            ReadJson(body, read, refused, limits.MaxPoints);
        }

        var timely = new List<Item>(read.Count);
        foreach (var item in read)
        {
            if (item.Point.At > now + limits.MaxClockSkew)
            {
                refused.Add(new RefusedItem(item.Index, $"{item.Point.At:u} is in the future (this server's clock says {now:u})"));
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
                refused.AddRange(entity.Select(i => new RefusedItem(i.Index, $"the batch names more than {limits.MaxEntities:N0} entities: send {SeriesEntity.Location(i.Entity)} in another request")));
            }
            else if (steps + cost > limits.MaxSteps)
            {
                refused.AddRange(entity.Select(i => new RefusedItem(i.Index, $"judging {SeriesEntity.Location(i.Entity)}'s {span:c} would take this request past {limits.MaxSteps:N0} steps of Grid:Signals:Step: send it in another request, or fewer days at a time")));
            }
            else
            {
                entities++;
                steps += cost;
                items.AddRange(entity);
            }
        }

        return (items, refused);
    }

    private static void ReadCsv(MemoryStream body, List<Item> items, List<RefusedItem> refused, int maxPoints)
    {
        var problems = new List<InputProblem>();
        var lines = new List<long>();
        using var reader = new StreamReader(body, Encoding.UTF8, leaveOpen: true);
        var points = SeriesCsv.Read(reader, "body", problems, lines, maxRows: maxPoints);
        for (var i = 0; i < points.Count; i++)
        {
            items.Add(new Item((int)(lines[i] - 2), points[i].Entity, new NamedSignalPoint(points[i].At, points[i].Signal, points[i].Value)));
        }

        // Line 1 is the header: a problem there is the whole body's, given as item -1.
        refused.AddRange(problems.Select(p => new RefusedItem((int)(p.Line - 2), p.Problem)));
    }

    private static void ReadJson(MemoryStream body, List<Item> items, List<RefusedItem> refused, int maxPoints)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException e)
        {
            refused.Add(new RefusedItem(-1, $"the body is not JSON ({e.Message}); send {{\"points\":[{{\"time\":\"2021-02-15T01:00:00Z\",\"entity\":\"country/MM\",\"signal\":\"answers\",\"value\":5}}]}} or CSV with Content-Type: text/csv"));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var array = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("points", out var points) && points.ValueKind == JsonValueKind.Array ? points
                : (JsonElement?)null;
            if (array is not { } list)
            {
                refused.Add(new RefusedItem(-1, "the body holds no points: send {\"points\":[…]} or a JSON array of {\"time\",\"entity\",\"signal\",\"value\"}"));
                return;
            }

            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var position = index++;
                if (position == maxPoints)
                {
                    refused.Add(new RefusedItem(position, $"more than {maxPoints:N0} points: this one and the ones after it were not read; send them in another request"));
                    break;
                }

                if (Check(element, out var item, out var problem, position))
                {
                    items.Add(item);
                }
                else
                {
                    refused.Add(new RefusedItem(position, problem));
                }
            }
        }
    }

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
