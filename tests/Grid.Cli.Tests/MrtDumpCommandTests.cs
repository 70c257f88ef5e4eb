using Grid.Testing.Data;
using Grid.Testing.Processes;

namespace Grid.Cli.Tests;

public sealed class MrtDumpCommandTests
{
    private static string Data(string name) => SharedData.DataFile(Path.Combine("mrt", name));

    [Fact]
    public async Task MissingFileFailsNamingTheFileWithoutTouchingStandardOutput()
    {
        var result = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", "no-such-rib.mrt.gz");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("no-such-rib.mrt.gz: no such file; check the path", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotMrtIsRejectedWithWhatGridReads()
    {
        var result = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", SharedData.DataFile("MANIFEST.txt"));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("MANIFEST.txt is not an MRT file", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("TABLE_DUMP, TABLE_DUMP_V2, BGP4MP", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACutOffFileIsDumpedUpToTheCutAndReportedWithItsOffset()
    {
        var result = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", Data("pyasn.rib6.20151101.0600_firstMB.bz2"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(149578, result.StandardOutput.Count(octet => octet == '\n'));
        Assert.Contains("is cut off", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("at offset 12131168 of the uncompressed data", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralFilesAreDumpedOneAfterTheOther()
    {
        var first = Data("mrtparse.bird_bgp");
        var second = Data("bgpdump.updates.nlri_mask_trailing_bits.gz");

        var both = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", first, second);
        var expected = (await Bgpdump.DumpAsync(first)).StandardOutput.Concat((await Bgpdump.DumpAsync(second)).StandardOutput).ToArray();

        Assert.Equal(0, both.ExitCode);
        MrtDumpMatchesBgpdumpTests.AssertSameOctets(expected, both.StandardOutput);
    }

    [Fact]
    public async Task StandardInputIsReadWhenTheFileIsADash()
    {
        var file = Data("bgpdump.updates.20020722.2238.gz");
        var viaPipe = await ExternalCommand.RunCapturingBytesAsync("/bin/sh",
            ["-c", $"\"{Path.Combine(AppContext.BaseDirectory, "grid")}\" mrt dump -m - < \"{file}\""]);

        Assert.Equal(0, viaPipe.ExitCode);
        MrtDumpMatchesBgpdumpTests.AssertSameOctets((await Bgpdump.DumpAsync(file)).StandardOutput, viaPipe.StandardOutput);
    }

    [Fact]
    public async Task RedirectedStandardErrorGetsNoProgressBar()
    {
        var result = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", Data("bgpdump.bview.20020722.2337.gz"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task HelpExplainsTheFormatAndTheExitStatus()
    {
        var result = await GridExecutable.RunAsync("mrt", "dump", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("bgpdump -m", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-m", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Exit status", result.StandardOutput, StringComparison.Ordinal);
    }
}
