namespace Grid.Bgp.Model;

/// <summary>AS_PATH segment types: RFC 4271 §4.3 (SET, SEQUENCE) and RFC 5065 §3 (confederations).</summary>
public enum AsPathSegmentType : byte
{
    AsSet = 1,
    AsSequence = 2,
    AsConfedSequence = 3,
    AsConfedSet = 4,
}
