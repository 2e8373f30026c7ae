using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>What is due next while collecting: a reminder, an escalation level, or the cut-off.</summary>
public sealed record DueStep(DueKind Kind, DateTimeOffset At, int Level = 0);

public enum DueKind { Reminder, Escalation, CutOff }

/// <summary>
/// The round's state as the orchestrator knows it: who owes what, where the schedule stands.
/// Plain deterministic code with time passed in, so it replays identically and is unit-tested on its own.
/// </summary>
public sealed partial class RoundProgress
{
    private readonly RoundPlan _plan;
    private readonly Dictionary<string, MinistryState> _ministries;
    private DueTimes _due;
    private int _nextReminder;
    private int _nextEscalation;

    public RoundProgress(RoundPlan plan, DateTimeOffset now)
    {
        _plan = plan;
        _ministries = plan.Participants.ToDictionary(p => p.Code, p => new MinistryState(p), StringComparer.OrdinalIgnoreCase);
        Deadline = plan.Deadline;
        _due = plan.Due ?? ElapsedDue(plan.Deadline);
        DeadlineWarning = plan.DeadlineWarning;
        ResetSchedule(now);
    }

    public string Phase { get; set; } = RoundPhase.Starting;
    public DateTimeOffset Deadline { get; private set; }
    public DateTimeOffset CutOffAt => _due.CutOff;
    /// <summary>The moments the round waits for, as planned outside the orchestrator for the current deadline.</summary>
    public DueTimes Due => _due;
    /// <summary>Why the current deadline is a poor one (a closed day, accepted under an elapsed schedule); null when it is fine.</summary>
    public string? DeadlineWarning { get; private set; }
    public int Drafts { get; set; }
    public int RemindersSent { get; private set; }
    public int ApprovalRemindersSent { get; set; }

    public bool AllIn => _ministries.Values.All(m => m.Missing.Count == 0);

    /// <summary>Ministries that still owe at least one pillar, in plan order.</summary>
    public IReadOnlyList<MinistryState> Owing =>
        _plan.Participants.Select(p => _ministries[p.Code]).Where(m => m.Missing.Count > 0).ToList();

    public MinistryState this[string ministry] => _ministries[ministry];

    public bool Takes(string ministry) => _ministries.ContainsKey(ministry);

    /// <summary>The next step of the schedule after what has already been done.</summary>
    public DueStep NextDue()
    {
        var cutOff = new DueStep(DueKind.CutOff, CutOffAt);
        if (_nextReminder < _due.Reminders.Count)
            return Earliest(new DueStep(DueKind.Reminder, _due.Reminders[_nextReminder]), cutOff);
        if (_nextEscalation < _due.Escalations.Count)
            return Earliest(new DueStep(DueKind.Escalation, _due.Escalations[_nextEscalation], _nextEscalation + 1), cutOff);
        return cutOff;
    }

    public void ReminderSent()
    {
        _nextReminder++;
        RemindersSent++;
    }

    public void EscalationSent(int level, IEnumerable<string> ministries)
    {
        _nextEscalation = level;
        foreach (var code in ministries)
            _ministries[code].EscalationLevel = level;
    }

    /// <summary>
    /// A mail to <paramref name="ministry"/>'s level-<paramref name="level"/> contact could not be delivered: the level of
    /// the next contact up its chain, to escalate to at once; null when it owes nothing, has no further contact, or that
    /// contact has been escalated to already.
    /// </summary>
    public int? EscalationPastUndeliverable(string ministry, int level)
    {
        if (!_ministries.TryGetValue(ministry, out var state) || state.Missing.Count == 0)
            return null;
        var unreachable = state.Participant.ContactFor(level).Email;
        var next = state.Participant.Contacts
            .Where(c => c.Level > level && !string.Equals(c.Email, unreachable, StringComparison.OrdinalIgnoreCase))
            .Select(c => (int?)c.Level).Min();
        return next is { } n && state.EscalationLevel < n ? n : null;
    }

    /// <summary>The ministry was escalated to <paramref name="level"/> ahead of the schedule (an undeliverable contact).</summary>
    public void EscalatedAtOnce(string ministry, int level) => _ministries[ministry].EscalationLevel = level;

    /// <summary>
    /// Ministries that owe pillars and are below escalation <paramref name="level"/>: a scheduled escalation skips one an
    /// undeliverable contact already moved there, so nobody gets the same escalation twice.
    /// </summary>
    public IReadOnlyList<MinistryState> OwingBelow(int level) => Owing.Where(m => m.EscalationLevel < level).ToList();

