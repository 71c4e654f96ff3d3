namespace Pulse.Health.Grains.Wall;

/// <summary>
/// What one account last told the wall about itself. The wall aggregate is the sum of these; an account that
/// changes sends "remove the old contribution, add the new one", so counts stay exact without any scan.
/// <see cref="Band"/> and <see cref="Stage"/> are the enums' values as indexes into <see cref="Contracts.WallDelta"/>'s
/// arrays. They stay <c>int</c> because this is stored with the account's state (postgres profile): Orleans encodes an
/// int and a byte-sized enum differently, so an enum field would misread state written before it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.WallContribution")]
public readonly record struct WallContribution(
    [property: Id(0)] int Band,
    [property: Id(1)] int Stage,
    [property: Id(2)] int Bucket,
    [property: Id(3)] double Arr,
    [property: Id(4)] bool AtRisk,
    [property: Id(5)] double Score)
{
    public static int BucketOf(double score) => Math.Clamp((int)(score / 5), 0, Contracts.WallDelta.Buckets - 1);

    /// <summary>True when the wall must hear about the move from <paramref name="previous"/> to this.</summary>
    public bool DiffersInCountsFrom(WallContribution previous) =>
        Band != previous.Band || Stage != previous.Stage || Bucket != previous.Bucket || AtRisk != previous.AtRisk
        || Math.Abs(Arr - previous.Arr) > 0.005;
}
