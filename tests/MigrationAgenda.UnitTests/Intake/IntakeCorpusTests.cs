using System.Globalization;
using System.Text.Json;
using MigrationAgenda.Intake;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>
/// Every checked-in SendGrid post in Intake/Corpus is parsed, sender-checked and extracted, and the outcome is compared
/// with corpus.json. Every case asserts everything: a case without an expected outcome fails. Regenerate the files
/// with INTAKE_CORPUS_REGENERATE=1 after changing IntakeCorpus.
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
        var files = Directory.GetFiles(IntakeTestData.CorpusDirectory, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(IntakeCorpus.Cases.Select(c => c.File).Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Corpus_has_the_old_payloads_and_at_least_forty_everyday_ones_in_both_modes()
    {
        var manifest = Manifest;
        Assert.True(manifest.Count >= 90, $"only {manifest.Count} payloads");
        Assert.True(IntakeCorpus.EverydayCases().Count() >= 40, $"only {IntakeCorpus.EverydayCases().Count()} everyday payloads");
        foreach (var outcome in Enum.GetNames<ExtractionOutcome>())
        {
            Assert.Contains(manifest, c => c.File.StartsWith('r') && c.Expect.Outcome == outcome);
            Assert.Contains(manifest, c => c.File.StartsWith('p') && c.Expect.Outcome == outcome);
        }
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

        // Parsing: the mode follows the file's name (p… parsed, r… raw); the rest is asserted where the case names it.
        var message = await parser.ParseAsync(new MemoryStream(bytes), SendGridPost.ContentType);
        Assert.Equal(file.StartsWith('r') ? InboundMode.Raw : InboundMode.Parsed, message.Mode);
        if (e.Mode is not null) Assert.Equal(e.Mode, message.Mode.ToString());
        if (e.From is not null) Assert.Equal(e.From, message.From.Address);
        if (e.Subject is not null) Assert.Equal(e.Subject, message.Subject);
        if (e.MessageId is not null) Assert.Equal(e.MessageId, message.MessageId);
        if (e.InReplyTo is not null) Assert.Equal(e.InReplyTo, message.InReplyTo);
        if (e.EnvelopeTo is not null) Assert.Equal(e.EnvelopeTo, message.EnvelopeTo);
        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);

        // Sender check: always.
        Assert.True(e.Sender is not null && e.MayReply is not null, $"{file}: no expected sender check");
        var check = SenderCheck.Check(message, IntakeTestData.AllowedSenders(c.Ministry));
        Assert.Equal(e.Sender, check.Outcome.ToString());
        Assert.Equal(e.MayReply, check.SenderAuthenticated);

        // Extraction: always, with every detail of its outcome.
        Assert.True(e.Outcome is not null, $"{file}: no expected outcome");
        var limits = ExtractionLimits.Default with
        {
            RequestSenders = [IntakeCorpus.CoordinatorAddress],
            MaxSectionChars = c.MaxSectionChars ?? ExtractionLimits.DefaultMaxSectionChars,
        };
        var result = ContributionExtractor.Extract(message, c.Owed, IntakeTestData.Definition, limits);
        Assert.True(e.Outcome == result.Outcome.ToString(), $"expected {e.Outcome}, got {Describe(result)}");

        Assert.Equal(e.Rejection, result.Rejection?.ToString());
        Assert.Equal(e.NotOwed ?? [], result.NotOwed);
        Assert.Equal(e.UnchangedPillars ?? [], result.UnchangedPillars);
        Assert.Equal(e.OtherAttachments ?? [], result.OtherAttachments.Select(a => a.FileName));
        Assert.Equal(e.Forwarded, result.Forwarded);
        Assert.Equal(e.Note, result.Note?.Text);
        Assert.Equal(e.Note is null ? null : e.NoteReason ?? throw new InvalidOperationException($"{file}: a note needs its reason"), result.Note?.Reason.ToString());
        Assert.Equal(e.NoteReason == nameof(NoteReason.NoChanges), result.Note?.NoChanges ?? false);
        Assert.Equal(e.Automatic, result.Automatic?.Kind.ToString());
        // What "tel mee als bijdrage" would store: a note's own text, the pillar's section, never automatic mail.
        var released = result.AsContribution(c.Owed[0]);
        if (result.Outcome == ExtractionOutcome.Note) Assert.Equal(e.Note, released?.Text);
        if (result.Outcome == ExtractionOutcome.Automatic) Assert.Null(released);
        if (result.Outcome == ExtractionOutcome.Contribution)
            Assert.Equal((result.Sections.FirstOrDefault(s => s.Pillar == c.Owed[0]) ?? result.Sections[0]).Text, released?.Text);
        Assert.Equal(e.ReturnDate, result.Automatic?.ReturnDate is { } r ? $"{r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {r.Meaning}" : null);

        if (result.Outcome == ExtractionOutcome.Rejected)
        {
            var expected = e.RejectionDetails ?? throw new InvalidOperationException($"{file}: a rejection needs its details");
            var actual = result.RejectionDetails!;
            Assert.Equal(expected.Pillars ?? [], actual.Pillars);
            Assert.Equal(expected.OwedPillars ?? [], actual.OwedPillars);
            Assert.Equal(expected.FileNames ?? [], actual.FileNames);
            Assert.Equal(expected.AttachmentError, actual.AttachmentError?.ToString());
            Assert.Equal(expected.Size, actual.Size);
            Assert.Equal(expected.Limit, actual.Limit);
        }
        else
        {
            Assert.Null(e.RejectionDetails);
        }

        var sections = e.Sections ?? [];
        Assert.True(result.Outcome != ExtractionOutcome.Contribution || sections.Count > 0, $"{file}: a contribution needs its sections");
        Assert.Equal(sections.Select(s => s.Pillar), result.Sections.Select(s => s.Pillar));
        foreach (var (expected, actual) in sections.Zip(result.Sections))
        {
            Assert.Equal(expected.Text, actual.Text);
            Assert.Equal((expected.Footnotes ?? []).Select(f => (f.Marker, f.Text)), actual.Footnotes.Select(f => (f.Marker, f.Text)));
        }
        foreach (var absent in e.Absent ?? [])
        {
            Assert.All(result.Sections, s => Assert.DoesNotContain(absent, s.Text, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(absent, result.Note?.Text ?? "", StringComparison.OrdinalIgnoreCase);
        }
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
        Assert.Equal(2, first.Sections.Count);
        Assert.Equal(first.Sections.Select(s => (s.Pillar, s.Text)), second.Sections.Select(s => (s.Pillar, s.Text)));
    }

    private static string Describe(ExtractionResult r) =>
        $"{r.Outcome} ({r.RejectionReason}); sections: {string.Join(" | ", r.Sections.Select(s => $"{s.Pillar}: {s.Text}"))}; note: {r.Note?.Reason} {r.Note?.Text}";
}
