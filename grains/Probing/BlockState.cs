namespace Grid.Grains.Probing;

/// <summary>What Trinocular believes of a /24 block.</summary>
public enum BlockState : byte
{
    Unknown = 0,
    Up = 1,
    Down = 2,
}
