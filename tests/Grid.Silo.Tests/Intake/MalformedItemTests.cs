using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;

namespace Grid.Silo.Tests.Intake;

/// <summary>
/// The payloads that once answered 500 and lost their whole batch (issue 21, finding 5) each refuse
/// only their own item on a real silo, among good items that are kept: as a JSON array and as JSON lines.
/// </summary>
[Collection(IntakeSiloCollection.Name)]
public sealed class MalformedItemTests(IntakeSilo intake)
{
    private static readonly string AtlasFile = SharedData.PathOf("live", "ripe-atlas-ping-results.sagan-tests.jsonl");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EachMalformedProbeResultRefusesOnlyItself(bool jsonLines)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // A real Atlas result (firmware 4xxx) measured now, then each bad variant of it.
        var atlas = JsonNode.Parse(File.ReadLines(AtlasFile).First(l => l.Contains("\"fw\":4", StringComparison.Ordinal)))!.AsObject();
        atlas["timestamp"] = now;
        JsonObject Atlas(string field, JsonNode? value)
        {
            var copy = atlas.DeepClone().AsObject();
            copy[field] = value;
            return copy;
        }

        var items = new JsonNode?[]
        {
            atlas.DeepClone(),
            Atlas("type", 1),
            Atlas("timestamp", JsonNode.Parse("1e20")),
            Atlas("timestamp", JsonNode.Parse("-1e15")),
            Atlas("rcvd", "NaN"),
            Atlas("sent", JsonNode.Parse("1e400")),
            Atlas("rcvd", new JsonArray()),
            new JsonObject { ["address"] = 5, ["timestamp"] = now, ["sent"] = 1 },
            new JsonObject { ["address"] = "198.51.100.9", ["timestamp"] = JsonNode.Parse("1e20"), ["sent"] = 1 },
            new JsonObject { ["address"] = "198.51.100.9", ["timestamp"] = now, ["sent"] = "3", ["rttMs"] = "fast" },
            new JsonObject { ["address"] = "198.51.100.9", ["timestamp"] = now, ["sent"] = 2, ["rttMs"] = new JsonArray(JsonNode.Parse("1e400")) },
            new JsonObject { ["address"] = "198.51.100.9", ["timestamp"] = now, ["sent"] = 2, ["received"] = "two" },
            JsonValue.Create(0),
            new JsonObject { ["address"] = "198.51.100.7", ["timestamp"] = now, ["sent"] = 2, ["rttMs"] = new JsonArray(40.0, 41.0) },
        };
        var body = jsonLines
            ? string.Join('\n', items.Select(i => i!.ToJsonString()))
            : new JsonArray(items).ToJsonString();

        var answer = await PostAsync("/v1/probes/results", body, "application/json");

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var refused = answer.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, items.Length - 2), refused.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(refused, r => Assert.DoesNotContain(Grid.Silo.Api.V1.Probes.ProbeResultsBatch.Unreadable, r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Contains("only ping results", refused[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("not Unix seconds", refused[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("not Unix seconds", refused[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("no sent or rcvd", refused[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachMalformedSignalPointRefusesOnlyItself()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Point(string field, JsonNode? value)
        {
            var point = new JsonObject { ["time"] = now, ["entity"] = "country/XA", ["signal"] = "answers", ["value"] = 5 };
            point[field] = value;
            return point;
        }

        var items = new JsonNode?[]
        {
            Point("value", 5),
            Point("time", JsonNode.Parse("1e20")),
            Point("time", JsonNode.Parse("-1e15")),
            Point("value", "NaN"),
            Point("value", JsonNode.Parse("1e400")),
            Point("entity", 5),
            Point("signal", new JsonArray()),
            JsonValue.Create("point"),
            Point("value", 6),
        };

        var answer = await PostAsync("/v1/signals", new JsonObject { ["points"] = new JsonArray(items) }.ToJsonString(), "application/json");

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(Enumerable.Range(1, items.Length - 2), answer.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(answer.GetProperty("refused").EnumerateArray(), r => Assert.DoesNotContain(Grid.Silo.Api.V1.Signals.SignalBatch.Unreadable, r.GetProperty("reason").GetString(), StringComparison.Ordinal));
    }

    private async Task<JsonElement> PostAsync(string path, string body, string type)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var response = await intake.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, path, content));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
