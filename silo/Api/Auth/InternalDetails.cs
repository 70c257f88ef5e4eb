namespace Grid.Silo.Api.Auth;

/// <summary>
/// Machine names, silo names, internal addresses and build commits help an attacker map a
/// deployment and help nobody else: <c>GET /</c> and <c>GET /v1/cluster</c> show them only to a
/// request carrying a key with the <c>admin</c> scope.
/// </summary>
internal static class InternalDetails
{
    public static bool AreShownTo(HttpContext http) =>
        PresentedKey.IsPresent(http.Request) && PresentedKey.Resolve(http).Key is { } key && ApiScopes.Grants(key.Scopes, ApiScopes.Admin);

    /// <summary>The release part of an informational version (<c>0.1.0</c> of <c>0.1.0+5f3c…</c>): the commit is internal.</summary>
    public static string? Release(string? informationalVersion) => informationalVersion?.Split('+')[0];
}
