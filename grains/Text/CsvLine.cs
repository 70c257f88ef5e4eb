using System.Text;

namespace Grid.Grains.Text;

/// <summary>One line of CSV split into its fields (RFC 4180 quoting: "a, b" and doubled quotes; no field here spans lines).</summary>
public static class CsvLine
{
    public static List<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>A header's column names, trimmed and in lower case, without a leading byte-order mark.</summary>
    public static List<string> Columns(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return [.. Split(header.TrimStart('\uFEFF')).Select(c => c.Trim().ToLowerInvariant())];
    }
}
