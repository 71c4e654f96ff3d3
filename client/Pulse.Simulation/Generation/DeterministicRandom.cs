namespace Pulse.Simulation.Generation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast PRNG whose output is fully specified, so the same seed
/// gives the same numbers on every platform and runtime (unlike <see cref="System.Random"/>, whose algorithm is not
/// part of its contract). Only integer arithmetic and exact conversions are used.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>An independent stream for (seed, account, purpose): changing one purpose's draws never shifts another's.</summary>
    public static DeterministicRandom For(long seed, int accountIndex, RandomStream stream)
    {
        var x = unchecked((ulong)seed);
        x = Mix(x ^ 0x9E3779B97F4A7C15UL);
        x = Mix(x ^ unchecked((ulong)accountIndex * 0xD1B54A32D192ED03UL));
        x = Mix(x ^ unchecked((ulong)(int)stream * 0xABC98388FB8FAC03UL));
        return new DeterministicRandom(x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-shift with rejection: unbiased and exact.
        var range = (ulong)maxExclusive;
        while (true)
        {
            var x = NextUInt64() >> 32;
            var m = x * range;
            var low = m & 0xFFFFFFFFUL;
            if (low >= range || low >= (0x1_0000_0000UL - range) % range) return (int)(m >> 32);
        }
    }

    /// <summary>Uniform integer in [minInclusive, maxInclusive].</summary>
    public int Between(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive) throw new ArgumentOutOfRangeException(nameof(maxInclusive));
        return minInclusive + Next(maxInclusive - minInclusive + 1);
    }

    /// <summary>Uniform double in [min, max).</summary>
    public double Between(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => probability > 0 && (probability >= 1 || NextDouble() < probability);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>The purposes an account draws random numbers for; each gets its own stream.</summary>
public enum RandomStream
{
    /// <summary>Who the account is: persona, tier, ARR, seats, name, onset.</summary>
    Profile = 1,
    /// <summary>What the account does, day by day and round by round.</summary>
    Behaviour = 2,
    /// <summary>The hidden ground-truth outcome (labels); its own stream so labels never shift the events.</summary>
    Outcome = 3,
    /// <summary>The hidden health trajectory (latent truth the events and the outcome are drawn from).</summary>
    Latent = 4,
    /// <summary>The account's style: how it behaves whatever its health (usage level, ticket habit, survey answers, pipeline).</summary>
    Style = 5,
}
