using System.Globalization;
using Grid.Grains.Entities;
using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// One gauge family over countries, ASes and regions. A country series is labelled <c>kind, country</c>,
/// an AS series <c>kind, asn, country</c> (its registry country) and a region series <c>kind, country, region</c>
/// (<c>region</c> is its key, <c>BY-HM</c>), <c>kind</c> being <see cref="EntityKindExtensions.Name"/>, as the README's metric table has
/// them; prometheus-net keeps the three label shapes as three collectors of one family.
/// </summary>
internal sealed class EntityFamily
{
    private readonly SnapshotSeries<Gauge.Child> _countries;
    private readonly SnapshotSeries<Gauge.Child> _ases;
    private readonly SnapshotSeries<Gauge.Child> _regions;

    public EntityFamily(IMetricFactory factory, string name, string help, params string[] extraLabels)
    {
        _countries = new(factory.CreateGauge(name, help, ["kind", "country", .. extraLabels]));
        _ases = new(factory.CreateGauge(name, help, ["kind", "asn", "country", .. extraLabels]));
        _regions = new(factory.CreateGauge(name, help, ["kind", "country", "region", .. extraLabels]));
    }

    public void Begin()
    {
        _countries.Begin();
        _ases.Begin();
        _regions.Begin();
    }

    public void Set(EntityStatus status, double value, params string[] extraLabels)
    {
        var child = status.Kind switch
        {
            EntityKind.As => _ases.Mark([status.Kind.Name(), EntityKey.Parse(status.Code).Asn.ToString(CultureInfo.InvariantCulture), status.Country ?? "", .. extraLabels]),
            // A region's key begins with its country (EntityKey.RegionCountry), whatever its status says.
            EntityKind.Region => _regions.Mark([status.Kind.Name(), status.Code[..2], status.Code, .. extraLabels]),
            _ => _countries.Mark([status.Kind.Name(), status.Code, .. extraLabels]),
        };
        child.Set(value);
    }

    public void RemoveUnmarked()
    {
        _countries.RemoveUnmarked();
        _ases.RemoveUnmarked();
        _regions.RemoveUnmarked();
    }
}
