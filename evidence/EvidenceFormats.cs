namespace Grid.Evidence;

/// <summary>The format tags written into every record, so a verifier refuses what it does not know.</summary>
public static class EvidenceFormats
{
    public const string Manifest = "grid-evidence-manifest/1";

    public const string Log = "grid-evidence-log/1";
}
