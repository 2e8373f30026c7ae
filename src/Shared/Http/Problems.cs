using Microsoft.AspNetCore.Http;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Http;

/// <summary>RFC 7807 answers with a message a coordinator can act on; never a stack trace.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek");

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "Het verzoek bevat fouten", detail: "Zie 'errors': per veld wat er mis is.");

    public static IResult NotFound(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    public static IResult Conflict(string detail, object? status = null) =>
        Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Kan nu niet",
            extensions: status is null ? null : new Dictionary<string, object?> { ["status"] = status });

    /// <summary>No signed-in caller (App Service Authentication mode): sign in again.</summary>
    public static IResult Unauthorized(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Niet aangemeld");

    /// <summary>Signed in, but without the role this needs.</summary>
    public static IResult Forbidden(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Geen toestemming");

    /// <summary>An intake workflow's refusal (release, reprocess, count, adopt): 404, 400 naming the field, or 409.</summary>
    public static IResult Refused(IntakeRefusal refusal) => refusal.Kind switch
    {
        IntakeRefusalKind.NotFound => NotFound(refusal.Message),
        IntakeRefusalKind.Invalid => Invalid(new Dictionary<string, string[]> { [refusal.Field ?? "body"] = [refusal.Message] }),
        _ => Conflict(refusal.Message),
    };

    public static IResult Unavailable(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Tijdelijk niet beschikbaar");
}
