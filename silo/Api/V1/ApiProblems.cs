namespace Grid.Silo.Api.V1;

/// <summary>RFC 9457 problem responses that say what was wrong and what to send instead.</summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult MalformedCountry(string code) =>
        BadRequest("Malformed country code", $"'{code}' is not a two-letter ISO 3166-1 code; use e.g. BY, MM or KZ.");

    public static IResult UnknownCountry(string code) =>
        NotFound("Unknown country", $"No country '{code}' is known to Grid's geography data (Grid:Geo:Dir), and no signal has reached it.");

    public static IResult MalformedAsn(string asn) =>
        BadRequest("Malformed AS number", $"'{asn}' is not an AS number; use e.g. AS6697 or 6697.");

    public static IResult UnknownAsn(uint asn) =>
        NotFound("Unknown AS", $"{Grid.Grains.Entities.EntityKey.As(asn)} is not registered in Grid's geography data, and no route from it has been seen.");

    public static IResult MalformedRegion(string code) =>
        BadRequest("Malformed region code", $"'{code}' is not a region code; use its country, a hyphen and its ISO 3166-2 code or name, e.g. BY-HM (see /v1/regions?country=BY).");

    public static IResult UnknownRegion(string code) =>
        NotFound("Unknown region", $"No region '{code}' is in the region data (Grid:Geo:Regions), and no signal has reached it; /v1/regions?country={code[..2]} lists its country's regions.");

    public static IResult RegionsOff(string? code = null) =>
        NotFound("Regions are off", (code is null ? "" : $"No signal has reached region '{code}', and ")
            + "this server has no region data: run `grid geo fetch --regions` into its Grid:Geo:Dir (DB-IP City Lite, into <dir>/regions), or set Grid:Geo:Regions to the .mmdb files, and restart it.");
}
