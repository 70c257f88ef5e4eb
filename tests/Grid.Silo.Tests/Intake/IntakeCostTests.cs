using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grid.Silo.Tests.Api;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Intake;

/// <summary>
/// What a large body costs the intakes on a real silo (issue 21, finding 4: 5 MB of <c>[0,0,…]</c>
/// once made a 277 MB answer and 1.2 GB of memory): the body is read as it arrives, reading stops
/// at the item limit, and the answer lists at most 100 refusals and counts the rest.
/// </summary>
[Collection(IntakeSiloCollection.Name)]
public sealed class IntakeCostTests(IntakeSilo intake, ITestOutputHelper output)
{
    /// <summary>29 MiB, just under the intakes' 32 MB limit (and over Kestrel's own default of 30,000,000 octets).</summary>
    private const int ZerosBytes = 29 * 1024 * 1024;

    [Theory]
    [InlineData("/v1/probes/results")]
    [InlineData("/v1/signals")]
    public async Task AZerosArrayOf29MegabytesGetsASmallAnswerQuicklyAndCheaply(string path)
    {
        var zeros = Zeros(ZerosBytes);
        // Warm: the first request of a path loads and compiles its code, which is not the body's cost.
        using (var warm = await PostAsync(path, Encoding.UTF8.GetBytes("[0,0,0]")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, warm.StatusCode);
        }

        GC.Collect();
        var before = intake.ResidentBytes();
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, intake.ResidentBytes());
                await Task.Delay(5);
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await PostAsync(path, zeros);
        var answer = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        peak = Math.Max(peak, intake.ResidentBytes());

        var growth = peak - before;
        output.WriteLine($"{path}: {zeros.Length:N0} octets → {(int)response.StatusCode}, {answer.Length:N0} octets in {clock.ElapsedMilliseconds} ms; resident {before / 1048576} MB → peak {peak / 1048576} MB (+{growth / 1048576} MB)");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.InRange(answer.Length, 1, 64 * 1024);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the answer took {clock.ElapsedMilliseconds} ms");
        Assert.True(growth < 100L * 1024 * 1024, $"the silo's resident memory grew by {growth / 1048576} MB");

        var body = JsonSerializer.Deserialize<JsonElement>(answer);
        var refused = body.GetProperty("refused");
        Assert.Equal(100, refused.GetArrayLength());
        Assert.Equal(Enumerable.Range(0, 100), refused.EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        // The item limit's items are each refused, one refusal says the rest was not read, and none beyond it.
        var limit = path == "/v1/signals" ? 100_000 : 10_000;
        Assert.Equal(limit + 1 - 100, body.GetProperty("moreRefused").GetInt32());
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413WithoutBeingRead()
    {
        var clock = Stopwatch.StartNew();
        // Expect: 100-continue (RFC 9110 §10.1.1): the silo answers from the headers, so the client sends no octet of the body.
        using var response = await PostAsync("/v1/probes/results", Zeros((33 * 1024 * 1024) + 1), expectContinue: true);
        var problem = await ApiSilo.ProblemAsync(response, 413);
        Assert.Contains("split the results", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        output.WriteLine($"413 after {clock.ElapsedMilliseconds} ms");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, bool expectContinue = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, path, content);
        request.Headers.ExpectContinue = expectContinue;
        return await intake.Http.SendAsync(request);
    }

    /// <summary><c>[0,0,…,0]</c> of exactly <paramref name="length"/> octets (an even length ends in <c>0 ]</c>).</summary>
    private static byte[] Zeros(int length)
    {
        var zeros = new byte[length];
        var pairs = (length - (length % 2 == 1 ? 3 : 4)) / 2;
        zeros[0] = (byte)'[';
        for (var i = 0; i < pairs; i++)
        {
            zeros[1 + (2 * i)] = (byte)'0';
            zeros[2 + (2 * i)] = (byte)',';
        }

        var end = 1 + (2 * pairs);
        zeros[end] = (byte)'0';
        if (length % 2 == 0)
        {
            zeros[end + 1] = (byte)' ';
        }

        zeros[^1] = (byte)']';
        return zeros;
    }
}
