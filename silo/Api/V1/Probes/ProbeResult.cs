using Grid.Geography;
using Grid.Grains.Probing;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>
/// One vantage point's ping of one address, as the intake keeps it: how many echoes went out, the
/// RTTs of those answered, and the entity the address counts for when the sender says.
/// </summary>
public sealed record ProbeResult(uint Address, DateTimeOffset At, int Sent, IReadOnlyList<double> RttsMs, CountryCode? Country, uint Asn, int Index = 0)
{
    /// <summary>The result as its probe shard takes it: each of the first <see cref="Sent"/> answers and the silences after them.</summary>
    public ProbeObservation ToObservation()
    {
        var replied = Math.Min(Sent, RttsMs.Count);
        double sum = 0;
        var timed = 0;
        for (var i = 0; i < replied; i++)
        {
            if (!double.IsNaN(RttsMs[i]))
            {
                sum += RttsMs[i];
                timed++;
            }
        }

        return new ProbeObservation(Address, Country ?? default, Asn, 0, Sent, replied, (float)sum, timed, At);
    }
}

