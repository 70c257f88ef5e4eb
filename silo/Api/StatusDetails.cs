namespace Grid.Silo.Api;

/// <summary>What to do about the bodiless errors the framework answers itself (unknown route, wrong method…).</summary>
internal static class StatusDetails
{
    public static string? For(int status) => status switch
    {
        StatusCodes.Status404NotFound => "No such resource: the endpoints are listed at /docs and in /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => "This path does not take that method: see the Allow header, /docs or /openapi/v1.json.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json (Content-Type: application/json).",
        StatusCodes.Status400BadRequest => "The request could not be read: check the parameters against /openapi/v1.json.",
        StatusCodes.Status500InternalServerError => "Grid failed to answer; the silo's log has the cause. Retry later, and report it if it persists.",
        _ => null,
    };
}
