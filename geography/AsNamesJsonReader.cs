using System.Globalization;
using System.Text.Json;

namespace Grid.Geography;

/// <summary>
/// Reads pyasn's AS names file (hadiasghari/pyasn data/asnames.json, from the CIDR report): one
/// JSON object, <c>{"50088": "FITL-IE Fort Technologies, GB", ...}</c>. The whole file is one line,
/// so a bad entry is reported by its position in the object.
/// </summary>
public static class AsNamesJsonReader
{
    /// <exception cref="JsonException">The file is not a JSON object at all.</exception>
    public static AsNameList Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("An AS names file is one JSON object from AS number to name.");
        }

        var names = new Dictionary<uint, string>();
        var skipped = new SkippedLines();
        var entry = 0;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            entry++;
            var asnText = property.Name.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? property.Name[2..] : property.Name;
            if (property.Value.ValueKind == JsonValueKind.String
                && uint.TryParse(asnText, NumberStyles.None, CultureInfo.InvariantCulture, out var asn)
                && property.Value.GetString() is { Length: > 0 } name)
            {
                names[asn] = name;
            }
            else
            {
                skipped.Add(entry);
            }
        }

        return new AsNameList(names, skipped);
    }
}
