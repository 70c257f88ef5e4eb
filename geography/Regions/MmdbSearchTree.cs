using System.Buffers.Binary;
using System.Text;

namespace Grid.Geography.Regions;

/// <summary>
/// The binary search tree of a MaxMind DB file (MaxMind DB File Format Specification 2.0, "Search
/// Tree Section"), walked in address order. MaxMind.Db's own walk (<c>Reader.FindAll</c>) makes an
/// IPAddress and decodes a record for each of DB-IP's 15 million networks, which alone took twice
/// the 5 s that loading regions may take; here a network costs two integer reads, and the records
/// (far fewer than the networks: one per place) are decoded by MaxMind.Db once each.
/// </summary>
internal sealed class MmdbSearchTree
{
    // "\xAB\xCD\xEFMaxMind.com": the metadata follows the last occurrence (spec, "Database Metadata").
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly byte[] _file;
    private readonly int _recordSize;

    private MmdbSearchTree(byte[] file, uint nodeCount, int recordSize, int ipVersion)
    {
        _file = file;
        NodeCount = nodeCount;
        _recordSize = recordSize;
        IPVersion = ipVersion;
    }

    public uint NodeCount { get; }

    public int IPVersion { get; }

    /// <exception cref="InvalidDataException">The bytes are not a MaxMind DB with a 24, 28 or 32-bit tree.</exception>
    public static MmdbSearchTree Read(byte[] file, string name)
    {
        var marker = file.AsSpan().LastIndexOf(MetadataMarker);
        if (marker < 0)
        {
            throw new InvalidDataException($"{name} is not a MaxMind database (no metadata marker): Grid:Geo:Regions wants DB-IP's IP-to-City Lite .mmdb.");
        }

        var metadata = new MetadataReader(file, marker + MetadataMarker.Length);
        var fields = metadata.ReadTopLevelNumbers();
        if (!fields.TryGetValue("node_count", out var nodes) || !fields.TryGetValue("record_size", out var size) || size is not (24 or 28 or 32)
            || !fields.TryGetValue("ip_version", out var version) || version is not (4 or 6) || nodes * (ulong)size / 4 > (ulong)file.Length)
        {
            throw new InvalidDataException($"{name}: the MaxMind metadata lacks a usable node_count, record_size (24, 28 or 32) or ip_version.");
        }

        return new MmdbSearchTree(file, (uint)nodes, (int)size, (int)version);
    }

    /// <summary>
    /// Calls <paramref name="leaf"/> for every network under the node reached by following
    /// <paramref name="path"/> (bits, most significant first) from the root, in address order:
    /// its first address left-aligned in 128 bits as <c>Prefix.Bits</c> holds it, its length in the
    /// walked family (<paramref name="familyOffset"/> bits of the path do not count: 96 for IPv4 in an
    /// IPv6 tree), and its record (0 for no data; else a value above <see cref="NodeCount"/>, one per record).
    /// </summary>
    public void Walk<TLeaf>(ReadOnlySpan<bool> path, int familyOffset, ref TLeaf leaf)
        where TLeaf : struct, ILeafSink
    {
        var node = 0u;
        UInt128 bits = 0;
        var depth = 0;
        foreach (var right in path)
        {
            if (node >= NodeCount)
            {
                return;
            }

            if (depth >= familyOffset && right)
            {
                bits |= UInt128.One << (127 - (depth - familyOffset));
            }

            node = Record(node, right);
            depth++;
        }

        // Items still to visit, last pushed first: a node's right item is pushed before its left, so
        // every network comes out in address order. Depth is at most 128, so the stack stays small.
        var stack = new Stack<(uint Value, int Depth, UInt128 Bits)>();
        stack.Push((node, depth - familyOffset, bits));
        var maxDepth = IPVersion == 4 ? 32 : 128 - familyOffset;
        while (stack.TryPop(out var item))
        {
            if (item.Value == NodeCount)
            {
                continue;
            }

            if (item.Value > NodeCount || item.Depth >= maxDepth)
            {
                leaf.Add(item.Bits, item.Depth, item.Value > NodeCount ? item.Value : 0);
                continue;
            }

            stack.Push((Record(item.Value, true), item.Depth + 1, item.Bits | (UInt128.One << (127 - item.Depth))));
            stack.Push((Record(item.Value, false), item.Depth + 1, item.Bits));
        }
    }

