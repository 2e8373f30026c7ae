using System.Text.Json.Serialization;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// What a report asks for: its pillars, who writes which, and the fixed fields of the letter.
/// Shipped as JSON (definitions/*.json) so that a coordinator edits titles and ministries, never code.
/// </summary>
public sealed record ReportDefinition
{
    public required string Name { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<PillarDefinition> Pillars { get; init; }
    public required IReadOnlyList<MinistryDefinition> Ministries { get; init; }
    public required LetterFields Letter { get; init; }
    /// <summary>Closed days, the time of day and whether rounds count working days; none: the Dutch holidays, 09:00, elapsed time.</summary>
    // Left out of the JSON when absent, so the hash of a spec with an inline definition from before stays the same.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CalendarDefinition? Calendar { get; init; }
    /// <summary>When this report's round starts itself every year (<see cref="Rounds.AnnualStart"/>); none: only by hand.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AnnualStart? AnnualStart { get; init; }

    public PillarDefinition? FindPillar(int number) => Pillars.FirstOrDefault(p => p.Number == number);

    /// <summary>The days this report's ministries work: the Dutch holidays and the calendar's closed days.</summary>
    public WorkingDayCalendar WorkingDays() => Calendar?.ToWorkingDayCalendar() ?? WorkingDayCalendar.Dutch;

    public MinistryDefinition? FindMinistry(string code) =>
        Ministries.FirstOrDefault(m => string.Equals(m.Code, code, StringComparison.OrdinalIgnoreCase));
}

public sealed record PillarDefinition
{
    public required int Number { get; init; }
    public required string Title { get; init; }
    /// <summary>The ministry whose text comes first in the pillar's section of the letter.</summary>
    public string? LeadMinistry { get; init; }
}

public sealed record MinistryDefinition
{
    /// <summary>Short code used in ids, tokens and table keys, e.g. "SZW".</summary>
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>How the letter names the minister, e.g. "de minister van Sociale Zaken en Werkgelegenheid".</summary>
    public required string Minister { get; init; }
    /// <summary>Co-signers are listed in the letter's "mede namens".</summary>
    public bool CoSigner { get; init; }
    public required IReadOnlyList<int> Pillars { get; init; }
    /// <summary>Default contacts; a round spec normally brings the real ones.</summary>
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    /// <summary>Addresses ("a@b.nl") or domains ("b.nl") whose replies are accepted.</summary>
    public IReadOnlyList<string> AllowedSenders { get; init; } = [];
}

/// <summary>A person to mail. Level 0 receives requests and reminders; level k receives escalation k.</summary>
public sealed record Contact
{
    public int Level { get; init; }
    public string? Name { get; init; }
    public required string Email { get; init; }
}

/// <summary>The fixed parts of the letter (LETTER.md: header, side column, signature).</summary>
public sealed record LetterFields
{
    public string ReturnAddress { get; init; } = "";
    public IReadOnlyList<string> Addressee { get; init; } = [];
    public IReadOnlyList<string> SenderOrganisation { get; init; } = [];
    public IReadOnlyList<string> SenderAddress { get; init; } = [];
    public string Website { get; init; } = "";
    public required string Subject { get; init; }
    public required string SignatoryTitle { get; init; }
    public string SignatoryName { get; init; } = "";
    /// <summary>The ministry that coordinates and signs; it writes the general sections.</summary>
    public string? CoordinatingMinistry { get; init; }
}
