using Grid.Geography;
using Grid.Grains.Probing;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>
/// One vantage point's ping of one address, as the intake keeps it: how many echoes went out, the
/// RTTs of those answered, and the entity the address counts for when the sender says.
/// </summary>
public sealed record ProbeResult(uint Address, DateTimeOffset At, int Sent, IReadOnlyList<double> RttsMs, CountryCode? Country, uint Asn)
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

        return new ProbeObservation(Address, Country ?? default, Asn, 0, Sent, replied, (float)sum, timed);
    }
}

/// <summary>An item of a batch the intake refused, by its position in the batch (0-based), and why.</summary>
public sealed record RefusedItem(int Index, string Reason);

/// <summary>What <c>POST /v1/probes/results</c> answers: how many items were kept, and which were refused.</summary>
public sealed record IntakeResponse(int Accepted, IReadOnlyList<RefusedItem> Refused);
