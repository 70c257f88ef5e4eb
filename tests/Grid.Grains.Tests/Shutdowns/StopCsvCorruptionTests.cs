using System.Text;
using Grid.Grains.Shutdowns;

namespace Grid.Grains.Tests.Shutdowns;

/// <summary>
/// The real STOP file with random damage (seeded, so a failure replays): stray quotes and commas,
/// bytes replaced or deleted, the file cut short. The reader never throws, names each damaged row
/// by a line of the file, and reads every row the damage did not reach as it read it undamaged.
/// </summary>
public sealed class StopCsvCorruptionTests
{
    private static readonly char[] Damage = ['"', ',', 'x', '9', '-', '\0', 'é', ' ', '\uFFFD'];

    [Fact]
    public void DamagedRowsAreNamedAndTheOthersAreReadAsBefore()
    {
        var lines = File.ReadAllLines(StopFile.PathOf(StopFile.Normalized));
        var clean = StopCsv.Read(new StringReader(string.Join('\n', lines)), "stop.csv").Records.ToDictionary(r => r.Line);

        for (var seed = 1; seed <= 150; seed++)
        {
            var random = new Random(seed);
            var damaged = (string[])lines.Clone();
            var touched = new HashSet<long>();
            var cuts = random.Next(1, 6);
            for (var i = 0; i < cuts; i++)
            {
                var at = random.Next(0, damaged.Length);
                damaged[at] = Corrupt(damaged[at], random);
                touched.Add(at + 1);
            }

            var text = string.Join('\n', damaged);
            if (seed % 10 == 0)
            {
                text = text[..random.Next(0, text.Length)];
                // The line the cut runs through is damaged too.
                touched.Add(text.Count(c => c == '\n') + 1);
            }

            var result = StopCsv.Read(new StringReader(text), "stop.csv");

            Assert.All(result.Problems.Concat(result.Notes), p => Assert.InRange(p.Line, 1, lines.Length));
            var read = result.Records.ToDictionary(r => r.Line);
            // A stray quote no longer takes the rows below it along: an untouched row is read.
            var lost = clean.Keys.Count(line => !read.ContainsKey(line) && !touched.Contains(line));
            Assert.True(seed % 10 == 0 || touched.Contains(1) || lost == 0, $"seed {seed}: {lost} untouched rows lost");
            // A damaged row that is not read is named: by its own line, or by the line whose stray quote swallowed it.
            var named = result.Problems.Select(p => p.Line).ToList();
            foreach (var line in touched.Where(l => l > 1 && clean.ContainsKey(l) && !read.ContainsKey(l) && seed % 10 != 0))
            {
                Assert.True(named.Any(n => n <= line && n > line - 61), $"seed {seed}: line {line} was left out unnamed");
            }
            // A damaged header may rename a column, which changes every row; only a clean one is compared row by row.
            foreach (var (line, record) in read.Where(r => !touched.Contains(1) && !touched.Contains(r.Key) && clean.ContainsKey(r.Key)))
            {
                Assert.Equal(clean[line], record);
            }
        }
    }

    [Fact]
    public void TwoStrayQuotesLinesApartLoseNoRowBetweenThem()
    {
        var lines = File.ReadAllLines(StopFile.PathOf(StopFile.Normalized));
        var clean = StopCsv.Read(new StringReader(string.Join('\n', lines)), "stop.csv").Records.ToDictionary(r => r.Line);
        var damaged = (string[])lines.Clone();
        // Line 11 opens a quote it never closes; line 17's own stray quote matches it. Joined as one
        // cell that spans lines, the five good rows between would go with them, unnamed.
        damaged[10] += "\"";
        damaged[16] += " \"";

        var result = StopCsv.Read(new StringReader(string.Join('\n', damaged)), "stop.csv");

        var read = result.Records.ToDictionary(r => r.Line);
        Assert.All(clean.Where(c => c.Key is not (11 or 17)), c => Assert.Equal(c.Value, read.GetValueOrDefault(c.Key)));
        var named = result.Problems.Select(p => p.Line).ToList();
        Assert.Contains(11L, named);
        Assert.Contains(17L, named);
        Assert.Contains("line 12", result.Problems.First(p => p.Line == 11).ToString(), StringComparison.Ordinal);
    }

    private static string Corrupt(string line, Random random)
    {
        if (line.Length == 0)
        {
            return "\"";
        }

        var builder = new StringBuilder(line);
        var at = random.Next(0, builder.Length);
        switch (random.Next(3))
        {
            case 0:
                builder[at] = Damage[random.Next(Damage.Length)];
                break;
            case 1:
                builder.Remove(at, 1);
                break;
            default:
                builder.Insert(at, Damage[random.Next(Damage.Length)]);
                break;
        }

        return builder.ToString();
    }
}