    /// <summary>Marks pillars received; returns the ones that are not the ministry's to write (refused).</summary>
    public IReadOnlyList<int> Receive(string ministry, IEnumerable<int> pillars)
    {
        var state = _ministries[ministry];
        var refused = new List<int>();
        foreach (var pillar in pillars.Distinct())
        {
            if (!state.Participant.Pillars.Contains(pillar))
                refused.Add(pillar);
            else if (state.Missing.Remove(pillar))
                state.Received.Add(pillar);
        }
        if (state.Missing.Count == 0)
            state.EscalationLevel = 0;
        return refused;
    }

    /// <summary>A new deadline under an elapsed schedule (deadline ± offset); a schedule that counts days needs <see cref="Extend(DeadlinePlan, DateTimeOffset)"/>.</summary>
    public void Extend(DateTimeOffset deadline, DateTimeOffset now) => Extend(new DeadlinePlan(deadline, ElapsedDue(deadline)), now);

    /// <summary>
    /// A new deadline with its due times, planned outside the orchestrator: reminders and escalations follow them;
    /// steps already past are not sent late. When the deadline moves, every ministry's deadline revision goes up, so
    /// the next .ics it gets replaces the event in its calendar.
    /// </summary>
    public void Extend(DeadlinePlan planned, DateTimeOffset now)
    {
        var moved = planned.Deadline != Deadline;
        Deadline = planned.Deadline;
        _due = planned.Due;
        DeadlineWarning = planned.Warning;
        foreach (var m in _ministries.Values)
        {
            m.EscalationLevel = 0;
            if (moved)
                m.DeadlineRevision++;
        }
        ResetSchedule(now);
    }

    /// <summary>Asks a ministry again for pillars (after review) under an elapsed schedule; returns the new request version.</summary>
    public int Reopen(string ministry, IReadOnlyList<int> pillars, DateTimeOffset deadline, DateTimeOffset now) =>
        Reopen(ministry, pillars, new DeadlinePlan(deadline, ElapsedDue(deadline)), now);

    /// <summary>Asks a ministry again for pillars (after review) by a planned deadline; returns the new request version.</summary>
    public int Reopen(string ministry, IReadOnlyList<int> pillars, DeadlinePlan planned, DateTimeOffset now)
    {
        var state = _ministries[ministry];
        foreach (var pillar in pillars)
        {
            state.Received.Remove(pillar);
            if (!state.Missing.Contains(pillar))
                state.Missing.Add(pillar);
        }
        state.Missing.Sort();
        state.RequestVersion++;
        Extend(planned, now);
        return state.RequestVersion;
    }

    public RoundStatus ToStatus() => new()
    {
        Phase = Phase,
        Deadline = Deadline,
        CutOffAt = CutOffAt,
        Draft = Drafts,
        RemindersSent = RemindersSent,
        ApprovalRemindersSent = ApprovalRemindersSent,
        NextDue = Phase == RoundPhase.Collecting ? NextDue() : null,
        Due = _due,
        DeadlineWarning = DeadlineWarning,
        MailDelayedSince = MailDelayedSince,
        NextReminder = _nextReminder,
        NextEscalation = _nextEscalation,
        Ministries = _plan.Participants.Select(p => _ministries[p.Code]).Select(m => new MinistryProgress
        {
            Ministry = m.Participant.Code,
            Received = m.Received.Order().ToList(),
            Missing = m.Missing.ToList(),
            EscalationLevel = m.EscalationLevel,
            RequestVersion = m.RequestVersion,
            DeadlineRevision = m.DeadlineRevision,
        }).ToList(),
    };

    private void ResetSchedule(DateTimeOffset now)
    {
        _nextReminder = _due.Reminders.Count(t => t <= now);
        _nextEscalation = _due.Escalations.Count(e => e <= now);
    }

    /// <summary>
    /// Deadline ± offset for every step, for plans made before due times were planned and for the elapsed overloads.
    /// Plain arithmetic (an elapsed step never reads the calendar or the time zone), so it is safe during replay; a
    /// schedule that counts days cannot be computed here.
    /// </summary>
    private DueTimes ElapsedDue(DateTimeOffset deadline)
    {
        var steps = RoundScheduleSteps.From(_plan.Schedule);
        if (steps.UsesCalendar)
            throw new InvalidOperationException($"Round {_plan.RoundId} counts days: plan the deadline's due times with RoundCalendar (the PlanDeadline activity).");
        return new DueTimeCalculator(WorkingDayCalendar.Dutch).Compute(deadline, steps);
    }

    private static DueStep Earliest(DueStep a, DueStep b) => a.At <= b.At ? a : b;

    public sealed class MinistryState(Participant participant)
    {
        public Participant Participant { get; } = participant;
        public List<int> Missing { get; } = participant.Pillars.Order().ToList();
        public List<int> Received { get; } = [];
        public int EscalationLevel { get; set; }
        public int RequestVersion { get; set; } = 1;
        /// <summary>How often this ministry's deadline changed: the SEQUENCE of its deadline event (.ics).</summary>
        public int DeadlineRevision { get; set; }
    }
}
