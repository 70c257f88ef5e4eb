using Grid.Grains.Signals;
using Grid.Grains.Visibility;

namespace Grid.Silo.Hosting;

public static class GridVisibility
{
    /// <summary>BGP visibility: IODA's full-feed and 50% rules (<c>Grid:Visibility</c>) and signal series (<c>Grid:Signals</c>).</summary>
    public static WebApplicationBuilder AddGridVisibility(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<VisibilityOptions>().Bind(builder.Configuration.GetSection(VisibilityOptions.Section));
        builder.Services.AddOptions<SignalOptions>().Bind(builder.Configuration.GetSection(SignalOptions.Section));
        return builder;
    }
}
