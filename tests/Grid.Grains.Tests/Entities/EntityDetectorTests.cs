using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Grains.Tests.Entities;

/// <summary>
/// An entity's detection with its outbox, without a silo: a level change someone can hear of is
/// stored before it is published, and one whose publishing failed goes out again with its id.
/// </summary>
public sealed class EntityDetectorTests
{
    private static readonly DateTimeOffset Egypt2011 = new(2011, 1, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ACriticalChangeIsStoredBeforeItIsPublished()
    {
        var egypt = new Entity();

        await egypt.HoldAsync(TimeSpan.FromHours(2), 10_000);
        egypt.Outputs.Calls.Clear();
        await egypt.HoldAsync(TimeSpan.FromMinutes(10), 1_000);

        var published = egypt.Outputs.Calls.IndexOf("publish normal→critical");
        Assert.True(published > 0, string.Join("; ", egypt.Outputs.Calls));
        Assert.Equal("write", egypt.Outputs.Calls[..published].Last(c => c is "write" or "changed"));
        Assert.Contains(egypt.Outputs.Calls[..published], c => c.StartsWith("events EG-", StringComparison.Ordinal));
        Assert.Empty(egypt.State.Unpublished);
        Assert.Equal(DetectionLevel.Critical, egypt.Detector.Level);
        Assert.NotNull(egypt.Detector.OpenEvent());
    }

    [Fact]
    public async Task AChangeNoSubscriptionHearsWaitsForTheStepsWrite()
    {
        var egypt = new Entity();

        await egypt.HoldAsync(TimeSpan.FromHours(1), 10_000);

        var published = egypt.Outputs.Calls.IndexOf("publish unknown→normal");
        Assert.True(published > 0, string.Join("; ", egypt.Outputs.Calls));
        Assert.DoesNotContain("write", egypt.Outputs.Calls);
        Assert.Equal("changed", egypt.Outputs.Calls[published + 1]);
    }

    [Fact]
    public async Task AChangeWhosePublishingFailedStaysInTheOutboxAndGoesOutAgainWithItsId()
    {
        var egypt = new Entity();
        await egypt.HoldAsync(TimeSpan.FromHours(2), 10_000);

        egypt.Outputs.FailPublishing = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => egypt.HoldAsync(TimeSpan.FromMinutes(10), 1_000));
        var stored = Assert.Single(egypt.State.Unpublished);
        Assert.Equal(DetectionLevel.Critical, stored.Level);

        // What a new activation does with the state the dead one wrote.
        egypt.Outputs.FailPublishing = false;
        var adopted = new EntityDetector(egypt.State, new DetectionOptions(), new ElectionOptions(), Minute, egypt.Outputs, NullLogger.Instance);
        await adopted.PublishUnpublishedAsync();

        Assert.Equal(stored.Id, Assert.Single(egypt.Outputs.Published, c => c.Level == DetectionLevel.Critical).Id);
        Assert.Empty(egypt.State.Unpublished);
    }

    [Fact]
    public async Task AnOpenEventsScoreReachesTheEventLogOncePerTick()
    {
        var egypt = new Entity();
        await egypt.HoldAsync(TimeSpan.FromHours(2), 10_000);
        await egypt.HoldAsync(TimeSpan.FromMinutes(30), 1_000);
        egypt.Outputs.Calls.Clear();

        await egypt.Detector.SendOpenScoreAsync();
        await egypt.Detector.SendOpenScoreAsync();

        Assert.Equal(["events EG-" + (Egypt2011 + TimeSpan.FromHours(2)).ToUnixTimeSeconds()], egypt.Outputs.Calls);
    }

    [Fact]
    public async Task InsideAnElectionsWatchASmallerDropWarns()
    {
        var watched = new Entity();
        watched.Detector.WatchElections([new ElectionEntry("EG", DateOnly.FromDateTime(Egypt2011.UtcDateTime), "Parliament", "test")]);
        var ordinary = new Entity();

        foreach (var egypt in new[] { watched, ordinary })
        {
            await egypt.HoldAsync(TimeSpan.FromHours(2), 10_000);
            await egypt.HoldAsync(TimeSpan.FromMinutes(10), 9_920);
        }

        Assert.Equal(DetectionLevel.Warning, watched.Detector.Level);
        Assert.Equal(DetectionLevel.Normal, ordinary.Detector.Level);
    }

    /// <summary>Egypt's BGP signal fed minute by minute through a detector over fresh state.</summary>
    private sealed class Entity
    {
        private readonly SignalSeries _bgp = new(Minute, TimeSpan.FromDays(8));
        private readonly EntityIdentity _who = new(EntityKey.Parse("EG"), "EG");
        private DateTimeOffset _now = Egypt2011;

        public Entity() => Detector = new EntityDetector(State, new DetectionOptions(), new ElectionOptions(), Minute, Outputs, NullLogger.Instance);

        public EntityState State { get; } = new();

        public RecordedOutputs Outputs { get; } = new();

        public EntityDetector Detector { get; }

        public async Task HoldAsync(TimeSpan duration, long value)
        {
            for (var end = _now + duration; _now < end; _now += Minute)
            {
                _bgp.Record(_now, value);
                await Detector.AdvanceAsync(_who, _now, new Dictionary<string, Func<DateTimeOffset, long?>> { [SignalNames.Bgp] = _bgp.ValueAt });
            }
        }
    }

    private sealed class RecordedOutputs : IDetectionOutputs
    {
        public List<string> Calls { get; } = [];

        public List<AnomalyEvent> Published { get; } = [];

        public bool FailPublishing { get; set; }

        public void StateChanged() => Calls.Add("changed");

        public Task WriteStateAsync()
        {
            Calls.Add("write");
            return Task.CompletedTask;
        }

        public Task RecordEventsAsync(OutageEvent[] events)
        {
            Calls.Add($"events {string.Join(',', events.Select(e => e.Id))}");
            return Task.CompletedTask;
        }

        public Task PublishAsync(AnomalyEvent change)
        {
            if (FailPublishing)
            {
                throw new InvalidOperationException("the stream is down");
            }

            Calls.Add($"publish {change.PreviousLevel.Name()}→{change.Level.Name()}");
            Published.Add(change);
            return Task.CompletedTask;
        }
    }
}
