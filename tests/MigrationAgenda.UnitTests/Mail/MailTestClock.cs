namespace MigrationAgenda.UnitTests.Mail;

/// <summary>A clock the test sets, so token issue days and expiry are exact.</summary>
internal sealed class MailTestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
