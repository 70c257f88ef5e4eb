using System.Globalization;
using System.Text.Json.Nodes;

namespace Grid.Silo.Api.Docs;

/// <summary>Examples for the OpenAPI document, shaped like real answers (Belarus, August 2020).</summary>
internal static class ApiExamples
{
    private static readonly JsonNode CountryStatus = JsonNode.Parse("""
        {
          "code": "BY", "kind": "country", "name": "Belarus", "country": "BY", "level": "critical",
          "signals": {
            "bgp": { "value": 1216, "at": "2020-08-09T21:00:00+00:00", "baseline": 9728, "ratio": 0.125, "level": "critical" },
            "bgp6": { "value": 0, "at": null, "baseline": null, "ratio": null, "level": "unknown" },
            "probes": { "value": 310, "at": "2020-08-09T21:00:00+00:00", "baseline": 800, "ratio": 0.3875, "level": "critical", "medianRttMs": 41.5, "loss": 0.61 }
          },
          "updatedAt": "2020-08-09T21:00:00+00:00", "hasData": true,
          "openEvent": { "id": "BY-1596999600", "entity": "BY", "kind": "country", "country": "BY", "start": "2020-08-09T19:00:00+00:00", "level": "critical", "election": true }
        }
        """)!;

    // A country's answer with region data lists its regions; the attribution is DB-IP's licence's.
    private static readonly JsonNode CountryWithRegions = WithRegions(CountryStatus);

    private static readonly JsonNode RegionStatus = JsonNode.Parse("""
        {
          "code": "BY-HM", "kind": "region", "name": "Minsk City", "country": "BY", "level": "critical",
          "signals": {
            "bgp": { "value": 402, "at": "2020-08-09T21:00:00+00:00", "baseline": 4310, "ratio": 0.0933, "level": "critical" },
            "bgp6": { "value": 0, "at": null, "baseline": null, "ratio": null, "level": "unknown" },
            "probes": { "value": 95, "at": "2020-08-09T21:00:00+00:00", "baseline": 350, "ratio": 0.2714, "level": "critical", "medianRttMs": 38.2, "loss": 0.7 }
          },
          "updatedAt": "2020-08-09T21:00:00+00:00", "hasData": true,
          "attribution": "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0"
        }
        """)!;

    private static JsonNode WithRegions(JsonNode country)
    {
        var copy = country.DeepClone();
        copy["regions"] = JsonNode.Parse("""
            [ { "code": "BY-BR", "name": "Brest", "level": "warning", "hasData": true },
              { "code": "BY-HM", "name": "Minsk City", "level": "critical", "hasData": true } ]
            """);
        copy["attribution"] = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0";
        return copy;
    }

