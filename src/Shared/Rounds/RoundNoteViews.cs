using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>
/// A note on the round as the status API sends it: a reply that is not letter text (<c>kind</c> "note"), which the
/// coordinator may count as a pillar's text (<c>POST /api/rounds/{id}/notes/{noteId}/count</c>), or the covering text
/// that came with a stored contribution ("covering", <c>versions</c> says which), or a reply to a draft for approval that
/// is no decision or came with one ("approval", <c>draft</c> says which draft; <c>ministry</c> empty). <c>reason</c> is
/// the Dutch wording of <c>reasonCode</c>; <c>noChanges</c> flags "geen wijzigingen" for <c>unchangedPillars</c>, whose
/// text of last year the coordinator may take over in a round that follows one (<c>POST …/adopt</c>; <c>adoptedPillars</c>
/// once done).
/// </summary>
public sealed record NoteView(
    string Id, string Kind, string Ministry, DateTimeOffset ReceivedAt, string? From, string? Subject, string Text,
    string? ReasonCode, string? Reason, bool NoChanges, IReadOnlyList<int> UnchangedPillars, bool Forwarded, string? Versions,
    int? CountedPillar, DateTimeOffset? CountedAt, int? Draft = null, IReadOnlyList<int>? AdoptedPillars = null, DateTimeOffset? AdoptedAt = null)
{
    public static NoteView Of(RoundNote n) => new(n.Id, n.Kind, n.Ministry, n.ReceivedAt, n.From, n.Subject, n.Text, n.ReasonCode, n.Reason,
        n.NoChanges, n.UnchangedPillars, n.Forwarded, n.Versions, n.CountedPillar, n.CountedAt, n.Draft, n.AdoptedPillars, n.AdoptedAt);
}

/// <summary>
/// An automatic reply to the round's mail: <c>kind</c> is its reason code (OutOfOffice, DeliveryFailure,
/// AutomaticReply), <c>label</c> the few Dutch words the page shows after the ministry ("afwezig tot en met maandag
/// 18 januari 2027"), <c>returnDate</c> and <c>returnDateMeaning</c> (AwayThrough, AwayUntil, BackOn) as the reply
/// named them, <c>firstDayBack</c> the first day the person is back.
/// </summary>
public sealed record AutomaticReplyView(
    string Id, string Ministry, DateTimeOffset ReceivedAt, string? From, string? Subject, string Kind, string Label, string? Reason,
    DateOnly? ReturnDate, string? ReturnDateMeaning, DateOnly? FirstDayBack)
{
    public static AutomaticReplyView Of(RoundNote n)
    {
        var code = Enum.TryParse<IntakeReasonCode>(n.ReasonCode, out var c) ? c : IntakeReasonCode.AutomaticReply;
        var date = n.ReturnDate is { } d && Enum.TryParse<ReturnDateMeaning>(n.ReturnMeaning, out var meaning) ? new ReturnDate(d, meaning) : null;
        return new(n.Id, n.Ministry, n.ReceivedAt, n.From, n.Subject, code.ToString(), IntakeWording.AutomaticLabel(code, date), n.Reason,
            date?.Date, date?.Meaning.ToString(), date?.FirstDayBack);
    }
}
