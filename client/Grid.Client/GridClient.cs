using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Grid.Client.Errors;
using Grid.Client.Http;
using Grid.Client.Model;

namespace Grid.Client;

/// <summary>
/// Grid's HTTP API (<c>/v1</c>), typed. Lists are streamed page by page; statuses are read
/// conditionally, so polling an unchanged one is cheap. Errors arrive as
/// <see cref="GridApiException"/> (the server's problem details) or
/// <see cref="GridUnreachableException"/> (no answer at all).
/// </summary>
public sealed class GridClient
{
    private readonly GridHttp _http;
    private readonly StatusCache<EntityStatus> _statuses = new();

    public GridClient(HttpClient http, GridClientOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = new GridHttp(http, options, time ?? TimeProvider.System);
        Server = options.Server;
    }

    public Uri Server { get; }

    /// <summary>Every country with data or in the geography, optionally only those at <paramref name="level"/>.</summary>
    public async IAsyncEnumerable<EntityStatus> GetCountriesAsync(string? level = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var status in PagedList.EnumerateAsync<EntityStatus>(_http, Query.Path("/v1/countries", ("level", level)), cancellationToken))
        {
            // A server that does not filter yet ignores the parameter; the result is the same either way.
            if (level is null || string.Equals(status.Level, level, StringComparison.OrdinalIgnoreCase))
            {
                yield return status;
            }
        }
    }

    /// <summary>One country's status (ISO 3166-1 alpha-2, e.g. BY).</summary>
    public Task<EntityStatus> GetCountryAsync(string country, CancellationToken cancellationToken = default) =>
        GetStatusAsync($"/v1/countries/{Segment(country)}", cancellationToken);

    /// <summary>The regions of <paramref name="country"/> (all regions when null), by code; the server answers 404 when it has no region data.</summary>
    public IAsyncEnumerable<EntityStatus> GetRegionsAsync(string? country, string? level = null, CancellationToken cancellationToken = default) =>
        PagedList.EnumerateAsync<EntityStatus>(_http, Query.Path("/v1/regions", ("country", country), ("level", level)), cancellationToken);

    /// <summary>One region's status (its country, a hyphen, its code: BY-HM).</summary>
    public Task<EntityStatus> GetRegionAsync(string region, CancellationToken cancellationToken = default) =>
        GetStatusAsync($"/v1/regions/{Segment(region)}", cancellationToken);

    public Task<SignalHistory> GetRegionSignalsAsync(string region, SignalQuery? query = null, CancellationToken cancellationToken = default) =>
        _http.GetJsonAsync<SignalHistory>(HistoryPath($"/v1/regions/{Segment(region)}/signals", query), cancellationToken);

    /// <summary>One AS's status.</summary>
    public Task<EntityStatus> GetAsnAsync(uint asn, CancellationToken cancellationToken = default) =>
        GetStatusAsync($"/v1/asns/{asn.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>The ASes seen originating space in a country, darkest last.</summary>
    public IAsyncEnumerable<EntityStatus> GetCountryAsnsAsync(string country, int? limit = null, CancellationToken cancellationToken = default) =>
        PagedList.EnumerateAsync<EntityStatus>(_http, Query.Path($"/v1/countries/{Segment(country)}/asns", ("limit", Number(limit))), cancellationToken);

    public Task<SignalHistory> GetSignalsAsync(string country, SignalQuery? query = null, CancellationToken cancellationToken = default) =>
        _http.GetJsonAsync<SignalHistory>(HistoryPath($"/v1/countries/{Segment(country)}/signals", query), cancellationToken);

    public Task<SignalHistory> GetSignalsAsync(uint asn, SignalQuery? query = null, CancellationToken cancellationToken = default) =>
        _http.GetJsonAsync<SignalHistory>(HistoryPath($"/v1/asns/{asn.ToString(CultureInfo.InvariantCulture)}/signals", query), cancellationToken);

    /// <summary>Outage events, newest first, every page.</summary>
    public IAsyncEnumerable<OutageEvent> GetEventsAsync(EventFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new EventFilter();
        var path = Query.Path("/v1/events",
            ("country", filter.Country),
            ("asn", filter.Asn?.ToString(CultureInfo.InvariantCulture)),
            ("from", Query.Time(filter.From)),
            ("until", Query.Time(filter.Until)),
            ("level", filter.Level));
        return PagedList.EnumerateAsync<OutageEvent>(_http, path, cancellationToken);
    }

    /// <summary>The election calendar, optionally of one country.</summary>
    public IAsyncEnumerable<Election> GetElectionsAsync(string? country = null, CancellationToken cancellationToken = default) =>
        PagedList.EnumerateAsync<Election>(_http, Query.Path("/v1/elections", ("country", country)), cancellationToken);

    /// <summary>The watch calendar (elections, exams, protests, referendums, other dates), by start day.</summary>
    public IAsyncEnumerable<WatchEntry> GetWatchAsync(WatchFilter? filter = null, CancellationToken cancellationToken = default) =>
        PagedList.EnumerateAsync<WatchEntry>(_http, Query.Path("/v1/watch",
            ("upcoming", filter?.UpcomingDays is { } days ? days.ToString(CultureInfo.InvariantCulture) + "d" : null),
            ("country", filter?.Country),
            ("kind", filter?.Kind)), cancellationToken);

    /// <summary>Adds watch calendar entries (admin scope).</summary>
    public Task<WatchImport> AddWatchAsync(IReadOnlyList<NewWatchEntry> entries, CancellationToken cancellationToken = default) =>
        PostAsync<IReadOnlyList<NewWatchEntry>, WatchImport>("/v1/watch", entries, cancellationToken);

    public Task DeleteWatchAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/v1/watch/{Segment(id)}", cancellationToken);

    /// <summary>Webhook subscriptions (admin scope).</summary>
    public IAsyncEnumerable<Subscription> GetSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        PagedList.EnumerateAsync<Subscription>(_http, "/v1/subscriptions", cancellationToken);

    public Task<Subscription> CreateSubscriptionAsync(NewSubscription subscription, CancellationToken cancellationToken = default) =>
        PostAsync<NewSubscription, Subscription>("/v1/subscriptions", subscription, cancellationToken);

    public Task DeleteSubscriptionAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/v1/subscriptions/{Segment(id)}", cancellationToken);

    /// <summary>An event's evidence bundle as .tar.gz: the newest seal, or the <paramref name="seal"/>-th (from 1).</summary>
    public Task<byte[]> GetEvidenceAsync(string eventId, int? seal = null, CancellationToken cancellationToken = default) =>
        GetBytesAsync(Query.Path($"/v1/events/{Segment(eventId)}/evidence", ("seal", Number(seal))), cancellationToken);

    /// <summary>The public key that signs evidence, as PEM: pin it once.</summary>
    public async Task<string> GetEvidenceKeyAsync(CancellationToken cancellationToken = default) =>
        System.Text.Encoding.ASCII.GetString(await GetBytesAsync("/v1/evidence/key", cancellationToken));

    /// <summary>A page of the transparency log as JSON lines, from entry <paramref name="from"/>.</summary>
    public async Task<string> GetEvidenceLogAsync(long from = 0, int? limit = null, CancellationToken cancellationToken = default) =>
        System.Text.Encoding.UTF8.GetString(await GetBytesAsync(Query.Path("/v1/evidence/log", ("from", from.ToString(CultureInfo.InvariantCulture)), ("limit", Number(limit))), cancellationToken));

    /// <summary>API keys (admin scope); the keys themselves are never listed.</summary>
    public IAsyncEnumerable<ApiKey> GetKeysAsync(CancellationToken cancellationToken = default) =>
        PagedList.EnumerateAsync<ApiKey>(_http, "/v1/keys", cancellationToken);

    /// <summary>Creates a key; the result holds the plaintext key, which the server shows only this once.</summary>
    public Task<CreatedApiKey> CreateKeyAsync(NewApiKey key, CancellationToken cancellationToken = default) =>
        PostAsync<NewApiKey, CreatedApiKey>("/v1/keys", key, cancellationToken);

    public Task DeleteKeyAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/v1/keys/{Segment(id)}", cancellationToken);

    private async Task<EntityStatus> GetStatusAsync(string path, CancellationToken cancellationToken)
    {
        var uri = _http.Resolve(path);
        using var response = await _http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            _statuses.AddCondition(request);
            return request;
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return _statuses.TryGet(uri, out var cached)
                ? cached
                : throw new GridApiException(response.StatusCode, "Not Modified without a condition", $"{uri} answered 304 to a request that sent no If-None-Match.");
        }

        var status = await GridHttp.ReadAsync<EntityStatus>(response, cancellationToken);
        _statuses.Store(uri, response.Headers.ETag, status);
        return status;
    }

    private async Task<TResult> PostAsync<TBody, TResult>(string path, TBody body, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, _http.Resolve(path))
        {
            Content = JsonContent.Create(body, options: GridHttp.Json),
        }, cancellationToken);
        return await GridHttp.ReadAsync<TResult>(response, cancellationToken);
    }

    private async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _http.Resolve(path)), cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, _http.Resolve(path)), cancellationToken);
    }

    private static string HistoryPath(string path, SignalQuery? query) => Query.Path(path,
        ("from", Query.Time(query?.From)),
        ("until", Query.Time(query?.Until)),
        ("step", query?.Step is { } step ? ((long)step.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null));

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
