using System.ComponentModel;
using System.Globalization;
using System.Text;
using Grid.Grains.Evidence;
using Grid.Silo.Api.Auth;

namespace Grid.Silo.Api.V1;

/// <summary>
/// Evidence: <c>/v1/evidence/key</c> (the public key as PEM, to pin), <c>/v1/evidence/log</c> (the
/// transparency log as JSON lines, paged), and <c>/v1/events/{id}/evidence</c> (a sealed bundle as
/// .tar.gz; the newest seal, or <c>?seal=N</c>). All are reads: evidence is for the public.
/// </summary>
public static class EvidenceEndpoints
{
    private const int MaxLogPage = 1000;

    public static WebApplication MapGridEvidence(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Evidence");
        v1.MapGet("/evidence/key", (HttpContext http) => Evidence(http) is { } evidence ? Results.Text(evidence.PublicKey.Pem, "application/x-pem-file") : Off())
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy)
            .WithSummary("The public key that signs evidence")
            .WithDescription("ECDSA P-256 as PEM (SubjectPublicKeyInfo). Pin it once; `grid evidence verify --key` and `openssl dgst -sha256 -verify` check bundles with it.")
            .Produces<string>(contentType: "application/x-pem-file");
        v1.MapGet("/evidence/log", ReadLogAsync)
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy)
            .WithSummary("The transparency log")
            .WithDescription("Signed, hash-chained entries, one JSON object per line, from `from` (default 0), at most `limit` (1 to 1000, default 100). The Link header names the next page.")
            .Produces<string>(contentType: "application/x-ndjson").ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/events/{id}/evidence", GetBundleAsync)
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy)
            .WithSummary("An event's evidence bundle")
            .WithDescription("The bundle sealed at the event's newest level change, or at its seal-th (from 1), as .tar.gz: raw route changes as MRT, signal points, readings, settings and versions, the manifest, its signature and its log entry. `grid evidence verify` checks it offline.")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ReadLogAsync(
        [Description("First entry index, from 0.")] string? from,
        [Description("Entries, 1 to 1000; 100 by default.")] string? limit,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (Evidence(http) is not { } evidence)
        {
            return Off();
        }
        if (!TryNumber(from, 0, long.MaxValue, 0, out var start))
        {
            return Problem("from", from, "an entry index from 0");
        }
        if (!TryNumber(limit, 1, MaxLogPage, 100, out var count))
        {
            return Problem("limit", limit, $"a number from 1 to {MaxLogPage}");
        }
        var entries = await evidence.Archive.Log.ReadAsync(start, (int)count, cancellationToken);
        if (entries.Count == count)
        {
            http.Response.Headers.Link = $"</v1/evidence/log?from={start + count}&limit={count}>; rel=\"next\"";
        }
        var body = new StringBuilder();
        foreach (var entry in entries)
        {
            body.Append(entry.ToJsonLine()).Append('\n');
        }
        return Results.Text(body.ToString(), "application/x-ndjson", Encoding.UTF8);
    }

    private static async Task<IResult> GetBundleAsync(string id, [Description("Which seal, from 1; the newest by default.")] string? seal, HttpContext http, CancellationToken cancellationToken)
    {
        if (Evidence(http) is not { } evidence)
        {
            return Off();
        }
        if (id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed event id", detail: $"'{Truncate(id)}' is not an event id; ids look like BY-1733390000 (GET /v1/events lists them).");
        }
        var seals = await evidence.Archive.ListAsync(id, cancellationToken);
        if (seals.Count == 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No evidence for this event", detail: $"No bundle was sealed for {id}: the event does not exist, or its level changed less than Grid:Evidence:After ago, or evidence is off.");
        }
        if (!TryNumber(seal, 1, seals.Count, seals[^1].Seal, out var which))
        {
            return Problem("seal", seal, $"a seal number from 1 to {seals.Count}");
        }
        var bundle = await evidence.Archive.ReadAsync(id, (int)which, cancellationToken);
        return bundle is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such seal", detail: $"{id} has no seal {which}.")
            : Results.File(bundle, "application/gzip", $"{id}-{which}.tar.gz");
    }

    /// <summary>Null when this silo seals no evidence (Grid:Evidence:Enabled=false, or a cluster without the shared key).</summary>
    private static EvidenceContext? Evidence(HttpContext http) => http.RequestServices.GetService<EvidenceContext>();

    private static IResult Off() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Evidence is off",
        detail: "This silo seals no evidence: Grid:Evidence:Enabled is false, or it is a cluster silo without Grid:Evidence:KeyPath (its log says which).");

    private static bool TryNumber(string? text, long min, long max, long fallback, out long value)
    {
        value = fallback;
        return text is null || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static IResult Problem(string name, string? value, string expected) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Bad {name}", detail: $"{name}='{Truncate(value)}' is not {expected}.");

    private static string Truncate(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;
}
