namespace Grid.Evidence.Verification;

/// <summary>What a verification checked and what failed; verified when nothing failed.</summary>
public sealed class VerificationReport
{
    private readonly List<VerificationFinding> _failures = [];
    private readonly List<string> _checked = [];

    public IReadOnlyList<VerificationFinding> Failures => _failures;

    /// <summary>What held, in plain words, for the verifier's output.</summary>
    public IReadOnlyList<string> Checked => _checked;

    public bool Verified => _failures.Count == 0;

    internal void Fail(string where, string what) => _failures.Add(new VerificationFinding(where, what));

    internal void Held(string what) => _checked.Add(what);
}
