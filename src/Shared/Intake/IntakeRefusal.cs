namespace MigrationAgenda.Intake;

public enum IntakeRefusalKind
{
    /// <summary>The message or round named does not exist.</summary>
    NotFound,
    /// <summary>It exists, but its state does not allow this (already released, round finished, archive gone …).</summary>
    Conflict,
    /// <summary>A field of the request is missing or wrong (<see cref="IntakeRefusal.Field"/>).</summary>
    Invalid,
}

/// <summary>Why the coordinator's request on a received message (release, reprocess) was refused, in Dutch; the endpoint maps the kind to 404/409/400.</summary>
public sealed record IntakeRefusal(IntakeRefusalKind Kind, string Message, string? Field = null)
{
    public static IntakeRefusal NotFound(string message) => new(IntakeRefusalKind.NotFound, message);
    public static IntakeRefusal Conflict(string message) => new(IntakeRefusalKind.Conflict, message);
    public static IntakeRefusal Invalid(string field, string message) => new(IntakeRefusalKind.Invalid, message, field);

    public static IntakeRefusal NoMessage(string id) => NotFound($"Er is geen ontvangen bericht '{id}'.");
    public static IntakeRefusal NoArchive(string id, string blob) => Conflict($"Het archief van bericht '{id}' ontbreekt ({blob}).");
}
