using Microsoft.Extensions.Logging.Console;

namespace Grid.Silo.Hosting;

public static class GridDefaults
{
    /// <summary>Where the embedded default listens when nothing else is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Loopback on port 5080 unless <c>--urls</c>, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS or Kestrel
    /// endpoints say otherwise; structured console logs (see <see cref="LogFormat"/>).
    /// Configuration comes from appsettings.json, then <c>Grid__…</c> environment variables, then the command line.
    /// </summary>
    public static WebApplicationBuilder AddGridDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.ClearProviders();
        if (LogFormat.IsJson(configuration["Grid:Logging:Format"]))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        return builder;
    }
}
