namespace Grid.Silo.Api.Auth;

/// <summary>Endpoint metadata naming the scope an endpoint needs, so the OpenAPI document can say so.</summary>
public sealed record RequiredScope(string Scope);
