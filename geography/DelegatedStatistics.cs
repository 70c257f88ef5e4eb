namespace Grid.Geography;

/// <summary>
/// What one RIR statistics file ("delegated-&lt;registry&gt;-[extended-]yyyymmdd") says: the
/// registry that wrote it, the day it describes, and every block and ASN run with a country.
/// </summary>
/// <param name="Registry">From the version line (afrinic, apnic, arin, iana, lacnic, ripencc), lower case; empty if the file had none.</param>
/// <param name="Date">The version line's end date (or serial, when that is a date); null if neither is one. Decides which of two files of one registry is newer.</param>
/// <param name="WithoutCountry">Records read but not kept: available and reserved space, and IANA's delegations to registries, which name no country.</param>
public sealed record DelegatedStatistics(
    string Registry,
    DateOnly? Date,
    IReadOnlyList<CountryBlock> Blocks,
    IReadOnlyList<AsnBlock> Asns,
    int WithoutCountry,
    SkippedLines Skipped);
