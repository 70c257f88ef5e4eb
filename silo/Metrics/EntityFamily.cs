using Grid.Grains.Entities;
using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// One gauge family over countries and ASes. A country series is labelled <c>kind, country</c> and
/// an AS series <c>kind, asn, country</c> (its registry country), as the README's metric table has
/// them; prometheus-net keeps the two label shapes as two collectors of one family.
/// </summary>
internal sealed class EntityFamily
{
    private readonly SnapshotSeries<Gauge.Child> _countries;
    private readonly SnapshotSeries<Gauge.Child> _ases;

    public EntityFamily(IMetricFactory factory, string name, string help, params string[] extraLabels)
    {
        _countries = new(factory.CreateGauge(name, help, ["kind", "country", .. extraLabels]));
        _ases = new(factory.CreateGauge(name, help, ["kind", "asn", "country", .. extraLabels]));
    }

    public void Begin()
    {
        _countries.Begin();
        _ases.Begin();
    }

    public void Set(ExportedEntity entity, double value, params string[] extraLabels)
    {
        var status = entity.Status;
        var child = entity.Kind == ILocalEntities.As
            ? _ases.Mark(["as", status.Code.StartsWith("AS", StringComparison.Ordinal) ? status.Code[2..] : status.Code, status.Country ?? "", .. extraLabels])
            : _countries.Mark(["country", status.Code, .. extraLabels]);
        child.Set(value);
    }

    public void RemoveUnmarked()
    {
        _countries.RemoveUnmarked();
        _ases.RemoveUnmarked();
    }
}

/// <summary>A country or AS status this silo exports; <see cref="Kind"/> is an <see cref="ILocalEntities"/> kind.</summary>
internal sealed record ExportedEntity(string Kind, EntityStatus Status);
