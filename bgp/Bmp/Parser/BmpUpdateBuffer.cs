using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>
/// The one <see cref="BgpUpdate"/> a reader decodes every Route Monitoring message into, with a
/// generation count so a message can tell that a later one has overwritten it.
/// </summary>
internal sealed class BmpUpdateBuffer
{
    public BgpUpdate Update { get; } = new();

    public long Generation { get; private set; }

    /// <summary>Claims the buffer for the next message; earlier messages' views become stale.</summary>
    public BgpUpdate Next()
    {
        Generation++;
        return Update;
    }
}
