# Grid's silo image. Not built on the project's machines (they have no Docker engine); the
# Kubernetes manifests in k8s/ expect it as ghcr.io/grid-observatory/grid.
#   docker build -t grid .
#   docker run --rm -p 5080:5080 grid          # the embedded default, API on port 5080

# Build: restore from the project files first, so source edits reuse the restored layer.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./

COPY bgp/Grid.Bgp.csproj bgp/
COPY geography/Grid.Geography.csproj geography/
COPY grains/Grid.Grains.csproj grains/
COPY silo/Grid.Silo.csproj silo/
RUN dotnet restore silo/Grid.Silo.csproj

COPY bgp/ bgp/
COPY geography/ geography/
COPY grains/ grains/
COPY silo/ silo/
RUN dotnet publish silo/Grid.Silo.csproj -c Release --no-restore -o /app -p:UseAppHost=false

# Runtime: ASP.NET Core only, as the image's non-root `app` user (UID 1654, $APP_UID).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Listen on every interface, not the local default's loopback. The empty HTTP_PORTS keeps the base
# image's 8080 from competing with ASPNETCORE_URLS.
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    ASPNETCORE_HTTP_PORTS= \
    Grid__Logging__Format=json \
    Grid__Geo__Dir=/var/lib/grid/geo
RUN mkdir -p /var/lib/grid/geo && chown "$APP_UID" /var/lib/grid/geo
USER $APP_UID
# API (HTTP), Orleans' silo-to-silo port (Grid:Cluster:SiloPort) and gateway (Grid:Cluster:GatewayPort),
# BGP speaker (Grid:Bgp:Listen, e.g. 0.0.0.0:1179) and BMP station (Grid:Bmp:Listen).
# The speaker and the station run only when configured; ports under 1024 would need NET_BIND_SERVICE.
EXPOSE 5080 11111 30000 1179 11019 9464
ENTRYPOINT ["dotnet", "Grid.Silo.dll"]
