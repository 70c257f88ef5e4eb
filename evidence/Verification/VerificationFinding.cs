namespace Grid.Evidence.Verification;

/// <summary>One thing that does not hold, and where: a part's name, a seal file, or a log line.</summary>
public sealed record VerificationFinding(string Where, string What)
{
    public override string ToString() => $"{Where}: {What}";
}
