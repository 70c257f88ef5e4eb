using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// A block of address space and the country a registry delegated it to. It is both what the
/// parsers read and what <see cref="GeoDatabase.Split(Prefix)"/> returns as a piece.
/// </summary>
public readonly record struct CountryBlock(Prefix Prefix, CountryCode Country);
