namespace Grid.Grains.Detection;

/// <summary>Who is being judged: the grain key (<c>BY</c>, <c>AS6697</c>), its kind and its country.</summary>
public sealed record EntityIdentity(string Entity, string Kind, string? Country);
