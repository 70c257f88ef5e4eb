namespace Grid.Geography;

/// <summary>
/// The lines of a text data file that carry data, numbered as an editor numbers them (from 1, so
/// a warning's line numbers can be looked up). Every format read here, RIR statistics (§4.1 of the
/// exchange format), ipverse's lists and the CSV tables, uses '#' for comments and allows blank lines.
/// </summary>
internal static class DataLines
{
    public static IEnumerable<(int Number, string Text)> Of(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length > 0 && text[0] != '#')
            {
                yield return (number, text);
            }
        }
    }
}
