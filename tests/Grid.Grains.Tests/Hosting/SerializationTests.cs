using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grid.Bgp.Model;
using Grid.Grains.Access;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Evidence;
using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Grains.Serialization;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// Everything that crosses a grain boundary or is written as grain state goes through Orleans'
/// codec ([GenerateSerializer]/[Id]; Grid.Bgp's Prefix and RouteAction through surrogates). Each
/// type, populated in every field, must come back equal from a serialization round trip and from a
/// deep copy; a new type without a sample here fails the test.
/// </summary>
public sealed class SerializationTests
{
    private static readonly DateTimeOffset At = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(EntityGrain).Assembly))
        .BuildServiceProvider();

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true, Converters = { new PrefixAsText() } };

    public static TheoryData<Prefix> Prefixes => new()
    {
        Prefix.Parse("37.17.0.0/17"),
        Prefix.Parse("0.0.0.0/0"),
        Prefix.Parse("255.255.255.255/32"),
        Prefix.Parse("2001:db8::/32"),
        Prefix.Parse("2a02:2168:1:2::/64"),
        Prefix.Parse("::/0"),
        Prefix.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"),
    };

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void APrefixRoundTripsThroughItsSurrogate(Prefix prefix)
    {
        var serializer = Services.GetRequiredService<Serializer>();
        var back = serializer.Deserialize<Prefix>(serializer.SerializeToArray(prefix));

        Assert.Equal(prefix, back);
        Assert.Equal(prefix.IsIPv4, back.IsIPv4);
        Assert.Equal(prefix.ToString(), back.ToString());
        Assert.Equal(prefix, Services.GetRequiredService<DeepCopier>().Copy(prefix));
    }

    [Theory]
    [InlineData(RouteAction.Announce)]
    [InlineData(RouteAction.Withdraw)]
    public void ARouteActionRoundTripsThroughItsSurrogate(RouteAction action)
    {
        var serializer = Services.GetRequiredService<Serializer>();
        Assert.Equal(action, serializer.Deserialize<RouteAction>(serializer.SerializeToArray(action)));
    }

    [Theory]
    [InlineData("BY")]
    [InlineData("ZZ")]
    [InlineData("")]
    public void ACountryCodeRoundTripsThroughItsSurrogate(string code)
    {
        var serializer = Services.GetRequiredService<Serializer>();
        var country = code.Length == 0 ? default : CountryCode.Parse(code);
        Assert.Equal(country, serializer.Deserialize<CountryCode>(serializer.SerializeToArray(country)));
    }

    [Fact]
    public void EveryGeneratedSerializerTypeHasASample()
    {
        var generated = typeof(EntityGrain).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal);
        var sampled = Samples().Select(s => s.GetType().FullName!).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(generated, sampled);
    }

    [Fact]
    public void EverySampleRoundTripsAndDeepCopiesUnchanged()
    {
        var serializer = Services.GetRequiredService<Serializer>();
        var copier = Services.GetRequiredService<DeepCopier>();
        foreach (var sample in Samples())
        {
            var expected = JsonSerializer.Serialize(sample, sample.GetType(), Json);
            var back = serializer.Deserialize<object>(serializer.SerializeToArray<object>(sample));
            var copy = copier.Copy<object>(sample);

            Assert.IsType(sample.GetType(), back);
            Assert.Equal(expected, JsonSerializer.Serialize(back, sample.GetType(), Json));
            Assert.Equal(expected, JsonSerializer.Serialize(copy, sample.GetType(), Json));
        }
    }

    /// <summary>One instance of each type, every field set to something other than its default.</summary>
    private static IEnumerable<object> Samples()
    {
        var v4 = Prefix.Parse("37.17.0.0/17");
        var v6 = Prefix.Parse("2a02:2168::/32");
        var reading = new SignalReading("bgp", 2_560, 10_240, 0.25, DetectionLevel.Critical);
        var outage = new OutageEvent
        {
            Id = "BY-20200809T0600",
            Entity = "BY",
            Kind = EntityKind.Country,
            Country = "BY",
            Start = At,
            End = At.AddHours(6),
            LastEvaluated = At.AddHours(6),
            Level = DetectionLevel.Critical,
            Score = 27_000,
            Fraction = 0.75,
            SignalScores = new(StringComparer.Ordinal) { ["bgp"] = 27_000, ["probes"] = 1_200 },
            Election = true,
            Mechanism = EventMechanism.RoutesWithdrawn,
            MechanismDepth = 75,
        };
        var anomaly = new AnomalyEvent("BY:critical:1", "BY", EntityKind.Country, "BY", DetectionLevel.Critical, DetectionLevel.Normal, At, outage.Id, [reading], true, Mechanism: EventMechanism.RoutesWithdrawn);
        var detector = new SignalDetectorState
        {
            History = [new BaselineRun(At.AddDays(-1), At, 10_240)],
            Level = DetectionLevel.Critical,
            Pending = DetectionLevel.Normal,
            PendingSince = At.AddMinutes(5),
            PendingScore = 12.5,
            OutlierSince = At.AddMinutes(1),
            Last = reading,
        };
        var detection = new EntityDetectionState
        {
            EvaluatedUntil = At.AddHours(1),
            Signals = new(StringComparer.Ordinal) { ["bgp"] = detector },
            Level = DetectionLevel.Critical,
            Open = outage,
            Closed = [outage.Snapshot()],
        };
        var probes = new ProbeBin(At, 4_000, 300, 20, 41.5, 0.02, 12_000);
        var fullFeed = new FullFeedSet(3, ["192.0.2.1"], ["2001:db8::1"], At);
        var subscription = new Subscription("s1", "https://hooks.example/grid", "secret", ["BY"], [6697], DetectionLevel.Warning, true, Subscription.SlackFormat, At, ["BY-HM"], true);
        var delivery = new AlertDelivery
        {
            Id = "d1",
            SubscriptionId = "s1",
            AnomalyId = anomaly.Id,
            Entity = "BY",
            Level = DetectionLevel.Critical,
            Tags = ["election"],
            Url = subscription.Url,
            Body = "{\"level\":\"critical\"}",
            Signature = "sha256=00",
            Status = AlertDeliveryStatus.Failed,
            Attempts = 3,
            CreatedAt = At,
            NextAttemptAt = At.AddMinutes(1),
            DeliveredAt = At.AddMinutes(2),
            LastError = "ConnectionError",
        };
        var points = new List<SignalPoint> { new(At, 10_240), new(At.AddMinutes(1), 2_560) };
        var election = new ElectionEntry("BY", new DateOnly(2020, 8, 9), "Election for President", "electionguide");
        var apiKey = new StoredApiKey("k1", "ci", ["read", "write"], "9f86d081884c7d65", At);
        var status = new SignalStatus(2_560, At, 10_240, 0.25, DetectionLevel.Critical) { MedianRttMs = 41.5, Loss = 0.02 };

        return
        [
            delivery,
            new AlertState { Outbox = [delivery], SeenAnomalies = [anomaly.Id], Outboxes = ["s1"] },
            new SubscriptionOutboxState { Outbox = [delivery] },
            new ApiKeysState { Keys = [apiKey], Version = 4 },
            apiKey,
            new ElectionCalendarState { Entries = [election] },
            election,
            election with { Kind = "exam", EndDate = new DateOnly(2020, 8, 20), Region = "BY-HM", WatchBefore = TimeSpan.FromDays(2), WatchAfter = TimeSpan.FromDays(1) },
            new Grid.Grains.Watch.WatchNoticesState { Sent = ["BY-2020-08-09-3f2a9c1e/watch.opened/s1"] },
            new Grid.Grains.Watch.WatchRisk("high", 0.8, new Dictionary<string, double> { ["stop"] = 0.6, ["kind"] = 0.2 }, ["STOP row 2020-08-09 BY"]),
            new ElectionImport(3, 1, 2, ["Atlantis"]),
            new NamedSignalPoint(At, "answers", 7),
            detection,
            detector,
            new EntityState
            {
                Bgp = points,
                Bgp6 = [new SignalPoint(At, 65_536)],
                Recorded = new(StringComparer.Ordinal) { ["probes"] = [new SignalPoint(At, 4_000)] },
                ProbesRtt = [new SignalPoint(At, 41_500)],
                ProbesLoss = [new SignalPoint(At, 20_000)],
                LatestProbes = probes,
                UpdatedAt = At,
                OriginAsns = [6697, 25106],
                Detection = detection,
                Unpublished = [anomaly],
                Shards = [new ShardVisibility("37.0.0.0/8", 3, 638_000_000_000_000_001, At, 160, 3, true, [])],
                ProbeShards = ["37.0.0.0/8", "62.0.0.0/8"],
            },
            new EventLogState { Events = new(StringComparer.Ordinal) { [outage.Id] = outage } },
            outage,
            new SubscriptionsState { Subscriptions = [subscription] },
            FullFeedMode.Always,
            DetectionLevel.Warning,
            AlertDeliveryStatus.Delivered,
            EntityKind.As,
            EntityKey.Country(CountryCode.Parse("BY")),
            anomaly,
            new BaselineRun(At.AddDays(-1), At, 10_240),
            new EntityIdentity(EntityKey.As(6697), "BY"),
            new EntityStatus("BY", EntityKind.Country, "Belarus", "BY", DetectionLevel.Critical, new Dictionary<string, SignalStatus>(StringComparer.Ordinal) { ["bgp"] = status }, At, true, outage),
            new EventPage(2, 50, 51, [outage]),
            new EventQuery("BY", "AS6697", At.AddDays(-7), At, DetectionLevel.Critical, 2, 50, true, 10),
            fullFeed,
            new PeerRecord("192.0.2.1", 1_040_000, 220_000, At, FullFeedMode.Never, true, false),
            new PeerReport("192.0.2.1", 1_040_000, 220_000, At, FullFeedMode.Always, false),
            probes,
            new RouteBatch([new PeerChanges("192.0.2.1", At, true, [new RouteChange(v4, RouteAction.Announce, 6697), new RouteChange(v6, RouteAction.Withdraw, 0)]), new PeerChanges("198.51.100.7", At.AddSeconds(-5), true, [new RouteChange(v4, RouteAction.Withdraw, 0)])], fullFeed, 3),
            new PeerChanges("192.0.2.1", At, false, [new RouteChange(v6, RouteAction.Announce, 25106)]),
            new ShardSummary("37.0.0.0/8", 120, 100, 3, 4, 11, true, 20, 2),
            new ShardVisibility("2a00::/12", 3, 42, At, 65_536, 2, false, [6697, 25106]),
            new SignalHistory("BY", At, At.AddHours(1), TimeSpan.FromMinutes(5), new Dictionary<string, SignalPoint[]>(StringComparer.Ordinal) { ["bgp"] = [.. points] }),
            reading,
            status,
            subscription,
            subscription.View(),
            new PeerPrefixDelta(3, -2),
            new RouteChange(v4, RouteAction.Withdraw, 6697),
            new SignalPoint(At, 10_240),
            new RegionLevel("BY-VI", "Vitebsk Region", DetectionLevel.Critical, true),
            new PrefixSurrogate(0x2a02_2168_0000_0000, 1, 32, false),
            new RouteActionSurrogate(1),
            new CountryCodeSurrogate("BY"),
            new ProbeObservation(0x25110001, CountryCode.Parse("BY"), 6697, 0.8f, 3, 2, 84.5f, 2),
            new ProbeBeliefs([0.5f, 0.99f], [0.99f, 0.95f]),
            new BlockGrant(20, ProbeRefusal.KeyQuota),
            new ProbeBlockLedgerState { BySender = new(StringComparer.Ordinal) { ["key config-2 (vantage)"] = 20 }, Total = 20 },
            new SealedBundle("BY-1596952800", 2, "critical", At, 7, "9ca5447c873f58af6d5f11097bc46a02c47713eb72d17838d63540c278ff5cb3"),
            new PendingSeal(anomaly, At.AddMinutes(2), 1),
            new EvidenceState { Pending = [new PendingSeal(anomaly, At, 0)], Seen = ["BY:critical:1"] },
            new ShardRouteChange(At, "rrc00/193.0.0.56/AS3333", v4, RouteAction.Withdraw, 6697, true),
            new ProbeCensus(4, 2, 1, 1),
            new ProbeBinResult(At, BlockState.Down, 2, 0, null),
            new ProbeBlockHistory(0x25110000, true, [new ProbeBinResult(At.AddMinutes(-10), BlockState.Up, 1, 1, 41.5), new ProbeBinResult(At, BlockState.Down, 2, 0, null)]),
            new ShardProbeBin("37.0.0.0/8", At, 120, 3, 4, 380, 360, [41.5f, 12f]),
            new ProbeShardState
            {
                Bin = 7,
                Networks = [0x25110000, 0x25110100],
                Beliefs = [0.99f, 0.01f],
                Availabilities = [0.8f, 0.5f],
                Countries = [CountryCode.Parse("BY"), CountryCode.Unknown],
                Asns = [6697, 0],
                LastBins = [6, int.MinValue],
            },
        ];
    }

    /// <summary>Prefix in its text form for the comparison (its <see cref="System.Net.IPAddress"/> property does not serialize).</summary>
    private sealed class PrefixAsText : JsonConverter<Prefix>
    {
        public override Prefix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Prefix.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, Prefix value, JsonSerializerOptions options) =>
            writer.WriteStringValue($"{value}{(value.IsIPv4 ? " v4" : " v6")}");
    }
}
