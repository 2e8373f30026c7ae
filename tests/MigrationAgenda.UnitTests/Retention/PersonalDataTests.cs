using System.Text;
using System.Text.Json;
using MigrationAgenda.Access;
using MigrationAgenda.Retention;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.UnitTests.Retention;

/// <summary>What purging does to one stored value: addresses to their hash, names and subjects gone, and a second purge changes nothing.</summary>
public sealed class PersonalDataTests
{
    private static readonly AddressHasher Hasher = new(Encoding.UTF8.GetBytes("personal-data-test-key-0123456789"));

    [Theory]
    [InlineData("officer@szw.example")]
    [InlineData("Piet Pieters <Officer@SZW.example>")]
    [InlineData("\"Pieters, Piet\" <officer@szw.example>")]
    public void A_sender_becomes_the_hash_of_its_address_and_its_name_goes(string from)
    {
        var purged = PersonalData.Sender(from, Hasher);
        Assert.Equal(Hasher.Hash("officer@szw.example"), purged);
        Assert.Equal(purged, PersonalData.Sender(purged, Hasher));
    }

    [Fact]
    public void A_sender_without_an_address_is_removed_and_nothing_stays_nothing()
    {
        Assert.Equal(PersonalData.Removed, PersonalData.Sender("Piet Pieters", Hasher));
        Assert.Null(PersonalData.Sender(null, Hasher));
        Assert.Equal("", PersonalData.Address("", Hasher));
    }

    [Theory]
    [InlineData(AuditActions.System)]
    [InlineData(AuditActions.Coordinator)]
    [InlineData(Caller.LocalActor)]
    public void The_systems_own_actors_stay(string actor) => Assert.Equal(actor, PersonalData.Actor(actor, Hasher));

    [Fact]
    public void A_signed_in_user_and_a_mail_actor_become_hashes_once()
    {
        var user = PersonalData.Actor("anna.jansen@minjenv.example", Hasher);
        Assert.Equal(Hasher.Hash("anna.jansen@minjenv.example"), user);
        Assert.Equal(user, PersonalData.Actor(user, Hasher));
        var mail = PersonalData.Actor("mail:officer@szw.example", Hasher);
        Assert.Equal("mail:" + Hasher.Hash("officer@szw.example"), mail);
        Assert.Equal(mail, PersonalData.Actor(mail, Hasher));
    }

    [Fact]
    public void A_quarantine_entry_loses_the_subject_and_the_address_and_keeps_the_reason()
    {
        var detail = "SZW: bericht 'Re: Vraag 'over' de brief' in quarantaine (3f9a2c1b7e4d): afzender stranger@elders.example staat niet op de lijst";
        var purged = PersonalData.AuditDetail(AuditActions.MailQuarantined, detail, Hasher);
        Assert.Equal($"SZW: bericht {PersonalData.Removed} in quarantaine (3f9a2c1b7e4d): afzender {Hasher.Hash("stranger@elders.example")} staat niet op de lijst", purged);
        Assert.Equal(purged, PersonalData.AuditDetail(AuditActions.MailQuarantined, purged, Hasher));
    }

    [Fact]
    public void A_plan_keeps_its_letter_texts_and_domains_and_loses_every_address_and_contact_name()
    {
        var plan = """
            {"roundId":"ima-2027","participants":[{"code":"SZW","contacts":[{"level":0,"email":"officer@szw.example","name":"Piet Pieters"}],
              "allowedSenders":["szw.example","extern@adviseur.example"]}],
             "approver":{"email":"dg@jenv.example","name":"DG Migratie"},"coordinator":{"email":"coordinator@jenv.example","name":"Coördinator"},
             "texts":{"intro":"Mail ons op info@jenv.example"},"startedBy":"anna.jansen@minjenv.example","startedByName":"Anna Jansen"}
            """;
        var purged = PersonalData.Plan(plan, Hasher);
        var json = JsonDocument.Parse(purged).RootElement;
        var contact = json.GetProperty("participants")[0].GetProperty("contacts")[0];
        Assert.Equal(Hasher.Hash("officer@szw.example"), contact.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("name").ValueKind);
        Assert.Equal(["szw.example", Hasher.Hash("extern@adviseur.example")],
            json.GetProperty("participants")[0].GetProperty("allowedSenders").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Hasher.Hash("dg@jenv.example"), json.GetProperty("approver").GetProperty("email").GetString());
        Assert.Equal(Hasher.Hash("anna.jansen@minjenv.example"), json.GetProperty("startedBy").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("startedByName").ValueKind);
        Assert.Equal("Mail ons op info@jenv.example", json.GetProperty("texts").GetProperty("intro").GetString());
        Assert.Equal(purged, PersonalData.Plan(purged, Hasher));
    }
}
