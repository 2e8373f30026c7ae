using System.Text;
using System.Text.Json;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Benchmarks;

/// <summary>
/// Letter inputs for the benchmarks: the seed letter's contributions and hostile ones. Kept apart from
/// the unit tests' helpers so this project needs neither xunit nor the test projects.
/// </summary>
internal static class BenchInputs
{
    public static LetterInput Seed()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Seed", "ima-2021-contributions.txt");
        var texts = new Dictionary<string, string>();
        var contributions = new List<StoredContribution>();
        string[]? head = null;
        var body = new StringBuilder();
        var notes = new List<Footnote>();

        void Flush()
        {
            if (head is null)
                return;
            if (head[0] == "coordinator")
                texts[head[1]] = body + string.Concat(notes.Select(n => $"\n\n[^{n.Marker}]: {n.Text}"));
            else
                contributions.Add(Contribution(head[1], int.Parse(head[2]), body.ToString(), [.. notes]));
            body.Clear();
            notes.Clear();
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                head = line[4..].Split(' ');
            }
            else if (head is not null && line.StartsWith("[^", StringComparison.Ordinal) && line.Contains("]: ", StringComparison.Ordinal))
            {
                var close = line.IndexOf("]: ", StringComparison.Ordinal);
                notes.Add(new Footnote { Marker = line[2..close], Text = line[(close + 3)..] });
            }
            else if (head is not null && line.Length > 0)
            {
                body.Append(line).Append("\n\n");
            }
        }
        Flush();

        var coordinator = new CoordinatorTexts
        {
            Aanleiding = texts.GetValueOrDefault("Aanleiding"),
            Context = texts.GetValueOrDefault("Context"),
            Overkoepelend = texts.GetValueOrDefault("Overkoepelend"),
            TenSlotte = texts.GetValueOrDefault("TenSlotte"),
        };
        return Input(coordinator, contributions);
    }

    /// <summary>A 1 MB paragraph of markup and near-markers, a 1 MB run of maximal non-markers, 5,000 footnotes; times <paramref name="scale"/>.</summary>
    public static LetterInput Hostile(int scale)
    {
        var big = new StringBuilder(1_100_000 * scale);
        while (big.Length < 1_000_000 * scale)
            big.Append("Tekst met <b>opmaak</b> & [links](x) *nadruk* en [^bijna-een-marker zonder sluiting ");
        big.Append("[^1]");
        var near = new StringBuilder(1_100_000 * scale);
        while (near.Length < 1_000_000 * scale)
            near.Append("[^").Append('a', 37);
        var many = new StringBuilder();
        var notes = new List<Footnote>();
        for (var i = 1; i <= 5_000 * scale; i++)
        {
            many.Append("Alinea ").Append(i).Append(" met een verwijzing[^").Append(i).Append("].\n\n");
            notes.Add(new Footnote { Marker = i.ToString(), Text = $"Kamerstukken II 2019/20, 28638, nr. {i}." });
        }
        return Input(new CoordinatorTexts(),
        [
            Contribution("BHOS", 1, big + "\n\n" + near, [new Footnote { Marker = "1", Text = "Eén noot." }]),
            Contribution("BHOS", 2, many.ToString(), notes),
        ]);
    }

    private static LetterInput Input(CoordinatorTexts texts, IReadOnlyList<StoredContribution> contributions)
    {
        using var stream = typeof(LetterBuilder).Assembly.GetManifestResourceStream("definitions/ima.json")!;
        var definition = JsonSerializer.Deserialize<ReportDefinition>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var contact = new Contact { Email = "coordinator@example.test" };
        var plan = new RoundPlan
        {
            RoundId = "ima-2021",
            Year = 2021,
            Definition = definition,
            Deadline = new DateTimeOffset(2020, 12, 1, 12, 0, 0, TimeSpan.Zero),
            Schedule = new RoundSchedule
            {
                Reminders = [],
                Escalations = [],
                CutOff = TimeSpan.FromDays(7),
                ApprovalTimeout = TimeSpan.FromDays(2),
                ApprovalReminders = 1,
                ReopenPeriod = TimeSpan.FromDays(3),
            },
            Participants = definition.Ministries.Select(m => new Participant
            {
                Code = m.Code,
                Name = m.Name,
                Pillars = m.Pillars,
                Contacts = [new Contact { Email = $"{m.Code}@example.test" }],
                AllowedSenders = ["example.test"],
            }).ToList(),
            Approver = contact,
            Coordinator = contact,
            Reference = "3001668",
            Texts = texts,
            CreatedAt = new DateTimeOffset(2020, 11, 1, 0, 0, 0, TimeSpan.Zero),
            SpecHash = "bench",
        };
        return new LetterInput { Plan = plan, Contributions = contributions, DraftNumber = 1, Date = new DateOnly(2021, 1, 11) };
    }

    private static StoredContribution Contribution(string ministry, int pillar, string text, IReadOnlyList<Footnote> footnotes) =>
        new()
        {
            RoundId = "ima-2021",
            Ministry = ministry,
            Pillar = pillar,
            Version = 1,
            Text = text,
            Footnotes = footnotes,
            Sender = "bench@example.test",
            Source = "mail",
            ReceivedAt = new DateTimeOffset(2020, 11, 20, 9, 0, 0, TimeSpan.Zero),
            SubmissionKey = $"{ministry}-{pillar}",
        };
}
