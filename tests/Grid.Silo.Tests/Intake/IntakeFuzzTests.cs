using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Grid.Silo.Api.V1;
using Grid.Silo.Api.V1.Probes;
using Grid.Silo.Api.V1.Signals;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Fuzzing;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Intake;

/// <summary>
/// The fuzzing pass over the intakes (issue 21, item 10): random octets and mutated real payloads
/// (RIPE Atlas results, Grid's batches, signal points in JSON and CSV) read as a request's body is,
/// in chunks of any size. No case throws, none needs the readers' safety net (an item whose reading
/// threw), none takes over a second, and the chunking never changes what is kept or refused. One
/// case in <see cref="HttpShare"/> also goes to a real silo, which never answers 500.
/// </summary>
[Collection(IntakeSiloCollection.Name)]
public sealed class IntakeFuzzTests(IntakeSilo intake, ITestOutputHelper output)
{
    private const int HttpShare = 20;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static readonly Lazy<List<(string, byte[])>> ProbeSeeds = new(() =>
    {
        var now = Now.ToUnixTimeSeconds();
        // Measured now, so the cases reach past the timestamp check into every field's.
        var lines = File.ReadAllLines(SharedData.PathOf("live", "ripe-atlas-ping-results.sagan-tests.jsonl"))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, "\"timestamp\":\\s*\\d+", $"\"timestamp\":{now}")).ToArray();
        var grid = $$"""{"results":[{"address":"198.51.100.7","timestamp":{{now}},"sent":3,"rttMs":[41.2,40.9],"country":"XA","asn":"AS64511"},{"address":"62.2.16.12","timestamp":"{{Now:O}}","sent":2,"received":1}]}""";
        return
        [
            ("atlas lines", Encoding.UTF8.GetBytes(string.Join('\n', lines))),
            ("atlas array", Encoding.UTF8.GetBytes("[" + string.Join(",", lines) + "]")),
            .. lines.Select((line, i) => ($"atlas line {i}", Encoding.UTF8.GetBytes(line))),
            ("grid batch", Encoding.UTF8.GetBytes(grid)),
        ];
    });

    private static readonly Lazy<List<(string, byte[])>> SignalSeeds = new(() =>
    {
        var now = Now.ToUnixTimeSeconds();
        return
        [
            ("points", Encoding.UTF8.GetBytes($$"""{"points":[{"time":"2021-02-15T01:00:00+06:30","entity":"country/MM","signal":"answers","value":5},{"time":{{now}},"entity":"asn/AS64500","signal":"answers","value":7},{"time":{{now}},"entity":"region/BY-HM","signal":"x","value":1.5}]}""")),
            ("array", Encoding.UTF8.GetBytes($$"""[{"time":{{now}},"entity":"country/XA","signal":"answers","value":5}]""")),
            ("csv", Encoding.UTF8.GetBytes($"time,entity,signal,value\n{now},country/XA,answers,5\n2021-02-15T01:00:00Z,asn/AS64500,answers,7\n")),
        ];
    });

    [Fact]
    public async Task RandomAndMutatedProbeResultsNeverCrashHangOrDependOnChunking()
    {
        var http = new List<FuzzInput>();
        var cases = 0;
        Check.One(FuzzBudget.Config(FuzzBudget.PerTarget, 11), Prop.ForAll(WithChunk(FuzzInput.Of(ProbeSeeds.Value)).ToArbitrary(), (Action<(FuzzInput Input, int Chunk)>)(c =>
        {
            FuzzCase.Run(c.Input, octets =>
            {
                var whole = ReadProbes(octets, int.MaxValue);
                var chunked = ReadProbes(octets, c.Chunk);
                Assert.Equal(whole, chunked);
                Assert.False(whole.Contains(ProbeResultsBatch.Unreadable, StringComparison.Ordinal), whole);
            });
            if (cases++ % HttpShare == 0)
            {
                http.Add(c.Input);
            }
        })));

        await PostAllAsync("/v1/probes/results", http, "application/json");
    }

    [Fact]
    public async Task RandomAndMutatedSignalPointsNeverCrashHangOrDependOnChunking()
    {
        var http = new List<(FuzzInput Input, bool Csv)>();
        var cases = 0;
        Check.One(FuzzBudget.Config(FuzzBudget.PerTarget, 12), Prop.ForAll(WithChunk(FuzzInput.Of(SignalSeeds.Value)).ToArbitrary(), (Action<(FuzzInput Input, int Chunk)>)(c =>
        {
            var csv = c.Input.Description.StartsWith("csv", StringComparison.Ordinal);
            FuzzCase.Run(c.Input, octets =>
            {
                if (csv)
                {
                    var items = new List<SignalBatch.Item>();
                    var refused = new Refusals();
                    SignalBatch.ReadCsv(new MemoryStream(octets), items, refused, 100);
                    return;
                }

                var whole = ReadSignals(octets, int.MaxValue);
                Assert.Equal(whole, ReadSignals(octets, c.Chunk));
                Assert.False(whole.Contains(SignalBatch.Unreadable, StringComparison.Ordinal), whole);
            });
            if (cases++ % HttpShare == 0)
            {
                http.Add((c.Input, csv));
            }
        })));

        await PostAllAsync("/v1/signals", [.. http.Where(h => !h.Csv).Select(h => h.Input)], "application/json");
        await PostAllAsync("/v1/signals", [.. http.Where(h => h.Csv).Select(h => h.Input)], "text/csv");
    }

    /// <summary>Each body to the real silo: never a 500 (200 or 422 with refusals, 400, 413 or 415 with a problem).</summary>
    private async Task PostAllAsync(string path, IReadOnlyList<FuzzInput> inputs, string type)
    {
        var statuses = new Dictionary<int, int>();
        foreach (var input in inputs)
        {
            var content = new ByteArrayContent(input.Octets);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            using var response = await intake.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, path, content));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType,
                $"{input}: {status} {await response.Content.ReadAsStringAsync()}");
        }

        output.WriteLine($"{path} ({type}): {inputs.Count} bodies over HTTP: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))}");
    }

    private static Gen<(FuzzInput, int)> WithChunk(Gen<FuzzInput> inputs) =>
        from input in inputs
        from chunk in Gen.Choose(1, 600)
        select (input, chunk);

    /// <summary>What the probe intake keeps and refuses of <paramref name="body"/>, delivered <paramref name="chunk"/> octets at a time.</summary>
    private static string ReadProbes(byte[] body, int chunk)
    {
        var batch = new ProbeResultsBatch(Now, TimeSpan.FromMinutes(5), 100, TimeSpan.FromHours(1));
        Feed(body, chunk, reader => batch.Stream.ReadAsync(reader, batch.Take, batch.Refuse, long.MaxValue, CancellationToken.None));
        batch.Finish();
        return $"{batch.Accepted.Count} kept: {string.Join(" ", batch.Accepted.Select(r => $"{r.Index}/{r.Address}/{r.Sent}/{r.RttsMs.Count}"))}; {batch.Refused.Count} refused: "
            + string.Join(" | ", batch.Refused.First.Select(r => $"{r.Index}: {r.Reason}"));
    }

    private static string ReadSignals(byte[] body, int chunk)
    {
        var items = new List<SignalBatch.Item>();
        var refused = new Refusals();
        var stream = SignalBatch.JsonItems(100);
        Feed(body, chunk, reader => stream.ReadAsync(reader, (index, item) => SignalBatch.Take(index, item, items, refused), refused.Add, long.MaxValue, CancellationToken.None));
        SignalBatch.Finish(stream, refused, 100);
        return $"{items.Count} kept: {string.Join(" ", items.Select(i => $"{i.Index}/{i.Entity}/{i.Point.Signal}/{i.Point.Value}"))}; {refused.Count} refused: "
            + string.Join(" | ", refused.First.Select(r => $"{r.Index}: {r.Reason}"));
    }

    /// <summary>Hands <paramref name="body"/> to <paramref name="read"/> through a pipe that gets at most <paramref name="chunk"/> octets per read, as a slow client's packets arrive.</summary>
    private static void Feed(byte[] body, int chunk, Func<PipeReader, Task<long>> read)
    {
        var reader = PipeReader.Create(new TrickleStream(body, chunk), new StreamPipeReaderOptions(bufferSize: Math.Max(chunk, 1), minimumReadSize: 1));
        read(reader).GetAwaiter().GetResult();
    }

    /// <summary>A body that yields at most <c>chunk</c> octets per read.</summary>
    private sealed class TrickleStream(byte[] body, int chunk) : MemoryStream(body, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
