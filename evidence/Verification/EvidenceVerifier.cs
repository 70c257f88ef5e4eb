using System.Security.Cryptography;
using System.Text;
using Grid.Evidence.Bundles;
using Grid.Evidence.Log;
using Grid.Evidence.Signing;

namespace Grid.Evidence.Verification;

/// <summary>
/// Checks a bundle without trusting the server that made it: each part against the manifest's
/// hash, the manifest against its signature, the bundle's log entry against the manifest and its
/// signature, and, given the log (or a page of it), every entry's signature and chain link and
/// that the bundle's entry is in it unchanged. The key is the one pinned by the caller, or else the
/// bundle's own (then the report says so: a bundle can only vouch for itself that far).
/// </summary>
public static class EvidenceVerifier
{
    public static VerificationReport Verify(EvidenceBundle bundle, EvidencePublicKey? pinnedKey = null, IReadOnlyList<string>? logLines = null)
    {
        var report = new VerificationReport();
        var key = pinnedKey is null ? BundleKey(bundle, report) : CheckPinnedKey(bundle, pinnedKey, report);
        var manifestBytes = bundle[EvidenceManifest.FileName];
        if (manifestBytes is null)
        {
            report.Fail(EvidenceManifest.FileName, "missing: this is not a sealed Grid bundle");
            return report;
        }
        EvidenceManifest manifest;
        try
        {
            manifest = EvidenceManifest.Parse(manifestBytes);
        }
        catch (InvalidDataException e)
        {
            report.Fail(EvidenceManifest.FileName, e.Message);
            return report;
        }
        CheckParts(bundle, manifest, report);
        var manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        CheckSignature(bundle, key, manifestBytes, report);
        var entry = CheckLogEntry(bundle, key, manifest, manifestSha256, report);
        if (logLines is not null)
        {
            CheckLog(logLines, key, entry, report);
        }
        return report;
    }

    private static EvidencePublicKey? BundleKey(EvidenceBundle bundle, VerificationReport report)
    {
        if (bundle[EvidenceBundle.KeyFile] is not { } pem)
        {
            report.Fail(EvidenceBundle.KeyFile, "missing, and no key was given to verify with");
            return null;
        }
        try
        {
            var key = EvidencePublicKey.FromPem(Encoding.ASCII.GetString(pem));
            report.Held($"signer: the bundle's own key {key.KeyId} (pin the server's key to check who signed)");
            return key;
        }
        catch (InvalidDataException e)
        {
            report.Fail(EvidenceBundle.KeyFile, e.Message);
            return null;
        }
    }

    private static EvidencePublicKey CheckPinnedKey(EvidenceBundle bundle, EvidencePublicKey pinned, VerificationReport report)
    {
        if (bundle[EvidenceBundle.KeyFile] is { } pem)
        {
            try
            {
                var own = EvidencePublicKey.FromPem(Encoding.ASCII.GetString(pem));
                if (own.KeyId != pinned.KeyId)
                {
                    report.Fail(EvidenceBundle.KeyFile, $"is key {own.KeyId}, not the pinned key {pinned.KeyId}");
                }
            }
            catch (InvalidDataException e)
            {
                report.Fail(EvidenceBundle.KeyFile, e.Message);
            }
        }
        report.Held($"signer: the pinned key {pinned.KeyId}");
        return pinned;
    }

