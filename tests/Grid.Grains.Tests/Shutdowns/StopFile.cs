using Grid.Grains.Shutdowns;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Shutdowns;

/// <summary>Access Now's STOP data in ../shared/data/shutdowns, read in place.</summary>
internal static class StopFile
{
    public const string Normalized = "accessnow-stop-2016-2022.normalized.csv";

    public static string PathOf(string name) => SharedData.DataFile(Path.Combine("shutdowns", name));

    public static StopReadResult Read(string name = Normalized)
    {
        using var reader = new StreamReader(PathOf(name));
        return StopCsv.Read(reader, name);
    }
}
