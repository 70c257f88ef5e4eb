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
}
