namespace MigrationAgenda.Rounds.Calendar;

/// <summary>One step of a round's schedule as a rule: an offset from the deadline (a reminder before it, an escalation or the cut-off after it) and how it is counted.</summary>
public sealed record ScheduleStep(TimeSpan Offset, DayCounting Counting = DayCounting.Elapsed)
{
    /// <summary>What is wrong with the step, in Dutch, or null. Counted steps are whole days of at least one.</summary>
    public string? Problem => Counting switch
    {
        _ when Offset <= TimeSpan.Zero => $"Een stap in het schema is een positieve duur, bijvoorbeeld P1D (nu {System.Xml.XmlConvert.ToString(Offset)}).",
        DayCounting.Elapsed => null,
        _ when Offset.Ticks % TimeSpan.TicksPerDay != 0 =>
            $"Werkdagen en kalenderdagen tellen in hele dagen: gebruik P1D, P2D, … (nu {System.Xml.XmlConvert.ToString(Offset)}).",
        _ => null,
    };

    /// <summary>The whole days of a counted step.</summary>
    public int Days => (int)(Offset.Ticks / TimeSpan.TicksPerDay);
}
