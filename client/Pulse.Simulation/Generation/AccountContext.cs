namespace Pulse.Simulation.Generation;

/// <summary>
/// What a persona script sees and writes through: the account, its state, its random stream, the current day (backfill)
/// or round (live), and methods that append messages with deterministic ids and timestamps.
/// </summary>
public sealed class AccountContext
{
    private readonly List<SimMessage> _output = [];
    private readonly string _idPrefix;
    private DateTimeOffset _cursor;
    private DateTimeOffset _dayEnd;
    private DateTimeOffset _lastStamp = DateTimeOffset.MinValue;
    private long _sequence;

    internal AccountContext(AccountProfile profile, GeneratorOptions options)
    {
        Profile = profile;
        Options = options;
        Random = DeterministicRandom.For(options.Seed, profile.Index, RandomStream.Behaviour);
        Latent = Pulse.Simulation.Latent.LatentAccount.For(options, profile);
        State = new AccountState
        {
            Arr = profile.Arr,
            Plan = profile.Plan,
            SeatsPurchased = profile.Seats,
            RenewalDate = profile.RenewalDate,
        };
        // seed + anchor day + account + sequence: a rerun of the same seed on the same day resends the same ids (and the
        // server drops them as duplicates); another day or seed is another stream.
        _idPrefix = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sim-{options.Seed}-{options.AnchorDay:yyyyMMdd}-{profile.Index:D6}-");
        Round = -1;
    }

    public AccountProfile Profile { get; }
    public GeneratorOptions Options { get; }
    public DeterministicRandom Random { get; }
    public AccountState State { get; }
    /// <summary>The hidden health and style the account's events are drawn from.</summary>
    public Pulse.Simulation.Latent.LatentAccount Latent { get; }
    /// <summary>Hidden health today (backfill day; the live phase keeps the last day's).</summary>
    public double Health => Latent.At(Day);
    public int BackfillDays => Options.BackfillDays;
    public bool IsLive { get; private set; }
    /// <summary>Backfill day index (0 = first day of history); equals <see cref="BackfillDays"/> during the live phase.</summary>
    public int Day { get; private set; }
    /// <summary>Live round (0-based); -1 during the backfill.</summary>
    public int Round { get; private set; }
    /// <summary>The calendar day being simulated (live: today).</summary>
    public DateOnly Date { get; private set; }
    public bool IsWeekend => Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
    /// <summary>Messages written so far (by <see cref="Sequence"/>).</summary>
    public long Sequence => _sequence;

    /// <summary>Calendar date of backfill day <paramref name="day"/> (may be before the history when negative).</summary>
    public DateOnly DateOfDay(int day) => DateOnly.FromDateTime(Options.AnchorDay).AddDays(day - BackfillDays);

    internal void BeginDay(int day)
    {
        IsLive = false;
        Day = day;
        Round = -1;
        Date = DateOfDay(day);
        var start = new DateTimeOffset(Options.AnchorDay.AddDays(day - BackfillDays), TimeSpan.Zero);
        // Work starts between 07:00 and 10:00 UTC; each event moves the clock on a little.
        _cursor = start.AddHours(7).AddMinutes(Random.Next(180));
        _dayEnd = start.AddDays(1).AddSeconds(-1);
        if (day >= BackfillDays)
        {
            // No history (0 backfill days): the group call is stamped with the anchor itself, never in the future.
            _cursor = _dayEnd = Options.Anchor.ToUniversalTime();
        }
        // An account's own messages never go back in time (the group call opens day 0 before its first events), so a
        // stream sorted by timestamp keeps every account's order.
        if (_cursor < _lastStamp) _cursor = _lastStamp;
        if (_dayEnd < _cursor) _dayEnd = _cursor;
    }

    internal void BeginRound(int round, DateTimeOffset now)
    {
        IsLive = true;
        Day = BackfillDays;
        Round = round;
        Date = DateOnly.FromDateTime(now.UtcDateTime);
        _cursor = now;
        _dayEnd = now;
    }

    internal List<SimMessage> TakeOutput()
    {
        var copy = _output.ToList();
        _output.Clear();
        return copy;
    }

    /// <summary>Appends a track call from <paramref name="user"/> (1-based user number).</summary>
    public void Track(string eventName, int user, params Prop[] properties) =>
        Append(SimMessage.Track, user, eventName, properties);

    /// <summary>Appends a group call with the account's current traits.</summary>
    public void Group()
    {
        var p = Profile;
        Append(SimMessage.Group, State.ContactUser, null,
        [
            Prop.Of("name", p.Name),
            Prop.Of("plan", State.Plan),
            Prop.Of("tier", p.Tier.Name()),
            Prop.Of("arr", State.Arr),
            Prop.Of("seats", (long)State.SeatsPurchased),
            Prop.Of("renewalDate", State.RenewalDate),
            Prop.Of("segment", p.Segment),
            Prop.Of("industry", p.Industry),
        ]);
    }

    /// <summary>A random user among those with an active seat (the champion when nobody else is active).</summary>
    public int AnyActiveUser()
    {
        var pool = Math.Clamp(State.SeatsActive <= 0 ? 1 : State.SeatsActive, 1, Profile.Users);
        var user = 1 + Random.Next(pool);
        if (user == State.DepartedUser) user = user % Profile.Users + 1;
        return user;
    }

    private void Append(string type, int user, string? eventName, Prop[] properties)
    {
        var timestamp = _cursor;
        _lastStamp = timestamp;
        if (!IsLive)
        {
            var next = _cursor.AddMinutes(2 + Random.Next(40));
            _cursor = next > _dayEnd ? _dayEnd : next;
        }
        var id = _idPrefix + _sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _sequence++;
        _output.Add(new SimMessage(type, id, timestamp, Profile.UserId(user), Profile.Index, Profile.AccountId, eventName, properties, IsLive));
    }
}
