using System.Globalization;
using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Letters;

/// <summary>
/// Builds the <see cref="Letter"/> model from a round's plan and contributions. All wording that
/// varies per report (titles, ministers, addresses) comes from the definition; only the generic
/// fallbacks for coordinator texts that were not written are phrased here.
/// </summary>
public sealed class LetterAssembler
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public LetterAssembly Assemble(LetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Plan;
        var definition = plan.Definition;
        var warnings = new List<string>();
        var numbering = new FootnoteNumbering(warnings);
        var sections = new List<LetterSection>();

        // Reading order matters: footnotes are numbered as the sections are added.
        var aanleiding = plan.Texts.Aanleiding;
        sections.Add(CoordinatorSection(LetterSectionKind.Aanleiding, "Aanleiding",
            string.IsNullOrWhiteSpace(aanleiding) ? DefaultAanleiding(plan) : aanleiding, numbering));
        if (!string.IsNullOrWhiteSpace(plan.Texts.Context))
            sections.Add(CoordinatorSection(LetterSectionKind.Context, null, plan.Texts.Context, numbering));
        if (!string.IsNullOrWhiteSpace(plan.Texts.Overkoepelend))
            sections.Add(OverkoepelendSection(plan.Texts.Overkoepelend, numbering));

        var (pillarSections, used, missing) = PillarSections(input, numbering, warnings);
        sections.AddRange(pillarSections);

        var tenSlotte = plan.Texts.TenSlotte;
        sections.Add(CoordinatorSection(LetterSectionKind.TenSlotte, "Ten slotte",
            string.IsNullOrWhiteSpace(tenSlotte) ? DefaultTenSlotte : tenSlotte, numbering));

        var fields = definition.Letter;
        var letter = new Letter
        {
            Header = new LetterHeader
            {
                ReturnAddress = fields.ReturnAddress,
                Addressee = fields.Addressee,
                SenderOrganisation = fields.SenderOrganisation,
                SenderAddress = fields.SenderAddress,
                Website = fields.Website,
                Reference = plan.Reference ?? "",
                Date = input.Date,
                DateText = FormatDate(input.Date),
                Subject = fields.Subject,
            },
            Sections = sections,
            Footnotes = numbering.Footnotes,
            Signature = new LetterSignature(fields.SignatoryTitle, fields.SignatoryName),
        };
        return new LetterAssembly(letter, used, missing, warnings);
    }

    /// <summary>"11 januari 2021": Dutch month names, no leading zero, as on the letter.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);

    /// <summary>The Dutch list "a, b en c".</summary>
    public static string JoinDutch(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " en " + items[^1],
    };

    internal const string DefaultTenSlotte =
        "Ik vertrouw erop u met deze brief voldoende te hebben geïnformeerd over de voortgang.";

    /// <summary>
    /// Used when the coordinator wrote no Aanleiding: says what the letter is and, as the real letter
    /// does, on whose behalf it is sent (the co-signing ministers taking part this round).
    /// </summary>
    internal static string DefaultAanleiding(RoundPlan plan)
    {
        var coSigners = plan.Definition.Ministries
            .Where(m => m.CoSigner && plan.FindParticipant(m.Code) is not null)
            .Select(m => m.Minister)
            .ToList();
        var subject = plan.Definition.Letter.Subject;
        var about = string.IsNullOrWhiteSpace(subject)
            ? $"de voortgang in {plan.Year}"
            : $"de voortgang in {plan.Year} ({subject})";
        return coSigners.Count == 0
            ? $"In deze brief informeer ik u over {about}."
            : $"In deze brief informeer ik u over {about}, mede namens {JoinDutch(coSigners)}.";
    }

    private static LetterSection CoordinatorSection(LetterSectionKind kind, string? heading, string text, FootnoteNumbering numbering) =>
        new()
        {
            Kind = kind,
            Heading = heading,
            Paragraphs = numbering.Number(heading ?? kind.ToString(), null, LetterTextParser.Parse(text), []),
        };

    /// <summary>
    /// The real letter titles this section "Overkoepelend: de nieuwe voorstellen van de Europese Commissie".
    /// A coordinator text whose first paragraph is such a short title line (starts with "Overkoepelend",
    /// no closing full stop, no footnote) supplies the heading; otherwise the heading is "Overkoepelend".
    /// </summary>
    private static LetterSection OverkoepelendSection(string text, FootnoteNumbering numbering)
    {
        var parsed = LetterTextParser.Parse(text);
        var heading = "Overkoepelend";
        if (parsed.Paragraphs is [{ Kind: ParsedKind.Paragraph, Pieces: [{ Marker: null, Text: { } first }] }, ..]
            && first.StartsWith("Overkoepelend", StringComparison.OrdinalIgnoreCase)
            && first.Length <= 200 && !first.EndsWith('.'))
        {
            heading = first;
            parsed = parsed with { Paragraphs = parsed.Paragraphs.Skip(1).ToList() };
        }
        return new LetterSection
        {
            Kind = LetterSectionKind.Overkoepelend,
            Heading = heading,
            Paragraphs = numbering.Number(heading, null, parsed, []),
        };
    }

    private static (List<LetterSection>, List<UsedContribution>, List<MissingPillar>) PillarSections(
        LetterInput input, FootnoteNumbering numbering, List<string> warnings)
    {
        var plan = input.Plan;
        var definition = plan.Definition;
        var sections = new List<LetterSection>();
        var used = new List<UsedContribution>();
        var missing = new List<MissingPillar>();

        // Only pillars that someone owes this round appear, in the definition's order.
        var owed = plan.Participants.SelectMany(p => p.Pillars).ToHashSet();
        var pillarOrder = definition.Pillars.Select(p => p.Number).Where(owed.Contains)
            .Concat(owed.Where(n => definition.FindPillar(n) is null).Order())
            .ToList();

        // The input should hold the newest version per ministry and pillar already; be safe if it does not.
        var latest = input.Contributions
            .GroupBy(c => (Ministry: c.Ministry.ToUpperInvariant(), c.Pillar))
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Version)!);

        foreach (var ignored in latest.Values.Where(c => !owed.Contains(c.Pillar)))
            warnings.Add($"{ignored.Ministry}, pijler {ignored.Pillar}: bijdrage niet opgenomen, want deze pijler staat niet in de brief van deze ronde.");

        foreach (var pillar in pillarOrder)
        {
            var title = plan.PillarTitle(pillar);
            var owers = plan.Participants.Where(p => p.Pillars.Contains(pillar)).Select(p => p.Code).ToList();
            var contributors = latest.Values.Where(c => c.Pillar == pillar).Select(c => c.Ministry);
            var ministries = owers.Concat(contributors)
                .DistinctBy(code => code.ToUpperInvariant())
                .OrderBy(code => MinistryRank(definition, definition.FindPillar(pillar)?.LeadMinistry, code))
                .ThenBy(code => code, StringComparer.OrdinalIgnoreCase)
                .ToList();

            var paragraphs = new List<LetterParagraph>();
            foreach (var ministry in ministries)
            {
                var scope = $"{ministry}, pijler {pillar}";
                if (latest.TryGetValue((ministry.ToUpperInvariant(), pillar), out var contribution))
                {
                    if (!owers.Contains(ministry, StringComparer.OrdinalIgnoreCase))
                        warnings.Add($"{scope}: {ministry} is voor deze pijler niet om een bijdrage gevraagd; de tekst is wel opgenomen.");
                    var parsed = LetterTextParser.Parse(contribution.Text);
                    if (parsed.Paragraphs.Count > 0 || contribution.Footnotes.Count > 0)
                    {
                        used.Add(new UsedContribution(contribution.Ministry, pillar, contribution.Version));
                        paragraphs.AddRange(numbering.Number(scope, contribution.Ministry, parsed, contribution.Footnotes));
                        continue;
                    }
                    warnings.Add($"{scope}: de bijdrage (versie {contribution.Version}) bevat geen tekst en telt als ontbrekend.");
                }
                missing.Add(new MissingPillar(ministry, pillar, title));
                paragraphs.Add(new LetterParagraph
                {
                    Kind = LetterParagraphKind.Placeholder,
                    Ministry = ministry,
                    Inlines = [new LetterText(Placeholder(ministry, pillar, title))],
                });
            }
            sections.Add(new LetterSection
            {
                Kind = LetterSectionKind.Pillar,
                Pillar = pillar,
                Heading = $"{pillar}. {title}",
                Paragraphs = paragraphs,
            });
        }
        return (sections, used, missing);
    }

    /// <summary>The visible stand-in for a missing contribution, identical in every format.</summary>
    public static string Placeholder(string ministry, int pillar, string title) =>
        $"[Ontbreekt: bijdrage van {ministry} voor pijler {pillar} ({title})]";

    /// <summary>The pillar's lead ministry first, then the definition's ministry order, then unknown codes.</summary>
    private static int MinistryRank(ReportDefinition definition, string? lead, string code)
    {
        if (lead is not null && string.Equals(lead, code, StringComparison.OrdinalIgnoreCase))
            return -1;
        for (var i = 0; i < definition.Ministries.Count; i++)
            if (string.Equals(definition.Ministries[i].Code, code, StringComparison.OrdinalIgnoreCase))
                return i;
        return int.MaxValue;
    }
}
