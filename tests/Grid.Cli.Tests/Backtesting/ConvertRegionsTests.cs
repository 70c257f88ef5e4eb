namespace Grid.Cli.Tests.Backtesting;

/// <summary><c>grid convert regions</c> on a small file in the per-county connectivity layout (no such file is in ../shared).</summary>
public sealed class ConvertRegionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("grid-convert-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CountiesBecomeHourlyRegionAndCountryMeansAndBadRowsAreNamed()
    {
        var input = Path.Combine(_directory, "kz.csv");
        await File.WriteAllTextAsync(input, """
            iso,id_1,name_1,id_2,name_2,time_e,time_e_str,lat,lon,connectivity
            KAZ,1,Almaty,11,Medeu,1641340800,2022-01-05 00:00,43.2,76.9,0.9
            KAZ,1,Almaty,12,Bostandyk,1641340800,2022-01-05 00:00,43.2,76.9,0.7
            KAZ,2,Mangystau,21,Aktau,1641340800,2022-01-05 00:00,43.6,51.2,0.2
            KAZ,1,Almaty,11,Medeu,1641344400,2022-01-05 01:00,43.2,76.9,0.1
            XXX,1,Nowhere,11,None,1641344400,2022-01-05 01:00,0,0,0.5
            KAZ,1,Almaty,11,Medeu,soon,2022-01-05 01:00,43.2,76.9,0.1
            """);
        var output = Path.Combine(_directory, "series.csv");

        var result = await GridExecutable.RunAsync("convert", "regions", input, "-o", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kz.csv:6: 'XXX' is not an ISO 3166 country code", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("kz.csv:7: time_e 'soon' must be Unix seconds", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(
            [
                "time,entity,signal,value",
                "2022-01-05T00:00:00Z,country/KZ,connectivity,600",
                "2022-01-05T00:00:00Z,region/KZ-ALMATY,connectivity,800",
                "2022-01-05T00:00:00Z,region/KZ-MANGYSTAU,connectivity,200",
                "2022-01-05T01:00:00Z,country/KZ,connectivity,100",
                "2022-01-05T01:00:00Z,region/KZ-ALMATY,connectivity,100",
            ],
            await File.ReadAllLinesAsync(output));
    }
}
