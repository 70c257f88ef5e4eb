namespace Grid.Grains.Probing;

/// <summary>
/// Who sent a probe observation: the silo's own prober (trusted: the operator runs it), or an
/// outside vantage point named by its API key's id and name, never the key itself.
/// </summary>
public static class ProbeSenders
{
    /// <summary>The silo's own prober.</summary>
    public const string Prober = "grid-prober";

    public static bool IsTrusted(string sender) => string.Equals(sender, Prober, StringComparison.Ordinal);

    /// <summary>
    /// The one outside key behind <paramref name="senders"/> (the senders of an entity's blocks not
    /// up in a bin), or null when the prober or several keys stand behind them, or none does.
    /// </summary>
    public static string? SingleOutsideKey(IReadOnlyCollection<string>? senders) =>
        senders is { Count: 1 } && senders.First() is var only && !IsTrusted(only) ? only : null;
}
