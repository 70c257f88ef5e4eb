using System.Net.Http.Headers;

namespace Grid.Client.Http;

/// <summary>Web Linking (RFC 8288): the target of a <c>Link</c> header's <c>rel="next"</c> link, which pages lists.</summary>
internal static class LinkHeader
{
    /// <summary>The next page's URL, resolved against the request's (§3.1: a relative reference is relative to the link context), or null on the last page.</summary>
    public static Uri? Next(HttpResponseHeaders headers, Uri requested)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (var (target, relations) in Parse(value))
            {
                // §3.3: rel is a space-separated list of relation types, compared case-insensitively.
                if (relations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(requested, target, out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }

    /// <summary>§3: <c>&lt;uri&gt;; param=value; …</c>, several links separated by commas (a comma may also sit inside the URI's angle brackets or a quoted value).</summary>
    internal static IEnumerable<(string Target, string Relations)> Parse(string header)
    {
        var i = 0;
        while (i < header.Length)
        {
            var open = header.IndexOf('<', i);
            if (open < 0)
            {
                yield break;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                yield break;
            }

            var target = header[(open + 1)..close];
            var relations = "";
            i = close + 1;
            while (i < header.Length && header[i] != ',')
            {
                if (header[i] != ';')
                {
                    i++;
                    continue;
                }

                var (name, value, end) = Parameter(header, i + 1);
                if (name.Equals("rel", StringComparison.OrdinalIgnoreCase) && relations.Length == 0)
                {
                    relations = value; // §3.3: only the first rel parameter counts.
                }

                i = end;
            }

            yield return (target, relations);
            i++;
        }
    }

    private static (string Name, string Value, int End) Parameter(string header, int start)
    {
        var equals = header.IndexOfAny(['=', ';', ','], start);
        if (equals < 0 || header[equals] != '=')
        {
            var stop = equals < 0 ? header.Length : equals;
            return (header[start..stop].Trim(), "", stop);
        }

        var name = header[start..equals].Trim();
        var i = equals + 1;
        while (i < header.Length && header[i] == ' ')
        {
            i++;
        }

        if (i < header.Length && header[i] == '"')
        {
            var quoteEnd = header.IndexOf('"', i + 1);
            quoteEnd = quoteEnd < 0 ? header.Length : quoteEnd;
            return (name, header[(i + 1)..quoteEnd], Math.Min(quoteEnd + 1, header.Length));
        }

        var end = header.IndexOfAny([';', ','], i);
        end = end < 0 ? header.Length : end;
        return (name, header[i..end].Trim(), end);
    }
}
