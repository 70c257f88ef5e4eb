using FsCheck;
using FsCheck.Fluent;

namespace Grid.Testing.Fuzzing;

/// <summary>
/// Inputs for the fuzzing pass: random octets, and real payloads mutated the ways damage and attacks
/// take (flipped and overwritten octets, extreme values where length fields sit, inserted and deleted
/// runs, cuts, splices of two payloads). The description says how a case was made, for a failure's message.
/// </summary>
public sealed record FuzzInput(string Description, byte[] Octets)
{
    public override string ToString() => $"{Description} ({Octets.Length} octets)";

    /// <summary>Random octets up to <paramref name="maxLength"/>, or mutated seeds: mostly the latter, which reach deeper.</summary>
    public static Gen<FuzzInput> Of(IReadOnlyList<(string Name, byte[] Octets)> seeds, int maxLength = 4096) =>
        Gen.Frequency(
            (1, Random(maxLength)),
            (6, Mutated(seeds)));

    public static Gen<FuzzInput> Random(int maxLength) =>
        from length in Gen.Choose(0, maxLength)
        from octets in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select new FuzzInput("random", octets);

    public static Gen<FuzzInput> Mutated(IReadOnlyList<(string Name, byte[] Octets)> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from other in Gen.Elements(seeds.ToArray())
        from rounds in Gen.Choose(1, 4)
        from steps in Gen.ArrayOf(Step(), rounds)
        select Apply(seed, other, steps);

    private static Gen<(int Kind, int At, int Value, int Length)> Step() =>
        from kind in Gen.Choose(0, 7)
        from at in Gen.Choose(0, int.MaxValue)
        from value in Gen.Choose(0, 255)
        from length in Gen.Choose(1, 64)
        select (kind, at, value, length);

    private static FuzzInput Apply((string Name, byte[] Octets) seed, (string Name, byte[] Octets) other, (int Kind, int At, int Value, int Length)[] steps)
    {
        var octets = new List<byte>(seed.Octets);
        var done = new List<string>();
        foreach (var (kind, raw, value, length) in steps)
        {
            var at = octets.Count == 0 ? 0 : raw % octets.Count;
            switch (kind)
            {
                case 0 when octets.Count > 0:
                    octets[at] ^= (byte)(1 << (value % 8));
                    done.Add($"flip bit {value % 8} at {at}");
                    break;
                case 1 when octets.Count > 0:
                    octets[at] = (byte)value;
                    done.Add($"set {at} to {value}");
                    break;
                case 2 when octets.Count > 0:
                    // Where a length field sits, its extremes: 0x00 and 0xFF runs.
                    var extreme = value % 2 == 0 ? (byte)0x00 : (byte)0xFF;
                    for (var i = at; i < Math.Min(octets.Count, at + 1 + (length % 4)); i++)
                    {
                        octets[i] = extreme;
                    }

                    done.Add($"0x{extreme:X2} × {1 + (length % 4)} at {at}");
                    break;
                case 3:
                    octets.InsertRange(at, Enumerable.Range(0, length).Select(i => (byte)((value * 31) + i)));
                    done.Add($"insert {length} at {at}");
                    break;
                case 4 when octets.Count > 0:
                    var removed = Math.Min(length, octets.Count - at);
                    octets.RemoveRange(at, removed);
                    done.Add($"delete {removed} at {at}");
                    break;
                case 5:
                    octets.RemoveRange(at, octets.Count - at);
                    done.Add($"cut at {at}");
                    break;
                case 6 when other.Octets.Length > 0:
                    var from = raw % other.Octets.Length;
                    var take = Math.Min(length * 8, other.Octets.Length - from);
                    octets.InsertRange(at, other.Octets.AsSpan(from, take).ToArray());
                    done.Add($"splice {take} of {other.Name}@{from} at {at}");
                    break;
                case 7 when octets.Count > 0:
                    // A repeated run: what a loop over a count or a length field meets.
                    var run = octets.Skip(at).Take(length).ToArray();
                    for (var i = 0; i < 1 + (value % 8); i++)
                    {
                        octets.InsertRange(at, run);
                    }

                    done.Add($"repeat {run.Length} at {at} × {1 + (value % 8)}");
                    break;
            }
        }

        return new FuzzInput($"{seed.Name}: {string.Join(", ", done)}", [.. octets]);
    }
}
