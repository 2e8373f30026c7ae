using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.UnitTests.Storage;

public sealed class AuditActionsTests
{
    /// <summary>Every action the code writes: the named ones, one per mail kind, phase and command.</summary>
    public static TheoryData<string> Actions()
    {
        var data = new TheoryData<string>
        {
            AuditActions.RoundStarted, AuditActions.ContributionReceived, AuditActions.TextsChanged, AuditActions.MailQuarantined,
            AuditActions.MailReleased, AuditActions.MailRefused, AuditActions.Approved, AuditActions.NoteCounted,
        };
        foreach (var kind in Enum.GetValues<MailKind>()) data.Add(AuditActions.Mail(kind));
        foreach (var phase in RoundPhase.All) data.Add(AuditActions.Phase(phase));
        foreach (var command in Enum.GetValues<RoundCommandKind>()) data.Add(AuditActions.Command(command));
        return data;
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_action_has_a_dutch_label(string action)
    {
        var label = AuditActions.Label(action);
        Assert.NotEqual(action, label);
        Assert.NotEqual("overige gebeurtenis", label);
        Assert.DoesNotContain('-', label);
    }

    [Fact]
    public void Labels_read_as_the_timeline_shows_them()
    {
        Assert.Equal("verzoek verstuurd", AuditActions.Label("mail-request"));
        Assert.Equal("concept ter goedkeuring verstuurd", AuditActions.Label("mail-draftforapproval"));
        Assert.Equal("uitleg over quarantaine verstuurd", AuditActions.Label("mail-quarantinenotice"));
        Assert.Equal("fase ter goedkeuring", AuditActions.Label("phase-reviewing"));
        Assert.Equal("teksten gewijzigd", AuditActions.Label("texts-changed"));
        Assert.Equal("heropend", AuditActions.Label("command-reopen"));
        Assert.Equal("overige gebeurtenis", AuditActions.Label("something-new"));
        Assert.Equal("systeem", AuditActions.ActorLabel("system"));
        Assert.Equal("coördinator", AuditActions.ActorLabel("coordinator"));
        Assert.Equal("a@b.example", AuditActions.ActorLabel("a@b.example"));
    }
}
