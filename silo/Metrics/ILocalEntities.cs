namespace Grid.Silo.Metrics;

/// <summary>
/// The grains of one kind that are active on this silo now, by key. <c>/metrics</c> exports only
/// these, so a cluster never counts a series twice and a grain that moved stops exporting here.
/// Listing must activate nothing. The grain runtime supplies it (<see cref="RuntimeLocalEntities"/>).
/// </summary>
public interface ILocalEntities
{
    /// <summary>Country grains, keyed by ISO 3166 alpha-2 code (<c>BY</c>).</summary>
    const string Country = "country";

    /// <summary>AS grains, keyed <c>AS6697</c>.</summary>
    const string As = "as";

    /// <summary>Region grains, keyed by country and code (<c>BY-HM</c>).</summary>
    const string Region = "region";

    /// <summary>The alert grain (key <c>AnomalyStream.Key</c>), through which every subscription's outbox is read.</summary>
    const string Alerts = "alerts";

    IReadOnlyList<string> ActiveKeys(string kind);
}
