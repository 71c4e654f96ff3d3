namespace Pulse.Simulation.Generation;

/// <summary>
/// The deterministic synthetic-customer stream: N accounts <c>acct-000001</c>…, each with a persona, a profile and a
/// script. Same <see cref="GeneratorOptions"/> ⇒ the same messages, byte for byte (live messages also take the clock).
/// Accounts can be split into disjoint partitions (account index modulo partitions) that are generated on different
/// threads; a partition keeps its accounts' messages in order, so sending each partition sequentially preserves
/// per-account order.
/// </summary>
public sealed class CustomerGenerator
{
    private readonly AccountSimulator?[] _accounts;

    public CustomerGenerator(GeneratorOptions options)
    {
        var errors = options.Validate().ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        Options = options;
        _accounts = new AccountSimulator?[options.Accounts];
    }

    public GeneratorOptions Options { get; }

    /// <summary>The simulator of account <paramref name="index"/> (1-based), created on first use.</summary>
    public AccountSimulator Account(int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Options.Accounts);
        var existing = Volatile.Read(ref _accounts[index - 1]);
        if (existing is not null) return existing;
        var created = new AccountSimulator(Options, AccountFactory.Create(Options, index));
        return Interlocked.CompareExchange(ref _accounts[index - 1], created, null) ?? created;
    }

    /// <summary>All profiles, in index order.</summary>
    public IEnumerable<AccountProfile> Profiles() => Enumerable.Range(1, Options.Accounts).Select(i => Account(i).Profile);

    /// <summary>The accounts of one partition: indexes i with (i − 1) mod <paramref name="partitions"/> = <paramref name="partition"/>.</summary>
    public IEnumerable<AccountSimulator> Partition(int partition, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, partitions);
        for (var i = partition + 1; i <= Options.Accounts; i += partitions) yield return Account(i);
    }

    /// <summary>The history of a partition's accounts, account after account (each opens with its group call).</summary>
    public IEnumerable<SimMessage> Backfill(int partition = 0, int partitions = 1)
    {
        foreach (var account in Partition(partition, partitions))
            foreach (var m in account.Backfill())
                yield return m;
    }

    /// <summary>
    /// Endless live rounds of a partition: in each round every account plays one step, stamped with
    /// <paramref name="clock"/>'s current time. Accounts whose history was not enumerated play it silently first.
    /// </summary>
    public IEnumerable<SimMessage> Live(TimeProvider clock, int partition = 0, int partitions = 1)
    {
        var accounts = Partition(partition, partitions).ToArray();
        if (accounts.Length == 0) yield break;
        while (true)
        {
            foreach (var account in accounts)
                foreach (var m in account.NextLiveRound(clock.GetUtcNow()))
                    yield return m;
        }
    }
}
