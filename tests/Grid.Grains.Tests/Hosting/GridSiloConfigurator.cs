using Grid.Grains.Detection;
using Grid.Grains.Hosting;
using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Grains.Signals;
using Grid.Grains.Tests.Geography;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// What a Grid silo registers for its grains (silo/Hosting/GridOrleans.cs and Program.cs), with
/// the test's settings read from the silo's configuration: <see cref="GridTestCluster.PostgresKey"/>
/// puts grain state in PostgreSQL (Orleans ADO.NET persistence), as in a cluster; without it
/// state is in memory, as on a single silo.
/// </summary>
public sealed class GridSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.UseGridStateSerializer();
        var postgres = GridTestCluster.PostgresOf(configuration, configuration["Orleans:Name"]);
        if (postgres is null)
        {
            siloBuilder.AddMemoryGrainStorageAsDefault();
        }
        else
        {
            siloBuilder.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres;
            });
        }

        siloBuilder.AddMemoryGrainStorage("PubSubStore");
        siloBuilder.AddMemoryStreams(AnomalyStream.Provider);
        // The alert grain keeps a reminder while its outbox has pending deliveries, as in the product:
        // stored with the grain state, so a silo's death does not take it along; short periods allowed.
        if (postgres is null)
        {
            siloBuilder.UseInMemoryReminderService();
        }
        else
        {
            siloBuilder.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres;
            });
        }

        siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        // A killed silo is voted dead after two missed one-second probes, so its grains come back
        // on a survivor within seconds (the product's values are in Grid:Cluster).
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });

        var services = siloBuilder.Services;
        if (Environment.GetEnvironmentVariable("GRID_TEST_LOGS") is not null)
        {
            // The silos' and grains' logs, for a failing test: GRID_TEST_LOGS=1 dotnet test ...
            services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Information));
        }

        services.AddGridDetection(configuration);
        services.AddSingleton(new ReloadableGeography(SharedGeography.Database));
        services.AddSingleton<IGeography>(sp => sp.GetRequiredService<ReloadableGeography>());
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(
            configuration.GetSection(SignalOptions.Section).Get<SignalOptions>() ?? new SignalOptions()));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(GridTestCluster.VisibilityOf(configuration)));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(
            configuration.GetSection(ProbeBinOptions.Section).Get<ProbeBinOptions>() ?? new ProbeBinOptions()));
    }
}
