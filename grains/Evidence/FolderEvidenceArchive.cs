using System.Text.Json;
using Grid.Evidence.Log;
using Grid.Evidence.Signing;

namespace Grid.Grains.Evidence;

/// <summary>
/// The local profile's archive: <c>&lt;dir&gt;/log/log.jsonl</c> and
/// <c>&lt;dir&gt;/bundles/&lt;event&gt;/&lt;seal&gt;.tar.gz</c> with a <c>.json</c> beside each. Files are
/// written under a temporary name and renamed, so a reader never sees half a bundle.
/// </summary>
public sealed class FolderEvidenceArchive(string dir, EvidenceKey key, TimeProvider clock) : IEvidenceArchive
{
    public ITransparencyLog Log { get; } = new FolderTransparencyLog(Path.Combine(dir, "log"), key, clock);

    public async Task StoreAsync(SealedBundle bundle, byte[] tarGz, CancellationToken cancellationToken)
    {
        var folder = FolderOf(bundle.EventId);
        Directory.CreateDirectory(folder);
        await WriteAtomicallyAsync(Path.Combine(folder, $"{bundle.Seal}.tar.gz"), tarGz, cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(folder, $"{bundle.Seal}.json"), JsonSerializer.SerializeToUtf8Bytes(bundle), cancellationToken);
    }

    public async Task<IReadOnlyList<SealedBundle>> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        var folder = FolderOf(eventId);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var seals = new List<SealedBundle>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (JsonSerializer.Deserialize<SealedBundle>(await File.ReadAllBytesAsync(file, cancellationToken)) is { } seal)
            {
                seals.Add(seal);
            }
        }
        return [.. seals.OrderBy(seal => seal.Seal)];
    }

    public async Task<byte[]?> ReadAsync(string eventId, int seal, CancellationToken cancellationToken)
    {
        var path = Path.Combine(FolderOf(eventId), $"{seal}.tar.gz");
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <summary>Event ids are Grid's own (<c>BY-1733390000</c>); anything else is refused rather than made a path.</summary>
    private string FolderOf(string eventId) =>
        eventId.Length is > 0 and <= 100 && eventId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !eventId.StartsWith('.')
            ? Path.Combine(dir, "bundles", eventId)
            : throw new ArgumentException($"'{eventId}' is not an event id", nameof(eventId));

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
