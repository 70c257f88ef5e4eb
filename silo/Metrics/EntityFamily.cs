using System.Globalization;
using Grid.Grains.Entities;
using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// One gauge family over countries and ASes. A country series is labelled <c>kind, country</c> and
/// an AS series <c>kind, asn, country</c> (its registry country), <c>kind</c> being <see cref="EntityKindExtensions.Name"/>, as the README's metric table has
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

    public void Set(EntityStatus status, double value, params string[] extraLabels)
    {
        var child = status.Kind == EntityKind.As
            ? _ases.Mark([status.Kind.Name(), EntityKey.Parse(status.Code).Asn.ToString(CultureInfo.InvariantCulture), status.Country ?? "", .. extraLabels])
            : _countries.Mark([status.Kind.Name(), status.Code, .. extraLabels]);
        child.Set(value);
    }

    public void RemoveUnmarked()
    {
        _countries.RemoveUnmarked();
        _ases.RemoveUnmarked();
    }
}
