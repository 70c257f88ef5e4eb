using Grid.Bgp.Model;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>Which attribute types an UPDATE carried, and whether the walk stopped at an overrun (RFC 7606 §4).</summary>
internal readonly record struct SeenAttributes(ulong Present, bool Overran)
{
    public bool Has(PathAttributeType type) => (Present & (1UL << (int)type)) != 0;
}
