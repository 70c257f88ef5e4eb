using System.Text.Json;
using System.Text.Json.Serialization;
using Grid.Grains.Entities;

namespace Grid.Silo.Api;

/// <summary>
/// Serialization code generated at build time for the status answers pollers hit hardest
/// (<c>/v1/countries/{cc}</c>, <c>/v1/countries</c>, <c>/v1/asns/{asn}</c>). It heads the API's
/// resolver chain (<see cref="GridApi.AddGridApi"/>), so these types skip the reflection-based
/// converters; every other type still resolves by reflection. Web defaults, as ASP.NET Core's
/// own options: the bytes, and so the ETags, are the same either way.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EntityStatus))]
[JsonSerializable(typeof(EntityStatus[]))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
