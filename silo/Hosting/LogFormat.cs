namespace Grid.Silo.Hosting;

/// <summary>
/// <c>Grid:Logging:Format</c>: <c>json</c> (one JSON object per line, for Kubernetes and log shippers),
/// <c>text</c> (one readable line per event), or <c>auto</c> (the default: text on a terminal, JSON otherwise).
/// </summary>
public static class LogFormat
{
    public static bool IsJson(string? configured) => configured?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => Console.IsOutputRedirected,
        "json" => true,
        "text" => false,
        _ => throw new InvalidOperationException($"Grid:Logging:Format is '{configured}': use json, text or auto."),
    };
}
