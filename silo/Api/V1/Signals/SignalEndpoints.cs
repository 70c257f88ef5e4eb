using Grid.Geography;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Grid.Silo.Api.Auth;
using Grid.Silo.Feeds.Probing;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1.Signals;

/// <summary><c>POST /v1/signals</c> (scope <c>ingest</c>): timestamped points of any named signal, judged on their own time.</summary>
public static class SignalEndpoints
{
    /// <summary>Bodies above this are refused whole (413): 100,000 points of CSV are about 5 MB.</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <summary>Points past this in one request are refused one by one (the first ones stand).</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Entities one request may name: each is a grain call, a new one an activation.</summary>
    public const int MaxEntities = 10_000;

    /// <summary>
    /// Steps judged for one request at most, summed over its entities (a year of minutes is 525,600):
    /// a few seconds of a silo's CPU, whatever the points' times.
    /// </summary>
    public const long MaxSteps = 2_000_000;

    /// <summary>Entity calls in flight for one request: a batch for 10,000 ASes must not take every thread of the silo.</summary>
    private const int CallsInFlight = 32;

    public static WebApplication MapGridSignals(this WebApplication app)
    {
        app.MapPost("/v1/signals", PostSignals).RequireScope(ApiScopes.Ingest)
            .WithTags("Signals")
            .WithSummary("Submit timestamped points of any named signal")
            .WithDescription("JSON ({\"points\":[{\"time\",\"entity\",\"signal\",\"value\"}]} or an array of them) or CSV (Content-Type: text/csv, header time,entity,signal,value). Entities are country/CC, region/CC-NAME or asn/ASn; each point is judged on its own time, in time order per entity, as `grid backtest` judges a series. A point more than Grid:Signals:MaxLateness behind its entity's clock is refused with its reason; 200 lists the refused ones, 422 when none was kept. Points more than Grid:Probing:MaxClockSkew in the future are refused. 32 MB, 100,000 points, 10,000 entities and 2,000,000 judged steps (each entity's first to last point, in Grid:Signals:Step) at most.")
            .Accepts<System.Text.Json.JsonElement>("application/json", "text/csv")
            .Produces<IntakeResponse>().Produces<IntakeResponse>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> PostSignals(HttpRequest request, IGrainFactory grains, IGeography geography, IOptions<SignalOptions> signals, IOptions<ProbingOptions> probing)
    {
        var csv = request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var read = new List<SignalBatch.Item>();
        var refused = new Refusals();
        const string split = "split the points into several requests";
        if (csv)
        {
            if (await ReadCsvAsync(request, read, refused) is false)
            {
                return IntakeBody.TooLarge(MaxBodyBytes, split);
            }
        }
        else
        {
            var stream = SignalBatch.JsonItems(MaxPoints);
            if (await IntakeBody.ReadItemsAsync(request, stream, (index, item) => SignalBatch.Take(index, item, read, refused), refused.Add, MaxBodyBytes, split) is { } tooLarge)
            {
                return tooLarge;
            }

            SignalBatch.Finish(stream, refused, MaxPoints);
        }

        var limits = new SignalBatch.Limits(MaxPoints, MaxEntities, MaxSteps, signals.Value.Step, probing.Value.MaxClockSkew);
        var items = SignalBatch.Judge(read, refused, DateTimeOffset.UtcNow, limits);
        var accepted = 0;
        using var gate = new SemaphoreSlim(CallsInFlight);
        // A region named by its name goes to the region the BGP and probe counts reach (MM-BAGO → MM-07).
        var regions = geography.Regions;
        var calls = items.GroupBy(i => i.Entity.Kind == EntityKind.Region && regions?.Resolve(i.Entity.Code) is { } region && EntityKey.TryRegion(region.Code, out var canonical) ? canonical : i.Entity).Select(async entity =>
        {
            var batch = entity.ToArray();
            await gate.WaitAsync(request.HttpContext.RequestAborted);
            try
            {
                var reasons = await grains.Entity(entity.Key).RecordSignals([.. batch.Select(i => i.Point)]);
                return batch.Select((item, i) => (item.Index, Reason: reasons[i])).ToArray();
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();

        foreach (var outcome in await Task.WhenAll(calls))
        {
            foreach (var (index, reason) in outcome)
            {
                if (reason is null)
                {
                    accepted++;
                }
                else
                {
                    refused.Add(new RefusedItem(index, reason));
                }
            }
        }

        return new IntakeResponse(accepted, refused).ToResult();
    }

    /// <summary>
    /// A CSV body is held whole (at most 32 MB of text, no parse tree) and read row by row; false when it is too large.
    /// </summary>
    private static async Task<bool> ReadCsvAsync(HttpRequest request, List<SignalBatch.Item> read, Refusals refused)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return false;
        }

        using var body = new MemoryStream();
        try
        {
            await IntakeBody.Limited(request, MaxBodyBytes).CopyToAsync(body, request.HttpContext.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            return false;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }

        body.Position = 0;
        SignalBatch.ReadCsv(body, read, refused, MaxPoints);
        return true;
    }
}
