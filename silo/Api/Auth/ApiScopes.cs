namespace Grid.Silo.Api.Auth;

/// <summary>What an API key may be allowed to do.</summary>
public static class ApiScopes
{
    /// <summary>Send measurements in (<c>POST /v1/probes/results</c>).</summary>
    public const string Ingest = "ingest";
}