    public static JsonNode? For(string method, string route, string status, string mediaType)
    {
        if (mediaType.StartsWith("text/csv", StringComparison.Ordinal))
        {
            return JsonValue.Create("time,bgp,bgp6,probes\n2020-08-09T18:55:00Z,9728,0,800\n2020-08-09T19:00:00Z,1216,0,310\n");
        }

        if (mediaType.StartsWith("application/x-pem-file", StringComparison.Ordinal))
        {
            return JsonValue.Create("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…\n-----END PUBLIC KEY-----\n");
        }

        if (mediaType.StartsWith("application/x-ndjson", StringComparison.Ordinal))
        {
            return JsonValue.Create("""{"format":"grid-evidence-log/1","index":0,"time":"2020-08-09T19:02:00.0000000Z","event":"BY-1596999600","entity":"BY","manifest":"b8c3b7b2…","previous":"0000000000000000000000000000000000000000000000000000000000000000","key":"1debf153…","sha256":"cd779c69…","signature":"MEQCIGX9…"}""" + "\n");
        }

        if (mediaType.StartsWith("application/gzip", StringComparison.Ordinal))
        {
            return JsonValue.Create("(a .tar.gz: event.json, bgp/updates.mrt, bgp/changes.csv, signals/history.csv, signals/readings.json, context/settings.json, context/versions.json, manifest.json, manifest.sig, log-entry.json, key.pem)");
        }

        if (mediaType.StartsWith("text/calendar", StringComparison.Ordinal))
        {
            return JsonValue.Create("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Grid//Watch calendar//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:BY-2020-08-09-5f1d3b7a@grid.example\r\nDTSTAMP:20200801T120000Z\r\nDTSTART;VALUE=DATE:20200809\r\nDTEND;VALUE=DATE:20200810\r\nSUMMARY:BY: Election for President (election)\r\nCATEGORIES:ELECTION\r\n…\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        }

        if (mediaType.StartsWith("image/svg", StringComparison.Ordinal))
        {
            return JsonValue.Create("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"152\" height=\"20\" role=\"img\" aria-label=\"internet in BY: down\">…</svg>");
        }

        return (method, route, status) switch
        {
            ("GET", "/v1/countries/{cc}", "200") => CountryWithRegions.DeepClone(),
            ("GET", "/v1/asns/{asn}", "200") => CountryStatus.DeepClone(),
            ("GET", "/v1/regions/{code}", "200") => RegionStatus.DeepClone(),
            ("GET", "/v1/regions", "200") => new JsonArray(RegionStatus.DeepClone()),
            ("GET", "/v1/countries" or "/v1/countries/{cc}/asns", "200") => new JsonArray(CountryStatus.DeepClone()),
            ("GET", "/v1/countries/{cc}/signals" or "/v1/asns/{asn}/signals" or "/v1/regions/{code}/signals", "200") => JsonNode.Parse("""
                { "code": "BY", "from": "2020-08-09T18:55:00+00:00", "until": "2020-08-09T19:00:00+00:00", "step": "00:05:00",
                  "signals": { "bgp": [ { "at": "2020-08-09T18:55:00+00:00", "value": 9728 }, { "at": "2020-08-09T19:00:00+00:00", "value": 1216 } ] } }
                """),
            ("GET", "/v1/events", "200") => JsonNode.Parse("""
                { "page": 1, "pageSize": 50, "total": 1, "items": [ { "id": "BY-1596999600", "location": "country/BY", "entity": "BY", "country": "BY",
                  "start": 1596999600, "duration": 3600, "status": "active", "fraction": 0.875, "score": 5250, "datasource": "bgp", "mechanism": "routes-withdrawn" } ] }
                """),
            ("GET", "/v1/keys", "200") => JsonNode.Parse("""
                [ { "id": "config-0", "name": "ops", "scopes": ["admin"], "source": "configuration", "createdAt": null },
                  { "id": "key_3f9a0c1d2e4b5a67", "name": "newsroom-bot", "scopes": ["read"], "source": "api", "createdAt": "2026-12-01T10:00:00+00:00" } ]
                """),
            ("POST", "/v1/keys", "201") => JsonNode.Parse("""
                { "id": "key_3f9a0c1d2e4b5a67", "name": "newsroom-bot", "scopes": ["read"], "createdAt": "2026-12-01T10:00:00+00:00", "key": "grid_7Qm2c9XrT4kLp0sVb8NzA1eYw6HdJ3fG5uRiOoKt" }
                """),
            ("GET", "/v1/subscriptions", "200") => JsonNode.Parse("""
                [ { "id": "6b1f…", "url": "https://newsroom.example/hooks/grid", "countries": ["BY"], "asns": [], "minLevel": "warning", "electionOnly": false, "format": "json", "createdAt": "2026-12-01T10:00:00+00:00", "regions": [], "watchNotices": false } ]
                """),
            ("POST", "/v1/subscriptions", "201") => JsonNode.Parse("""
                { "id": "6b1f…", "url": "https://newsroom.example/hooks/grid", "countries": ["BY"], "asns": [], "minLevel": "warning", "electionOnly": false, "format": "json", "createdAt": "2026-12-01T10:00:00+00:00", "regions": [], "watchNotices": false }
                """),
            ("POST", "/v1/probes/results", _) => JsonNode.Parse("""{ "accepted": 998, "refused": [ { "index": 3, "reason": "address 10.0.0.1 is not public" } ] }"""),
            ("POST", "/v1/signals", _) => JsonNode.Parse("""{ "accepted": 2254, "refused": [ { "index": 7, "reason": "2021-02-15 01:00:00Z is 02:30:00 behind MM's clock (2021-02-15 03:30:00Z): points more than Grid:Signals:MaxLateness (01:00:00) behind it are refused" } ] }"""),
            ("GET", "/v1/cluster", "200") => JsonNode.Parse("""
                { "siloId": "grid-silo-7d9f-abcde", "mode": "cluster", "address": "http://10.0.3.17:5090/", "leaving": false,
                  "members": [ { "id": "grid-silo-7d9f-abcde", "address": "http://10.0.3.17:5090/", "status": "active", "lastHeartbeatAgeMs": 412, "isSelf": true },
                               { "id": "grid-silo-7d9f-fghij", "address": "http://10.0.4.21:5090/", "status": "active", "lastHeartbeatAgeMs": 637, "isSelf": false } ],
                  "activationCount": 4751, "activations": { "as": 4521, "country": 83, "prefix-shard": 0 } }
                """),
            ("GET", "/v1/watch", "200") => JsonNode.Parse("""
                [ { "id": "IQ-2026-06-14-8c1e02aa", "kind": "exam", "country": "IQ", "region": null, "start": "2026-06-14", "end": "2026-06-30",
                    "title": "Ministerial exams (grade 12)", "source": "api", "watchFrom": "2026-06-13T00:00:00+00:00", "watchUntil": "2026-07-02T00:00:00+00:00",
                    "watchedNow": false, "risk": null } ]
                """),
            ("POST", "/v1/watch", "200") => JsonNode.Parse("""{ "added": 3, "duplicates": 0, "skipped": 0, "unmappedCountries": [] }"""),
            ("POST", "/v1/elections", "200") => JsonNode.Parse("""{ "added": 12, "duplicates": 0, "skipped": 1, "unmappedCountries": ["Atlantis"] }"""),
            _ => null,
        };
    }

    public static JsonNode? Request(string route) => route switch
    {
        "/v1/keys" => JsonNode.Parse("""{ "name": "newsroom-bot", "scopes": ["read"] }"""),
        "/v1/subscriptions" => JsonNode.Parse("""{ "url": "https://newsroom.example/hooks/grid", "secret": "a-long-random-shared-secret", "countries": ["BY"], "minLevel": "critical" }"""),
        "/v1/probes/results" => JsonNode.Parse("""{ "results": [ { "address": "198.51.100.7", "timestamp": "2026-12-01T08:00:00Z", "sent": 3, "rttMs": [41.2, 40.9], "country": "XA", "asn": "AS64511" } ] }"""),
        "/v1/elections" => JsonNode.Parse("""[ { "id": "BY-2020-08-09-5f1d3b7a", "country": "BY", "date": "2020-08-09", "type": "presidential", "source": "electionguide", "watchFrom": "2020-08-06T00:00:00+00:00", "watchUntil": "2020-08-17T00:00:00+00:00" } ]"""),
        "/v1/watch" => JsonNode.Parse("""[ { "kind": "exam", "country": "IQ", "start": "2026-06-14", "end": "2026-06-30", "title": "Ministerial exams (grade 12)", "source": "ministry of education" } ]"""),
        "/v1/signals" => JsonNode.Parse("""{ "points": [ { "time": "2021-02-15T01:00:00+06:30", "entity": "country/MM", "signal": "answers", "value": 5 } ] }"""),
        _ => null,
    };

    /// <summary>A problem+json example; a region route's 400 and 404 speak of regions.</summary>
    public static JsonNode Problem(string status, string? description, string? route = null) => new JsonObject
    {
        ["type"] = status == "429" ? "https://www.rfc-editor.org/rfc/rfc6585#section-4" : "https://tools.ietf.org/html/rfc9110#section-15",
        ["title"] = status switch
        {
            "400" when IsRegionRoute(route) => "Malformed region code",
            "404" when IsRegionRoute(route) => "Unknown region",
            "400" => "Malformed country code",
            "401" => "API key required",
            "403" => "Missing scope",
            "404" => "Unknown country",
            "429" => "Too many requests",
            _ => description ?? "Error",
        },
        ["status"] = int.Parse(status, CultureInfo.InvariantCulture),
        ["detail"] = status switch
        {
            "400" when IsRegionRoute(route) => "'BY_HM' is not a region code; use its country, a hyphen and its ISO 3166-2 code or name, e.g. BY-HM (see /v1/regions?country=BY).",
            "404" when IsRegionRoute(route) => "No region 'BY-XX' is in the region data (Grid:Geo:Regions), and no signal has reached it; /v1/regions?country=BY lists its country's regions.",
            "400" => "'B1' is not a two-letter ISO 3166-1 code; use e.g. BY, MM or KZ.",
            "401" => "This endpoint needs an API key with the 'admin' scope: send it as `Authorization: Bearer <key>` or `X-Api-Key: <key>`.",
            "403" => "This API key ('newsroom-bot') lacks the 'admin' scope; ask an admin for a key that has it.",
            "404" => "No country 'XQ' is known to Grid's geography data (Grid:Geo:Dir), and no signal has reached it.",
            "429" => "This address sent more requests than its rate limit allows; retry after 1 s (Retry-After), poll less often, or revalidate with If-None-Match.",
            _ => description ?? "",
        },
    };

    private static bool IsRegionRoute(string? route) => route?.StartsWith("/v1/regions", StringComparison.Ordinal) == true;
}