    private uint Record(uint node, bool right)
    {
        var at = checked((long)node * _recordSize / 4);
        var bytes = _file.AsSpan((int)at, _recordSize / 4);
        return _recordSize switch
        {
            24 => right ? Three(bytes[3..]) : Three(bytes),
            28 => right ? ((uint)(bytes[3] & 0x0F) << 24) | Three(bytes[4..]) : ((uint)(bytes[3] & 0xF0) << 20) | Three(bytes),
            _ => right ? BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes),
        };
    }

    private static uint Three(ReadOnlySpan<byte> b) => ((uint)b[0] << 16) | ((uint)b[1] << 8) | b[2];

    /// <summary>What a walk hands each network to; a struct, so the call is inlined rather than a delegate's.</summary>
    public interface ILeafSink
    {
        void Add(UInt128 first, int length, uint record);
    }

    /// <summary>
    /// Reads the metadata map's unsigned integer fields ("Output Data Section" encoding) and skips the
    /// rest: the tree's shape is all the walk needs; the records are MaxMind.Db's to decode.
    /// </summary>
    private ref struct MetadataReader(byte[] file, int start)
    {
        private int _at = start;

        public Dictionary<string, ulong> ReadTopLevelNumbers()
        {
            var fields = new Dictionary<string, ulong>(StringComparer.Ordinal);
            var (type, size) = Control();
            if (type != 7)
            {
                throw new InvalidDataException("the MaxMind metadata is not a map");
            }

            for (var i = 0; i < size; i++)
            {
                var (keyType, keySize) = Control();
                if (keyType != 2)
                {
                    throw new InvalidDataException("a MaxMind metadata key is not a string");
                }

                var key = Encoding.UTF8.GetString(file, _at, keySize);
                _at += keySize;
                var (valueType, valueSize) = Control();
                if (valueType is 5 or 6 or 9)
                {
                    fields[key] = Unsigned(valueSize);
                }
                else
                {
                    Skip(valueType, valueSize);
                }
            }

            return fields;
        }

        private (int Type, int Size) Control()
        {
            var control = Byte();
            var type = control >> 5;
            if (type == 0)
            {
                type = 7 + Byte();
            }

            var size = control & 0x1F;
            size = size switch
            {
                29 => 29 + Byte(),
                30 => 285 + (Byte() << 8) + Byte(),
                31 => 65821 + (Byte() << 16) + (Byte() << 8) + Byte(),
                _ => size,
            };
            return (type, size);
        }

        private void Skip(int type, int size)
        {
            switch (type)
            {
                case 7:
                    for (var i = 0; i < size * 2; i++)
                    {
                        var (t, s) = Control();
                        Skip(t, s);
                    }

                    break;
                case 11:
                    for (var i = 0; i < size; i++)
                    {
                        var (t, s) = Control();
                        Skip(t, s);
                    }

                    break;
                case 3:
                    _at += 8;
                    break;
                case 15:
                    _at += 4;
                    break;
                case 14:
                    break;
                case 1:
                    throw new InvalidDataException("pointers in MaxMind metadata are not supported");
                default:
                    _at += size;
                    break;
            }

            if (_at > file.Length)
            {
                throw new InvalidDataException("the MaxMind metadata runs past the end of the file");
            }
        }

        private ulong Unsigned(int size)
        {
            ulong value = 0;
            for (var i = 0; i < size; i++)
            {
                value = (value << 8) | (uint)Byte();
            }

            return value;
        }

        private int Byte() => _at < file.Length ? file[_at++] : throw new InvalidDataException("the MaxMind metadata runs past the end of the file");
    }
}
