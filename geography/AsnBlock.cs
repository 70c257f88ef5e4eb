namespace Grid.Geography;

/// <summary>
/// <paramref name="Count"/> consecutive AS numbers from <paramref name="First"/>, delegated to one
/// country. RIR statistics files delegate ASNs in such runs (the record's value field is a count).
/// </summary>
public readonly record struct AsnBlock(uint First, uint Count, CountryCode Country)
{
    /// <summary>The last AS number of the run.</summary>
    public uint Last => First + (Count - 1);
}
