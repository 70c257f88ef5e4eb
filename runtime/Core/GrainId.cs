namespace Grid.Runtime;

/// <summary>
/// Identifies one grain: its type name (e.g. <c>country</c>) and its key (e.g. <c>BY</c>).
/// The string form <c>type/key</c> is what travels in messages and storage rows.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id: expected 'type/key', e.g. 'country/BY'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
