using Azure;
using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>What the round's retry handlers wait out and how long they wait between attempts.</summary>
public sealed class ActivityRetryTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new RequestFailedException(503, "Server busy"), true },
        { new RequestFailedException(0, "Connection refused"), true },
        { new Azure.Data.Tables.TableTransactionFailedException(new RequestFailedException(500, "x")), true },
        { new MailDeliveryException("SendGrid answered 503", transient: true), true },
        { new HttpRequestException("no route"), true },
        { new TaskCanceledException("timeout"), true },
        { new TimeoutException(), true },
        { new InvalidOperationException("Round x is not stored."), false },
        { new ArgumentException("A submission holds at least one pillar text."), false },
        { new System.Text.Json.JsonException("poison"), false },
        { new InvalidOperationException("wrapped", new IOException("disk")), true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Storage_mail_and_network_faults_are_waited_out_bugs_and_poison_are_not(Exception failure, bool transient) =>
        Assert.Equal(transient, ActivityRetry.IsTransient(TaskFailureDetails.FromException(failure)));

    [Fact]
    public void The_wait_doubles_up_to_its_maximum()
    {
        var settings = new ActivityRetrySettings();

        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 600, 600], Enumerable.Range(1, 9).Select(a => settings.Backoff(a).TotalSeconds));
    }

    [Fact]
    public void The_defaults_wait_out_a_two_day_mail_outage_and_a_one_day_storage_outage()
    {
        var settings = new ActivityRetrySettings();

        Assert.True(settings.MailFor >= TimeSpan.FromHours(24));
        Assert.True(settings.StorageFor >= TimeSpan.FromHours(24));
        Assert.Equal(3, settings.FaultAttempts);
    }
}
