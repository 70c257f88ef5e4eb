namespace Grid.Silo.Api.Auth;

/// <summary>What an API key may do. <c>admin</c> includes the others.</summary>
public static class ApiScopes
{
    /// <summary>Read status, events and history.</summary>
    public const string Read = "read";

    /// <summary>Push data into Grid (outside vantage points' probe results).</summary>
    public const string Ingest = "ingest";

    /// <summary>Manage subscriptions and the election calendar, see deliveries.</summary>
    public const string Admin = "admin";

    public static bool Grants(IEnumerable<string> held, string wanted) =>
        held.Any(s => string.Equals(s, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(s, Admin, StringComparison.OrdinalIgnoreCase));
}
