using System.ComponentModel;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Paging;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1;

/// <summary><c>/v1/subscriptions</c>: who gets alerts. Admin scope; secrets are taken, never shown.</summary>
public static class SubscriptionEndpoints
{
    private const int MinSecretLength = 16;

    public static WebApplication MapGridSubscriptions(this WebApplication app)
    {
        var group = app.MapGroup("/v1/subscriptions").RequireScope(ApiScopes.Admin).WithTags("Alerts");
        group.MapPost("", CreateAsync)
            .WithSummary("Subscribe a webhook to alerts")
            .WithDescription("Body: url (http or https, port 80 or 443 unless Grid:Alerts:AllowedPorts says otherwise, no credentials, at most 2,048 characters, a public address), secret (16+ characters, keys the X-Grid-Signature HMAC), optional countries, asns, regions (CC-CODE keys such as BY-HM; a listed country also covers its regions), minLevel (warning|critical), electionOnly, format (json|slack).")
            .Produces<SubscriptionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync)
            .WithSummary("List alert subscriptions")
            .WithDescription("Every subscription without its secret; a URL shows its host and first path segment, the rest as ***. Paged with limit (default 100) and cursor.")
            .Produces<SubscriptionView[]>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id}", async (string id, IGrainFactory grains) => await Registry(grains).Remove(id)
            ? Results.NoContent()
            : ApiProblems.NotFound("Unknown subscription", $"No subscription '{id}'; GET /v1/subscriptions lists them."))
            .WithSummary("Delete a subscription")
            .WithDescription("Its pending deliveries are cancelled and an attempt in flight is aborted: its receiver gets no further connection.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync([Description("Page size, 1 to 1000; 100 by default.")] string? limit, [Description("Opaque position from the previous page's Link header.")] string? cursor, HttpContext http, IGrainFactory grains)
    {
        if (!PageRequest.TryParse(limit, cursor, 100, out var page, out var problem))
        {
            return problem!;
        }

        var views = (await Registry(grains).List()).Select(s => s.View()).ToList();
        return Results.Ok(PageLinks.Slice(views, page, http));
    }

    private static async Task<IResult> CreateAsync(SubscriptionRequest? request, IGrainFactory grains, IOptions<AlertOptions> options, IGeography geography, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request?.Url is null || request.Secret is null)
        {
            return ApiProblems.BadRequest("Incomplete subscription", "Send JSON with at least 'url' (http or https) and 'secret' (16 characters or more, for the X-Grid-Signature HMAC).");
        }

        if (request.Secret.Length < MinSecretLength)
        {
            return ApiProblems.BadRequest("Secret too short", $"The secret keys an HMAC-SHA256 signature: use at least {MinSecretLength} random characters.");
        }

        if (await WebhookTarget.CheckAsync(request.Url, options.Value, cancellationToken) is { } refused)
        {
            return ApiProblems.BadRequest("Webhook target refused", refused);
        }

        var minLevelText = request.MinLevel ?? DetectionLevel.Warning.Name();
        if (!DetectionLevelExtensions.TryParseLevel(minLevelText, out var minLevel) || !minLevel.IsOutage())
        {
            return ApiProblems.BadRequest("Bad minLevel", $"minLevel '{minLevelText}' is not an alert level: use warning or critical.");
        }

        var format = request.Format ?? Subscription.JsonFormat;
        if (format is not (Subscription.JsonFormat or Subscription.SlackFormat))
        {
            return ApiProblems.BadRequest("Bad format", $"format '{format}' is unknown: use json (Grid's body) or slack (a Slack-compatible {{\"text\": …}}).");
        }

        var countries = new List<string>();
        foreach (var country in request.Countries ?? [])
        {
            if (!CountryCode.TryParse(country, out var code))
            {
                return ApiProblems.MalformedCountry(country);
            }

            countries.Add(code.ToString());
        }

        var regions = new List<string>();
        foreach (var region in request.Regions ?? [])
        {
            if (RegionProblem(region, geography, out var key) is { } problem)
            {
                return problem;
            }

            regions.Add(key.Code);
        }

        var subscription = new Subscription(
            Guid.NewGuid().ToString("n"), request.Url, request.Secret, [.. countries], request.Asns ?? [], minLevel, request.ElectionOnly, format, time.GetUtcNow(), [.. regions], request.WatchNotices);
        await Registry(grains).Add(subscription);
        return Results.Created($"/v1/subscriptions/{subscription.Id}", subscription.View());
    }

    /// <summary>
    /// Null when <paramref name="text"/> is a region key; with region data loaded it must also be a
    /// region the data knows, or the subscription would wait for events that never come. Without
    /// region data any well-formed key is taken: <c>POST /v1/signals</c> may feed it.
    /// </summary>
    private static IResult? RegionProblem(string text, IGeography geography, out EntityKey key)
    {
        if (!EntityKey.TryRegion(text, out key))
        {
            return ApiProblems.BadRequest("Malformed region", $"'{text}' is not a region: give its country, a hyphen and its code, e.g. BY-HM.");
        }

        if (geography.Regions is { } map && map.Find(key.Code) is null)
        {
            var known = map.RegionsOf(key.RegionCountry).Select(r => r.Code).ToList();
            var hint = known.Count == 0 ? $"the region data (Grid:Geo:Regions) has no region in {key.RegionCountry}" : $"{key.RegionCountry}'s regions are {string.Join(", ", known)}";
            return ApiProblems.BadRequest("Unknown region", $"No region '{key.Code}': {hint}.");
        }

        return null;
    }

    private static ISubscriptionsGrain Registry(IGrainFactory grains) => grains.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key);
}

/// <summary>The body of <c>POST /v1/subscriptions</c>.</summary>
public sealed record SubscriptionRequest(string? Url, string? Secret, string[]? Countries, uint[]? Asns, string? MinLevel, bool ElectionOnly, string? Format, string[]? Regions = null, bool WatchNotices = false);
