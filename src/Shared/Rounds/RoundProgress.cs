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
    private IReadOnlyList<DateTimeOffset> _reminderTimes = [];
    private int _nextReminder;
    private int _nextEscalation;

    public RoundProgress(RoundPlan plan, DateTimeOffset now)
    {
        _plan = plan;
        _ministries = plan.Participants.ToDictionary(p => p.Code, p => new MinistryState(p), StringComparer.OrdinalIgnoreCase);
        Deadline = plan.Deadline;
        ResetSchedule(now);
    }

    public string Phase { get; set; } = RoundPhase.Starting;
    public DateTimeOffset Deadline { get; private set; }
    public DateTimeOffset CutOffAt => Deadline + _plan.Schedule.CutOff;
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
        if (_nextReminder < _reminderTimes.Count)
            return Earliest(new DueStep(DueKind.Reminder, _reminderTimes[_nextReminder]), cutOff);
        if (_nextEscalation < _plan.Schedule.Escalations.Count)
            return Earliest(new DueStep(DueKind.Escalation, Deadline + _plan.Schedule.Escalations[_nextEscalation], _nextEscalation + 1), cutOff);
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

    /// <summary>A new deadline: reminders and escalations count from it; steps already past are not sent late.</summary>
    public void Extend(DateTimeOffset deadline, DateTimeOffset now)
    {
        Deadline = deadline;
        foreach (var m in _ministries.Values)
            m.EscalationLevel = 0;
        ResetSchedule(now);
    }

    /// <summary>Asks a ministry again for pillars (after review); returns the new request version.</summary>
    public int Reopen(string ministry, IReadOnlyList<int> pillars, DateTimeOffset deadline, DateTimeOffset now)
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
        Extend(deadline, now);
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
        }).ToList(),
    };

    private void ResetSchedule(DateTimeOffset now)
    {
        _reminderTimes = _plan.Schedule.Reminders.Select(r => Deadline - r).Order().ToList();
        _nextReminder = _reminderTimes.Count(t => t <= now);
        _nextEscalation = _plan.Schedule.Escalations.Count(e => Deadline + e <= now);
    }

    private static DueStep Earliest(DueStep a, DueStep b) => a.At <= b.At ? a : b;

    public sealed class MinistryState(Participant participant)
    {
        public Participant Participant { get; } = participant;
        public List<int> Missing { get; } = participant.Pillars.Order().ToList();
        public List<int> Received { get; } = [];
        public int EscalationLevel { get; set; }
        public int RequestVersion { get; set; } = 1;
    }
}
