namespace Grid.Client.Errors;

/// <summary>The members of an RFC 9457 problem object that the client reads (§3.1).</summary>
internal sealed record ProblemDetails(string? Type, string? Title, int? Status, string? Detail);
