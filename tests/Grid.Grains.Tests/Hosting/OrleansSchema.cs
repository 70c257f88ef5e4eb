using Grid.Testing.Data;
using Npgsql;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// The Orleans ADO.NET tables for PostgreSQL, from the official scripts in ../shared/orleans/postgresql
/// (the NuGet packages do not carry them): Main, then each provider's script.
/// </summary>
internal static class OrleansSchema
{
    public static async Task CreateAsync(string connectionString, params string[] providers)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var script in new[] { "Main" }.Concat(providers.Length == 0 ? ["Persistence"] : providers))
        {
            var path = Path.Combine(SharedData.SharedDirectory, "orleans", "postgresql", $"PostgreSQL-{script}.sql");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} not found: the Orleans schema scripts live in ../shared/orleans/postgresql beside Grid.sln.", path);
            }

            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(path), connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
