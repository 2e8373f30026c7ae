using System.Text.Json;
using MigrationAgenda.Intake;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>
/// Every checked-in SendGrid post in Intake/Corpus is parsed, sender-checked and extracted, and the outcome is compared
/// with corpus.json. Regenerate the files with INTAKE_CORPUS_REGENERATE=1 after changing IntakeCorpus.
/// </summary>
public sealed class IntakeCorpusTests
{
    private static IReadOnlyList<CorpusCase> Manifest =>
        JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(Path.Combine(IntakeTestData.CorpusDirectory, "corpus.json")), IntakeCorpus.ManifestJson)!;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var c in Manifest) data.Add(c.File);
        return data;
    }

    [Fact]
    public void Checked_in_corpus_matches_its_generator()
    {
        if (Environment.GetEnvironmentVariable("INTAKE_CORPUS_REGENERATE") == "1") IntakeCorpus.Write(IntakeTestData.CorpusDirectory);
        Assert.Equal(IntakeCorpus.ManifestText(), File.ReadAllText(Path.Combine(IntakeTestData.CorpusDirectory, "corpus.json")));
        foreach (var c in IntakeCorpus.Cases)
            Assert.True(c.Build().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(IntakeTestData.CorpusDirectory, c.File))), $"{c.File} differs from its generator");
    }

    [Fact]
    public void Corpus_has_at_least_forty_payloads_in_both_modes()
    {
        var manifest = Manifest;
        Assert.True(manifest.Count >= 40, $"only {manifest.Count} payloads");
        Assert.Contains(manifest, c => c.File.StartsWith("r", StringComparison.Ordinal) && c.Expect.ParseError is null);
        Assert.Contains(manifest, c => c.File.StartsWith("p", StringComparison.Ordinal) && c.Expect.ParseError is null);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Payload_has_its_expected_outcome(string file)
    {
        var c = Manifest.Single(m => m.File == file);
        var e = c.Expect;
        var bytes = await File.ReadAllBytesAsync(Path.Combine(IntakeTestData.CorpusDirectory, file));
        var parser = new SendGridInboundParser();

        if (e.ParseError is not null)
        {
            var ex = await Assert.ThrowsAsync<InboundParseException>(() => parser.ParseAsync(new MemoryStream(bytes), SendGridPost.ContentType));
            Assert.Equal(e.ParseError, ex.Error.ToString());
            return;
        }

        var message = await parser.ParseAsync(new MemoryStream(bytes), SendGridPost.ContentType);
        if (e.Mode is not null) Assert.Equal(e.Mode, message.Mode.ToString());
        if (e.From is not null) Assert.Equal(e.From, message.From.Address);
        if (e.Subject is not null) Assert.Equal(e.Subject, message.Subject);
        if (e.MessageId is not null) Assert.Equal(e.MessageId, message.MessageId);
        if (e.InReplyTo is not null) Assert.Equal(e.InReplyTo, message.InReplyTo);
        if (e.EnvelopeTo is not null) Assert.Equal(e.EnvelopeTo, message.EnvelopeTo);
        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);

        var check = SenderCheck.Check(message, IntakeTestData.AllowedSenders(c.Ministry));
        if (e.Sender is not null) Assert.Equal(e.Sender, check.Outcome.ToString());
        if (e.MayReply is not null) Assert.Equal(e.MayReply, check.SenderAuthenticated);

        if (e.Sections is null && e.Rejection is null) return;
        var result = ContributionExtractor.Extract(message, c.Owed, IntakeTestData.Definition);
        Assert.True(e.Rejection == result.Rejection?.ToString(), $"expected rejection {e.Rejection ?? "none"}, got {result.Rejection?.ToString() ?? "none"}: {result.RejectionReason}");
        if (e.NotOwed is not null || e.Rejection is null) Assert.Equal(e.NotOwed ?? [], result.NotOwed);
        if (e.OtherAttachments is not null) Assert.Equal(e.OtherAttachments, result.OtherAttachments.Select(a => a.FileName));
        if (e.PreambleContains is not null) Assert.Contains(e.PreambleContains, result.Preamble ?? "", StringComparison.Ordinal);
        if (e.Sections is null) return;

        Assert.Equal(e.Sections.Select(s => s.Pillar), result.Sections.Select(s => s.Pillar));
        foreach (var (expected, actual) in e.Sections.Zip(result.Sections))
        {
            Assert.Equal(expected.Text, actual.Text);
            Assert.Equal((expected.Footnotes ?? []).Select(f => (f.Marker, f.Text)), actual.Footnotes.Select(f => (f.Marker, f.Text)));
        }
        foreach (var absent in e.Absent ?? [])
            Assert.All(result.Sections, s => Assert.DoesNotContain(absent, s.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Resubmission_yields_the_same_sections()
    {
        var parser = new SendGridInboundParser();
        async Task<ExtractionResult> Run(string file)
        {
            var message = await parser.ParseAsync(File.OpenRead(Path.Combine(IntakeTestData.CorpusDirectory, file)), SendGridPost.ContentType);
            return ContributionExtractor.Extract(message, [5, 6], IntakeTestData.Definition);
        }
        var first = await Run("p18-resubmission-1.txt");
        var second = await Run("p18-resubmission-2.txt");
        Assert.Equal(first.Sections.Select(s => (s.Pillar, s.Text)), second.Sections.Select(s => (s.Pillar, s.Text)));
    }
}
