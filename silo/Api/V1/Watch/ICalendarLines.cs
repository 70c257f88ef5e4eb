using System.Text;

namespace Grid.Silo.Api.V1.Watch;

/// <summary>
/// Writes iCalendar content lines (RFC 5545 §3.1): each ends with CRLF, and a line longer than 75
/// octets is folded, CRLF then one space, never inside a UTF-8 sequence. TEXT values are escaped
/// as §3.3.11 says: backslash, semicolon and comma get a backslash, a line break becomes <c>\n</c>.
/// </summary>
public sealed class ICalendarLines
{
    private const int MaxOctets = 75;
    private readonly StringBuilder _text = new();

    /// <summary>A property whose value is written as given (dates, codes, parameters already in <paramref name="name"/>).</summary>
    public ICalendarLines Raw(string name, string value)
    {
        Fold($"{name}:{value}");
        return this;
    }

    /// <summary>A property whose value is TEXT (§3.3.11), escaped here.</summary>
    public ICalendarLines Text(string name, string value) => Raw(name, Escape(value));

    public override string ToString() => _text.ToString();

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': escaped.Append(@"\n"); break;
                // Other control characters are not allowed in TEXT (§3.3.11, §3.1 CONTROL: %x00-08, %x0A-1F, %x7F).
                case (< ' ' and not '\t') or '\x7F': break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    private void Fold(string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                // The continuation's leading space counts toward its 75 octets.
                _text.Append("\r\n ");
                octets = 1;
            }

            _text.Append(rune.ToString());
            octets += size;
        }

        _text.Append("\r\n");
    }
}
