namespace Grid.Silo.Tests.Oracle;

/// <summary>
/// A "prefix,country" geography file (the flat ipverse list), read the plain way: its IPv4 blocks
/// sorted by address. The file's blocks must not overlap, which this checks: then every address has
/// at most one country and the longest-match rule has nothing to decide, so a prefix's part in a
/// country is simply its intersection with that country's blocks.
/// </summary>
internal sealed class CountryMap
{
    private readonly (AddressSpan Span, string Country)[] _blocks;

    private CountryMap((AddressSpan, string)[] blocks) => _blocks = blocks;

    public static CountryMap ReadCsv(string path)
    {
        var blocks = new List<(AddressSpan Span, string Country)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var country = line[(comma + 1)..].Trim().ToUpperInvariant();
            // ZZ is "no country", as Grid's reader takes it.
            if (comma > 0 && country != "ZZ" && AddressSpan.ParseIPv4(line[..comma].Trim()) is { } span)
            {
                blocks.Add((span, country));
            }
        }

        blocks.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        for (var i = 1; i < blocks.Count; i++)
        {
            Assert.True(blocks[i].Span.Start >= blocks[i - 1].Span.End, $"{path} has overlapping blocks ({blocks[i - 1].Country}, {blocks[i].Country}): the oracle's plain intersection would not be the longest-match rule");
        }

        return new CountryMap([.. blocks]);
    }

    /// <summary>The parts of <paramref name="prefix"/> that lie in some country, with that country.</summary>
    public IEnumerable<(string Country, AddressSpan Part)> PartsOf(AddressSpan prefix)
    {
        // The first block that ends after the prefix starts; blocks are disjoint, so ends are sorted too.
        int low = 0, high = _blocks.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_blocks[middle].Span.End <= prefix.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < _blocks.Length && _blocks[i].Span.Start < prefix.End; i++)
        {
            if (_blocks[i].Span.Intersect(prefix) is { } part)
            {
                yield return (_blocks[i].Country, part);
            }
        }
    }
}
