using System.Text;
using Grid.Evidence.Bundles;
using Grid.Evidence.Log;
using Grid.Evidence.Signing;

namespace Grid.Evidence.Tests;

/// <summary>A signing key, a folder log and three sealed bundles in a throw-away folder.</summary>
internal sealed class SealedEvidence : IDisposable
{
    public SealedEvidence()
    {
        Folder = Directory.CreateTempSubdirectory("grid-evidence-").FullName;
        Key = EvidenceKey.LoadOrCreate(Path.Combine(Folder, "evidence.key"));
        Log = new FolderTransparencyLog(Path.Combine(Folder, "log"), Key, TimeProvider.System);
        var sealer = new EvidenceSealer(Key, Log);
        foreach (var (id, entity) in new[] { ("BY-1", "country/BY"), ("AS6697-1", "as/AS6697"), ("BY-BR-1", "region/BY-BR") })
        {
            Bundles.Add(sealer.SealAsync(id, entity, "critical", DateTimeOffset.UtcNow, "0.1.0", Parts(id), CancellationToken.None).GetAwaiter().GetResult().Bundle);
        }
    }

    public string Folder { get; }

    public EvidenceKey Key { get; }

    public FolderTransparencyLog Log { get; }

    public List<EvidenceBundle> Bundles { get; } = [];

    public string[] LogLines => File.ReadAllLines(Log.Path);

    /// <summary>Parts shaped like a real bundle's: binary MRT bytes, CSV points and JSON settings.</summary>
    private static List<BundlePart> Parts(string id) =>
    [
        new("bgp/updates.mrt", [.. Enumerable.Range(0, 600).Select(i => (byte)(i * 7 + id.Length))]),
        new("signals/bgp.csv", Encoding.UTF8.GetBytes($"time,value,baseline\n2026-12-05T08:00:00Z,6994,6994\n2026-12-05T08:05:00Z,12,6994\n# {id}\n")),
        new("context/settings.json", Encoding.UTF8.GetBytes("{\"warningBelow\":0.95,\"criticalBelow\":0.8}\n")),
    ];

    public void Dispose()
    {
        Key.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
