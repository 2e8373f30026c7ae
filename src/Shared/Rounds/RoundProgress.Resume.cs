namespace MigrationAgenda.Rounds;

/// <summary>The round's state carried over a failure (<see cref="Restore"/>) and its mail waiting out an outage.</summary>
public sealed partial class RoundProgress
{
    private int _mailsWaiting;

    /// <summary>Since when a mail has been waiting out an outage (the status's "mail vertraagd"); null when none is.</summary>
    public DateTimeOffset? MailDelayedSince { get; private set; }

    /// <summary>A mail activity failed for a passing reason and waits to try again; true when the status changed.</summary>
    public bool MailWaiting(DateTimeOffset since)
    {
        if (MailDelayedSince is not null)
            return false;
        MailDelayedSince = since;
        return true;
    }

    /// <summary>A mail activity started (<paramref name="done"/> false) or ended; true when no mail waits any more and the status changed.</summary>
    public bool MailInFlight(bool done)
    {
        _mailsWaiting += done ? -1 : 1;
        if (_mailsWaiting > 0 || MailDelayedSince is null)
            return false;
        MailDelayedSince = null;
        return true;
    }

    /// <summary>
    /// Takes over where a failed run of the round stopped, from its last published status: the (extended) deadline,
    /// drafts, reminders, and per ministry what is in, what is owed, its escalation level and request version. Of the
    /// schedule's steps that fell due while the round was failed, only the last is still to be sent: that is the one
    /// that failed, or the one the ministry would have had by now; older ones would only be noise.
    /// </summary>
    public void Restore(RoundStatus status, DateTimeOffset now)
    {
        Deadline = status.Deadline;
        // The due times planned for that deadline (extended or reopened ones included); older statuses carry none.
        _due = status.Due ?? ElapsedDue(status.Deadline);
        DeadlineWarning = status.DeadlineWarning;
        Drafts = status.Draft;
        RemindersSent = status.RemindersSent;
        ApprovalRemindersSent = status.ApprovalRemindersSent;
        foreach (var m in status.Ministries)
        {
            if (!_ministries.TryGetValue(m.Ministry, out var state))
                continue;
            var owned = state.Participant.Pillars;
            state.Missing.Clear();
            state.Missing.AddRange(m.Missing.Where(owned.Contains).Distinct().Order());
            state.Received.Clear();
            state.Received.AddRange(owned.Where(p => !state.Missing.Contains(p)));
            state.EscalationLevel = m.EscalationLevel;
            state.RequestVersion = Math.Max(1, m.RequestVersion);
            state.DeadlineRevision = m.DeadlineRevision;
        }
        ResetSchedule(now);
        if (status.NextReminder is not { } reminder || status.NextEscalation is not { } escalation)
            return;
        (_nextReminder, _nextEscalation) = (Math.Min(reminder, _due.Reminders.Count), escalation);
        while (true)
        {
            var next = NextDue();
            if (next.Kind == DueKind.CutOff || next.At > now)
                return;
            var kept = (_nextReminder, _nextEscalation);
            Skip(next);
            var after = NextDue();
            if (after.Kind == DueKind.CutOff || after.At > now)
            {
                (_nextReminder, _nextEscalation) = kept;
                return;
            }
        }
    }

    private void Skip(DueStep step)
    {
        if (step.Kind == DueKind.Reminder)
            _nextReminder++;
        else
            _nextEscalation = step.Level;
    }
}
