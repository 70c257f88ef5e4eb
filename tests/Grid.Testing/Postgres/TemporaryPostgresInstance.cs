using Grid.Testing.Processes;
using Npgsql;

namespace Grid.Testing.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster: initdb into a fresh temporary directory, a postmaster on a free
/// loopback port, and everything removed again on dispose. Nothing it writes needs to survive a
/// crash, so durability is switched off for speed.
/// </summary>
internal sealed class TemporaryPostgresInstance : IAsyncDisposable
{
    // PostgreSQL refuses to run as root; Debian's package creates this user for it.
    private const string ServerUser = "postgres";
    private const int StartAttempts = 3;
    private const int StartTimeoutSeconds = 60;

    private readonly string _binDirectory;
    private readonly string _rootDirectory;

    private TemporaryPostgresInstance(string binDirectory, string rootDirectory, int port)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = ServerUser,
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private string LogFile => Path.Combine(_rootDirectory, "server.log");

    public static async Task<TemporaryPostgresInstance> StartAsync(string binDirectory)
    {
        if (Environment.IsPrivilegedProcess && !UserExists(ServerUser))
        {
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root and there is no `{ServerUser}` user to run it as: " +
                "run `bash .ci/run` or `apt-get install postgresql` (both create it), or set " +
                $"{PostgresServer.EnvironmentVariable} to a connection string.");
        }

        var rootDirectory = Directory.CreateTempSubdirectory("grid-pg-").FullName;
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", [$"{ServerUser}:", rootDirectory], rootDirectory, runAsUser: null);
            }
            await InitDbAsync(binDirectory, rootDirectory);
            for (var attempt = 1; ; attempt++)
            {
                var instance = new TemporaryPostgresInstance(binDirectory, rootDirectory, LoopbackPort.FindFree());
                var started = await instance.TryStartAsync();
                if (started)
                {
                    return instance;
                }
                // The port may have been taken between FindFree and bind; only that is worth a retry.
                var log = ReadLogTail(rootDirectory);
                if (attempt == StartAttempts || !log.Contains("could not bind", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"The throw-away PostgreSQL in {rootDirectory} did not start. Server log:\n{log}");
                }
            }
        }
        catch
        {
            TryDelete(rootDirectory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Immediate mode skips the shutdown checkpoint: the data is deleted right after anyway.
        await ExternalCommand.RunAsync(
            PgCtl(_binDirectory), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _rootDirectory, ServerUser);
        TryDelete(_rootDirectory);
    }

    private static async Task InitDbAsync(string binDirectory, string rootDirectory)
    {
        await RunAsync(
            Path.Combine(binDirectory, "initdb"),
            [
                "-D", Path.Combine(rootDirectory, "data"),
                "-U", ServerUser,
                // Trust is safe here: the server listens on 127.0.0.1 and a socket in a 0700 directory only.
                "--auth=trust",
                "--encoding=UTF8",
                // Independent of whatever LANG the test host has, which may name a locale not installed.
                "--no-locale",
                "--no-sync",
                "--no-instructions",
            ],
            rootDirectory,
            ServerUser);

        // The socket goes into our own directory so parallel instances never collide in /var/run.
        // max_connections is raised because cluster tests run several silos, each with a pool.
        string[] settings =
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{rootDirectory}'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 400",
        ];
        await File.AppendAllLinesAsync(Path.Combine(rootDirectory, "data", "postgresql.conf"), settings);
    }

    private async Task<bool> TryStartAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
        // -w waits until the server accepts connections (or the timeout passes), like pg_isready.
        var result = await ExternalCommand.RunAsync(
            PgCtl(_binDirectory),
            ["-D", DataDirectory, "-l", LogFile, "-o", $"-p {port}", "-w", "-t", $"{StartTimeoutSeconds}", "start"],
            _rootDirectory,
            ServerUser);
        return result.ExitCode == 0;
    }

    private static async Task RunAsync(string fileName, string[] arguments, string workingDirectory, string? runAsUser)
    {
        var result = await ExternalCommand.RunAsync(fileName, arguments, workingDirectory, runAsUser);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', arguments)}` exited with {result.ExitCode}:\n{result.Output}");
        }
    }

    private static string PgCtl(string binDirectory) => Path.Combine(binDirectory, "pg_ctl");

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static string ReadLogTail(string rootDirectory)
    {
        var log = Path.Combine(rootDirectory, "server.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(no log written)";
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the test run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
