namespace Grid.Client;

/// <summary>Where the Grid server is and how to talk to it.</summary>
public sealed class GridClientOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    /// <summary>The server's base URL; the API lives under <c>/v1</c> below it.</summary>
    public Uri Server { get; set; } = new(DefaultServer);

    /// <summary>Sent as <c>Authorization: Bearer</c> on every request when set. Never logged, never part of an exception message.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The longest wait a 429's <c>Retry-After</c> may impose before the one retry; a longer one
    /// fails at once with the server's problem, so a script does not hang for an hour.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
