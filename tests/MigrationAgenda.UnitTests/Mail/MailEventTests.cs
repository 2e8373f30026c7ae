using System.Text;
using System.Text.Json;
using MigrationAgenda.Mail;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>SendGrid's event posts as the Event Webhook sends them, custom args as top-level fields.</summary>
public sealed class MailEventTests
{
    private static IReadOnlyList<MailEvent> Parse(string json, out int skipped) => MailEvent.ParseBatch(Encoding.UTF8.GetBytes(json), out skipped);

    [Fact]
    public void A_batch_reads_events_with_the_custom_args_our_mail_carries()
    {
        var events = Parse("""
            [
              {"email":"head@bzk.example","timestamp":1800000600,"event":"bounce","type":"blocked","reason":"550 5.7.1 policy",
               "sg_event_id":"ZXZlbnQtMQ","sg_message_id":"fake-7.filter0001","round":"ima-2027","ministry":"BZK","kind":"Escalation",
               "version":"1","level":"1","pillars":"6","sent_at":"1800000000"},
              {"email":"officer@bhos.example","timestamp":1800000300,"event":"deferred","response":"451 try later","attempt":"3",
               "sg_event_id":"ZXZlbnQtMg","round":"ima-2027","ministry":"BHOS","kind":"Request","version":"1","sent_at":"1800000000"},
              {"email":"x@y.example","timestamp":1800000000,"event":"delivered"},
              {"event":"bounce","timestamp":1800000000}
            ]
            """, out var skipped);

        Assert.Equal(2, skipped);
        Assert.Equal(2, events.Count);
        var blocked = events[0];
        Assert.Equal(("bounce", "blocked", true, true), (blocked.Event, blocked.BounceType, blocked.IsUndeliverable, blocked.ChasesAContact));
        Assert.Equal((MailKind.Escalation, 1, 1, "BZK", "ima-2027"), (blocked.Kind!.Value, blocked.ContactLevel, blocked.Version!.Value, blocked.Ministry, blocked.RoundId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1800000000), blocked.SentAt);
        Assert.Equal("550 5.7.1 policy", blocked.Reason);
        Assert.Equal("fake-7.filter0001", blocked.SendGridMessageId);

        var deferred = events[1];
        Assert.False(deferred.IsUndeliverable);
        Assert.Equal(0, deferred.ContactLevel);
        Assert.Equal("451 try later", deferred.Reason);
        Assert.Equal("5", MailEventProcessor.DelayMinutes(deferred));
    }

    [Theory]
    [InlineData("Request", "bounce", true)]
    [InlineData("Reminder", "dropped", true)]
    [InlineData("Escalation", "blocked", true)]
    [InlineData("DraftForApproval", "bounce", false)]
    [InlineData("QuarantineNotice", "bounce", false)]
    [InlineData("Request", "deferred", false)]
    [InlineData("Request", "spamreport", false)]
    public void Only_undeliverable_mail_that_chases_a_ministry_escalates(string kind, string ev, bool chases)
    {
        var e = Parse($$"""[{"sg_event_id":"e","event":"{{ev}}","timestamp":1,"round":"r","ministry":"BHOS","kind":"{{kind}}"}]""", out _).Single();
        Assert.Equal(chases, e.ChasesAContact);
    }

    [Fact]
    public void Mail_of_no_round_or_ministry_all_is_stored_but_chases_nobody()
    {
        var e = Parse("""[{"sg_event_id":"e","event":"bounce","timestamp":1,"ministry":"all","kind":"Final"}]""", out _).Single();
        Assert.Null(e.Ministry);
        Assert.False(e.ChasesAContact);
        Assert.Equal("0", MailEventProcessor.DelayMinutes(e));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"bounce\"")]
    [InlineData("[{\"sg_event_id\":")]
    public void A_body_that_is_not_a_json_array_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => Parse(json, out _));
}
