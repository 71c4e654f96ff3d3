using Pulse.Health.Grains.Wall;

namespace Pulse.Health.Grains.Accounts;

/// <summary>The persisted form of an account: the model's own compact encoding plus what the wall was last told.</summary>
[GenerateSerializer, Alias("pulse.AccountGrainState")]
public sealed class AccountGrainState
{
    /// <summary><see cref="Model.State.AccountHealthCodec"/> bytes; null for an account that never applied an event.</summary>
    [Id(0)] public byte[]? Model { get; set; }
    [Id(1)] public WallContribution? Published { get; set; }
    /// <summary>Durable profiles: the log position of the last event applied (see <see cref="IAccountCatchUp"/>).</summary>
    [Id(2)] public Orleans.Streams.StreamSequenceToken? Position { get; set; }
}
