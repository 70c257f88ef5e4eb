namespace Grid.Geography.Regions;

/// <summary>
/// A sub-national region (admin-1: a province, oblast, state or federal city) as the region data
/// places address space in it.
/// </summary>
/// <param name="Code">Its key: the ISO 3166-2 code where the data's name matched one (<c>BY-HM</c>), else its country and a slug of the name (<c>AZ-SHAKI-CITY</c>).</param>
/// <param name="Country">The country the region lies in.</param>
/// <param name="Name">The English ISO name where matched, else the data's own name.</param>
/// <param name="IsIsoCode">Whether <paramref name="Code"/> is an ISO 3166-2 code.</param>
/// <param name="SourceNames">Every name the data gives for it (DB-IP spells one region several ways).</param>
public sealed record RegionInfo(string Code, CountryCode Country, string Name, bool IsIsoCode, IReadOnlyList<string> SourceNames);
