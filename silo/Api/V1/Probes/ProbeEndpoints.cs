using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Silo.Api.Auth;
using Grid.Silo.Feeds.Probing;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1.Probes;

/// <summary><c>POST /v1/probes/results</c> (outside vantage points, scope <c>ingest</c>) and <c>GET /v1/probes/status</c>.</summary>
public static class ProbeEndpoints
{
    /// <summary>Bodies above this are refused whole (413); a batch of 10,000 Atlas results is about 5 MB.</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    public static WebApplication MapGridProbes(this WebApplication app)
    {
        app.MapPost("/v1/probes/results", PostResults).RequireScope(ApiScopes.Ingest)
            .WithTags("Probing")
            .WithSummary("Submit probe results from an outside vantage point")
            .WithDescription("A batch of Grid's own result format or RIPE Atlas ping results (JSON array), taken by any silo to the probe shards of its blocks. Items are checked one by one: 200 lists the refused ones, 422 when none was kept. 32 MB at most.")
            .Accepts<System.Text.Json.JsonElement>("application/json", "application/x-ndjson")
            .Produces<IntakeResponse>().Produces<IntakeResponse>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        app.MapGet("/v1/probes/status", GetStatus)
            .RequireReadAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithTags("Probing")
            .WithSummary("The prober's state")
            .WithDescription("Whether Grid's own prober runs (on this silo), its targets, the blocks of every probe shard in the cluster up/down/unknown, its rate limit and its last round.")
            .Produces(StatusCodes.Status200OK);
        return app;
    }

    private static async Task<IResult> PostResults(HttpRequest request, ProbeShardRouter shards, ProbingStatus status, IGeography geography, IOptions<ProbingOptions> options, IOptions<Grid.Grains.Signals.SignalOptions> signals)
    {
        var settings = options.Value;
        var batch = new ProbeResultsBatch(DateTimeOffset.UtcNow, settings.MaxClockSkew, settings.MaxBatchItems, signals.Value.MaxLateness, geography.Current);
        if (await IntakeBody.ReadItemsAsync(request, batch.Stream, batch.Take, batch.Refuse, MaxBodyBytes, "split the results into several requests") is { } tooLarge)
        {
            return tooLarge;
        }

        batch.Finish();
        var accepted = batch.Accepted;
        // Each observation keeps the key that sent it (its id and name, never the secret): the
        // shards keep each block's senders, and a level change only one key saw is marked so.
        var (_, key) = PresentedKey.Resolve(request.HttpContext);
        var source = ProbeSource.Of(key!);
        // One call per probe shard the batch touches, wherever the shard lives: any silo takes results.
        var beliefs = await shards.ObserveAsync([.. accepted.Select(r => r.ToObservation())], source);
        var kept = 0;
        for (var i = 0; i < accepted.Count; i++)
        {
            if (beliefs.Refusal(i) is { } refusal)
            {
                batch.Refused.Add(accepted[i].Index, ProbeSource.Explain(refusal, source, settings));
            }
            else
            {
                kept++;
            }
        }

        status.AddExternal(kept);
        return new IntakeResponse(kept, batch.Refused).ToResult();
    }

    private static async Task<IResult> GetStatus(ProbeShardRouter shards, ProbeTargets targets, ProbingStatus status, IOptions<ProbingOptions> options)
    {
        var (count, up, down, unknown) = await shards.CensusAsync();
        var round = status.LastRound;
        return Results.Ok(new
        {
            state = status.State,
            detail = status.Detail,
            targets = targets.Addresses,
            blocks = count,
            blocksUp = up,
            blocksDown = down,
            blocksUnknown = unknown,
            rateLimitPerSecond = options.Value.RatePerSecond,
            intervalSeconds = options.Value.Interval.TotalSeconds,
            rounds = status.Rounds,
            externalResults = status.ExternalResults,
            lastRound = round is null ? null : new
            {
                finishedAt = round.FinishedAt,
                blocks = round.Blocks,
                probes = round.Probes,
                replies = round.Replies,
                waves = round.Waves,
                durationSeconds = round.Duration.TotalSeconds,
                probesPerSecond = round.ProbesPerSecond,
            },
        });
    }
}
