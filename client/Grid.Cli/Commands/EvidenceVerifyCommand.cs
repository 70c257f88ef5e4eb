using System.CommandLine;
using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;
using Grid.Evidence.Verification;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid evidence verify BUNDLE [--log FILE] [--key FILE]`: offline, checks every part's hash, the
/// manifest's signature, the bundle's log entry and, with --log, every entry's signature and chain
/// link. Nothing is fetched: pin the key you got from the server once (--key), or the bundle's own
/// key is used and the output says so.
/// </summary>
internal sealed class EvidenceVerifyCommand : Command
{
    public EvidenceVerifyCommand()
        : base("verify", $"Verify an evidence bundle (.tar.gz or its unpacked folder) offline: hashes, signature and log chain. {EvidenceExitCodes.Help}")
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "The bundle from `GET /v1/events/{id}/evidence`, as .tar.gz or unpacked" };
        var log = new Option<string?>("--log") { Description = "The transparency log, or a page of it, as JSON lines (`GET /v1/evidence/log`); checks its signatures and chain and that it holds the bundle's entry" };
        var key = new Option<string?>("--key") { Description = "The server's public key as PEM (`GET /v1/evidence/key`); without it the bundle's own key.pem is used" };
        Arguments.Add(bundle);
        Options.Add(log);
        Options.Add(key);
        SetAction(parseResult => Run(parseResult.GetValue(bundle)!, parseResult.GetValue(log), parseResult.GetValue(key)));
    }

    private static int Run(string bundlePath, string? logPath, string? keyPath)
    {
        if (!TryRead(bundlePath, EvidenceBundle.Read, out var bundle)
            || !TryRead(keyPath, path => EvidencePublicKey.FromPem(File.ReadAllText(path)), out var key)
            || !TryRead(logPath, File.ReadAllLines, out var log))
        {
            return EvidenceExitCodes.Unreadable;
        }

        var report = EvidenceVerifier.Verify(bundle!, key, log);
        foreach (var held in report.Checked)
        {
            Console.WriteLine($"ok    {held}");
        }
        foreach (var failure in report.Failures)
        {
            Console.WriteLine($"FAIL  {failure}");
        }
        Console.WriteLine(report.Verified ? "verified" : $"NOT verified: {report.Failures.Count} problem(s)");
        return report.Verified ? EvidenceExitCodes.Verified : EvidenceExitCodes.NotVerified;
    }

    /// <summary>Reads one input (none when <paramref name="path"/> is null); a failure is printed with the file it concerns.</summary>
    private static bool TryRead<T>(string? path, Func<string, T> read, out T? value)
        where T : class
    {
        value = null;
        if (path is null)
        {
            return true;
        }
        try
        {
            value = read(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"grid: cannot read {path}: {e.Message}");
            return false;
        }
    }
}
