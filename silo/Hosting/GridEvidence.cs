using System.Reflection;
using System.Text.Json;
using Grid.Evidence.Signing;
using Grid.Grains.Detection;
using Grid.Grains.Evidence;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Grid.Silo.Hosting.Cluster;
using Grid.Silo.Hosting.Evidence;
using Npgsql;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Hosting;

public static partial class GridEvidence
{
    /// <summary>
    /// Signed evidence (<c>Grid:Evidence</c>): the key, read or generated at start; the archive of
    /// bundles and the transparency log, a folder in the local profile and PostgreSQL wherever
    /// grain state is (<c>Grid:Cluster:Postgres</c> or <c>Grid:Storage:Postgres</c>). A cluster's silos must sign
    /// with one key, so there the key must come from <c>Grid:Evidence:KeyPath</c> (a Kubernetes
    /// Secret); a silo never makes up a key of its own that its peers do not share.
    /// </summary>
    public static WebApplicationBuilder AddGridEvidence(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EvidenceOptions.Section);
        builder.Services.AddOptions<EvidenceOptions>().Bind(section);
        var options = section.Get<EvidenceOptions>() ?? new();
        var cluster = builder.Configuration.GetSection(GridClusterOptions.Section).Get<GridClusterOptions>() ?? new();
        if (!options.Enabled)
        {
            return builder;
        }
        if (cluster.IsEnabled && (string.IsNullOrWhiteSpace(options.KeyPath) || !File.Exists(options.KeyPath)))
        {
            // Without the shared key every silo would sign with its own, and no pinned key would verify the log.
            var reason = string.IsNullOrWhiteSpace(options.KeyPath) ? "Grid:Evidence:KeyPath is not set" : $"Grid:Evidence:KeyPath ({options.KeyPath}) does not exist";
            builder.Services.AddHostedService(sp => new StartupWarning(sp.GetRequiredService<ILogger<EvidenceContext>>(),
                $"Evidence is off: {reason}, and every silo of a cluster must sign with the same key. Make one (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out evidence.key`), store it as the Secret grid-evidence-key (`kubectl create secret generic grid-evidence-key --from-file=evidence.key`), mounted where Grid:Evidence:KeyPath points."));
            return builder;
        }
        builder.Services.AddSingleton(sp =>
        {
            var key = EvidenceKey.LoadOrCreate(options.KeyPath is { Length: > 0 } path ? path : Path.Combine(options.Dir, "evidence.key"));
            var postgres = cluster.IsEnabled ? cluster.Postgres : builder.Configuration[GridOrleans.StoragePostgresKey];
            IEvidenceArchive archive = string.IsNullOrWhiteSpace(postgres)
                ? new FolderEvidenceArchive(options.Dir, key, TimeProvider.System)
                : new PostgresEvidenceArchive(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = 4, ApplicationName = "grid-evidence" }.ConnectionString), key, TimeProvider.System);
            return new EvidenceContext(key, archive, Version, SettingsJson(sp), GeographyFiles(builder.Configuration));
        });
        // The key is read (or made) at start, so a damaged key file stops the silo with its message, not the first seal.
        builder.Services.AddHostedService(sp => new EvidenceKeyCheck(sp.GetRequiredService<EvidenceContext>(), sp.GetRequiredService<ILogger<EvidenceContext>>()));
        return builder;
    }

    private static string Version =>
        typeof(GridEvidence).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The detection settings in force, as a bundle's <c>context/settings.json</c>; no secret is among them.</summary>
    private static byte[] SettingsJson(IServiceProvider services) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            detection = services.GetRequiredService<IOptions<DetectionOptions>>().Value,
            signals = services.GetRequiredService<IOptions<SignalOptions>>().Value,
            visibility = services.GetRequiredService<IOptions<VisibilityOptions>>().Value,
            evidence = services.GetRequiredService<IOptions<EvidenceOptions>>().Value,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    private static List<string> GeographyFiles(IConfiguration configuration)
    {
        var files = new List<string>();
        var dir = GridGeography.DirectoryOf(configuration);
        if (Directory.Exists(dir))
        {
            files.AddRange(Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal));
        }
        var regions = configuration[GridGeography.RegionsKey] is { Length: > 0 } configured ? configured : Path.Combine(dir, "regions");
        if (File.Exists(regions))
        {
            files.Add(regions);
        }
        else if (Directory.Exists(regions))
        {
            files.AddRange(Directory.EnumerateFiles(regions, "*.mmdb").Order(StringComparer.Ordinal));
        }
        return files;
    }

    private sealed class StartupWarning(ILogger logger, string message) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
#pragma warning disable CA1848, CA2254 // one message, once per start
            logger.LogWarning(message);
#pragma warning restore CA1848, CA2254
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed partial class EvidenceKeyCheck(EvidenceContext evidence, ILogger logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogKey(logger, evidence.PublicKey.KeyId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Evidence: signing with key {KeyId} (GET /v1/evidence/key)")]
        private static partial void LogKey(ILogger logger, string keyId);
    }
}
