using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;
using Grid.Evidence.Verification;
using Grid.Grains.Evidence;
using Grid.Silo.Hosting.Evidence;
using Grid.Testing.Postgres;
using Npgsql;

namespace Grid.Silo.Tests.Evidence;

/// <summary>A cluster's archive on real PostgreSQL: silos appending at once keep one chain, and any silo reads any bundle.</summary>
public sealed class PostgresEvidenceArchiveTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task ThreeSilosAppendingAtOnceKeepOneVerifiedChain()
    {
        var database = await postgres.CreateDatabaseAsync("evidence");
        using var key = EvidenceKey.Generate();
        var silos = Enumerable.Range(0, 3).Select(_ => new PostgresEvidenceArchive(NpgsqlDataSource.Create(database), key, TimeProvider.System)).ToList();
        var sealed_ = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var silo = silos[i % silos.Count];
            var (bundle, entry) = await new EvidenceSealer(key, silo.Log).SealAsync($"BY-{i}", "BY", "critical", DateTimeOffset.UtcNow, "0.1.0", [new("signals/history.csv", [(byte)i])], CancellationToken.None);
            await silo.StoreAsync(new SealedBundle($"BY-{i}", 1, "critical", entry.Entry.Time, entry.Entry.Index, entry.Entry.ManifestSha256), bundle.ToTarGz(), CancellationToken.None);
            return bundle;
        }));

        var log = (await silos[0].Log.ReadAsync(0, 100, CancellationToken.None)).Select(entry => entry.ToJsonLine()).ToList();
        Assert.Equal(30, log.Count);
        Assert.Equal(30, await silos[2].Log.CountAsync(CancellationToken.None));
        foreach (var bundle in sealed_)
        {
            var report = EvidenceVerifier.Verify(bundle, key.PublicKey, log);
            Assert.True(report.Verified, string.Join("\n", report.Failures));
        }

        // Any silo serves any bundle, byte for byte as sealed.
        var stored = await silos[1].ReadAsync("BY-7", 1, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.True(EvidenceVerifier.Verify(EvidenceBundle.ReadTarGz(new MemoryStream(stored)), key.PublicKey, log).Verified);
        Assert.Single(await silos[2].ListAsync("BY-7", CancellationToken.None));
    }
}