    private static void CheckParts(EvidenceBundle bundle, EvidenceManifest manifest, VerificationReport report)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in manifest.Parts)
        {
            listed.Add(part.Name);
            if (bundle[part.Name] is not { } content)
            {
                report.Fail(part.Name, "listed in the manifest but missing from the bundle");
                continue;
            }
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            if (sha256 != part.Sha256 || content.LongLength != part.Bytes)
            {
                report.Fail(part.Name, $"changed: SHA-256 {sha256} ({content.LongLength:N0} bytes), the manifest says {part.Sha256} ({part.Bytes:N0} bytes)");
            }
        }
        foreach (var name in bundle.Files.Keys.Where(name => !listed.Contains(name) && !EvidenceBundle.SealFiles.Contains(name)))
        {
            report.Fail(name, "in the bundle but not in the manifest: added after sealing");
        }
        if (report.Failures.Count == 0)
        {
            report.Held($"{manifest.Parts.Count} parts match the manifest's SHA-256");
        }
    }

    private static void CheckSignature(EvidenceBundle bundle, EvidencePublicKey? key, byte[] manifest, VerificationReport report)
    {
        if (bundle[EvidenceBundle.SignatureFile] is not { } signature)
        {
            report.Fail(EvidenceBundle.SignatureFile, "missing: the manifest is not signed");
        }
        else if (key is not null && !key.Verify(manifest, signature))
        {
            report.Fail(EvidenceBundle.SignatureFile, $"the manifest's signature does not verify with key {key.KeyId}: the manifest or the signature was changed, or another key signed it");
        }
        else if (key is not null)
        {
            report.Held($"the manifest's signature verifies with key {key.KeyId}");
        }
    }

    private static SignedLogEntry? CheckLogEntry(EvidenceBundle bundle, EvidencePublicKey? key, EvidenceManifest manifest, string manifestSha256, VerificationReport report)
    {
        if (bundle[EvidenceBundle.LogEntryFile] is not { } line)
        {
            report.Fail(EvidenceBundle.LogEntryFile, "missing: the bundle does not say where it is in the log");
            return null;
        }
        SignedLogEntry entry;
        try
        {
            var text = Encoding.UTF8.GetString(line);
            entry = text.EndsWith('\n') ? SignedLogEntry.Parse(text[..^1]) : throw new InvalidDataException("it does not end in one newline, as Grid writes it");
        }
        catch (InvalidDataException e)
        {
            report.Fail(EvidenceBundle.LogEntryFile, e.Message);
            return null;
        }
        if (entry.Entry.ManifestSha256 != manifestSha256)
        {
            report.Fail(EvidenceManifest.FileName, $"hashes to {manifestSha256}, but log entry #{entry.Entry.Index} logs {entry.Entry.ManifestSha256}: the manifest or the entry was changed after sealing");
        }
        if (entry.Entry.EventId != manifest.EventId)
        {
            report.Fail(EvidenceBundle.LogEntryFile, $"logs event {entry.Entry.EventId}, the manifest is for {manifest.EventId}");
        }
        if (key is not null && !entry.VerifiedBy(key))
        {
            report.Fail(EvidenceBundle.LogEntryFile, $"entry #{entry.Entry.Index}'s signature does not verify with key {key.KeyId}");
        }
        else if (key is not null && entry.Entry.ManifestSha256 == manifestSha256)
        {
            report.Held($"the manifest is log entry #{entry.Entry.Index}, signed");
        }
        return entry;
    }

    private static void CheckLog(IReadOnlyList<string> lines, EvidencePublicKey? key, SignedLogEntry? bundleEntry, VerificationReport report)
    {
        SignedLogEntry? previous = null;
        var found = false;
        var failures = report.Failures.Count;
        for (var number = 1; number <= lines.Count; number++)
        {
            var text = lines[number - 1].Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var where = $"log line {number}";
            SignedLogEntry entry;
            try
            {
                entry = SignedLogEntry.Parse(text);
            }
            catch (InvalidDataException e)
            {
                report.Fail(where, e.Message);
                previous = null;
                continue;
            }
            where += $" (entry #{entry.Entry.Index})";
            if (key is not null && !entry.VerifiedBy(key))
            {
                report.Fail(where, $"the signature does not verify with key {key.KeyId}: the entry was changed or another key signed it");
            }
            if (previous is null && entry.Entry.Index == 0 && entry.Entry.PreviousSha256 != LogEntry.Genesis)
            {
                report.Fail(where, "the first entry must link to the genesis hash (64 zeros)");
            }
            if (previous is not null)
            {
                if (entry.Entry.Index != previous.Entry.Index + 1)
                {
                    report.Fail(where, $"follows entry #{previous.Entry.Index}: entries are missing or out of order");
                }
                if (entry.Entry.PreviousSha256 != previous.Entry.Sha256())
                {
                    report.Fail(where, $"links to {entry.Entry.PreviousSha256}, but the entry before it hashes to {previous.Entry.Sha256()}: the chain is broken");
                }
            }
            if (bundleEntry is not null && entry.Entry.Index == bundleEntry.Entry.Index)
            {
                found = true;
                if (entry.Entry != bundleEntry.Entry)
                {
                    report.Fail(where, "differs from the bundle's log-entry.json");
                }
            }
            previous = entry;
        }
        if (bundleEntry is not null && !found)
        {
            report.Fail("log", $"does not hold entry #{bundleEntry.Entry.Index}, the bundle's; fetch the page that does (GET /v1/evidence/log?from={bundleEntry.Entry.Index})");
        }
        if (report.Failures.Count == failures)
        {
            report.Held($"the log's {lines.Count(line => line.Trim().Length > 0)} entries are signed and chained, and hold the bundle's entry");
        }
    }
}
