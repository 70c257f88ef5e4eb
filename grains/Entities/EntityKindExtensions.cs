namespace Grid.Grains.Entities;

/// <summary>The name a kind has outside Grid's code.</summary>
public static class EntityKindExtensions
{
    /// <summary><c>country</c>, <c>asn</c> or <c>region</c>: the API's <c>kind</c>, the first part of a CODF location, the metrics' <c>kind</c> label (the JSON name too).</summary>
    public static string Name(this EntityKind kind) => kind switch
    {
        EntityKind.As => "asn",
        EntityKind.Region => "region",
        _ => "country",
    };
}
