using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grid.Grains.Entities;
using Grid.Geography;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// One target: an address known to answer, the country and AS it counts for when the hitlist says,
/// and its block's availability (Trinocular's A: the share of the block's addresses that answered in
/// the hitlist's survey) when known.
/// </summary>
public readonly record struct HitlistEntry(uint Address, CountryCode? Country, uint Asn, double? Availability = null);

/// <summary>
/// A hitlist: addresses known to answer ping, one or more per /24, one per line, optionally followed
/// by a country code, an AS number and the block's availability (<c>198.18.0.1 XA AS64500 0.9</c>; spaces, tabs or commas;
/// <c>#</c> starts a comment; <c>-</c> leaves a field out). Entries without a country are placed by
/// their probe shard's geography. IPv6 is not probed yet, and its lines are reported as skipped.
/// </summary>
public static class Hitlist
{
    private static readonly char[] Separators = [' ', '\t', ','];

    public static (List<HitlistEntry> Entries, List<string> Problems) Read(string path)
    {
        var entries = new List<HitlistEntry>();
        var problems = new List<string>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.AsSpan();
            var comment = line.IndexOf('#');
            var fields = (comment >= 0 ? line[..comment] : line).ToString().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (TryParse(fields, out var entry, out var problem))
            {
                entries.Add(entry);
            }
            else if (problems.Count < 20)
            {
                problems.Add($"{path}:{number}: {problem}");
            }
        }

        return (entries, problems);
    }

    public static bool TryParse(string[] fields, out HitlistEntry entry, out string? problem)
    {
        entry = default;
        if (!IPAddress.TryParse(fields[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            problem = $"'{fields[0]}' is not an IPv4 address (IPv6 blocks are not probed yet)";
            return false;
        }

        CountryCode? country = null;
        if (fields.Length > 1 && fields[1] != "-")
        {
            if (!CountryCode.TryParse(fields[1], out var code))
            {
                problem = $"'{fields[1]}' is not a two-letter country code";
                return false;
            }

            country = code;
        }

        EntityKey asKey = default;
        if (fields.Length > 2 && fields[2] != "-" && !EntityKey.TryParseAs(fields[2], out asKey))
        {
            problem = $"'{fields[2]}' is not an AS number";
            return false;
        }

        double? availability = null;
        if (fields.Length > 3 && fields[3] != "-")
        {
            if (!double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var a) || a is <= 0 or > 1)
            {
                problem = $"'{fields[3]}' is not an availability between 0 and 1";
                return false;
            }

            availability = a;
        }

        entry = new HitlistEntry(ToHostOrder(address), country, asKey.Asn, availability);
        problem = null;
        return true;
    }

    public static uint ToHostOrder(IPAddress address)
    {
        Span<byte> octets = stackalloc byte[4];
        address.TryWriteBytes(octets, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(octets);
    }

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
}
