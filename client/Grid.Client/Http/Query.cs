using System.Globalization;
using System.Text;

namespace Grid.Client.Http;

/// <summary>Builds a path's query string from the parameters that are set, each escaped.</summary>
internal static class Query
{
    public static string Path(string path, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    public static string? Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary><paramref name="uri"/> with <paramref name="name"/> set to <paramref name="value"/>, replacing it if present.</summary>
    public static Uri With(Uri uri, string name, string value)
    {
        var kept = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal));
        var query = string.Join('&', kept.Append($"{name}={Uri.EscapeDataString(value)}"));
        return new UriBuilder(uri) { Query = query }.Uri;
    }
}
