using System.Text.RegularExpressions;

namespace MigrationAgenda.Rounds;

/// <summary>
/// The rules a report definition keeps, wherever it comes from: posted inline with a round spec (errors under
/// "definition.…", answered 400) or a file in Rounds:DefinitionsPath (refused when the host starts).
/// </summary>
public static partial class ReportDefinitionValidator
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,11}$")]
    private static partial Regex MinistryCodePattern();

    /// <summary>True when <paramref name="definition"/> is usable; otherwise every fault is in <paramref name="errors"/>.</summary>
    public static bool Validate(ReportDefinition definition, ValidationErrors errors, string prefix = "")
    {
        var before = errors.Count;
        string At(string field) => ValidationErrors.Path(prefix, field);

        if (string.IsNullOrWhiteSpace(definition.Name)) errors.Add(At("name"), "Verplicht.");
        if (string.IsNullOrWhiteSpace(definition.Title)) errors.Add(At("title"), "Verplicht.");

        // A file may say null where the type says required: treat it as empty.
        var pillars = definition.Pillars ?? [];
        var ministries = definition.Ministries ?? [];

        if (pillars.Count == 0)
            errors.Add(At("pillars"), "Een definitie heeft minstens één pijler.");
        for (var i = 0; i < pillars.Count; i++)
        {
            var pillar = pillars[i];
            if (pillar.Number < 1) errors.Add(At($"pillars[{i}].number"), "Een pijlernummer is 1 of hoger.");
            if (string.IsNullOrWhiteSpace(pillar.Title)) errors.Add(At($"pillars[{i}].title"), "Verplicht.");
            var writers = ministries.Where(m => m.Pillars?.Contains(pillar.Number) == true).ToList();
            if (ministries.Count > 0 && writers.Count == 0)
                errors.Add(At($"pillars[{i}]"), $"Pijler {pillar.Number} wordt door geen ministerie geschreven: zet hem bij minstens één ministerie onder 'pillars'.");
            if (pillar.LeadMinistry is { } lead && writers.Count > 0
                && !writers.Any(m => string.Equals(m.Code, lead, StringComparison.OrdinalIgnoreCase)))
                errors.Add(At($"pillars[{i}].leadMinistry"), $"{lead} schrijft pijler {pillar.Number} niet (dat doen {string.Join(", ", writers.Select(m => m.Code))}).");
        }
        foreach (var dup in pillars.GroupBy(p => p.Number).Where(g => g.Count() > 1))
            errors.Add(At("pillars"), $"Pijler {dup.Key} komt meer dan eens voor.");

        if (ministries.Count == 0)
            errors.Add(At("ministries"), "Een definitie heeft minstens één ministerie.");
        for (var i = 0; i < ministries.Count; i++)
        {
            var m = ministries[i];
            if (string.IsNullOrEmpty(m.Code) || !MinistryCodePattern().IsMatch(m.Code))
                errors.Add(At($"ministries[{i}].code"), "Een code van 1 tot 12 letters of cijfers, beginnend met een letter (bijvoorbeeld 'SZW').");
            if (string.IsNullOrWhiteSpace(m.Name)) errors.Add(At($"ministries[{i}].name"), "Verplicht.");
            if (string.IsNullOrWhiteSpace(m.Minister)) errors.Add(At($"ministries[{i}].minister"), "Verplicht, bijvoorbeeld 'de minister van Sociale Zaken en Werkgelegenheid'.");
            foreach (var p in m.Pillars ?? [])
                if (pillars.All(x => x.Number != p))
                    errors.Add(At($"ministries[{i}].pillars"), $"Pijler {p} staat niet in de definitie.");
        }
        foreach (var dup in ministries.GroupBy(m => m.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(At("ministries"), $"Ministerie {dup.Key} komt meer dan eens voor.");

        if (definition.Letter is not { } letter)
            errors.Add(At("letter"), "Verplicht: de vaste velden van de brief (subject, signatoryTitle, …).");
        else
        {
            if (string.IsNullOrWhiteSpace(letter.Subject)) errors.Add(At("letter.subject"), "Verplicht.");
            if (string.IsNullOrWhiteSpace(letter.SignatoryTitle)) errors.Add(At("letter.signatoryTitle"), "Verplicht.");
            if (letter.CoordinatingMinistry is { } coordinating && ministries.Count > 0
                && !ministries.Any(m => string.Equals(m.Code, coordinating, StringComparison.OrdinalIgnoreCase)))
                errors.Add(At("letter.coordinatingMinistry"), $"Ministerie {coordinating} staat niet in de definitie.");
        }
        definition.Calendar?.Validate(errors, At("calendar"));
        definition.AnnualStart?.Validate(errors, At("annualStart"), definition.Calendar);
        return errors.Count == before;
    }
}
