using System.Text;

namespace MigrationAgenda.TestSupport.Intake;

public static partial class IntakeCorpus
{
    /// <summary>
    /// A corpus payload as if sent to <paramref name="replyTo"/> (a live round's reply address) instead of the corpus'
    /// own <see cref="ReplyTo"/>; <paramref name="variant"/> changes the Date header's seconds, so the same client's
    /// reply to another mail of the round is another message. Byte for byte otherwise.
    /// </summary>
    public static byte[] Readdressed(string file, string replyTo, int variant = 0)
    {
        const string date = "Mon, 4 Jan 2027 11:12:00 +0100";
        // Latin-1 maps every byte to one char and back, so the payload's other bytes (any charset) are kept as they are.
        var payload = Encoding.Latin1.GetString(Cases.Single(c => c.File == file).Build());
        if (!payload.Contains(ReplyTo, StringComparison.Ordinal) || !payload.Contains(date, StringComparison.Ordinal))
            throw new InvalidOperationException($"Corpus case {file} does not carry the corpus reply address and date.");
        return Encoding.Latin1.GetBytes(payload.Replace(ReplyTo, replyTo, StringComparison.Ordinal)
            .Replace(date, $"Mon, 4 Jan 2027 11:12:{variant:D2} +0100", StringComparison.Ordinal));
    }
}
