using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Silo.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Tests.Api;

/// <summary>
/// The API serializes status with build-time generated code; its bytes must be those of ASP.NET
/// Core's reflection-based defaults, or every poller's ETag would change with the switch.
/// </summary>
public sealed class StatusJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GeneratedStatusJsonIsByteForByteTheReflectionDefault()
    {
        var api = ApiOptions();
        // ASP.NET Core's options as they were: the same settings (web defaults, its relaxed escaping), resolved by reflection.
        var reflection = new JsonSerializerOptions(api) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        foreach (var status in new[] { Quiet(), Disrupted() })
        {
            Assert.Equal(JsonSerializer.Serialize(status, reflection), JsonSerializer.Serialize(status, api));
            Assert.Equal(JsonSerializer.Serialize(new[] { status }, reflection), JsonSerializer.Serialize(new[] { status }, api));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(status, reflection), ApiJson.SerializeToUtf8Bytes(status, api));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new[] { status }, reflection), ApiJson.SerializeToUtf8Bytes(new[] { status }, api));
        }
    }

    [Fact]
    public void LevelsAreWrittenByTheirLowercaseNames()
    {
        var json = System.Text.Encoding.UTF8.GetString(ApiJson.SerializeToUtf8Bytes(Disrupted(), ApiOptions()));

        Assert.Contains("\"level\":\"critical\",\"signals\":{\"bgp\":{\"value\":512,", json, StringComparison.Ordinal);
        Assert.Contains("\"ratio\":0.1,\"level\":\"warning\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"ratio\":0.99875,\"level\":\"normal\",", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"critical\",\"score\":1234.5", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratedWriterRunsForStatusAndNotForOtherTypes()
    {
        Assert.NotNull(ApiJsonContext.Default.EntityStatus.SerializeHandler);
        Assert.NotNull(ApiJsonContext.Default.EntityStatusArray.SerializeHandler);
        var api = ApiOptions();
        var other = new { code = "BY", name = "Côte d'Ivoire <&>" };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(other, api), ApiJson.SerializeToUtf8Bytes(other, api));
    }

    [Fact]
    public void StatusTypesResolveFromTheGeneratedContext()
    {
        var api = ApiOptions();
        Assert.Same(ApiJsonContext.Default.EntityStatus.GetType(), api.GetTypeInfo(typeof(EntityStatus)).GetType());
        Assert.Contains(api.TypeInfoResolverChain, r => r is ApiJsonContext);
    }

    private static JsonSerializerOptions ApiOptions()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddGridApi();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
    }

    private static EntityStatus Quiet() => new(
        "BY",
        EntityKind.Country,
        "Belarus",
        "BY",
        DetectionLevel.Unknown,
        new Dictionary<string, SignalStatus>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = new(4096, At),
            [SignalNames.Bgp6] = new(0, null),
            [SignalNames.Probes] = new(0, null),
        },
        null,
        HasData: false);

    private static EntityStatus Disrupted()
    {
        var open = new OutageEvent
        {
            Id = "BY-20261204T0700",
            Entity = "BY",
            Kind = EntityKind.Country,
            Country = "BY",
            Start = At.AddHours(-1),
            LastEvaluated = At,
            Level = DetectionLevel.Critical,
            Score = 1234.5,
            Fraction = 0.875,
            SignalScores = new Dictionary<string, double>(StringComparer.Ordinal) { [SignalNames.Bgp] = 1234.5, [SignalNames.Probes] = 17.25 },
            Election = true,
        };
        return new EntityStatus(
            "BY",
            EntityKind.Country,
            "Belarus \"Беларусь\" <&> Côte d'Ivoire\n\u2028",
            "BY",
            DetectionLevel.Critical,
            new Dictionary<string, SignalStatus>(StringComparer.Ordinal)
            {
                [SignalNames.Bgp] = new(512, At, 4096.5, 0.125, DetectionLevel.Critical),
                [SignalNames.Bgp6] = new(3, At.AddMinutes(-5), 30, 0.1, DetectionLevel.Warning),
                [SignalNames.Probes] = new SignalStatus(799, At.AddSeconds(-10), 800, 0.99875, DetectionLevel.Normal) { MedianRttMs = 41.2, Loss = 0.0125 },
            },
            At.AddTicks(7324605),
            HasData: true,
            open);
    }
}
