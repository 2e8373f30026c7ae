using System.Globalization;

namespace MigrationAgenda.LoadBench;

/// <summary>What one run does. Every count and the wall time are bounded, so a run always ends.</summary>
public sealed record LoadBenchOptions
{
    /// <summary>Posts per measured phase (each kind at each concurrency).</summary>
    public int Replies { get; init; } = 200;
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 4, 16];
    /// <summary>
    /// Each measured phase is cut into this many slices, run in turn with the other kinds' slices (ceiling, accepted,
    /// quarantined, ceiling, …), so a change in the machine's load hits all kinds alike.
    /// </summary>
    public int Slices { get; init; } = 4;
    /// <summary>Posts of each kind before measuring, so JIT and connection pools are warm.</summary>
    public int Warmup { get; init; } = 50;
    /// <summary>Ministries answering (one pillar each) plus one that never answers, so the round stays collecting.</summary>
    public int Ministries { get; init; } = 24;
    public bool Long { get; init; }
    public int LongReplies { get; init; } = 2000;
    public int LongConcurrency { get; init; } = 16;
    public int Block { get; init; } = 200;
    /// <summary>Hard bound on the posting phases; what is left is skipped and the run reported incomplete.</summary>
    public TimeSpan? MaxDurationGiven { get; init; }
    public TimeSpan MaxDuration => MaxDurationGiven ?? TimeSpan.FromMinutes(Long ? 45 : 15);
    public bool Help { get; init; }
    public string? OutputFolder { get; init; }
    public string? ServeDll { get; init; }
    /// <summary>Azurite with its access log on: storage requests per post, by target (costs Azurite some CPU of its own).</summary>
    public bool CountRequests { get; init; }
    /// <summary>
    /// Where serve sends its mail (the round's requests, the quarantine notices): a local fake of SendGrid's API through
    /// the real SendGrid client, as in Azure, or the Blob outbox, the demo's stand-in (one more blob write per message).
    /// </summary>
    public string Mail { get; init; } = MailPaths.SendGrid;
    /// <summary>
    /// Who writes the quarantined replies: a stranger each (every reply is sent a notice, the costliest case) or one
    /// stranger writing them all (sent one notice a day, as a burst or a mail loop from one address is).
    /// </summary>
    public bool StrangerPerReply { get; init; } = true;

    public const string Usage = """
        dotnet run -c Release --project bench/MigrationAgenda.LoadBench -- [options]
          --replies N          posts per measured phase (default 200)
          --concurrency LIST   e.g. 1,4,16 (default)
          --slices N           interleave each concurrency's kinds in N slices (default 4)
          --warmup N           unmeasured posts of each kind first (default 50)
          --ministries N       answering ministries in the round (default 24; one more never answers)
          --long               also the decay run: --long-replies accepted replies at --long-concurrency
          --long-replies N     (default 2000)   --long-concurrency N (default 16)   --block N (default 200)
          --max-minutes M      hard bound on the posting phases (default 15, with --long 45)
          --out DIR            where serve.log and report.md go (default a new folder under the temp folder)
          --serve-dll PATH     another build of MigrationAgenda.Standalone.dll (default: src/Standalone, this configuration)
          --count-requests     count Azurite's storage requests per post and target (its access log on: slows Azurite a little)
          --mail sendgrid|outbox  serve's mail through the SendGrid client to a local fake SendGrid (default, as in Azure)
                               or to the Blob outbox (the demo's stand-in: one blob write per message on the same Azurite)
          --strangers each|one  quarantined replies each from their own stranger, every one sent a notice (default),
                               or all from one stranger, who is sent one notice a day
        """;

    public static LoadBenchOptions Parse(string[] args)
    {
        var o = new LoadBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Positive() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i - 1]} takes a positive whole number.");
            o = args[i] switch
            {
                "--replies" => o with { Replies = Positive() },
                "--concurrency" => o with { Concurrency = Next().Split(',').Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n : throw new ArgumentException($"--concurrency takes numbers like 1,4,16, not '{s}'.")).ToList() },
                "--slices" => o with { Slices = Positive() },
                "--warmup" => o with { Warmup = int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                    ? w : throw new ArgumentException("--warmup takes a whole number (0 for none).") },
                "--ministries" => o with { Ministries = Math.Min(Positive(), 99) },
                "--long" => o with { Long = true },
                "--long-replies" => o with { LongReplies = Positive() },
                "--long-concurrency" => o with { LongConcurrency = Positive() },
                "--block" => o with { Block = Positive() },
                "--max-minutes" => o with { MaxDurationGiven = TimeSpan.FromMinutes(Positive()) },
                "--help" or "-h" => o with { Help = true },
                "--out" => o with { OutputFolder = Next() },
                "--serve-dll" => o with { ServeDll = Next() },
                "--count-requests" => o with { CountRequests = true },
                "--strangers" => o with { StrangerPerReply = Next() switch { "each" => true, "one" => false, _ => throw new ArgumentException("--strangers takes each or one.") } },
                "--mail" => o with { Mail = Next() switch { MailPaths.SendGrid => MailPaths.SendGrid, MailPaths.Outbox => MailPaths.Outbox, _ => throw new ArgumentException("--mail takes sendgrid or outbox.") } },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return o;
    }
}

public static class MailPaths
{
    public const string SendGrid = "sendgrid";
    public const string Outbox = "outbox";
}
