using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Generation;

/// <summary>
/// One account's message stream: the <c>group</c> call, then its history day by day, then live rounds. Not thread-safe;
/// the generator hands each account to one partition. The stream depends only on (options, account), never on the
/// order in which accounts are visited.
/// </summary>
public sealed class AccountSimulator
{
    private readonly AccountContext _context;
    private readonly PersonaScript _script;
    private bool _groupSent;
    private int _nextDay;
    private int _nextRound;

    internal AccountSimulator(GeneratorOptions options, AccountProfile profile)
    {
        Profile = profile;
        _context = new AccountContext(profile, options);
        _script = PersonaCatalog.Get(profile.Persona).Start(_context);
    }

    public AccountProfile Profile { get; }
    public AccountState State => _context.State;
    public bool BackfillComplete => _groupSent && _nextDay >= _context.BackfillDays;
    /// <summary>The next live round this account will play.</summary>
    public int NextRound => _nextRound;

    /// <summary>The account's history (group call first), continuing from wherever an earlier enumeration stopped.</summary>
    public IEnumerable<SimMessage> Backfill()
    {
        while (!BackfillComplete)
        {
            foreach (var m in NextBackfillChunk()) yield return m;
        }
    }

    /// <summary>
    /// The next whole day of history (the first call also carries the group call), or nothing once the history is
    /// complete: lets a recorder step every account through the same day and order the day by timestamp.
    /// </summary>
    public IReadOnlyList<SimMessage> NextDay()
    {
        if (BackfillComplete) return [];
        var day = NextBackfillChunk();
        if (day.Count > 0 && day[0].Type == SimMessage.Group && !BackfillComplete) day.AddRange(NextBackfillChunk());
        return day;
    }

    /// <summary>The account's next live round, stamped <paramref name="now"/>. Plays any remaining history silently first.</summary>
    public IReadOnlyList<SimMessage> NextLiveRound(DateTimeOffset now)
    {
        while (!BackfillComplete) NextBackfillChunk();
        _context.BeginRound(_nextRound++, now);
        _script.OnLiveRound(_context);
        return _context.TakeOutput();
    }

    private List<SimMessage> NextBackfillChunk()
    {
        if (!_groupSent)
        {
            _groupSent = true;
            // The group call opens the history, a minute into its first day.
            _context.BeginDay(0);
            _context.Group();
            return _context.TakeOutput();
        }
        _context.BeginDay(_nextDay++);
        _script.OnDay(_context);
        return _context.TakeOutput();
    }
}
